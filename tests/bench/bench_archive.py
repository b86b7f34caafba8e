"""Annotating an archive: the rates, the cost of the archive machinery, and 100,000 articles.

    python tests/bench/bench_archive.py rates [--limit N] [--repeat R]   # PolNeAR: one process, two, Dask local:2
    python tests/bench/bench_archive.py overhead [--limit N]    # the command's own work against the parse
    python tests/bench/bench_archive.py big [--articles N]      # 100,000 articles: memory, a kill at 50%, resume
    python tests/bench/bench_archive.py refusal                 # an article over the model's limit is refused unread

Every figure of one target is taken in the same run (these machines are shared and noisy);
the synthetic archive is generated into a temporary folder and removed, never kept.

- rates: PolNeAR's training texts as a JSON Lines archive; each way of running is the whole
  command in its own process (start-up, model loads and cluster included), and also the bare
  `nlp.pipe` in one process and in two (the limit on 2 cores).  The rate compared is the steady
  one, between 10% and 90% of the articles recorded (see `timed`); with `--repeat R` each way
  runs R times in turn and its best rate counts.  Target: a local Dask cluster of 2 workers at
  >= 1.6x the one-process rate.
- overhead: the command's own process (reading the JSON Lines, naming, the manifest, joining the
  shards, watching the workers) in CPU seconds, against the CPU seconds of the bare parse of the
  same texts.  Target: <= 5%.
- big: N short synthetic articles (default 100,000); the command is killed (SIGKILL) once its
  manifest records half of them, then run again.  The peak memory (VmHWM) of the command's own
  process is read from /proc while it runs.  Targets: under 500 MB, and the second run does
  only the second half.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `explorer` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

ROOT = Path(__file__).resolve().parents[2]
POLNEAR_TEXT = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def polnear_archive(folder: Path, limit: int | None) -> tuple[Path, list[str], int]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(POLNEAR_TEXT.glob("*.txt"))][:limit]
    if not texts:
        raise SystemExit(f"no PolNeAR texts in {POLNEAR_TEXT} (give --polnear FOLDER)")
    path = folder / "polnear.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(texts):
            out.write(json.dumps({"id": f"polnear-{number}", "text": text}) + "\n")
    return path, texts, sum(len(text.split()) for text in texts)


def command(*argv: str | Path, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "explorer", "annotate", *map(str, argv)], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


#: The steady window: from the batch that brings the count of recorded articles to this share
#: of the run to the one that brings it to `STEADY_TO`.
STEADY_FROM, STEADY_TO = 0.1, 0.9


def timed(*argv: str | Path, out: Path, cwd: Path, total: int) -> tuple[float, float, float, str]:
    """The whole command's wall time; its steady rate in articles a second; the CPU seconds of
    the command and every process under it (workers, a Dask cluster); stderr.

    The steady rate is taken between the batches that bring the articles recorded to 10% and
    to 90% of the run, so the start (a cluster, the model loads, the first batch) and the end
    (the last batches, with a worker idle beside them) are left out alike for every way of
    running.  At both ends of that window as many batches are in flight, part done: with one
    worker or several, the work counted in it is the work done in it.  (From the first recorded
    batch, as before, a second worker's first batch, all but finished, was counted in the window:
    for 80 articles in batches of 8, two workers' rates were up to 12% too high.)"""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = command(*argv, "-o", out, cwd=cwd)
    samples: list[tuple[float, int]] = []
    while run.poll() is None:
        count = recorded(out)
        if count and (not samples or count != samples[-1][1]):
            samples.append((time.perf_counter(), count))
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    err = run.stderr.read()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime"))
    if run.returncode not in (0, 1) or not samples:
        raise SystemExit(f"annotate failed ({run.returncode}, {len(samples)} samples): {err[-2000:]}")
    t1, n1 = next((t, n) for t, n in samples if n >= STEADY_FROM * total)
    t2, n2 = next((t, n) for t, n in samples if n >= STEADY_TO * total)
    return elapsed, (n2 - n1) / (t2 - t1) if t2 > t1 else float("nan"), cpu, err


def bare(texts: list[str], processes: int) -> float:
    import spacy

    from explorer.annotate.batch import BATCH_SIZE
    from explorer.annotate.pipeline import default_model

    nlp = spacy.load(default_model())
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes):
        pass
    return time.perf_counter() - started


