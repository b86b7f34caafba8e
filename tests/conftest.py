"""Fixtures for the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _own_cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets a scratch `XDG_CACHE_HOME`: opening a folder in the explorer
    writes the library index cache there, never into the user's ~/.cache.
    (Tests that look at the cache set their own, under their tmp_path.)"""
    home: Path = tmp_path_factory.mktemp("cache-home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
