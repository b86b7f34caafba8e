"""Time per KB of the inputs built to be slow, at two sizes, so that growth shows.

    python tests/bench/bench_shapes.py [--size KB] [--parse]

For each shape of tests/annotate/shapes.py, at SIZE and 2 x SIZE kilobytes
(default 20 and 40): the time (best of three) to read the article (title, paragraphs,
Markdown, sources) and, with --parse, to run the whole annotation (spaCy's
pipeline, extraction and building the story) on it, in ms per KB.  Linear
work shows the same ms per KB at both sizes; the last column is the ratio
of the times (2.0 for linear growth, 4.0 for quadratic).  Before these were
made linear, 60 KB of `*a ` took 24 s, 6,000 lines 3 s, 8,000 quote marks
7 s in the tokenizer.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `explorer` and `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from explorer.annotate.article import read_article
from tests.annotate.shapes import SHAPES


def _seconds(work, repeat: int = 3) -> float:
    """The best of `repeat` runs (the machine's noise only ever adds time)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20, help="the smaller size in KB (default: 20)")
    parser.add_argument("--parse", action="store_true", help="also time the whole annotation (loads spaCy)")
    args = parser.parse_args()
    annotate = None  # the whole annotation, when --parse asks for it
    if args.parse:
        from explorer.annotate.build import build_story
        from explorer.annotate.extract import extract
        from explorer.annotate.pipeline import load_pipeline

        nlp = load_pipeline()
        nlp.max_length = 10_000_000

        def annotate_text(text: str, markdown: bool) -> None:
            article = read_article(text, markdown=markdown)
            build_story(article, extract(nlp(article.analysis_text), article.paragraphs))

        annotate = annotate_text

    small, large = args.size * 1000, args.size * 2000
    print(f"{'shape':40}{'step':>9}{small // 1000:>7} KB{large // 1000:>7} KB{'ratio':>8}")
    for name, (build, markdown) in SHAPES.items():
        texts = build(small), build(large)
        steps = [("read", lambda text: read_article(text, markdown=markdown))]
        if annotate is not None:
            steps.append(("annotate", lambda text: annotate(text, markdown)))
        for step, run in steps:
            times = [_seconds(lambda text=text: run(text), repeat=3 if step == "read" else 1) for text in texts]
            per_kb = [seconds * 1000 / (len(text) / 1000) for seconds, text in zip(times, texts)]
            print(f"{name:40}{step:>9}{per_kb[0]:8.3f} ms{per_kb[1]:8.3f} ms{times[1] / max(times[0], 1e-9):8.2f}")
    print("(ms per KB; ratio = time at twice the size over time at the size: 2 is linear)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
