"""How fast `annotate` is next to the bare spaCy pipeline it runs on.

    python tests/bench/bench_annotate.py [--limit N] [--jobs N] [--repeat R] [--format story|brat]

Both sides process the same texts (PolNeAR's training articles by default)
with the same model in the same run: "bare" is `nlp.pipe` over the texts
with the model as spaCy loads it; "annotate" is the whole command after its
model load: reading the files, article structure, `nlp.pipe` with the
annotator's pipeline, extraction (the trained model's scoring of every
candidate construction included), building and writing one story (or .ann)
per article into a temporary folder.  Model loading is left out of both
(each loads once, before the clock starts).  With --repeat, the sides
alternate and the median of each is reported.  Both wall-clock and CPU time
(this process and its finished workers) are given: on a busy machine the
wall clock swings with the neighbours' load, CPU time much less.  The target is a ratio
annotate / bare of 0.8 or more: the annotator should cost at most a quarter
on top of parsing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `explorer` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from explorer.annotate import pipeline
from explorer.annotate.commands import BATCH_SIZE, Outputs, annotate, find_inputs
from tests.polnear import SKIP_REASON, polnear_train

TARGET_RATIO = 0.8


class Clock:
    """Wall-clock and CPU seconds (this process and its waited-for children) of a block."""

    def __enter__(self) -> "Clock":
        self.wall, self.cpu = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, _cpu() - self.cpu


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", help="folder of .txt articles (default: PolNeAR train's text/)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--jobs", type=int, default=1, help="processes for both sides (default: 1)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side, alternating (default: 1)")
    parser.add_argument("--format", choices=("story", "brat"), default="story")
    parser.add_argument("--model", help="spaCy model (default: the annotator's default)")
    args = parser.parse_args()
    if args.folder is None:
        corpus = polnear_train()
        if corpus is None:
            print(SKIP_REASON, file=sys.stderr)
            return 2
        args.folder = str(corpus / "text")

    import spacy

    inputs, problems = find_inputs([args.folder])
    if problems or not inputs:
        print("\n".join(problems) or f"{args.folder}: no articles", file=sys.stderr)
        return 1
    inputs = inputs[: args.limit] if args.limit else inputs
    texts = [item.path.read_text(encoding="utf-8") for item in inputs]
    words = sum(len(text.split()) for text in texts)

    model = args.model or pipeline.default_model()
    bare_nlp = spacy.load(model)
    annotator_nlp = pipeline.load_pipeline(model)
    pipeline.load_pipeline = lambda model=None: annotator_nlp  # the command's own load: already done
    processes = min(args.jobs, len(texts))

    def bare() -> Clock:
        with Clock() as clock:
            for _doc in bare_nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes):
                pass
        return clock

    totals = None

    def annotated() -> Clock:
        nonlocal totals
        with tempfile.TemporaryDirectory() as out:
            options = argparse.Namespace(inputs=[args.folder], output=out, model=model, jobs=args.jobs,
                                         format=args.format, force=False, title=None)
            outputs = Outputs(out, args.format, inputs, force=False, single=False)
            with Clock() as clock:
                totals = annotate(inputs, outputs, options)
        return clock

    bare_runs, annotate_runs = [], []
    for run in range(1, max(1, args.repeat) + 1):
        bare_runs.append(bare())
        annotate_runs.append(annotated())
        print(f"run {run}: bare {bare_runs[-1].wall:.1f} s ({bare_runs[-1].cpu:.1f} s CPU), "
              f"annotate {annotate_runs[-1].wall:.1f} s ({annotate_runs[-1].cpu:.1f} s CPU)", file=sys.stderr, flush=True)

    def median(runs: list[Clock], what: str) -> float:
        return statistics.median(getattr(run, what) for run in runs)

    print(f"{len(texts)} articles, {words:,} words, model {pipeline.model_name(annotator_nlp)}, "
          f"jobs {args.jobs}, batch {BATCH_SIZE}, {len(bare_runs)} run(s) each (medians)")
    print(f"{'':26}{'wall':>9}{'words/s':>10}{'CPU':>9}{'words/s':>10}")
    for label, runs in (("bare spaCy nlp.pipe", bare_runs), (f"annotate ({args.format})", annotate_runs)):
        wall, cpu = median(runs, "wall"), median(runs, "cpu")
        print(f"{label:26}{wall:8.1f}s{words / wall:10,.0f}{cpu:8.1f}s{words / cpu:10,.0f}")
    wall_ratio = median(bare_runs, "wall") / median(annotate_runs, "wall")
    cpu_ratio = median(bare_runs, "cpu") / median(annotate_runs, "cpu")
    print(f"{'ratio annotate / bare':26}{wall_ratio:9.2f}{'':10}{cpu_ratio:9.2f}   "
          f"(target >= {TARGET_RATIO}: {'met' if min(wall_ratio, cpu_ratio) >= TARGET_RATIO else 'NOT met'})")
    print(f"annotate wrote {totals.files} files: {totals.quotes} quotes, {totals.speakers} speakers, "
          f"{totals.failures} failures")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
