"""Run the annotator over every article of a corpus and fail loudly on any crash.

    python tests/bench/annotate_every_article.py [FOLDER] [--jobs N]

FOLDER is a folder of .txt articles or a corpus in PolNeAR's layout (its
text/ folder is read); by default PolNeAR's training split, found as
tests/polnear.py says.  Each article goes the whole way a story takes:
reading, parsing, extraction, building the story, writing it and loading it
back through the checking loader, and writing its brat standoff.  An
exception anywhere is printed with the article's name and its traceback; the
exit status is 1 if any article failed, 0 otherwise.  The batch itself
(`annotate`) keeps going past a failing article, which is why a crash has to
be looked for here: there it would only be one line among many.

It also prints the time our part takes per article (all but parsing), to
spot one that costs far more than its length.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `explorer` and `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.polnear import SKIP_REASON, polnear_train

BATCH_SIZE = 16


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", help="articles (.txt), or a PolNeAR-style corpus (default: PolNeAR train)")
    parser.add_argument("--jobs", type=int, default=1, help="parsing processes (default: 1)")
    args = parser.parse_args()
    folder = Path(args.folder) if args.folder else polnear_train()
    if folder is None:
        print(SKIP_REASON, file=sys.stderr)
        return 2
    if (folder / "text").is_dir():
        folder = folder / "text"
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        print(f"{folder}: no .txt articles", file=sys.stderr)
        return 2

    from explorer.annotate.article import read_article
    from explorer.annotate.brat import write_ann
    from explorer.annotate.build import build_story
    from explorer.annotate.extract import extract
    from explorer.annotate.pipeline import load_pipeline
    from explorer.storyfile import dump_story, parse_story

    nlp = load_pipeline()
    articles = [read_article(path.read_text(encoding="utf-8")) for path in paths]
    failures: list[str] = []
    slowest: list[tuple[float, str]] = []
    started = time.perf_counter()
    texts = ((article.analysis_text, number) for number, article in enumerate(articles))
    for doc, number in nlp.pipe(texts, as_tuples=True, batch_size=BATCH_SIZE, n_process=args.jobs):
        path, article = paths[number], articles[number]
        before = time.perf_counter()
        try:
            extraction = extract(doc, article.paragraphs)
            story = build_story(article, extraction, language=nlp.lang)
            parse_story(dump_story(story), f"{path.stem}.yaml")
            write_ann(extraction, article.text)
        except Exception:  # what this script is for: report every crash, with its traceback
            failures.append(path.name)
            print(f"CRASH in {path}:\n{traceback.format_exc()}", file=sys.stderr, flush=True)
        slowest.append((time.perf_counter() - before, path.name))
    elapsed = time.perf_counter() - started
    slowest.sort(reverse=True)
    ours = sum(seconds for seconds, _ in slowest)
    print(f"{len(paths)} articles in {elapsed:.0f} s, of which {ours:.1f} s after parsing "
          f"({ours / len(paths) * 1000:.1f} ms an article); slowest after parsing: "
          + ", ".join(f"{name} {seconds * 1000:.0f} ms" for seconds, name in slowest[:3]))
    if failures:
        print(f"FAILED: {len(failures)} article(s) crashed the annotator: {', '.join(failures)}", file=sys.stderr)
        return 1
    print("no article crashed the annotator")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