#: The ways of running that `rates` compares, each the whole command in its own process.
MODES = (("annotate --jobs 1", ["--jobs", "1"]), ("annotate --jobs 2", ["--jobs", "2"]),
         ("annotate --scheduler local:2", ["--scheduler", "local:2"]))


def rates(limit: int | None, repeat: int) -> None:
    """Each way of running `repeat` times, in turn (the order reversed every other round, so that
    a neighbour's job slows them alike); each way's best steady rate is compared."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source, texts, words = polnear_archive(folder, limit)
        print(f"{len(texts)} PolNeAR articles, {words:,} words; whole commands, start-up included; "
              f"each way {repeat} time(s); steady: from {STEADY_FROM:.0%} to {STEADY_TO:.0%} of the articles recorded")
        whole: dict[str, list[float]] = {label: [] for label, _ in MODES}
        steady: dict[str, list[float]] = {label: [] for label, _ in MODES}
        for round_ in range(repeat):
            for label, where in MODES if round_ % 2 == 0 else MODES[::-1]:
                load = Path("/proc/loadavg").read_text().split()[0]
                elapsed, rate, cpu, err = timed(source, *where, "--format", "jsonl", "--batch-size", "8",
                                                out=folder / f"{label.split()[-1]}-{round_}", cwd=folder,
                                                total=len(texts))
                whole[label].append(elapsed)
                steady[label].append(rate)
                summary = next(line for line in err.splitlines() if line.startswith("annotated"))
                print(f"  {label:30}{elapsed:7.1f} s {words / elapsed:8,.0f} words/s; steady {rate:5.2f} articles/s "
                      f"= {rate * words / len(texts):6,.0f} words/s; {cpu:6.1f} s CPU; load {load}   ({summary})",
                      flush=True)
        bare_times = {}
        for processes in (1, 2):
            elapsed = bare_times[processes] = bare(texts, processes)
            print(f"  {'bare nlp.pipe, ' + str(processes) + ' process' + 'es' * (processes > 1):30}{elapsed:7.1f} s "
                  f"{words / elapsed:8,.0f} words/s", flush=True)
        best = {label: max(rates) for label, rates in steady.items()}
        one, two, cluster = (label for label, _ in MODES)
        rate, quickest = best[cluster] / best[one], min(whole[one]) / min(whole[cluster])
        if repeat > 1:
            print("best steady rates: " + "; ".join(f"{label} {best[label] * words / len(texts):,.0f} words/s"
                                                    for label in best))
        print(f"Dask local:2 / one process: {rate:.2f}x steady, {quickest:.2f}x whole commands (target >= 1.6: "
              f"{'met' if rate >= 1.6 else 'NOT met'}); --jobs 2 / one process: {best[two] / best[one]:.2f}x steady; "
              f"Dask / --jobs 2: {best[cluster] / best[two]:.2f}x; "
              f"bare 2 / bare 1: {bare_times[1] / bare_times[2]:.2f}x")


def overhead(limit: int | None) -> None:
    """The command in this process with the model loaded beforehand: its own CPU time is
    the machinery (the parse runs in the forked workers, counted as children)."""
    from explorer.annotate import pipeline
    from explorer.annotate.batch import BATCH_SIZE, warm_up
    from explorer.cli import main

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source, texts, words = polnear_archive(folder, limit)
        nlp = pipeline.load_pipeline()
        warm_up(nlp)
        pipeline.load_pipeline = lambda model=None: nlp
        before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        main(["annotate", str(source), "--format", "jsonl", "-o", str(folder / "out")])
        after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        own = sum(getattr(after[0], f) - getattr(before[0], f) for f in ("ru_utime", "ru_stime"))
        workers = sum(getattr(after[1], f) - getattr(before[1], f) for f in ("ru_utime", "ru_stime"))
        started = time.process_time()
        for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        parse = time.process_time() - started
    print(f"{len(texts)} articles, {words:,} words, --format jsonl, one worker")
    print(f"  the command's own process: {own:6.2f} s CPU (reading JSON Lines, names, manifest, shards, watching)")
    print(f"  its workers:               {workers:6.2f} s CPU (reading, parsing, extracting, writing)")
    print(f"  the bare parse:            {parse:6.2f} s CPU (the same pipeline, nlp.pipe, this process)")
    share = own / parse
    print(f"overhead: {share:.1%} of the parse (target <= 5%: {'met' if share <= 0.05 else 'NOT met'})")


SPEAKERS = ("the mayor", "the minister", "a spokesperson", "the engineer", "Anna Kovalenko", "Boris Novak")


def synthetic_archive(path: Path, count: int) -> int:
    """`count` short articles (a headline, a reported and a direct quote); the bytes written."""
    rng = random.Random(14)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            who = rng.choice(SPEAKERS)
            text = (f"Council {number} approves budget\n\n{who.capitalize()} said on Tuesday that the council "
                    f"would spend {rng.randint(2, 90)} million on roads.\n\n“We are ready,” {who} told reporters.\n")
            out.write(json.dumps({"id": f"n{number:06d}", "text": text}) + "\n")
    return path.stat().st_size


def peak_memory(pid: int) -> int:
    """VmHWM of a live process, in bytes (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match[1]) * 1024 if match else 0


