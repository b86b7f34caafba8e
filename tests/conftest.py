"""Fixtures for the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: Copies of the articles the bundled stories were annotated from (see its README),
#: so the tests that compare a story with its article run on any clone.
ORIGINALS = Path(__file__).resolve().parent / "files" / "originals"
SEED_ARTICLE = ORIGINALS / "000_c02f6ef25d14cf26.txt"
POLNEAR_ORIGINALS = ORIGINALS / "polnear"

#: Donald Trump's direct quotes in the seed story, in article order: the issue's
#: "exactly six", checked against the story file and on the explorer's screen.
SEED_TRUMP_DIRECT = (
    "very strategic.",
    "Yeah, we might,",
    "they’re going to need something because they’re being hit pretty hard.",
    "I’m very disappointed with the conversation I had today with President Putin,",
    "It just seems like he wants to go all the way and just keep killing people. It’s not good.",
    "I don’t know. I can’t tell you whether or not that’s going to happen,",
)


#: xdist workers per CPU with `-n auto` (pyproject's default).  The explorer's tests spend much of
#: their time waiting (Pilot pauses for the next frame, a refresh process, a served page), so one
#: worker a core left the cores half idle: 2 min 37 s of CPU in a 2 min 31 s run on 2 cores.  Beside
#: two CPU-bound processes, twice as many workers also take a fairer share of the machine: 3 min 47 s
#: instead of 5 min 13 s there.
WORKERS_PER_CPU = 2


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: `WORKERS_PER_CPU` workers a CPU this process may run on (xdist's own
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    return WORKERS_PER_CPU * len(os.sched_getaffinity(0))


@pytest.fixture(autouse=True)
def _own_cache_and_config_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets a scratch `XDG_CACHE_HOME` and `XDG_CONFIG_HOME`: opening a folder
    in the explorer writes the library index there, and settings go there, never into
    the user's ~/.cache or ~/.config.  (Tests that look at them set their own.)"""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache-home")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config-home")))
