"""Shared by the hostile-input tests and tests/bench/bench_hostile.py: the spaCy
pipeline (loaded once per test process), the annotate command run in-process,
the hostile files, generators of inputs too big to keep in the repository, and
the explorer run on a real pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.tui.app import EXIT_AFTER_FIRST_PAINT

FILES = Path(__file__).parent / "files"
#: Hostile article inputs for the annotator: a folder of mixed files.
ARTICLES = FILES / "articles"

#: (exit status, stdout, stderr) of one command.
Outcome = tuple[int, str, str]


@pytest.fixture(scope="session")
def nlp():
    """The annotator's pipeline, as `story-explorer annotate` loads it (once per test process)."""
    from explorer.annotate.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture
def annotate(nlp, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Outcome]:
    """Run `story-explorer annotate ARGS...` in this process with the session's pipeline."""
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: nlp)

    def run(*argv: str | Path) -> Outcome:
        code = main(["annotate", *map(str, argv)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A scratch copy of the folder of hostile articles (so outputs and changes stay in tmp_path)."""
    return Path(shutil.copytree(ARTICLES, tmp_path / "articles"))


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio (`@pytest.mark.anyio`)."""
    return "asyncio"


def long_article(chars: int) -> str:
    """An article of exactly `chars` characters: a headline, then the paragraphs of
    the bundled (hand-annotated PolNeAR) stories repeated, blank lines between them."""
    from explorer.locations import BUNDLED_STORIES
    from explorer.storyfile import find_story_files, load_story

    paragraphs = [p.text for path in find_story_files([BUNDLED_STORIES]) for p in load_story(path).paragraphs]
    body = "\n\n".join(paragraphs)
    text = "A very long article\n\n" + "\n\n".join([body] * (chars // len(body) + 1))
    return text[:chars]


# --- story files built to be slow to check ----------------------------------------------


def many_identical_quotes(path: Path, count: int) -> Path:
    """A story of one paragraph of `count` x's and `count` quotes "x" without offsets."""
    quotes = "".join(f"  - id: q{i}\n    paragraph: p1\n    text: x\n" for i in range(count))
    path.write_text(f"format: 1\ntitle: Many\nparagraphs:\n  - id: p1\n    text: {'x' * count}\nquotes:\n{quotes}",
                    encoding="utf-8")
    return path


def many_quotes_with_offsets(path: Path, count: int) -> Path:
    """`count` quotes, each with its offsets, in one paragraph."""
    quotes = "".join(f"  - id: q{i}\n    paragraph: p1\n    text: abcdefghij\n    start: {10 * i}\n    end: {10 * i + 10}\n"
                     for i in range(count))
    path.write_text(f"format: 1\ntitle: Offsets\nparagraphs:\n  - id: p1\n    text: {'abcdefghij' * count}\n"
                    f"quotes:\n{quotes}", encoding="utf-8")
    return path


def unknown_references(path: Path, count: int) -> Path:
    """`count` paragraphs, and `count` quotes naming a paragraph and a speaker that do not exist."""
    paragraphs = "".join(f"  - id: para{i}\n    text: x\n" for i in range(count))
    quotes = "".join(f"  - id: q{i}\n    paragraph: parb{i}\n    text: x\n    speaker: sp{i}\n" for i in range(count))
    path.write_text(f"format: 1\ntitle: Unknown\nparagraphs:\n{paragraphs}quotes:\n{quotes}", encoding="utf-8")
    return path


# --- the explorer on a terminal ---------------------------------------------------------


def terminal_output(path: Path, size: tuple[int, int] = (100, 30)) -> str:
    """Everything the explorer writes to a real (pseudo-)terminal while opening `path`
    and painting its first screen (it then exits)."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "explorer", str(path)], stdin=terminal, stdout=terminal,
                               stderr=terminal, close_fds=True,
                               env={**os.environ, "TERM": "xterm-256color", EXIT_AFTER_FIRST_PAINT: "1"})
    os.close(terminal)
    output = b""
    try:
        while select.select([controller], [], [], 30)[0]:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the program has exited
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(controller)
        process.wait(timeout=30)
    if process.returncode != 0:
        raise RuntimeError(f"the explorer exited with status {process.returncode}: {output[-2000:]!r}")
    return output.decode("utf-8", "replace")