def recorded(out: Path) -> int:
    total = 0
    for manifest in out.glob(".story-explorer/annotate-*.jsonl"):
        for line in manifest.read_bytes().split(b"\n")[1:]:
            if line.startswith(b'{"first"'):
                try:
                    total += json.loads(line)["count"]
                except ValueError:
                    pass
    return total


def big(count: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        size = synthetic_archive(folder / "big.jsonl", count)
        out = folder / "out"
        argv = [folder / "big.jsonl", "--format", "jsonl", "--jobs", "2", "-o", out]
        print(f"{count:,} synthetic articles, {size / 1e6:.0f} MB of JSON Lines; --format jsonl --jobs 2", flush=True)
        started = time.perf_counter()
        run, peak = command(*argv, cwd=folder), 0
        while recorded(out) < count // 2:
            peak = max(peak, peak_memory(run.pid))
            if run.poll() is not None:
                raise SystemExit(f"the run ended before half way: {run.stderr.read()[-2000:]}")
            time.sleep(0.5)
        run.send_signal(signal.SIGKILL)
        run.wait()
        first = time.perf_counter() - started
        done = recorded(out)
        print(f"  killed after {first:.0f} s with {done:,} articles recorded; peak memory of the command "
              f"{peak / 1e6:.0f} MB", flush=True)
        started = time.perf_counter()
        run, peak = command(*argv, cwd=folder), 0
        while run.poll() is None:
            peak = max(peak, peak_memory(run.pid))
            time.sleep(0.5)
        second = time.perf_counter() - started
        err = run.stderr.read()
        annotated = int(re.search(r"annotated ([\d,]+) stor", err)[1].replace(",", ""))
        earlier = int(re.search(r"and ([\d,]+) articles done by an earlier run", err)[1].replace(",", ""))
        lines = sum(1 for shard in out.glob("stories-*.jsonl") for _ in shard.open("rb"))
        print(f"  run again: {second:.0f} s, annotated {annotated:,}, skipped {earlier:,} done before; "
              f"peak memory {peak / 1e6:.0f} MB; the shards hold {lines:,} stories")
        ok = annotated + earlier == count and lines == count and annotated <= count - done + 64
        print(f"targets: peak under 500 MB: {'met' if peak < 500e6 else 'NOT met'}; resumed run did only the rest "
              f"and the shards are whole: {'met' if ok else 'NOT met'}")


def refusal() -> None:
    from explorer.cli import main

    with tempfile.TemporaryDirectory() as scratch:
        article = Path(scratch, "long.txt")
        article.write_text("A very long article\n\n" + "word " * 1_000_000, encoding="utf-8")
        from explorer.annotate import pipeline

        nlp = pipeline.load_pipeline()
        pipeline.load_pipeline = lambda model=None: nlp
        started = time.perf_counter()
        main(["annotate", str(article), "-o", str(Path(scratch, "out"))])
        print(f"an article of {article.stat().st_size / 1e6:.1f} MB refused in {time.perf_counter() - started:.3f} s "
              "(the model already loaded)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("rates", "overhead", "big", "refusal"))
    parser.add_argument("--limit", type=int, help="only the first N PolNeAR articles")
    parser.add_argument("--repeat", type=int, default=1, help="`rates`: run each way this many times, in turn")
    parser.add_argument("--articles", type=int, default=100_000, help="synthetic articles for `big`")
    parser.add_argument("--polnear", type=Path, help="the folder of PolNeAR texts (default: ../shared/data/polnear/train/text)")
    args = parser.parse_args()
    if args.polnear is not None:
        globals()["POLNEAR_TEXT"] = args.polnear
    if args.what == "rates":
        rates(args.limit, args.repeat)
    elif args.what == "overhead":
        overhead(args.limit)
    elif args.what == "big":
        big(args.articles)
    else:
        refusal()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
