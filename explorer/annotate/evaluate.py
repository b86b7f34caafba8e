"""`story-explorer eval`: score the annotator against brat gold attributions.

The corpus is in PolNeAR's layout: `GOLD_DIR/text/NAME.txt` and
`GOLD_DIR/attributions/NAME_ANNOTATOR.ann` (or `NAME.ann`).  When several
annotators annotated an article, the alphabetically first file is used,
always the same one.

Scoring, per article, then summed over the corpus (micro-averaged):

- Content spans are compared with quote marks and surrounding spaces trimmed
  from each fragment.  A prediction matches a gold attribution when their
  overlap is at least half the longer of the two; matching is one to one,
  best overlaps first.
- Precision, recall and F1 of content, for all attributions and for quoted
  speech only.  Quoted gold is gold whose content holds a quotation mark;
  there only quoted predictions count: those matching quoted gold, and
  unmatched ones whose content holds a quotation mark.  A prediction that
  matches reported (unquoted) gold counts neither for nor against.
- Source accuracy: the share of matched attributions whose source mention
  overlaps the gold source (both without a source also agree).
"""

from __future__ import annotations

import argparse

import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from explorer.annotate.brat import BratAttribution, BratError, Spans, attributions_of, read_ann
from explorer.annotate.pipeline import AnnotateError

#: Characters trimmed from both ends of a content fragment before comparing.
TRIMMED = " \t\r\n\"“”‘’'`«»"
#: A quotation mark in a content span: curly or straight double quotes, a
#: doubled apostrophe ('' in the NYT archive) or an opening single quote.
QUOTATION_MARK = re.compile(r"[“”\"‘«»]|''")
#: The least share of the longer span that two contents must overlap to match.
MIN_OVERLAP = 0.5
#: Articles parsed per batch, and from how many articles on a second process pays.
BATCH_SIZE = 16
PARALLEL_FROM = 24


class EvalError(Exception):
    """A problem with the corpus or the predictions; one line, shown as is."""


# --- scoring ----------------------------------------------------------------------


def trim_spans(text: str, spans: Spans) -> Spans:
    """Each fragment without quote marks and spaces at its ends (empty ones dropped)."""
    trimmed = []
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start] in TRIMMED:
            start += 1
        while end > start and text[end - 1] in TRIMMED:
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return tuple(trimmed)


def span_length(spans: Spans) -> int:
    return sum(end - start for start, end in spans)


def overlap(a: Spans, b: Spans) -> int:
    """Characters two fragment lists share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def holds_quotation(text: str, spans: Spans) -> bool:
    return any(QUOTATION_MARK.search(text[start:end]) for start, end in spans)


@dataclass
class Counts:
    """Matching counts for one article or a whole corpus."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    source_agrees: int = 0

    def add(self, other: "Counts") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.source_agrees += other.source_agrees

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def source_accuracy(self) -> float:
        return self.source_agrees / self.matched if self.matched else 1.0

    def as_dict(self) -> dict:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "source_accuracy": round(self.source_accuracy, 4),
        }


@dataclass
class ArticleScore:
    name: str
    all: Counts = field(default_factory=Counts)
    quoted: Counts = field(default_factory=Counts)


def _sources_agree(text: str, gold: BratAttribution, predicted: BratAttribution) -> bool:
    gold_source, predicted_source = trim_spans(text, gold.source), trim_spans(text, predicted.source)
    if not gold_source or not predicted_source:
        return not gold_source and not predicted_source
    return overlap(gold_source, predicted_source) > 0


