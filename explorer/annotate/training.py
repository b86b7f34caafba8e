"""Training the annotator's model from a corpus in PolNeAR's layout.

`train_model(articles)` takes parsed articles with their gold attributions
(the held-out ones are refused) and returns an `AttributionModel`:

1. Every candidate construction of every article (after the quoted-speech
   rules have taken their share, as at annotation time) is labelled: it is
   an attribution when a gold attribution's cue holds the construction's cue
   word and their contents match by eval's rule (at least half the longer
   span).  The cue model is a logistic model over their features.
2. The articles are cut into `FOLDS` groups; for each, a cue model trained on
   the other groups annotates it.  On those out-of-fold annotations the
   threshold that gives the best F1 over all attributions is chosen, and the
   confidence model is fitted to say which quotes were right (content
   matched and speaker mention agreeing, per quote; see `quote_is_right`).
3. The final cue model is trained on all the articles.

Everything is deterministic: the same corpus and spaCy model give the same
JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from explorer.annotate.brat import BratAttribution, attributions_of
from explorer.annotate.candidates import Findings
from explorer.annotate.document import Document
from explorer.annotate.confidence import confidence_features
from explorer.annotate.scoring import MIN_OVERLAP, ArticleScore, overlap, quote_is_right, score_article, span_length, spans_agree, trim_spans
from explorer.annotate.features import construction_features
from explorer.annotate.heldout import held_out_names
from explorer.annotate.learned import AttributionModel, LogisticModel, logit
from explorer.annotate.logistic import fit_logistic
from explorer.annotate.quoted import QuotedSpeech
from explorer.annotate.reported import ReportedSpeech

FOLDS = 5
CUE_L2 = 3e-5
CONFIDENCE_L2 = 1e-4
THRESHOLDS = tuple(round(0.1 + 0.025 * n, 3) for n in range(25))  # 0.1 .. 0.7
#: The threshold is the one with the best out-of-fold F1 among those whose
#: precision reaches this (a reviewer's time goes into every false quote).
MIN_PRECISION = 0.79


@dataclass
class TrainingArticle:
    """One parsed article of the corpus with its gold attributions."""

    name: str
    text: str
    doc: object
    paragraphs: list[tuple[int, int]]
    gold: list[BratAttribution] = field(default_factory=list)


class TrainingError(Exception):
    """The corpus cannot be trained on; one line."""


def construction_examples(article: TrainingArticle) -> tuple[list[list], list[int]]:
    """Features and labels of every candidate construction of one article.

    A construction is an attribution when it matches a gold one (see
    `_gold_overlap`); of the candidates of one cue word that match, only
    those that match best are, so that the model learns which content of a
    cue (a clause, an object, a variant without a relative clause ...) the
    corpus takes.
    """
    findings = Findings(Document(article.doc, sorted(article.paragraphs)))
    QuotedSpeech(findings).run()
    reported = ReportedSpeech(findings, model=None)
    proposals = reported.proposals()
    ratios = [_gold_overlap(article, construction) for construction in proposals]
    best: dict[int, float] = {}
    for construction, ratio in zip(proposals, ratios):
        best[construction.cue.i] = max(best.get(construction.cue.i, 0.0), ratio)
    rows = [construction_features(findings.document, construction) for construction in proposals]
    labels = [int(ratio >= MIN_OVERLAP and ratio >= best[c.cue.i] - 1e-9) for c, ratio in zip(proposals, ratios)]
    return rows, labels


def _gold_overlap(article: TrainingArticle, construction) -> float:
    """How well a construction matches the gold: the best overlap ratio (eval's
    rule: shared characters over the longer content) with a gold attribution
    whose cue holds the construction's cue word; 0 without one."""
    doc, text = article.doc, article.text
    fragments = tuple((doc[first].idx, doc[last].idx + len(doc[last].text)) for first, last in construction.fragments())
    predicted = trim_spans(text, fragments)
    cue = construction.cue.idx
    best = 0.0
    for gold in article.gold:
        if not any(start <= cue < end for start, end in gold.cue):
            continue
        content = trim_spans(text, gold.content)
        if content and predicted:
            best = max(best, overlap(content, predicted) / max(span_length(content), span_length(predicted)))
    return best


def _annotate(articles: Sequence[TrainingArticle], model: AttributionModel):
    from explorer.annotate.extract import extract

    return [extract(article.doc, article.paragraphs, model) for article in articles]


