"""`story-explorer eval`: score the annotator against gold attributions.

Two kinds of gold: a corpus in PolNeAR's layout (`eval GOLD_DIR`, read by
`explorer.annotate.corpus`; `--split heldout|rest` scores the held-out
articles or the others, `explorer.annotate.heldout`), or stories a person
has checked (`eval --stories DIR`, `explorer.annotate.story_gold`).  The
predictions are the annotator's own run, or for a corpus brat files
(`--pred DIR`).  The scoring rules are in `explorer.annotate.scoring`: per
article, then summed over the corpus (micro-averaged), for quoted speech and
for all attributions: content precision, recall and F1 (overlap rule and
exact spans) and source accuracy.  `--calibration` adds the table of
confidence against the share of quotes that are right.  An article of a
corpus that cannot be read is left out (`explorer.annotate.corpus`): the
rest are scored, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from explorer.annotate.brat import attributions_with_speakers
from explorer.annotate.corpus import Corpus, EvalError, load_corpus, read_predictions
from explorer.annotate.heldout import SPLITS
from explorer.annotate.options import at_least, held_to_cpus, refuse_empty_names, say
from explorer.annotate.pipeline import AnnotateError
from explorer.annotate.report import calibration_table, score_table
from explorer.annotate.scoring import ArticleScore, calibration, chance_of_a_miss, quote_is_right, score_article, spans_agree
from explorer.annotate.story_gold import GoldStory, load_story_corpus, speaker_labels
from explorer.files import shown_path
from explorer.wording import counted

#: Articles parsed per batch, and from how many articles on a second process pays.
BATCH_SIZE = 16
PARALLEL_FROM = 24


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer eval",
        description="Score the annotator against gold attributions: a corpus in PolNeAR's layout (GOLD_DIR/text/*.txt, "
        "GOLD_DIR/attributions/*.ann in brat standoff) or checked stories (--stories DIR). Prints, for quoted speech "
        "and for all attributions, the precision, recall and F1 of quote content (matched one to one with at least "
        "50% character overlap), the F1 of exact content spans, and the share of matched quotes whose speaker "
        "agrees with the gold one. Exit status 1 on bad input or when nothing was predicted, 2 on bad usage.",
        epilog="With --stories, a story is gold only when every one of its quotes has a review state (confirmed, "
        "corrected or rejected): its confirmed and corrected quotes are gold, rejected ones are not. Stories not "
        "fully checked are skipped and counted; a story file that does not load is left out, as a bad article is "
        "(below). Their paragraphs are annotated afresh, and a matched quote's "
        "speaker agrees when it shares a name or an alias with the gold speaker. In a corpus, an article whose "
        "text or .ann file (gold or --pred) cannot be read, is malformed, or has a span past the end of the text is "
        "left out, with one line naming the file: the others are scored, the report says how many were left out, "
        "and the exit status is 1.",
    )
    parser.add_argument("gold", metavar="GOLD_DIR", nargs="?", help="folder with text/ and attributions/")
    parser.add_argument("--stories", metavar="DIR", help="score against the fully checked stories in DIR instead")
    parser.add_argument("--pred", metavar="DIR", help="score these predicted .ann files instead of running the annotator")
    parser.add_argument("--split", choices=SPLITS, default="all",
                        help="PolNeAR's held-out articles, the rest, or all (default: all)")
    parser.add_argument("--calibration", action="store_true",
                        help="also print the annotator's confidence against the share of its quotes that are right")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--worst", metavar="N", type=at_least(0), default=0, help="also list the N worst articles")
    parser.add_argument("--model", metavar="NAME", help="spaCy model package (default: an installed en_core_web_* package)")
    parser.add_argument("--limit", metavar="N", type=at_least(1), help="score only the first N articles")
    parser.add_argument("--jobs", metavar="N", type=at_least(1), default=1,
                        help="worker processes for parsing, at most one a CPU (default: 1)")
    return parser


def annotate_texts(texts: list[str], paragraphs: list[list[tuple[int, int]]], model: str | None, jobs: int):
    """Run the annotator over `texts` (the model loaded once): their extractions and the model's name."""
    from explorer.annotate.extract import extract
    from explorer.annotate.pipeline import load_pipeline, model_name

    nlp = load_pipeline(model)
    processes = jobs if len(texts) >= PARALLEL_FROM else 1
    docs = nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes)
    extractions = [extract(doc, spans) for doc, spans in zip(docs, paragraphs)]
    return extractions, model_name(nlp)


