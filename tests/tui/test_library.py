"""The library screen and the speakers-across-stories screen, driven with Pilot."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from explorer import library
from explorer.library import StoryEntry
from explorer.tui.app import EXIT_AFTER_FIRST_PAINT, make_app
from explorer.tui.screens.library import LibraryScreen
from explorer.tui.screens.speaker_quotes import LOAD_DELAY, SpeakerQuotesScreen
from explorer.tui.screens.story import StoryScreen
from explorer.tui.widgets.virtual_table import VirtualTable
from tests.bench.make_corpus import make_sample_library
from tests.tui.conftest import Notes, shown_lines

pytestmark = pytest.mark.anyio
SIZE = (100, 30)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make_sample_library(tmp_path / "library")
    return tmp_path / "library"


async def settle(pilot: Pilot) -> None:
    """Let the workers finish and the screen catch up with their messages."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def table_lines(pilot: Pilot, selector: str = "#library-stories") -> list[str]:
    """The lines a table shows on screen now (header first), trailing blanks dropped."""
    lines = [line.rstrip() for line in shown_lines(pilot.app.screen.query_one(selector, VirtualTable))]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def text_of(pilot: Pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def test_the_library_lists_title_outlet_date_and_counts(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
        lines = table_lines(pilot)
        assert lines[0].split() == ["Title", "Outlet", "Date", "Speakers", "Quotes"]
        assert lines[1].startswith("Council approves new bridge over the river")
        assert lines[1].split()[-5:] == ["Harbor", "Times", "2024-03-02", "2", "3"]
        assert "Mayor defends budget cuts" in lines[3] and "The Daily Ledger" in lines[3]
        assert len(lines) == 5
        assert text_of(pilot, "#library-status") == "4 stories · 1 broken"


async def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    async with make_app(tmp_path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert table_lines(pilot)[1] == "No story files in this folder."
        assert text_of(pilot, "#library-status") == "0 stories"
        await pilot.press("enter", "s")
        await pilot.pause()
        assert table_lines(pilot, "#speakers-table")[1] == "No speakers."


async def test_a_broken_story_is_listed_with_its_error_and_enter_shows_it(folder: Path) -> None:
    app = make_app(folder)
    notes = Notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert table_lines(pilot)[2].startswith(
            "✗ broken-story.yaml:8:16: quote 'q1' names unknown paragraph 'p9'")
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert notes.messages == [f"{folder / 'broken-story.yaml'}:8:16: quote 'q1' names unknown paragraph 'p9'"]
        await pilot.press("j", "enter")  # the others still open
        await pilot.pause()
        assert isinstance(pilot.app.screen, StoryScreen)
        assert pilot.app.screen.path == folder / "budget-cuts.yaml"


async def test_a_story_fixed_since_indexing_opens(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        (folder / "broken-story.yaml").write_text((folder / "rail-strike.yaml").read_text())
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StoryScreen)
        assert pilot.app.screen.path == folder / "broken-story.yaml"


async def test_enter_opens_the_story_and_escape_comes_back(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StoryScreen)
        assert pilot.app.screen.path == folder / "rail-strike.yaml"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert pilot.app.screen.query_one(VirtualTable).cursor == 3


async def test_typing_filters_by_title_outlet_or_speaker(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"becker")
        assert [line.split("  ")[0] for line in table_lines(pilot)[1:]] == [
            "Council approves new bridge over the river", "Rail strike enters its second week"]
        assert text_of(pilot, "#library-status") == "2 of 4 stories · 1 broken"
        await pilot.press(*" courier")  # every word must match
        assert len(table_lines(pilot)) == 2 and "Rail strike" in table_lines(pilot)[1]
        await pilot.press("enter", "enter")  # Enter in the box goes to the list, Enter there opens
        await pilot.pause()
        assert pilot.app.screen.path == folder / "rail-strike.yaml"


async def test_a_filter_matching_nothing_says_so_and_escape_clears_it(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ledger", "down")
        assert table_lines(pilot)[1].startswith("Mayor defends budget cuts")
        await pilot.press("slash", *"zzz")  # / selects the filter's text: typing replaces it
        assert table_lines(pilot)[1] == "No story matches 'zzz'."
        await pilot.press("escape")
        assert pilot.app.screen.query_one(Input).value == ""
        assert len(table_lines(pilot)) == 5
        assert pilot.app.screen.focused is pilot.app.screen.query_one(VirtualTable)


async def test_the_screen_fills_in_while_indexing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = library.index_story

    def slow(path: Path) -> StoryEntry:
        release.wait(5)
        return real(path)

    monkeypatch.setattr(library, "index_story", slow)
    async with make_app(folder).run_test(size=SIZE) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if "indexing" in text_of(pilot, "#library-status"):
                break
        assert text_of(pilot, "#library-status") == "4 stories · indexing 0/4"
        assert table_lines(pilot)[1].split() == ["bridge-vote.yaml", "…"]
        release.set()
        await settle(pilot)
        assert text_of(pilot, "#library-status") == "4 stories · 1 broken"
        assert table_lines(pilot)[1].startswith("Council approves")


async def test_a_warm_start_parses_no_story(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
    parsed: list[Path] = []
    monkeypatch.setattr(library, "index_story", parsed.append)
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert parsed == []
        assert table_lines(pilot)[1].startswith("Council approves")


def test_spacy_is_not_imported_once_the_library_is_up(folder: Path) -> None:
    """In a fresh interpreter: the library up, and spaCy never imported."""
    code = f"""
import asyncio, sys
from pathlib import Path
from explorer.tui.app import EXIT_AFTER_FIRST_PAINT, make_app

async def main():
    async with make_app(Path({str(folder)!r})).run_test() as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        print(type(pilot.app.screen).__name__, "spacy" in sys.modules)

asyncio.run(main())
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["LibraryScreen", "False"], result.stderr


def test_the_command_opens_a_library_and_can_quit_after_the_first_paint(folder: Path) -> None:
    """`python -m explorer FOLDER`, headless, with the benchmark's quit-after-first-paint switch."""
    env = {**os.environ, EXIT_AFTER_FIRST_PAINT: "1",
           "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}
    result = subprocess.run([sys.executable, "-m", "explorer", str(folder)], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr


# --- speakers across stories ---------------------------------------------------


#: Wide enough for the sample quotes to show in full in the quotes table.
WIDE_SIZE = (150, 30)


async def quotes_loaded(pilot: Pilot) -> None:
    """Wait for the cursor to have rested on a speaker long enough, and their quotes to be read."""
    await pilot.pause(LOAD_DELAY * 2)
    await settle(pilot)


async def open_speakers(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("s")
    await quotes_loaded(pilot)
    assert isinstance(pilot.app.screen, SpeakerQuotesScreen)


async def test_speakers_are_merged_across_stories(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await open_speakers(pilot)
        rows = [line.split("  ")[0] for line in table_lines(pilot, "#speakers-table")[1:]]
        assert rows == ["Maria Lopez", "Ana Silva", "Tom Becker", "Rail Operator"]
        assert table_lines(pilot, "#speakers-table")[1].split()[-2:] == ["2", "3"]


async def test_a_speakers_quotes_from_every_story_newest_first(folder: Path) -> None:
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await open_speakers(pilot)
        quotes = table_lines(pilot, "#speaker-quotes-table")[1:]
        assert [line[:10] for line in quotes] == ["2024-05-17", "2024-03-02", "2024-03-02"]
        assert quotes[0].endswith("Every department has to share the burden.")
        detail = text_of(pilot, "#speaker-quote-detail")
        assert detail == ("“Every department has to share the burden.”\n"
                          "direct quote · paragraph 2 · Mayor defends budget cuts · 2024-05-17")
        assert "Maria Lopez: 3 quotes in 2 stories" in text_of(pilot, "#speakers-status")


async def test_moving_to_another_speaker_shows_their_quotes(folder: Path) -> None:
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await open_speakers(pilot)
        await pilot.press("j", "j")
        await quotes_loaded(pilot)
        quotes = table_lines(pilot, "#speaker-quotes-table")[1:]
        assert len(quotes) == 2
        assert quotes[0].startswith("2024-06-09 Rail strike")
        assert quotes[0].endswith("We will not go back without a contract.")
        assert quotes[1].endswith("The cost is too high for a town of our size.")


async def test_enter_on_a_quote_opens_its_story_at_that_quote(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await open_speakers(pilot)
        await pilot.press("enter", "j", "j", "enter")  # Maria Lopez; her third quote
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, StoryScreen)
        assert screen.path == folder / "bridge-vote.yaml"
        assert screen.quote == "q2"
        assert screen.paragraph == 2  # "We start building in May." is the third paragraph
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SpeakerQuotesScreen)


async def test_the_speaker_filter_and_escape_back_to_the_library(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await open_speakers(pilot)
        await pilot.press("slash", *"TOM")
        await quotes_loaded(pilot)
        assert [line.split("  ")[0] for line in table_lines(pilot, "#speakers-table")[1:]] == ["Tom Becker"]
        assert len(table_lines(pilot, "#speaker-quotes-table")) == 3
        await pilot.press("escape")
        assert len(table_lines(pilot, "#speakers-table")) == 5
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)


async def test_a_story_broken_since_indexing_is_reported_with_the_quotes_of_the_others(folder: Path) -> None:
    app = make_app(folder)
    notes = Notes(app)
    async with app.run_test(size=WIDE_SIZE) as pilot:
        await settle(pilot)
        (folder / "budget-cuts.yaml").write_text("format: 1\n")
        await open_speakers(pilot)
        assert len(table_lines(pilot, "#speaker-quotes-table")) == 3  # her two quotes in the bridge story
        assert text_of(pilot, "#speakers-status").endswith("cannot read 1 story of theirs")
        assert notes.messages == [f"{folder / 'budget-cuts.yaml'}:1:1: the story has no 'title'"]
