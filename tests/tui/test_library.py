"""The library screen and the speakers-across-stories screen, driven with Pilot."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from explorer.tui.app import EXIT_AFTER_FIRST_PAINT, make_app
from explorer.tui.screens.help import HelpScreen
from explorer.tui.screens.library import LibraryScreen
from explorer.tui.screens.speaker_quotes import SpeakerQuotesScreen
from explorer.tui.screens.story import StoryScreen
from explorer.tui.widgets.virtual_table import VirtualTable
from tests.tui.conftest import Notes, settle_until, shown_lines

pytestmark = pytest.mark.anyio
SIZE = (100, 30)


async def settle(pilot: Pilot, refreshes: int = 1) -> None:
    """Let the library's refreshes (`refreshes` of them so far) and the workers finish,
    and the screen catch up with their messages."""
    library = next((screen for screen in pilot.app.screen_stack if isinstance(screen, LibraryScreen)), None)
    for _ in range(400):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        if library is None or library.refreshes >= refreshes:
            break
        await pilot.pause(0.02)
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
        assert lines[0].split() == ["Title", "Outlet", "Date", "Speakers", "Quotes", "Checked"]
        assert lines[1].startswith("Council approves new bridge over the river")
        assert lines[1].split()[-6:] == ["Harbor", "Times", "2024-03-02", "2", "3", "0/3"]
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
        assert [line[:34] for line in table_lines(pilot)[1:]] == [
            "Council approves new bridge over t", "Rail strike enters its second week"]
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


async def test_the_first_paint_lists_the_files_before_they_are_indexed(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        # Before any refresh: the walk's names, each a placeholder.
        assert screen.refreshes == 0
        assert [line.split()[:2] for line in table_lines(pilot)[1:]][0] == ["bridge-vote.yaml", "…"]
        await settle(pilot)
        assert text_of(pilot, "#library-status") == "4 stories · 1 broken"
        assert table_lines(pilot)[1].startswith("Council approves")
        assert screen.parsed == 4


async def test_a_warm_start_parses_no_story(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
    async with make_app(folder).run_test(size=SIZE) as pilot:
        screen = pilot.app.screen
        assert table_lines(pilot)[1].startswith("Council approves")  # from the index, at the first paint
        await settle(pilot)
        assert (screen.refreshes, screen.parsed) == (1, 0)


async def test_a_big_warm_library_paints_a_screenful_first_and_lists_the_rest_after(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With more stories than `FIRST_SCREENFUL`, the first paint reads that many rows and
    the count (the status says "listing…"); the whole list, checked, comes right after it."""
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
    monkeypatch.setattr("explorer.tui.screens.library.FIRST_SCREENFUL", 2)
    at_first_paint: list[tuple[int, str, int]] = []
    reload = LibraryScreen._reload

    def seen_then_reload(screen: LibraryScreen) -> None:
        if not at_first_paint:
            at_first_paint.append((screen.query_one(VirtualTable).row_count,
                                   str(screen.query_one("#library-status", Static).render()), screen.index.rows_read))
        reload(screen)

    monkeypatch.setattr(LibraryScreen, "_reload", seen_then_reload)
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert at_first_paint == [(2, "4 stories · listing…", 3)]  # two stories and the count
        assert pilot.app.screen.query_one(VirtualTable).row_count == 4
        assert text_of(pilot, "#library-status").startswith("4 stories")
        assert "listing" not in text_of(pilot, "#library-status")