def article_spans(text: str) -> list[tuple[int, int]]:
    """What the annotator reads of an article: its paragraphs, and its headline (a headline may attribute too)."""
    from explorer.annotate.article import read_article

    article = read_article(text)
    return ([article.title_span] if article.title_span else []) + article.paragraphs


class _Scored:
    """The scores of a run: the total, each article's, and (confidence, right) per quote."""

    def __init__(self) -> None:
        self.total = ArticleScore("total")
        self.articles: list[ArticleScore] = []
        self.quotes: list[tuple[float, bool]] = []

    def add(self, score: ArticleScore) -> None:
        self.total.add(score)
        self.articles.append(score)


def _score_corpus(args, corpus: Corpus) -> tuple[_Scored, str, int, int]:
    """The scores, what made the predictions, how many articles had no prediction file, and how many
    were left out because theirs could not be read."""
    scored, missing = _Scored(), 0
    if args.pred is not None:
        predictions, missing = read_predictions(Path(args.pred), corpus.articles, say=say)
        for (name, text, gold), predicted in zip(corpus.articles, predictions):
            if predicted is not None:
                scored.add(score_article(name, text, gold, predicted))
        return scored, f"predictions in {shown_path(args.pred)}", missing, predictions.count(None)
    texts = [text for _, text, _ in corpus.articles]
    extractions, model = annotate_texts(texts, [article_spans(text) for text in texts], args.model, args.jobs)
    for (name, text, gold), extraction in zip(corpus.articles, extractions):
        scored.add(score_article(name, text, gold, [a for a, _ in attributions_with_speakers(extraction, text)]))
        for quote in extraction.quotes:
            mention = (quote.mention,) if quote.mention else ()
            right = quote_is_right(text, gold, quote.corpus_fragments(), quote.kind == "direct",
                                   lambda g, mention=mention: spans_agree(text, gold[g].source, mention))
            scored.quotes.append((quote.confidence, right))
    return scored, f"annotator, model {model}", missing, 0


def _score_stories(args, stories: list[GoldStory]) -> tuple[_Scored, str]:
    extractions, model = annotate_texts([s.text for s in stories], [s.paragraphs for s in stories], args.model, args.jobs)
    scored = _Scored()
    for story, extraction in zip(stories, extractions):
        names = {s.id: speaker_labels(s.name, s.aliases) for s in extraction.speakers}
        pairs = attributions_with_speakers(extraction, story.text)
        predicted_speakers = [names.get(speaker, frozenset()) for _, speaker in pairs]

        def agree(gold_index: int, speakers: frozenset[str]) -> bool:
            gold_speakers = story.speakers[gold_index]
            return bool(gold_speakers & speakers) if gold_speakers or speakers else True

        scored.add(score_article(story.name, story.text, story.gold, [a for a, _ in pairs],
                                 lambda g, p: agree(g, predicted_speakers[p])))
        for quote in extraction.quotes:
            speakers = names.get(quote.speaker, frozenset())
            right = quote_is_right(story.text, story.gold, quote.corpus_fragments(), quote.kind == "direct",
                                   lambda g, speakers=speakers: agree(g, speakers))
            scored.quotes.append((quote.confidence, right))
    return scored, f"annotator, model {model}"


def worst_articles(scores: list[ArticleScore], n: int) -> list[ArticleScore]:
    """The n articles with the lowest F1 over all attributions (the most gold first on ties)."""
    return sorted(scores, key=lambda s: (s.all.f1 if s.all.f1 is not None else 1.0, -s.all.gold, s.name))[:n]


