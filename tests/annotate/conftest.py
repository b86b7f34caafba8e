"""Shared fixtures for the annotator's tests: the spaCy pipeline, loaded once
per test session (per xdist worker), so that the suite stays fast."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The annotator's pipeline (the default model, with our components)."""
    from explorer.annotate.pipeline import load_pipeline

    return load_pipeline()
