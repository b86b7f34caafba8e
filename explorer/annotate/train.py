"""`story-explorer train`: rebuild the annotator's model from a corpus.

    story-explorer train CORPUS [-o FILE] [--jobs N] [--cache FILE]

CORPUS is in PolNeAR's layout (text/ and attributions/).  Its held-out
articles (`explorer.annotate.heldout`) are left out: the model learns from
the rest only.  The articles are parsed with the annotator's pipeline (once;
`--cache FILE` keeps the parses in a spaCy DocBin for the next run), then
`explorer.annotate.training` fits the model, and the JSON is written to FILE
(by default the package's own model file, which the annotator loads).  The
same corpus and spaCy model give the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from explorer.annotate.corpus import EvalError, load_corpus
from explorer.annotate.evaluate import BATCH_SIZE, article_spans
from explorer.annotate.learned import MODEL_FILE
from explorer.annotate.options import at_least, held_to_cpus, refuse_empty_names
from explorer.annotate.pipeline import AnnotateError
from explorer.files import shown_path, write_text_atomic

#: Where the package keeps its model, which `train` rewrites by default.
PACKAGE_MODEL = Path(__file__).resolve().parent / "data" / MODEL_FILE


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer train",
        description="Rebuild the annotator's model (which cue constructions report speech, and how sure to be "
        "of each quote) from a corpus in PolNeAR's layout. The held-out articles are left out. The same corpus "
        "and spaCy model give the same model file, byte for byte.",
    )
    parser.add_argument("corpus", metavar="CORPUS", help="folder with text/ and attributions/ (PolNeAR's layout)")
    parser.add_argument("-o", "--output", metavar="FILE", help=f"where to write the model (default: the package's {MODEL_FILE})")
    parser.add_argument("--jobs", metavar="N", type=at_least(1), default=1,
                        help="worker processes for parsing, at most one a CPU (default: 1)")
    parser.add_argument("--cache", metavar="FILE", help="keep the parsed articles in this file and read them from it next time")
    parser.add_argument("--model", metavar="NAME", help="spaCy model package (default: an installed en_core_web_* package)")
    return parser


def _parsed(nlp, texts: list[str], jobs: int, cache: Path | None, progress) -> list:
    """The texts parsed, from `cache` when it holds exactly these texts' parses."""
    from spacy.tokens import DocBin

    if cache is not None and cache.is_file():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [doc.text for doc in docs] == texts:
            progress(f"{len(docs)} parsed articles read from {shown_path(cache)}")
            return docs
    progress(f"parsing {len(texts)} articles")
    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=jobs))
    if cache is not None:
        DocBin(docs=docs, store_user_data=False).to_disk(cache)
    return docs


def run(args: argparse.Namespace) -> int:
    """The `train` command: see the module docstring.  Exit status 0, 1 on bad input, 2 on bad usage."""
    from explorer.annotate.pipeline import load_pipeline, model_name
    from explorer.annotate.training import TrainingArticle, TrainingError, train_model

    started = time.perf_counter()

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    if refuse_empty_names("train", {"CORPUS": args.corpus, "-o": args.output, "--cache": args.cache}):
        return 2
    output = PACKAGE_MODEL if args.output is None else Path(args.output)
    jobs = held_to_cpus("train", args.jobs, f"--jobs {args.jobs:,}")
    try:
        corpus = load_corpus(Path(args.corpus), split="rest")
        nlp = load_pipeline(args.model)
        texts = [text for _, text, _ in corpus]
        progress(f"{len(texts)} articles to learn from (the held-out ones left out)")
        docs = _parsed(nlp, texts, jobs, None if args.cache is None else Path(args.cache), progress)
        articles = [TrainingArticle(name, text, doc, article_spans(text), gold)
                    for (name, text, gold), doc in zip(corpus, docs)]
        about = {"corpus": "PolNeAR training split without its held-out articles", "spacy_model": model_name(nlp)}
        model = train_model(articles, about, progress)
        write_text_atomic(output, model.to_json(), force=True)
        output.chmod(0o644)  # package data: readable by whoever runs the annotator
    except (EvalError, AnnotateError, TrainingError) as error:
        print(f"story-explorer train: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"story-explorer train: cannot write {shown_path(output)}: {error.strerror or error}", file=sys.stderr)
        return 1
    figures = model.about["out_of_fold"]
    print(f"wrote {shown_path(output)}: {len(model.cues.weights):,} cue features, threshold {model.threshold}; "
          f"out of fold on {len(articles)} articles: P {figures['precision']:.3f} R {figures['recall']:.3f} "
          f"F1 {figures['f1']:.3f}, exact F1 {figures['exact_f1']:.3f} (all attributions); {time.perf_counter() - started:.0f} s")
    return 0