def _usage_error(args: argparse.Namespace) -> str | None:
    """What is wrong with the arguments taken together, or None."""
    if (args.gold is None) == (args.stories is None):
        return ("give either GOLD_DIR (a PolNeAR-style corpus) or --stories DIR, not both" if args.gold is not None
                else "give GOLD_DIR (a PolNeAR-style corpus) or --stories DIR")
    if args.stories is not None and (args.pred is not None or args.split != "all"):
        return "--pred and --split go with GOLD_DIR, not --stories"
    if args.calibration and args.pred is not None:
        return "--calibration needs the annotator's own run: .ann files carry no confidence"
    return None


def run(args: argparse.Namespace) -> int:
    """The `eval` command: see the module docstring.  Exit status 0, 1 on bad input (an article
    left out included), 2 on bad usage."""
    if refuse_empty_names("eval", {"GOLD_DIR": args.gold, "--stories": args.stories, "--pred": args.pred}):
        return 2
    usage = _usage_error(args)
    if usage:
        print(f"story-explorer eval: {usage}", file=sys.stderr)
        return 2
    notes: list[str] = []
    missing = left_out = 0
    if args.pred is None:  # the annotator runs: its parsing is what the workers share
        args.jobs = held_to_cpus("eval", args.jobs, f"--jobs {args.jobs:,}")
    try:
        if args.stories is not None:
            corpus = load_story_corpus(Path(args.stories), say=say)
            left_out = corpus.broken
            skipped = corpus.unchecked + corpus.broken
            if skipped:
                notes.append(f"skipped {skipped} stor{'y' if skipped == 1 else 'ies'}: {corpus.unchecked} not fully "
                             f"checked, {corpus.broken} that do not load" + (" (said above)" if corpus.broken else ""))
            if not corpus.stories:
                raise EvalError(f"{shown_path(args.stories)}: no fully checked story to score"
                                + (f" ({notes[0]})" if notes else ""))
            stories = corpus.stories[: args.limit]
            scored, predictor = _score_stories(args, stories)
            count = len(stories)
            what = f"{shown_path(args.stories)}: {count} checked stor{'y' if count == 1 else 'ies'}"
        else:
            corpus = load_corpus(Path(args.gold), args.limit, args.split, say=say)
            scored, predictor, missing, unpredicted = _score_corpus(args, corpus)
            left_out = len(corpus.left_out) + unpredicted
            count = len(scored.articles)
            split = "" if args.split == "all" else f" ({args.split})"
            what = f"{shown_path(args.gold)}: {counted(count, 'article', 'articles')}{split}"
            if missing:
                notes.append(f"{missing} without a prediction file (scored as empty)")
            if left_out:
                notes.append(f"{counted(left_out, 'article', 'articles')} left out (said above)")
    except (EvalError, AnnotateError) as error:
        print(f"story-explorer eval: {error}", file=sys.stderr)
        return 1
    worst = worst_articles(scored.articles, args.worst)
    deciles = calibration(scored.quotes) if args.calibration else None
    miss = chance_of_a_miss([confidence for confidence, _ in scored.quotes]) if args.calibration else None
    if args.json:
        report = {
            "gold": str(args.gold or args.stories),
            "articles": count,
            "split": args.split,
            "predictions": predictor,
            "missing_predictions": missing,
            "left_out": left_out,
            "notes": notes,
            "quoted": scored.total.quoted.as_dict(),
            "all": scored.total.all.as_dict(),
            "worst": [{"article": s.name, "all": s.all.as_dict(), "quoted": s.quoted.as_dict()} for s in worst],
        }
        if deciles is not None:
            report["calibration"] = [
                {"low": d.low, "high": d.high, "quotes": d.quotes, "mean_confidence": d.mean_confidence,
                 "share_right": d.share_right, "calibrated": d.calibrated} for d in deciles
            ]
            report["calibration_chance_of_a_miss_if_calibrated"] = miss
        print(json.dumps(report, indent=2))
    else:
        print(score_table(scored.total, worst, "; ".join([what, predictor, *notes])))
        if deciles is not None:
            print()
            print(calibration_table(deciles, miss))
    return 1 if left_out else 0