def match(text: str, gold: list[BratAttribution], predicted: list[BratAttribution]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best overlaps first."""
    gold_spans = [trim_spans(text, g.content) for g in gold]
    predicted_spans = [trim_spans(text, p.content) for p in predicted]
    candidates = []
    for gi, g in enumerate(gold_spans):
        g_first, g_last, g_length = (g[0][0], g[-1][1], span_length(g)) if g else (0, 0, 0)
        for pi, p in enumerate(predicted_spans):
            if not g or not p or p[0][0] >= g_last or p[-1][1] <= g_first:
                continue
            shared = overlap(g, p)
            ratio = shared / max(g_length, span_length(p))
            if ratio >= MIN_OVERLAP:
                candidates.append((-ratio, gi, pi))
    candidates.sort()
    pairs, gold_taken, predicted_taken = [], set(), set()
    for _, gi, pi in candidates:
        if gi not in gold_taken and pi not in predicted_taken:
            gold_taken.add(gi)
            predicted_taken.add(pi)
            pairs.append((gi, pi))
    return pairs


def score_article(name: str, text: str, gold: list[BratAttribution], predicted: list[BratAttribution]) -> ArticleScore:
    score = ArticleScore(name)
    pairs = match(text, gold, predicted)
    gold_quoted = [holds_quotation(text, g.content) for g in gold]
    predicted_quoted = [holds_quotation(text, p.content) for p in predicted]
    score.all = Counts(gold=len(gold), predicted=len(predicted), matched=len(pairs))
    score.quoted.gold = sum(gold_quoted)
    matched_predictions = set()
    for gi, pi in pairs:
        agrees = _sources_agree(text, gold[gi], predicted[pi])
        score.all.source_agrees += agrees
        matched_predictions.add(pi)
        if gold_quoted[gi]:
            score.quoted.matched += 1
            score.quoted.predicted += 1
            score.quoted.source_agrees += agrees
    # Unmatched predictions that look quoted count against precision.
    score.quoted.predicted += sum(1 for pi, quoted in enumerate(predicted_quoted) if quoted and pi not in matched_predictions)
    return score


# --- corpus -----------------------------------------------------------------------


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise EvalError(f"{path}: not UTF-8 text (byte {error.start})") from error
    except OSError as error:
        raise EvalError(f"{path}: {error.strerror or error}") from error


def _read_ann(path: Path) -> list[BratAttribution]:
    try:
        return read_ann(_read(path)).attributions
    except BratError as error:
        raise EvalError(f"{path}:{error}") from error


def annotation_file(folder: Path, name: str, files: dict[str, list[str]]) -> Path | None:
    """NAME.ann, else the alphabetically first NAME_ANNOTATOR.ann, in `folder`."""
    candidates = files.get(name)
    if not candidates:
        return None
    return folder / (f"{name}.ann" if f"{name}.ann" in candidates else min(candidates))


def _annotation_index(folder: Path, names: set[str]) -> dict[str, list[str]]:
    """Article name -> the .ann files in `folder` that belong to it."""
    index: dict[str, list[str]] = {}
    for entry in sorted(os.listdir(folder)):
        if not entry.endswith(".ann"):
            continue
        stem = entry[: -len(".ann")]
        name = stem if stem in names else stem.rsplit("_", 1)[0]
        if name in names:
            index.setdefault(name, []).append(entry)
    return index


def load_corpus(gold_dir: Path, limit: int | None = None) -> list[tuple[str, str, list[BratAttribution]]]:
    """(name, text, gold attributions) for every article that has a gold file."""
    text_dir, ann_dir = gold_dir / "text", gold_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalError(f"{gold_dir}: not a corpus in PolNeAR's layout (needs text/ and attributions/ folders)")
    names = {p.stem for p in text_dir.glob("*.txt")}
    index = _annotation_index(ann_dir, names)
    corpus = []
    for name in sorted(index):
        if limit is not None and len(corpus) >= limit:
            break
        corpus.append((name, _read(text_dir / f"{name}.txt"), _read_ann(annotation_file(ann_dir, name, index))))
    if not corpus:
        raise EvalError(f"{gold_dir}: no article has both text/NAME.txt and attributions/NAME*.ann")
    return corpus


def read_predictions(pred_dir: Path, corpus) -> tuple[list[list[BratAttribution]], int]:
    """Predicted attributions per article, and how many articles had no file."""
    if not pred_dir.is_dir():
        raise EvalError(f"{pred_dir}: no such folder")
    index = _annotation_index(pred_dir, {name for name, _, _ in corpus})
    predictions, missing = [], 0
    for name, _, _ in corpus:
        path = annotation_file(pred_dir, name, index)
        if path is None:
            missing += 1
            predictions.append([])
        else:
            predictions.append(_read_ann(path))
    return predictions, missing


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The article's paragraphs, read as `annotate` reads them."""
    from explorer.annotate.article import read_article

    return read_article(text).paragraphs


def annotate_corpus(corpus, model: str | None, jobs: int) -> tuple[list[list[BratAttribution]], str]:
    """Run the annotator over the corpus (the model loaded once): predictions and the model's name."""
    from explorer.annotate.extract import extract
    from explorer.annotate.pipeline import load_pipeline, model_name

    nlp = load_pipeline(model)
    texts = [text for _, text, _ in corpus]
    processes = max(1, jobs) if len(texts) >= PARALLEL_FROM else 1
    predictions = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes)):
        predictions.append(attributions_of(extract(doc, paragraph_spans(text)), text))
    return predictions, model_name(nlp)


