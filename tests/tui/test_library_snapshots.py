"""Snapshots of the library screens at 100x30, on the sample library of make_corpus.

Update after checking the pictures: `pytest tests/tui/test_library_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from explorer.tui.app import make_app
from tests.bench.make_corpus import make_sample_library
from tests.tui.conftest import settle_until
from tests.tui.test_library import settle, text_of
from tests.tui.test_library_rows import add_twins, lengthen_an_outlet

SIZE = (100, 30)


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample library as `library/` in the current folder (so paths on screen are the same every run)."""
    monkeypatch.chdir(tmp_path)
    make_sample_library(Path("library"))
    return Path("library")


async def indexed(pilot: Pilot) -> None:
    await settle(pilot)


async def status_reads(pilot: Pilot, selector: str, start: str) -> None:
    """Wait (in pauses) until the screen's status line starts with `start`: on a busy machine
    a search or a list may take more than one pause to arrive, and the picture must show it."""
    await settle_until(pilot, lambda: bool(pilot.app.screen.query(selector))
                       and text_of(pilot, selector).startswith(start))


def test_library_screen(library: Path, snap_compare) -> None:  # noqa: ANN001 - pytest fixture
    """The library of four files: a "Stories" pane with the header Title/Outlet/Date/Speakers/Quotes,
    three stories with their outlet, date, speakers and quotes (2/3, 2/3, 2/2) and a Checked column
    of review progress (0/3, 0/3, 0/2), and between them, in the error colour, "✗ broken-story.yaml:8:16:
    quote 'q1' names unknown paragraph 'p9'" across the row. The Outlet column is as wide as "The
    Daily Ledger" and "Northern Courier" (16 cells), the Title column takes the rest. The cursor is on
    the first story, and its file, "bridge-vote.yaml", is named at the right of the pane's bottom
    border; the filter box above shows its placeholder; the status line reads "4 stories · 1 broken";
    the footer lists / Filter, f Find quotes, s Speakers, v Verbs, c Charts, r Reload, ? Help, q Quit."""
    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=indexed)


def test_library_screen_filtered(library: Path, snap_compare) -> None:  # noqa: ANN001
    """After typing "/becker": the filter box holds "becker", the list shows only the two stories that
    quote Tom Becker (the bridge vote and the rail strike), the status reads "2 of 4 stories · 1 broken";
    the bottom border names the file of the first, "bridge-vote.yaml"; the footer offers "esc Clear
    filter" and "^p Palette", no key that is a character (typed, it goes into the box)."""

    async def filter_becker(pilot: Pilot) -> None:
        await indexed(pilot)
        await pilot.press("slash", *"becker")
        await settle_until(pilot, lambda: text_of(pilot, "#library-status").startswith("2 of 4"))

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=filter_becker)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_stories_of_one_title_told_apart(library: Path, snap_compare, theme: str) -> None:  # noqa: ANN001
    """The library with the bridge story three times and a retitled copy of the budget story, the
    cursor on the second row (`j`). The three bridge rows show, after their title, " · " and their file
    without ".yaml", dimmer than the title but readable: "Council approves ne… · bridge-vote-corrected",
    "Council approves new bridge o… · bridge-vote" (under the cursor: dim on the cursor's colours) and
    "COUNCIL approves new  bridge o… · wire/bridge-vote" (case and spacing do not count). "Mayor
    defends budget cuts again" and "Mayor defends budget cuts" show no file name. The bottom border
    reads "bridge-vote.yaml"; the status "7 stories · 1 broken". In the dark and the light theme."""

    async def run(pilot: Pilot) -> None:
        pilot.app.theme = theme
        await indexed(pilot)
        await pilot.press("j")
        await pilot.pause()

    add_twins(library)
    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("size", [(80, 24), (140, 45)])
def test_the_library_at_80_and_140_columns(library: Path, snap_compare, size: tuple[int, int]) -> None:  # noqa: ANN001
    """The library with twins (above) and the budget story from "The Washington Post". At 80x24, as
    ever: the Outlet column 18 cells ("The Washington Po…"), the title 22, the twins' file names taking
    most of it, with their folder and their end ("Council… · …-corrected", "Council… · bridge-vote",
    "COUNCIL… · wire/…-vote"); every column and the footer in view. At 140x45: "The Washington Post" whole, the titles whole with their file names after them,
    and the Title column taking the rest of the width. The bottom border reads
    "bridge-vote-corrected.yaml"."""
    add_twins(library)
    lengthen_an_outlet(library)
    assert snap_compare(make_app(library), terminal_size=size, run_before=indexed)


