"""How long the programs take on hostile input (on demand, not collected by pytest).

    python tests/bench/bench_hostile.py [--runs 3] [--full]

1. `story-explorer validate FILE`, whole process, on every story file of
   tests/hostile/files/ and on generated ones too big to keep there: a file
   over the size limit (sparse), story files built to be slow to check (a
   million empty paragraphs in a 3 MB flow list, nine million zeros under an
   unknown key, a million zeros where paragraphs belong, and the worst shapes
   just under the limit on YAML values), things that are not files (a named
   pipe, links to /dev/zero and /dev/urandom), a folder 1,100 levels deep, and
   a big valid story for scale.  Target: every hostile file answered in 2 s.
2. `story-explorer annotate FILE`, whole process (model load included), on
   every file of tests/hostile/files/articles/, on that folder, and on
   generated articles: 5 MB and 1.2 million characters (over the model's
   limit: refused), 60,000 and 200,000 characters; with --full also 999,000
   (just under the limit: about a minute and 3.4 GB).  Peak memory is the
   child's own (`wait4`).
3. The explorer's first paint on a pseudo-terminal (100x30): the hostile-text
   story, the million-character paragraph, many identical quotes, and the
   library of every hostile story file (no index cache).

Figures are medians of --runs runs (annotate on the long articles: one run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from explorer.storyfile import DEFAULT_MAX_BYTES, DEFAULT_MAX_VALUES  # noqa: E402
from tests.folders import DEEP_LEVELS, make_chain, remove_chain  # noqa: E402
from tests.hostile.conftest import (  # noqa: E402
    ARTICLES,
    FILES,
    long_article,
    many_identical_quotes,
    many_quotes_with_offsets,
    terminal_output,
    unknown_references,
)

#: validate must answer on each hostile file within this (seconds).
VALIDATE_LIMIT = 2.0


def run(argv: list[str]) -> tuple[float, int, int, str, float]:
    """Run `python -m explorer ARGV`: (wall seconds, exit status, peak memory in MB, first line
    of output, CPU seconds: user and system, the figure a busy machine disturbs least)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "explorer", *argv], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, cwd=ROOT)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    first = output.decode("utf-8", "replace").splitlines()[0] if output.strip() else ""
    return wall, process.returncode, usage.ru_maxrss // 1024, first, usage.ru_utime + usage.ru_stime


def median_run(argv: list[str], runs: int) -> tuple[float, int, int, str, float]:
    results = [run(argv) for _ in range(runs)]
    return (statistics.median(r[0] for r in results), results[-1][1], max(r[2] for r in results), results[-1][3],
            statistics.median(r[4] for r in results))


