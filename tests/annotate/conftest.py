"""Shared fixtures for the annotator's tests: the spaCy pipeline, loaded once
per test session (per xdist worker), so that the suite stays fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.annotate.tiny_corpus import write_corpus


@pytest.fixture(scope="session")
def nlp():
    """The annotator's pipeline (the default model, with our components)."""
    from explorer.annotate.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The tiny PolNeAR-style corpus of `tests.annotate.tiny_corpus`, in a fresh folder."""
    return write_corpus(tmp_path)
