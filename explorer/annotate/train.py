"""`story-explorer train`: rebuild the annotator's model from a corpus.

    story-explorer train CORPUS [-o FILE [--force]] [--jobs N] [--cache FILE]

CORPUS is in PolNeAR's layout (text/ and attributions/).  Its held-out
articles (`explorer.annotate.heldout`) are left out: the model learns from
the rest only.  The articles are parsed with the annotator's pipeline (once;
`--cache FILE` keeps the parses in a spaCy DocBin for the next run), then
`explorer.annotate.training` fits the model, and the JSON is written to FILE
(by default the package's own model file, which the annotator loads, and
which is replaced; an existing FILE only with `--force`).  The same corpus
and spaCy model give the same file, byte for byte.  Where the model and the
cache go is checked before any work, and a cache file that is not one is
refused, never replaced.  An article that cannot be read is left out, as
`eval` leaves it out (`explorer.annotate.corpus`): the model is trained on
the rest and names the articles left out (`about.left_out`), and the exit
status is 1.  The same files give the same model.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from explorer.annotate.corpus import EvalError, load_corpus
from explorer.annotate.evaluate import BATCH_SIZE, article_spans
from explorer.annotate.learned import MODEL_FILE
from explorer.annotate.options import at_least, held_to_cpus, refuse_empty_names, say
from explorer.annotate.pipeline import AnnotateError
from explorer.files import os_error_message, shown_path, write_bytes_atomic, write_problem
from explorer.wording import counted

#: Where the package keeps its model, which `train` rewrites by default.
PACKAGE_MODEL = Path(__file__).resolve().parent / "data" / MODEL_FILE


class TrainInputError(Exception):
    """An output or a cache `train` cannot use; the message is one line."""


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer train",
        description="Rebuild the annotator's model (which cue constructions report speech, and how sure to be "
        "of each quote) from a corpus in PolNeAR's layout. The held-out articles are left out. The same corpus "
        "and spaCy model give the same model file, byte for byte. An article whose text or .ann file cannot be "
        "read, is malformed, or has a span past the end of the text is left out, with one line naming the file; "
        "the model is trained on the rest and names those left out. Exit status 0 when the model was written "
        "from every article, 1 on bad input (an article left out, a corpus, -o FILE or cache that cannot be used), "
        "2 on bad usage.",
    )
    parser.add_argument("corpus", metavar="CORPUS", help="folder with text/ and attributions/ (PolNeAR's layout)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help=f"where to write the model (default: the package's {MODEL_FILE}, the model the annotator "
                        "uses, which is replaced)")
    parser.add_argument("--force", action="store_true", help="replace FILE when it exists")
    parser.add_argument("--jobs", metavar="N", type=at_least(1), default=1,
                        help="worker processes for parsing, at most one a CPU (default: 1)")
    parser.add_argument("--cache", metavar="FILE",
                        help="keep the parsed articles in this file and read them from it next time (a file of "
                        "anything else is refused, not replaced)")
    parser.add_argument("--model", metavar="NAME", help="spaCy model package (default: an installed en_core_web_* package)")
    return parser


def _check_outputs(output: Path, force: bool, cache: Path | None) -> None:
    """`TrainInputError` when the model or the cache could not be written: said before
    the minutes of parsing and fitting, not after them."""
    for path, replaced in ((output, force), (cache, True)):
        problem = None if path is None else write_problem(path, force=replaced)
        if problem:
            raise TrainInputError(problem)


#: A --cache file that is not one: said, and left as it is.
_NOT_A_CACHE = "{}: not a cache of parsed articles (delete it or name another)"


def _kept_parses(cache: Path | None):
    """The parses kept in `cache` (a spaCy DocBin), None when there is no such file yet.

    A file that is not such a cache is refused, never replaced: `--cache` may name a
    file of the user's by mistake.
    """
    from spacy.tokens import DocBin

    if cache is None or not cache.exists():
        return None
    try:
        return DocBin().from_bytes(cache.read_bytes())
    except OSError as error:
        raise TrainInputError(f"cannot read {shown_path(cache)}: {os_error_message(error)}") from None
    except Exception:  # noqa: BLE001 -- any bytes at all go through spaCy's decoder, which fails in many ways
        raise TrainInputError(_NOT_A_CACHE.format(shown_path(cache))) from None


def _parsed(nlp, texts: list[str], jobs: int, cache: Path | None, kept, progress) -> list:
    """The texts parsed, from the `kept` parses when they are exactly these texts'; a
    fresh parse is kept in `cache` (written whole or not at all) for the next run."""
    from spacy.tokens import DocBin

    if kept is not None:
        try:
            docs = list(kept.get_docs(nlp.vocab))
        except Exception:  # noqa: BLE001 -- a DocBin's parts decoded, but not into parses
            raise TrainInputError(_NOT_A_CACHE.format(shown_path(cache))) from None
        if [doc.text for doc in docs] == texts:
            progress(f"{len(docs)} parsed articles read from {shown_path(cache)}")
            return docs
    progress(f"parsing {len(texts)} articles")
    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=jobs))
    if cache is not None:
        _write(cache, DocBin(docs=docs, store_user_data=False).to_bytes(), force=True)
    return docs


def _write(path: Path, data: bytes, *, force: bool) -> None:
    try:
        write_bytes_atomic(path, data, force=force)
    except FileExistsError:
        raise TrainInputError(f"{shown_path(path)} already exists (use --force to overwrite)") from None
    except OSError as error:
        raise TrainInputError(f"cannot write {shown_path(path)}: {os_error_message(error)}") from None


def run(args: argparse.Namespace) -> int:
    """The `train` command: see the module docstring.  Exit status 0, 1 on bad input (an article
    left out included), 2 on bad usage."""
    from explorer.annotate.pipeline import load_pipeline, model_name
    from explorer.annotate.training import TrainingArticle, TrainingError, train_model

    started = time.perf_counter()

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    if refuse_empty_names("train", {"CORPUS": args.corpus, "-o": args.output, "--cache": args.cache}):
        return 2
    output = PACKAGE_MODEL if args.output is None else Path(args.output)
    cache = None if args.cache is None else Path(args.cache)
    if cache is not None and os.path.realpath(cache) == os.path.realpath(output):
        print("story-explorer train: -o and --cache name the same file", file=sys.stderr)
        return 2
    jobs = held_to_cpus("train", args.jobs, f"--jobs {args.jobs:,}")
    force = args.force or args.output is None  # the package's model is replaced, as documented
    try:
        _check_outputs(output, force, cache)
        corpus = load_corpus(Path(args.corpus), split="rest", say=say)
        kept = _kept_parses(cache)
        nlp = load_pipeline(args.model)
        texts = [text for _, text, _ in corpus.articles]
        unread = f", and {len(corpus.left_out):,} that cannot be read" if corpus.left_out else ""
        progress(f"{len(texts)} articles to learn from (the held-out ones left out{unread})")
        docs = _parsed(nlp, texts, jobs, cache, kept, progress)
        articles = [TrainingArticle(name, text, doc, article_spans(text), gold)
                    for (name, text, gold), doc in zip(corpus.articles, docs)]
        about = {"corpus": "PolNeAR training split without its held-out articles", "spacy_model": model_name(nlp)}
        if corpus.left_out:  # the model says what it was trained without
            about["left_out"] = corpus.left_out
        model = train_model(articles, about, progress)
        _write(output, model.to_json().encode("utf-8"), force=force)
        output.chmod(0o644)  # package data: readable by whoever runs the annotator
    except (EvalError, AnnotateError, TrainingError, TrainInputError) as error:
        print(f"story-explorer train: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the chmod
        print(f"story-explorer train: cannot write {shown_path(output)}: {os_error_message(error)}", file=sys.stderr)
        return 1
    figures = model.about["out_of_fold"]
    print(f"wrote {shown_path(output)}: {len(model.cues.weights):,} cue features, threshold {model.threshold}; "
          f"out of fold on {len(articles)} articles: P {figures['precision']:.3f} R {figures['recall']:.3f} "
          f"F1 {figures['f1']:.3f}, exact F1 {figures['exact_f1']:.3f} (all attributions); {time.perf_counter() - started:.0f} s"
          + (f"; {counted(len(corpus.left_out), 'article', 'articles')} left out (said above)" if corpus.left_out else ""))
    return 1 if corpus.left_out else 0