async def test_r_picks_up_a_new_a_changed_and_a_removed_file(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        (folder / "rail-strike.yaml").unlink()
        budget = folder / "budget-cuts.yaml"
        budget.write_text(budget.read_text().replace("Mayor defends budget cuts", "Mayor withdraws budget cuts"))
        (folder / "zoo.yaml").write_text((folder / "bridge-vote.yaml").read_text().replace(
            "Council approves new bridge", "Zoo opens"))
        await pilot.press("r")
        await settle(pilot, refreshes=2)
        titles = [line.split("  ")[0] for line in table_lines(pilot)[1:]]
        assert titles[0].startswith("Council approves") and titles[2] == "Mayor withdraws budget cuts"
        assert titles[3].startswith("Zoo opens over the river") and len(titles) == 4
        assert pilot.app.screen.parsed == 4 + 2


async def test_a_file_the_loader_raises_on_is_one_error_line_also_after_r(folder: Path) -> None:
    """An explicit tag with a bad value made the loader raise (ValueError) and the whole
    library crash; now it is that file's line, at the start and after `r`."""
    bad = "format: 1\ntitle: A bad tag\npublished: !!int abc\nparagraphs: []\n"
    (folder / "bad-tag.yaml").write_text(bad)
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert table_lines(pilot)[1].startswith("✗ bad-tag.yaml:")
        (folder / "rail-strike.yaml").write_text(bad)
        await pilot.press("r")
        await settle(pilot, refreshes=2)
        assert table_lines(pilot)[-1].startswith("✗ rail-strike.yaml:")
        assert text_of(pilot, "#library-status") == "5 stories · 3 broken"
        await pilot.press("G", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)


async def test_a_corrupt_database_at_start_is_rebuilt_without_a_word(folder: Path) -> None:
    from explorer.index.database import database_file_for

    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
    database_file_for(folder).write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    app = make_app(folder)
    notes = Notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert table_lines(pilot)[1].startswith("Council approves")
        assert pilot.app.screen.parsed == 4
        assert notes.messages == []


async def test_quitting_while_a_slow_file_is_indexed_stops_the_indexing_at_once(folder: Path) -> None:
    """A story file that takes seconds to parse (60,000 paragraphs), indexed first: quitting
    kills the refresh in the middle of it, and no thread is left for the interpreter to wait for."""
    slow = folder / "a-slow-story.yaml"
    slow.write_text("format: 1\ntitle: Slow\nparagraphs:\n" + "".join(
        f"  - id: p{n}\n    text: Words words words.\n" for n in range(60_000)))
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for _ in range(200):
            await pilot.pause(0.05)
            if screen.refresh_pid is not None and "indexing" in text_of(pilot, "#library-status"):
                break
        pid = screen.refresh_pid
        assert pid is not None and process_alive(pid)
        app.exit()
    for _ in range(100):  # SIGKILL is sent; on a busy machine the child may be scheduled to die a moment later
        if not process_alive(pid):
            break
        time.sleep(0.05)
    assert not process_alive(pid)
    assert [thread.name for thread in threading.enumerate() if not thread.daemon and thread.is_alive()] == [
        threading.main_thread().name]


def process_alive(pid: int) -> bool:
    """True while the process runs (a zombie, killed but not yet reaped, is not running)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):  # gone (FileNotFoundError), or reaped while read (ProcessLookupError)
        return False
    return state not in ("Z", "X")


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


async def open_speakers(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SpeakerQuotesScreen)


async def test_speakers_are_merged_across_stories(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await open_speakers(pilot)
        rows = [line.split("  ")[0] for line in table_lines(pilot, "#speakers-table")[1:]]
        assert rows == ["Maria Lopez", "Ana Silva", "Tom Becker", "Rail Operator"]
        assert table_lines(pilot, "#speakers-table")[1].split()[-2:] == ["2", "3"]


async def test_a_speakers_stories_are_those_that_quote_them(tmp_path: Path) -> None:
    """Ada Park is listed in three stories and quoted in two: the speakers list and the status
    count the stories that quote her ("1,349 quotes in 661 stories" was said of a speaker
    quoted in 604 of them), and say where else she is named."""
    from explorer.storyfile import dump_story
    from tests.bench.make_corpus import make_story

    folder = tmp_path / "named"
    folder.mkdir()
    for number in range(3):
        story = make_story(4, 3, 2, seed=number, title=f"Story {number}")
        story.speakers[0].name = "Ada Park"
        for quote in story.quotes:
            quote.speaker = story.speakers[0].id if number < 2 else story.speakers[1].id
        (folder / f"story-{number}.yaml").write_text(dump_story(story), encoding="utf-8")
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await open_speakers(pilot)
        assert table_lines(pilot, "#speakers-table")[1].split() == ["Ada", "Park", "2", "6"]
        assert "Ada Park: 6 quotes in 2 stories (named in 3), newest story first" in text_of(
            pilot, "#speakers-status")
    async with make_app(folder).run_test(size=(70, 24)) as pilot:  # where else: the first thing to go
        await open_speakers(pilot)
        assert text_of(pilot, "#speakers-status") == "4 speakers · Ada Park: 6 quotes in 2 stories, newest story first"


async def test_a_speakers_quotes_from_every_story_newest_first_in_two_queries(folder: Path) -> None:
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await open_speakers(pilot)
        quotes = table_lines(pilot, "#speaker-quotes-table")[1:]
        assert [line[:10] for line in quotes] == ["2024-05-17", "2024-03-02", "2024-03-02"]
        assert quotes[0].endswith("Every department has to share the burden.")
        detail = text_of(pilot, "#speaker-quote-detail")
        assert detail == ("“Every department has to share the burden.”\n"
                          "MARIA LOPEZ (said) · direct quote · paragraph 2 · Mayor defends budget cuts · "
                          "The Daily Ledger · 2024-05-17")
        assert "Maria Lopez: 3 quotes in 2 stories, newest story first" in text_of(pilot, "#speakers-status")
        index = pilot.app.screen.index
        before = index.statements
        await pilot.press("j")  # Ana Silva
        await pilot.pause()
        assert index.statements - before == 2  # the ids of their quotes, then the quotes on screen
        assert len(table_lines(pilot, "#speaker-quotes-table")) == 3


async def test_o_orders_their_quotes_by_story(folder: Path) -> None:
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await open_speakers(pilot)
        await pilot.press("o")
        await pilot.pause()
        quotes = table_lines(pilot, "#speaker-quotes-table")[1:]
        assert [line[11:30] for line in quotes] == ["Council approves ne", "Council approves ne", "Mayor defends budge"]
        assert text_of(pilot, "#speakers-status").endswith("by story")


async def test_moving_to_another_speaker_shows_their_quotes(folder: Path) -> None:
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await open_speakers(pilot)
        await pilot.press("j", "j")
        await pilot.pause()
        quotes = table_lines(pilot, "#speaker-quotes-table")[1:]
        assert len(quotes) == 2
        assert quotes[0].startswith("2024-06-09 Rail strike")
        assert quotes[0].endswith("We will not go back without a contract.")
        assert quotes[1].endswith("The cost is too high for a town of our size.")


async def test_the_speakers_screen_is_built_once_and_shown_again_as_the_library_now_is(folder: Path) -> None:
    """`s` a second time shows the same screen, its widgets not composed again, with the
    speakers as the index now has them (a story changed meanwhile), in the order and with
    the filter a new screen starts with."""
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await open_speakers(pilot)
        screen = pilot.app.screen
        table = screen.query_one("#speakers-table", VirtualTable)
        await pilot.press("o", "c")  # their quotes by story, and the chart
        await pilot.pause()
        story = folder / "rail-strike.yaml"
        story.write_text(story.read_text().replace("Tom Becker", "Tom Baker"))
        await pilot.press("escape")
        await settle(pilot, refreshes=2)  # back in the library, which looks at the files again
        await pilot.press("s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.query_one("#speakers-table", VirtualTable) is table
        assert [line.split("  ")[0] for line in table_lines(pilot, "#speakers-table")[1:]] == [
            "Maria Lopez", "Ana Silva", "Rail Operator", "Tom Baker", "Tom Becker"]
        assert text_of(pilot, "#speakers-status").endswith("newest story first")
        assert screen.query_one("#speaker-quote-detail").display
        assert not screen.query_one("#speaker-chart").display
        assert screen.focused is table


async def test_the_speakers_screen_is_built_ahead_and_s_only_shows_it(folder: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the library is indexed, the speakers screen is composed and mounted without being
    shown; `s` then reads nothing from the index while it has not changed."""
    composed: list[SpeakerQuotesScreen] = []
    compose = SpeakerQuotesScreen.compose

    def counted_compose(screen: SpeakerQuotesScreen):  # noqa: ANN202
        composed.append(screen)
        yield from compose(screen)

    monkeypatch.setattr(SpeakerQuotesScreen, "compose", counted_compose)
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await settle(pilot)
        library = pilot.app.screen
        assert isinstance(library, LibraryScreen)
        assert len(composed) == 1
        assert library.query_one("#library-stories", VirtualTable).has_focus
        before = library.index.statements
        await pilot.press("s")
        await pilot.pause()
        assert pilot.app.screen is composed[0]
        assert library.index.statements == before  # (the page of quotes on screen was read ahead too)
        assert [line.split("  ")[0] for line in table_lines(pilot, "#speakers-table")[1:]] == [
            "Maria Lopez", "Ana Silva", "Tom Becker", "Rail Operator"]
        assert len(table_lines(pilot, "#speaker-quotes-table")) == 4


async def test_s_while_the_speakers_screen_built_ahead_is_not_composed_yet(folder: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    build = LibraryScreen._build_speakers_screen

    def build_then_s(library: LibraryScreen) -> None:
        build(library)
        library.action_speakers()  # before the screen built ahead had a turn to compose itself

    monkeypatch.setattr(LibraryScreen, "_build_speakers_screen", build_then_s)
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await settle(pilot)
        # The build comes after the screen's next refresh once the refresh has ended: on a
        # busy machine, after more than the one pause `settle` gives.
        await settle_until(pilot, lambda: isinstance(pilot.app.screen, SpeakerQuotesScreen)
                           and bool(pilot.app.screen.query("#speakers-table")))
        await pilot.pause()
        assert [line.split("  ")[0] for line in table_lines(pilot, "#speakers-table")[1:]] == [
            "Maria Lopez", "Ana Silva", "Tom Becker", "Rail Operator"]
        assert "Maria Lopez: 3 quotes" in text_of(pilot, "#speakers-status")


async def test_quitting_while_the_speakers_screen_is_built_ahead_is_a_clean_exit(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app closing right after the screen was pushed and popped removes its widgets before
    they are mounted (seen as a NoMatches crash on a busy machine); the quit stays clean."""
    build = LibraryScreen._build_speakers_screen

    def build_then_quit(library: LibraryScreen) -> None:
        build(library)
        library.app.exit()

    monkeypatch.setattr(LibraryScreen, "_build_speakers_screen", build_then_quit)
    app = make_app(folder)
    async with app.run_test(size=WIDE_SIZE) as pilot:
        await settle(pilot)
    assert app.return_code == 0 and app._exception is None


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
        await pilot.pause()
        assert [line.split("  ")[0] for line in table_lines(pilot, "#speakers-table")[1:]] == ["Tom Becker"]
        assert len(table_lines(pilot, "#speaker-quotes-table")) == 3
        await pilot.press("escape")
        assert len(table_lines(pilot, "#speakers-table")) == 5
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)


async def test_with_no_speaker_listed_c_and_v_say_so(folder: Path) -> None:
    """A filter that matches no speaker leaves none highlighted: `v` said nothing at all,
    and `c` drew an empty chart titled ": quotes per story, by date"."""
    app = make_app(folder)
    notes = Notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_speakers(pilot)
        await pilot.press("slash", *"zzz", "down")
        await pilot.pause()
        screen = pilot.app.screen
        await pilot.press("v")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert notes.last == "No speaker matches the filter: there is nothing to count."
        await pilot.press("c")
        await pilot.pause()
        chart = screen.query_one("#speaker-chart")
        assert chart.title == "No speaker matches the filter"
        assert not chart.counts


async def test_a_quote_of_a_story_broken_since_indexing_says_why_it_cannot_open(folder: Path) -> None:
    app = make_app(folder)
    notes = Notes(app)
    async with app.run_test(size=WIDE_SIZE) as pilot:
        await open_speakers(pilot)
        (folder / "budget-cuts.yaml").write_text("format: 1\n")
        await pilot.press("tab", "enter")  # Maria Lopez's newest quote, in the budget story
        await pilot.pause()
        assert isinstance(pilot.app.screen, SpeakerQuotesScreen)
        assert notes.messages == [f"{folder / 'budget-cuts.yaml'}:1:1: the story has no 'title'"]


# --- the mouse ---------------------------------------------------------------------


async def test_a_click_selects_the_row_clicked_and_the_header_selects_nothing(folder: Path) -> None:
    """The table has a border: its first line is the border, then the header, then the rows.
    Clicking the third story selects it (not the one below); clicking the header changes
    nothing; a second click on the selected row opens it."""
    async with make_app(folder).run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#library-stories", VirtualTable)
        await pilot.click("#library-stories", offset=(5, 4))  # border 0, header 1, rows from 2
        assert table.cursor == 2
        await pilot.click("#library-stories", offset=(5, 1))  # the header
        assert table.cursor == 2
        await pilot.click("#library-stories", offset=(5, 0))  # the border
        assert table.cursor == 2
        await pilot.click("#library-stories", offset=(5, 4))
        await pilot.pause()
        assert isinstance(pilot.app.screen, StoryScreen)
        assert pilot.app.screen.path == folder / "budget-cuts.yaml"


async def test_a_click_in_the_speakers_table_selects_that_speaker(folder: Path) -> None:
    async with make_app(folder).run_test(size=(140, 45)) as pilot:
        await open_speakers(pilot)
        table = pilot.app.screen.query_one("#speakers-table", VirtualTable)
        await pilot.click("#speakers-table", offset=(3, 3))
        assert table.highlighted_row.name == "Ana Silva"
        await pilot.click("#speakers-table", offset=(3, 1))
        assert table.highlighted_row.name == "Ana Silva"


# --- a locked index, and typing long filters ----------------------------------------


async def test_an_index_locked_by_another_program_is_rebuilt_and_the_library_lists(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.index.database import database_file_for
    from tests.test_library_index import LOCKER

    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
    monkeypatch.setattr(LibraryScreen, "busy_timeout_ms", 50)
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(database_file_for(folder))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        app = make_app(folder)
        notes = Notes(app)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert table_lines(pilot)[1].startswith("Council approves")
            assert text_of(pilot, "#library-status") == "4 stories · 1 broken"
            assert pilot.app.screen.parsed == 4  # rebuilt beside the locked file
            assert notes.messages == []
    finally:
        locker.communicate("")


async def test_typing_a_long_filter_costs_no_more_per_key_as_it_grows(tmp_path: Path) -> None:
    from tests.bench.make_corpus import make_library

    make_library(tmp_path / "many", 20, seed=2)
    async with make_app(tmp_path / "many").run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        await pilot.press("slash")
        per_key = []
        for character in "ab " * 16:
            before = screen.story_filter.checks
            await pilot.press("space" if character == " " else character)
            per_key.append(screen.story_filter.checks - before)
        assert pilot.app.screen.query_one(Input).value.strip() == ("ab " * 16).strip()
        assert max(per_key) <= 20  # never more than the stories
        assert sum(per_key[24:]) <= sum(per_key[:24])  # the second half no dearer than the first


async def test_a_story_checked_and_saved_shows_its_count_back_in_the_library(folder: Path) -> None:
    """The Checked column used to keep the count of the last refresh until `r`."""
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")
        before = table_lines(pilot)[-1]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StoryScreen)
        await pilot.press("3", "a", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot, refreshes=2)
        assert isinstance(pilot.app.screen, LibraryScreen)
        after = table_lines(pilot)[-1]
        assert before.split()[-1].startswith("0/") and after.split()[-1] == "1/" + before.split()[-1][2:]


async def test_the_help_opened_and_closed_starts_no_refresh(folder: Path) -> None:
    """The help (like the palette and the dialogs) changes no story file: coming back from
    it does not walk the folder again, as coming back from a story does."""
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        first = screen.refresh_pid
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen and not screen.indexing and screen.refresh_pid == first


async def test_at_80_columns_the_library_footer_keeps_its_first_keys(folder: Path) -> None:
    """The library's own keys are not ranked: a narrow footer leaves out the last of them
    first (Reload, Charts), never the filter and the quote search."""
    from explorer.tui.widgets.key_footer import KeyFooter

    async with make_app(folder).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = pilot.app.screen.query_one(KeyFooter).render().plain
        assert footer.startswith(" / Filter  f Find quotes  s Speakers"), footer
        assert "? Help" in footer and "Reload" not in footer
    async with make_app(folder).run_test(size=(150, 24)) as pilot:
        await settle(pilot)
        assert "r Reload" in pilot.app.screen.query_one(KeyFooter).render().plain
