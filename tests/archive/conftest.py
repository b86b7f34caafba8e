"""Shared by the archive tests: the spaCy pipeline (loaded once per test process), the
annotate command run in this process or as its own process, and small articles and
JSON Lines archives made on the spot."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from explorer.annotate.manifest import RECORDS
from tests.hostile.conftest import annotate, nlp  # noqa: F401  (the fixtures, shared)

ROOT = Path(__file__).resolve().parents[2]
#: How the lines a run closes with begin (what it wrote, its summary, how to open it).
CLOSING = ("wrote ", "annotated ", "and ", "open ", "resuming: ")


def problem_lines(err: str) -> list[str]:
    """The lines of a run's stderr that report an article, not the run."""
    return [line for line in err.splitlines() if not line.startswith(CLOSING)]


def article_text(number: int, words: str = "") -> str:
    """A short article with a headline, a reported and a direct quote."""
    return (f"Bridge {number} reopens early\n\n"
            f"The mayor said on Tuesday that bridge {number} would reopen in May{words}, months ahead of the "
            "schedule that the city had set out last year.\n\n"
            f"“We are ready for bridge {number},” the city engineer told reporters.\n")


def write_jsonl(path: Path, records: list[dict | str]) -> Path:
    """A JSON Lines file: each record as JSON (a string is written as the line itself)."""
    lines = [record if isinstance(record, str) else json.dumps(record, ensure_ascii=False) for record in records]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def archive(path: Path, count: int, *, start: int = 0) -> Path:
    """`count` articles, with ids `a0`, `a1`, ..."""
    return write_jsonl(path, [{"id": f"a{n}", "text": article_text(n)} for n in range(start, start + count)])


def tree(folder: Path) -> dict[str, bytes]:
    """Every file a run wrote under `folder` (its own records left out), with its content.
    Read while a run writes, a temporary file listed may be renamed before it is read: it
    is left out (its final name is there next time)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and RECORDS not in path.relative_to(folder).parts:
            try:
                files[str(path.relative_to(folder))] = path.read_bytes()
            except FileNotFoundError:
                continue
    return files


def command(*argv: str | Path, cwd: Path) -> subprocess.Popen:
    """`story-explorer annotate ARGS...` as its own process, in a session of its own (so
    that a test can signal its whole process group, as a terminal's Ctrl-C does)."""
    return subprocess.Popen([sys.executable, "-m", "explorer", "annotate", *map(str, argv)], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            # A shell starts background jobs with SIGINT ignored; this command must get it.
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for(condition: Callable[[], bool], process: subprocess.Popen, timeout: float = 120) -> None:
    """Poll until `condition()` holds (the process must still be running), or fail after `timeout`."""
    end = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the command ended first ({process.returncode}): {process.stderr.read()}")
        if time.monotonic() > end:
            process.kill()
            raise AssertionError("timed out")
        time.sleep(0.05)


def manifest_batches(folder: Path) -> int:
    """How many finished batches the run's manifest in `folder` records."""
    records = list((folder / RECORDS).glob("annotate-*.jsonl"))
    if not records:
        return 0
    return sum(1 for line in records[0].read_bytes().split(b"\n")[1:] if line.startswith(b'{"first"'))


def processes_naming(text: str) -> list[int]:
    """The processes whose command line holds `text` (the workers are forks of the command: the same line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found