def _above(extraction, threshold: float):
    """The extraction without the quotes the cue model scored below `threshold`."""
    cut = logit(threshold)
    return replace(extraction, quotes=[q for q in extraction.quotes if q.score is None or q.score >= cut])


def _score(articles: Sequence[TrainingArticle], extractions) -> ArticleScore:
    total = ArticleScore("total")
    for article, extraction in zip(articles, extractions):
        total.add(score_article(article.name, article.text, article.gold, attributions_of(extraction, article.text)))
    return total


def train_model(articles: Sequence[TrainingArticle], about: dict | None = None,
                progress: Callable[[str], None] = lambda message: None) -> AttributionModel:
    """The model trained on `articles` (see the module docstring)."""
    held = held_out_names()
    if any(article.name in held for article in articles):
        raise TrainingError("the corpus given holds held-out articles: train on the rest only")
    if len(articles) < FOLDS:
        raise TrainingError(f"{len(articles)} articles: training needs at least {FOLDS}")
    examples = [construction_examples(article) for article in articles]
    progress(f"{sum(len(rows) for rows, _ in examples):,} candidate constructions in {len(articles)} articles")
    folds = [list(range(number, len(articles), FOLDS)) for number in range(FOLDS)]
    neutral = LogisticModel({"bias": 0.0})
    out_of_fold: list = [None] * len(articles)
    fold_models = []
    for number, fold in enumerate(folds):
        inside = set(fold)
        rows = [row for i, (r, _) in enumerate(examples) if i not in inside for row in r]
        labels = [label for i, (_, l) in enumerate(examples) if i not in inside for label in l]
        fold_models.append(LogisticModel(fit_logistic(rows, labels, l2=CUE_L2)))
        progress(f"fold {number + 1}/{FOLDS} trained")
    # The kept constructions at a threshold are those kept at threshold 0
    # whose probability reaches it (they are kept best first), so one
    # annotation of each fold serves every threshold.
    for number, fold in enumerate(folds):
        model = AttributionModel(fold_models[number], 0.0, neutral)
        for index, extraction in zip(fold, _annotate([articles[i] for i in fold], model)):
            out_of_fold[index] = extraction
    best = None
    for threshold in THRESHOLDS:
        extractions = [_above(extraction, threshold) for extraction in out_of_fold]
        total = _score(articles, extractions)
        precision, f1 = total.all.precision or 0.0, total.all.f1 or 0.0
        progress(f"threshold {threshold}: P {precision:.3f} R {total.all.recall or 0.0:.3f} F1 {f1:.3f}")
        if precision >= MIN_PRECISION and (best is None or f1 > best[0]):
            best = (total.all.f1, threshold, extractions, total)
    if best is None:
        raise TrainingError(f"no threshold reaches precision {MIN_PRECISION} out of fold")
    f1, threshold, extractions, total = best
    progress(f"threshold {threshold}: out-of-fold F1 {f1:.3f} (P {total.all.precision:.3f}, R {total.all.recall:.3f}, "
             f"exact F1 {total.all.exact_f1:.3f})")
    rows, labels = [], []
    for article, extraction in zip(articles, extractions):
        for quote in extraction.quotes:
            rows.append(confidence_features(quote, article.text))
            mention = (quote.mention,) if quote.mention else ()
            right = quote_is_right(article.text, article.gold, quote.corpus_fragments(), quote.kind == "direct",
                                   lambda g, mention=mention, article=article: spans_agree(article.text, article.gold[g].source, mention))
            labels.append(int(right))
    confidence = LogisticModel(fit_logistic(rows, labels, l2=CONFIDENCE_L2, min_count=5))
    all_rows = [row for rows_, _ in examples for row in rows_]
    all_labels = [label for _, labels_ in examples for label in labels_]
    cues = LogisticModel(fit_logistic(all_rows, all_labels, l2=CUE_L2))
    progress("final model trained")
    summary = dict(about or {})
    summary.update({
        "articles": len(articles),
        "constructions": len(all_labels),
        "out_of_fold": {"threshold": threshold, "precision": round(total.all.precision, 4),
                        "recall": round(total.all.recall, 4), "f1": round(total.all.f1, 4),
                        "exact_f1": round(total.all.exact_f1, 4)},
    })
    return AttributionModel(cues, threshold, confidence, summary)