def clip(text: str, width: int = 70) -> str:
    flat = "".join(ch if ch.isprintable() else "?" for ch in text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def size_of(path: Path) -> str:
    if not path.is_file() and not path.is_dir():
        return "(no size)"
    size = path.stat().st_size if path.is_file() else 0  # (a folder: its files are small)
    return f"{size / 1e6:.2f} MB" if size >= 100_000 else f"{size:,} B"


def big_valid_story(path: Path, paragraphs: int = 14_000) -> Path:
    """A valid story of `paragraphs` paragraphs and as many quotes (about 6 MB, just under
    the limit on YAML values): scale, not hostility."""
    text = "The mayor said the bridge would open soon, and critics disagreed. " * 5
    body = "".join(f"  - id: p{i}\n    text: {text}\n" for i in range(paragraphs))
    quotes = "".join(f"  - id: q{i}\n    paragraph: p{i}\n    text: the bridge would open soon\n    kind: reported\n"
                     for i in range(paragraphs))
    path.write_text(f"format: 1\ntitle: Big\nparagraphs:\n{body}quotes:\n{quotes}", encoding="utf-8")
    return path


def flow_list(path: Path, key: str, item: str, count: int) -> Path:
    """A story whose `key` holds a flow list of `count` copies of `item` (`[{}, {}, ...]`)."""
    with path.open("w", encoding="utf-8") as out:
        out.write(f"format: 1\ntitle: Slow\n{key}: [")
        out.write(f"{item}," * count)
        out.write("]\n")
    return path


def named_pipe(path: Path) -> Path:
    os.mkfifo(path)
    return path


def link_to(target: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.symlink_to(target)
        return path
    return make


def deep_folder(path: Path) -> Path:
    path.mkdir()
    bottom = make_chain(path, DEEP_LEVELS)
    (bottom / "bottom.yaml").write_text("format: 1\ntitle: At the bottom\n", encoding="utf-8")
    return path


def oversized(path: Path) -> Path:
    with path.open("wb") as out:  # sparse: over the limit on paper, nothing on disk
        out.truncate(DEFAULT_MAX_BYTES + 1_000_000)
    return path


def bench_validate(scratch: Path, runs: int) -> None:
    under_limit = DEFAULT_MAX_VALUES - 10
    generated: dict[str, Callable[[Path], Path]] = {
        "oversized.yaml": oversized,
        "many_identical_quotes.yaml": lambda path: many_identical_quotes(path, 5_000),
        "many_quotes_with_offsets.yaml": lambda path: many_quotes_with_offsets(path, 18_000),
        "unknown_references.yaml": lambda path: unknown_references(path, 5_000),
        "million_empty_paragraphs.yaml": lambda path: flow_list(path, "paragraphs", "{}", 1_000_000),
        "nine_million_zeros_unknown_key.yaml": lambda path: flow_list(path, "zeros", "0", 9_000_000),
        "million_zeros_as_paragraphs.yaml": lambda path: flow_list(path, "paragraphs", "0", 1_000_000),
        "empty_paragraphs_under_limit.yaml": lambda path: flow_list(path, "paragraphs", "{}", under_limit),
        "zeros_under_limit.yaml": lambda path: flow_list(path, "paragraphs", "0", under_limit),
        "named_pipe.yaml": named_pipe,
        "dev_zero.yaml": link_to("/dev/zero"),
        "dev_urandom.yaml": link_to("/dev/urandom"),
        "deep_folder": deep_folder,
    }
    files = sorted(FILES.glob("*.yaml")) + [make(scratch / name) for name, make in generated.items()]
    print(f"\n1. validate, whole process, median of {runs} (target: {VALIDATE_LIMIT:g} s each)\n")
    print(f"{'file':36} {'size':>10} {'wall':>7} {'cpu':>7} {'exit':>4}  verdict  first line")
    wall, _, _, _, cpu = median_run(["--version"], runs)
    print(f"{'(start-up alone: --version)':36} {'':>10} {wall:6.2f}s {cpu:6.2f}s")
    for path in files:
        wall, code, _, first, cpu = median_run(["validate", "-q", str(path)], runs)
        verdict = "ok" if wall <= VALIDATE_LIMIT else "SLOW"
        print(f"{path.name:36} {size_of(path):>10} {wall:6.2f}s {cpu:6.2f}s {code:>4}  {verdict:7}  "
              f"{clip(first.replace(str(path), ''), 60)}")
    remove_chain(scratch / "deep_folder")  # (the scratch folder's own cleanup recurses)
    big = big_valid_story(scratch / "big_valid.yaml")
    wall, code, memory, _, cpu = median_run(["validate", "-q", str(big)], 1)
    print(f"{'big_valid.yaml (for scale)':36} {size_of(big):>10} {wall:6.2f}s {cpu:6.2f}s {code:>4}  "
          f"({memory:,} MB peak; a valid story, not a hostile one)")


def bench_annotate(scratch: Path, runs: int, full: bool) -> None:
    out = scratch / "out"
    articles = sorted(p for p in ARTICLES.rglob("*") if p.is_file())
    generated = scratch / "long"
    generated.mkdir()
    sizes = [5_000_000, 1_200_000, 60_000, 200_000] + ([999_000] if full else [])
    long_ones = []
    for chars in sizes:
        path = generated / f"article_{chars}.txt"
        path.write_text(long_article(chars).encode("ascii", "replace").decode(), encoding="utf-8")
        long_ones.append(path)
    print(f"\n2. annotate, whole process with the model load, median of {runs} (long articles: 1 run)\n")
    print(f"{'input':32} {'size':>10} {'wall':>7} {'exit':>4} {'peak':>8}  first line")
    for path in [*articles, ARTICLES, *long_ones]:
        count = 1 if path in long_ones else runs
        shutil.rmtree(out, ignore_errors=True)
        wall, code, memory, first, _ = median_run(["annotate", str(path), "-o", str(out), "--force"], count)
        name = str(path.relative_to(ARTICLES)) if path.is_relative_to(ARTICLES) and path != ARTICLES else path.name + ("/" if path.is_dir() else "")
        print(f"{name:32} {size_of(path):>10} {wall:6.2f}s {code:>4} {memory:>6} MB  {clip(first.replace(str(path), ''), 60)}")


def bench_first_paint(scratch: Path, runs: int) -> None:
    library = scratch / "library"
    library.mkdir()
    for path in FILES.glob("*.yaml"):
        shutil.copy(path, library)
    targets = [FILES / "hostile_text.yaml", FILES / "long_paragraph.yaml",
               many_identical_quotes(scratch / "many_identical_quotes.yaml", 5_000), library]
    print(f"\n3. the explorer's first paint on a pseudo-terminal, median of {runs}\n")
    for path in targets:
        walls = []
        for _ in range(runs):
            os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(dir=scratch)  # a cold library index every run
            started = time.perf_counter()
            terminal_output(path)
            walls.append(time.perf_counter() - started)
        print(f"{path.name + ('/' if path.is_dir() else ''):32} {statistics.median(walls):6.2f}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (default: 3)")
    parser.add_argument("--full", action="store_true", help="also annotate an article at the model's limit (~1 min, 3.4 GB)")
    parser.add_argument("--only", choices=("validate", "annotate", "paint"), help="run one part only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder:
        scratch = Path(folder)
        if args.only in (None, "validate"):
            bench_validate(scratch, args.runs)
        if args.only in (None, "annotate"):
            bench_annotate(scratch, args.runs, args.full)
        if args.only in (None, "paint"):
            bench_first_paint(scratch, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