def test_speakers_across_stories_screen(library: Path, snap_compare) -> None:  # noqa: ANN001
    """After `s`: the "Speakers" pane lists Maria Lopez (2 stories, 3 quotes; her name is merged with
    "MARIA LOPEZ"), Ana Silva, Tom Becker, Rail Operator, the cursor on Maria Lopez. "Their quotes"
    shows her three quotes, newest story first (2024-05-17, then 2024-03-02 twice) with story and
    paragraph; the pane under it shows the first quote in full, then "MARIA LOPEZ (said)" in bold and
    "· direct quote · paragraph 2 · Mayor defends budget cuts · The Daily Ledger · 2024-05-17".
    Status: "4 speakers · Maria Lopez: 3 quotes in 2 stories, newest story first"."""

    async def open_speakers(pilot: Pilot) -> None:
        await indexed(pilot)
        await pilot.press("s")
        await status_reads(pilot, "#speakers-status", "4 speakers · Maria Lopez")

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=open_speakers)


async def search_combined(pilot: Pilot) -> None:
    await indexed(pilot)
    await pilot.press("f", *"our speaker:lopez outlet:harbor", "enter")
    await status_reads(pilot, "#search-status", "1 quote")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_quote_search_with_combined_filters(library: Path, snap_compare, theme: str) -> None:  # noqa: ANN001
    """`f`, then "our speaker:lopez outlet:harbor", Enter: the box holds the query; the line under it
    reads "words: our · filters: speaker:lopez outlet:harbor"; the Quotes pane (header Speaker, Quote,
    Story, Date, ¶) lists one quote, Maria Lopez's "This bridge will connect two halves of our city."
    in "Council approves new bridge over the river", 2024-03-02, ¶ 2, the cursor on it; the detail
    under it shows it in quotation marks, "Maria Lopez (said)" in bold and where it comes from; the
    status reads "1 quote · best match first". Readable in the dark and the light theme."""

    async def run(pilot: Pilot) -> None:
        pilot.app.theme = theme
        await search_combined(pilot)

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=run)


def test_the_verb_lens(library: Path, snap_compare) -> None:  # noqa: ANN001
    """`v` on the library: the "Reporting verbs" pane with the header Verb, Quotes, Stories, Share and
    one row, "say 8 3 100%"; the line above reads "every quote of the library (type words or
    filters)"; the status "8 quotes by 1 verb"; the footer offers / Search, v Verbs, e Export, esc Back."""

    async def run(pilot: Pilot) -> None:
        await indexed(pilot)
        await pilot.press("v")
        await status_reads(pilot, "#search-status", "8 quotes by 1 verb")

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_the_library_charts(library: Path, snap_compare, theme: str) -> None:  # noqa: ANN001
    """`c`: "The library in charts". At the top, "Quotes per speaker (top 20)": horizontal bars in the
    theme's primary colour, each one row high on its own label's row, Maria Lopez's longest (3) on top, then Ana Silva and Tom Becker (2) and
    Rail Operator (1), with whole-number ticks 0 1 2 3 under them; below it the top of "Quotes per
    outlet (top 20)". The status reads "8 quotes in the library". Bars and labels readable in the dark
    and the light theme (the chart's background and text follow the theme)."""

    async def run(pilot: Pilot) -> None:
        pilot.app.theme = theme
        await indexed(pilot)
        await pilot.press("c")
        await status_reads(pilot, "#charts-status", "8 quotes in the library")

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_a_speakers_quotes_per_story_chart(library: Path, snap_compare, theme: str) -> None:  # noqa: ANN001
    """`s`, then `c`: under Maria Lopez's quotes, in place of the detail, "Maria Lopez: quotes per
    story, by date": two vertical bars, 2 for 2024-03-02 and 1 for 2024-05-17, ticks 0 1 2."""

    async def run(pilot: Pilot) -> None:
        pilot.app.theme = theme
        await indexed(pilot)
        await pilot.press("s")
        await status_reads(pilot, "#speakers-status", "4 speakers · Maria Lopez")
        await pilot.press("c")
        await settle_until(pilot, lambda: bool(pilot.app.screen.query("#speaker-chart"))
                           and pilot.app.screen.query_one("#speaker-chart").display)

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=run)


def test_the_export_dialog(library: Path, snap_compare) -> None:  # noqa: ANN001
    """`e` on a search result: over the dimmed search, a box "Export 1 quote as" offering
    "CSV  (c)", "JSON  (j)", "Markdown  (m)"; the footer lists c CSV, j JSON, m Markdown, esc Cancel."""

    async def run(pilot: Pilot) -> None:
        await search_combined(pilot)
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(make_app(library), terminal_size=SIZE, run_before=run)
