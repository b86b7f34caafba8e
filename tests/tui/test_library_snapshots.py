"""Snapshots of the library screens at 100x30, on the sample library of make_corpus.

Update after checking the pictures: `pytest tests/tui/test_library_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from explorer.tui.app import make_app
from explorer.tui.screens.speaker_quotes import LOAD_DELAY
from tests.bench.make_corpus import make_sample_library

SIZE = (100, 30)


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample library as `library/` in the current folder (so paths on screen are the same every run)."""
    monkeypatch.chdir(tmp_path)
    make_sample_library(Path("library"))
    return Path("library")


async def indexed(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_library_screen(library: Path, snap_compare) -> None:  # noqa: ANN001 - pytest fixture
    """The library of four files: a "Stories" pane with the header Title/Outlet/Date/Speakers/Quotes,
    three stories with their outlet, date and counts (2/3, 2/3, 2/2), and between them, in the error
    colour, "✗ broken-story.yaml:8:16: quote 'q1' names unknown paragraph 'p9'" across the row.
    The cursor is on the first story; the filter box above shows its placeholder; the status line
    reads "4 stories · 1 broken"; the footer lists / Filter, s Speakers, r Reload, q Quit."""
    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=indexed)


def test_library_screen_filtered(library: Path, snap_compare) -> None:  # noqa: ANN001
    """After typing "/becker": the filter box holds "becker", the list shows only the two stories that
    quote Tom Becker (the bridge vote and the rail strike), the status reads "2 of 4 stories · 1 broken"."""

    async def filter_becker(pilot: Pilot) -> None:
        await indexed(pilot)
        await pilot.press("slash", *"becker")

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=filter_becker)


def test_speakers_across_stories_screen(library: Path, snap_compare) -> None:  # noqa: ANN001
    """After `s`: the "Speakers" pane lists Maria Lopez (2 stories, 3 quotes; her name is merged with
    "MARIA LOPEZ"), Ana Silva, Tom Becker, Rail Operator, the cursor on Maria Lopez. "Their quotes"
    shows her three quotes, newest story first (2024-05-17, then 2024-03-02 twice) with story and
    paragraph; the pane under it shows the first quote in full with "direct quote · paragraph 2 ·
    Mayor defends budget cuts · 2024-05-17". Status: "4 speakers · Maria Lopez: 3 quotes in 2 stories"."""

    async def open_speakers(pilot: Pilot) -> None:
        await indexed(pilot)
        await pilot.press("s")
        await pilot.pause(LOAD_DELAY * 2)  # the quotes are read once the cursor rests
        await indexed(pilot)

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=open_speakers)
