"""Shared fixtures for the hostile-input tests: the spaCy pipeline (loaded once
per test process), the annotate command run in-process, and the hostile files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.cli import main

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
    from explorer.cli import BUNDLED_STORIES
    from explorer.storyfile import find_story_files, load_story

    paragraphs = [p.text for path in find_story_files([BUNDLED_STORIES]) for p in load_story(path).paragraphs]
    body = "\n\n".join(paragraphs)
    text = "A very long article\n\n" + "\n\n".join([body] * (chars // len(body) + 1))
    return text[:chars]
