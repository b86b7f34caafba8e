"""How fast `annotate` is next to the bare spaCy pipeline it runs on.

    python tests/bench/bench_annotate.py [--limit N] [--jobs N] [--repeat R] [--format story|brat]

Both sides process the same texts (PolNeAR's training articles by default)
with the same model in the same run: "bare" is `nlp.pipe` over the texts
with the model as spaCy loads it; "annotate" is the whole command after its
model load: reading the files, article structure, `nlp.pipe` with the
annotator's pipeline, extraction, building and writing one story (or .ann)
per article into a temporary folder.  Model loading is left out of both
(each loads once, before the clock starts).  With --repeat, the sides
alternate and the median of each is reported.  The target is a ratio
annotate / bare of 0.8 or more: the annotator should cost at most a quarter
on top of parsing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `explorer` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from explorer.annotate import pipeline
from explorer.annotate.commands import BATCH_SIZE, Outputs, annotate, find_inputs

POLNEAR_TEXT = Path(__file__).resolve().parents[3] / "shared" / "data" / "polnear" / "train" / "text"
TARGET_RATIO = 0.8


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(POLNEAR_TEXT), help="folder of .txt articles (default: PolNeAR train)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--jobs", type=int, default=1, help="processes for both sides (default: 1)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side, alternating (default: 1)")
    parser.add_argument("--format", choices=("story", "brat"), default="story")
    parser.add_argument("--model", help="spaCy model (default: the annotator's default)")
    args = parser.parse_args()

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

    def bare() -> float:
        started = time.perf_counter()
        for _doc in bare_nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes):
            pass
        return time.perf_counter() - started

    def annotated() -> float:
        with tempfile.TemporaryDirectory() as out:
            options = argparse.Namespace(inputs=[args.folder], output=out, model=model, jobs=args.jobs,
                                         format=args.format, force=False, title=None)
            outputs = Outputs(out, args.format, inputs, force=False, single=False)
            started = time.perf_counter()
            totals = annotate(inputs, outputs, options)
            elapsed = time.perf_counter() - started
        annotated.totals = totals  # type: ignore[attr-defined]
        return elapsed

    bare_times, annotate_times = [], []
    for run in range(1, max(1, args.repeat) + 1):
        bare_times.append(bare())
        annotate_times.append(annotated())
        print(f"run {run}: bare {bare_times[-1]:.1f} s, annotate {annotate_times[-1]:.1f} s", file=sys.stderr, flush=True)
    bare_s, annotate_s = statistics.median(bare_times), statistics.median(annotate_times)
    totals = annotated.totals  # type: ignore[attr-defined]

    print(f"{len(texts)} articles, {words:,} words, model {pipeline.model_name(annotator_nlp)}, "
          f"jobs {args.jobs}, batch {BATCH_SIZE}, {args.repeat} run(s) each (median)")
    print(f"bare spaCy nlp.pipe        {bare_s:8.1f} s  {words / bare_s:9,.0f} words/s")
    print(f"annotate ({args.format:5})           {annotate_s:8.1f} s  {words / annotate_s:9,.0f} words/s  "
          f"({totals.files} files, {totals.quotes} quotes, {totals.speakers} speakers, {totals.failures} failures)")
    ratio = bare_s / annotate_s
    print(f"ratio annotate / bare      {ratio:8.2f}  (target >= {TARGET_RATIO}: {'met' if ratio >= TARGET_RATIO else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