def evaluate(corpus, predictions) -> tuple[ArticleScore, list[ArticleScore]]:
    """The corpus total and the score of each article."""
    total = ArticleScore("total")
    scores = []
    for (name, text, gold), predicted in zip(corpus, predictions):
        score = score_article(name, text, gold, predicted)
        total.all.add(score.all)
        total.quoted.add(score.quoted)
        scores.append(score)
    return total, scores


def worst_articles(scores: list[ArticleScore], n: int) -> list[ArticleScore]:
    """The n articles with the lowest F1 over all attributions (the most gold first on ties)."""
    return sorted(scores, key=lambda s: (s.all.f1, -s.all.gold, s.name))[:n]


# --- output -----------------------------------------------------------------------


def _table(total: ArticleScore, worst: list[ArticleScore], header: str) -> str:
    lines = [header, ""]
    lines.append(f"{'':18}{'gold':>7}{'pred':>7}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}{'source':>9}")
    for label, counts in (("quoted speech", total.quoted), ("all attributions", total.all)):
        lines.append(
            f"{label:18}{counts.gold:7d}{counts.predicted:7d}{counts.matched:7d}"
            f"{counts.precision:8.3f}{counts.recall:8.3f}{counts.f1:8.3f}{counts.source_accuracy:9.3f}"
        )
    lines.append("")
    lines.append("P, R, F1: quote content (>= 50% overlap, one to one); source: matched ones whose source mention overlaps")
    if worst:
        lines += ["", f"worst {len(worst)} articles (by F1 over all attributions):"]
        lines.append(f"{'all F1':>7}{'quoted F1':>10}{'gold':>6}{'pred':>6}  article")
        for score in worst:
            lines.append(f"{score.all.f1:7.3f}{score.quoted.f1:10.3f}{score.all.gold:6d}{score.all.predicted:6d}  {score.name}")
    return "\n".join(lines)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer eval",
        description="Score the annotator against gold attributions in PolNeAR's layout (GOLD_DIR/text/*.txt, "
        "GOLD_DIR/attributions/*.ann in brat standoff): precision, recall and F1 of quote content "
        "(at least 50%% character overlap, one to one) and the share of matched quotes whose source "
        "mention overlaps the gold one, for all attributions and for quoted speech only.",
    )
    parser.add_argument("gold", metavar="GOLD_DIR", help="folder with text/ and attributions/")
    parser.add_argument("--pred", metavar="DIR", help="score these predicted .ann files instead of running the annotator")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--worst", metavar="N", type=int, default=0, help="also list the N worst articles")
    parser.add_argument("--model", metavar="NAME", help="spaCy model package (default: an installed en_core_web_* package)")
    parser.add_argument("--limit", metavar="N", type=int, help="score only the first N articles")
    parser.add_argument("--jobs", metavar="N", type=int, default=1, help="worker processes for parsing (default: 1)")
    return parser


def run(args: argparse.Namespace) -> int:
    """The `eval` command: see the module docstring.  Exit status 0, or 1 on bad input."""
    gold_dir = Path(args.gold)
    try:
        corpus = load_corpus(gold_dir, getattr(args, "limit", None))
        missing = 0
        if args.pred:
            predictions, missing = read_predictions(Path(args.pred), corpus)
            predictor = f"predictions in {args.pred}"
        else:
            predictions, model = annotate_corpus(corpus, args.model, getattr(args, "jobs", 1) or 1)
            predictor = f"annotator, model {model}"
    except (EvalError, AnnotateError) as error:
        print(f"story-explorer eval: {error}", file=sys.stderr)
        return 1
    total, scores = evaluate(corpus, predictions)
    worst = worst_articles(scores, args.worst or 0)
    if args.json:
        report = {
            "gold": str(gold_dir),
            "articles": len(corpus),
            "predictions": predictor,
            "missing_predictions": missing,
            "quoted": total.quoted.as_dict(),
            "all": total.all.as_dict(),
            "worst": [{"article": s.name, "all": s.all.as_dict(), "quoted": s.quoted.as_dict()} for s in worst],
        }
        print(json.dumps(report, indent=2))
    else:
        header = f"{gold_dir}: {len(corpus)} articles; {predictor}"
        if missing:
            header += f"; {missing} without a prediction file (scored as empty)"
        print(_table(total, worst, header))
    return 0
