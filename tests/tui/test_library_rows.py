"""The library's rows: stories of one title told apart by their files, the highlighted story's
file under the list, and the outlet column as wide as the outlets need."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from explorer.library import StoryEntry
from explorer.tui.app import make_app
from explorer.tui.same_titles import SameTitles
from explorer.tui.widgets.virtual_table import VirtualTable
from tests.tui.test_library import settle, table_lines

pytestmark = pytest.mark.anyio
SIZE = (100, 30)
BRIDGE = "Council approves new bridge over the river"


def add_twins(folder: Path) -> Path:
    """To the sample library in `folder`, the bridge story twice more (a copy under another
    name, and one in a subfolder whose title differs only in case and spacing) and a copy of
    the budget story whose title was changed, which is no twin."""
    bridge = (folder / "bridge-vote.yaml").read_text()
    (folder / "bridge-vote-corrected.yaml").write_text(bridge)
    (folder / "wire").mkdir()
    (folder / "wire" / "bridge-vote.yaml").write_text(
        bridge.replace(f"title: {BRIDGE}", "title: COUNCIL approves new  bridge over the river"))
    budget = (folder / "budget-cuts.yaml").read_text()
    (folder / "budget-cuts-retitled.yaml").write_text(
        budget.replace("title: Mayor defends budget cuts", "title: Mayor defends budget cuts again"))
    return folder


@pytest.fixture
def twins(folder: Path) -> Path:
    return add_twins(folder)


def screen_lines(pilot: Pilot) -> list[str]:
    """Every line of the screen as drawn (borders included)."""
    return [strip.text for strip in pilot.app.screen._compositor.render_strips()]


def titles(pilot: Pilot) -> list[str]:
    """The title column of each row on screen (of a row across the table, its start)."""
    table = pilot.app.screen.query_one("#library-stories", VirtualTable)
    width = table.column_widths(table.scrollable_content_region.width)[0]
    return [line[:width].rstrip() for line in table_lines(pilot)[1:]]


def under_the_list(pilot: Pilot) -> str:
    """The bottom border of the list of stories, as drawn."""
    table = pilot.app.screen.query_one("#library-stories", VirtualTable)
    return screen_lines(pilot)[table.region.bottom - 1][table.region.x:table.region.right]


async def test_stories_of_one_title_show_their_file_names(twins: Path) -> None:
    async with make_app(twins).run_test(size=(150, 30)) as pilot:
        await settle(pilot)
        assert titles(pilot) == [
            f"{BRIDGE} · bridge-vote-corrected",
            f"{BRIDGE} · bridge-vote",
            "✗ broken-story.yaml:8:16: quote 'q1' names unknown paragraph 'p9'",
            "Mayor defends budget cuts again",
            "Mayor defends budget cuts",
            "Rail strike enters its second week",
            "COUNCIL approves new  bridge over the river · wire/bridge-vote",
        ]
        await pilot.resize_terminal(100, 30)  # the title cut for the file name, which shows whole
        await pilot.pause()
        assert titles(pilot)[:2] == ["Council approves ne… · bridge-vote-corrected",
                                     "Council approves new bridge o… · bridge-vote"]


async def test_a_file_name_is_dimmed_and_stays_in_view_when_the_title_is_cut(twins: Path) -> None:
    async with make_app(twins).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The file names tell the twins apart: they keep up to two thirds of the title's 24 cells.
        assert titles(pilot)[:2] == ["Council… · …te-corrected", "Council a… · bridge-vote"]
        await pilot.press("j")  # the cursor leaves the first row: its file name is drawn dim
        strip = pilot.app.screen.query_one("#library-stories", VirtualTable).render_line(1)
        dim = "".join(segment.text for segment in strip if segment.style and segment.style.dim)
        assert dim == " · …te-corrected"


async def test_the_highlighted_storys_file_is_named_under_the_list(twins: Path) -> None:
    async with make_app(twins).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "bridge-vote-corrected.yaml" in under_the_list(pilot)
        await pilot.press("j", "j")  # a broken story too
        assert "─ broken-story.yaml ─" in under_the_list(pilot)
        await pilot.press("j")  # a story whose title is its own
        assert "─ budget-cuts-retitled.yaml ─" in under_the_list(pilot)
        await pilot.press("G")
        assert "─ wire/bridge-vote.yaml ─" in under_the_list(pilot)
        await pilot.press("slash", *"zzz")  # no story: no file
        await pilot.pause()
        assert ".yaml" not in under_the_list(pilot)


async def test_a_long_path_under_the_list_keeps_both_ends(twins: Path) -> None:
    deep = twins / ("a-folder-with-a-rather-long-name-" * 3) / "and-another-one-below-it"
    deep.mkdir(parents=True)
    (deep / "the-story-itself.yaml").write_text((twins / "rail-strike.yaml").read_text())
    async with make_app(twins).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bottom = under_the_list(pilot)  # (the first story: "a-folder-..." comes first)
        # Its first folder and its end, in the whole width of the border.
        assert bottom == "╰─ a-folder-with-a-rather-long-name-a-…r-one-below-it/the-story-itself.yaml ─╯"


async def test_a_title_becoming_shared_shows_the_file_names_after_r(twins: Path) -> None:
    async with make_app(twins).run_test(size=SIZE) as pilot:
        await settle(pilot)
        rail = twins / "rail-strike.yaml"
        rail.write_text(rail.read_text().replace("Rail strike enters its second week", "MAYOR defends budget cuts"))
        (twins / "bridge-vote-corrected.yaml").unlink()
        await pilot.press("r")
        await settle(pilot, refreshes=2)
        shown = titles(pilot)
        assert shown[0] == "Council approves new bridge o… · bridge-vote"  # still one in wire/
        assert shown[3:5] == ["Mayor defends budget cuts · budget-cuts", "MAYOR defends budget cuts · rail-strike"]


async def test_titles_are_compared_once_a_read_of_the_index_not_once_a_row_painted(twins: Path) -> None:
    """Which titles repeat is known before any row is painted: painting and scrolling
    compare nothing, a refresh that changes nothing compares nothing, a changed story is
    compared once."""
    async with make_app(twins).run_test(size=(80, 12)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#library-stories", VirtualTable)
        same_titles = table.same_titles
        before = same_titles.keyed
        await pilot.press("G", "pageup", "g", "j")
        table.refresh()
        await pilot.pause()
        assert same_titles.keyed == before
        await pilot.press("r")
        await settle(pilot, refreshes=2)
        assert same_titles.keyed == before
        budget = twins / "budget-cuts.yaml"
        budget.write_text(budget.read_text().replace("Mayor defends budget cuts", "Mayor defends budget cuts again"))
        await pilot.press("r")
        await settle(pilot, refreshes=3)
        assert same_titles.keyed == before + 1
        await pilot.press("g")
        assert titles(pilot)[3:5] == ["Mayor d… · …s-retitled", "Mayor d… · budget-cuts"]


def test_same_titles_ignores_case_and_spacing_and_keys_only_titles_new_or_changed() -> None:
    entries = [StoryEntry("/l", 1, b"a.yaml", "Ten things"), StoryEntry("/l", 2, b"b.yaml", " ten  THINGS "),
               StoryEntry("/l", 3, b"c.yaml", "Other"),
               StoryEntry("/l", 4, b"d.yaml", "Other", error_after_path="1:1: broken")]  # a broken one has no title
    titles = SameTitles()
    titles.reset(entries)
    assert [titles.shared(entry) for entry in entries] == [True, True, False, False]
    assert titles.keyed == 3
    titles.reset(entries)  # read again, unchanged: nothing keyed
    assert titles.keyed == 3
    titles.update(entries[1]._replace(title="OTHER"))
    assert [titles.shared(entry) for entry in entries[:3]] == [False, True, True]
    titles.update(entries[2]._replace(error_after_path="1:1: broken now"))
    assert [titles.shared(entry) for entry in entries[:3]] == [False, False, False]
    assert titles.keyed == 4


# --- the outlet column ---------------------------------------------------------------


def lengthen_an_outlet(folder: Path) -> Path:
    """The sample library's budget story from The Washington Post (19 characters)."""
    budget = folder / "budget-cuts.yaml"
    budget.write_text(budget.read_text().replace("outlet: The Daily Ledger", "outlet: The Washington Post"))
    return folder


@pytest.fixture
def long_outlet(folder: Path) -> Path:
    return lengthen_an_outlet(folder)


@pytest.mark.parametrize(("size", "outlet_width"), [((80, 24), 18), ((100, 30), 19), ((140, 45), 19),
                                                     ((200, 45), 19)])
async def test_the_outlet_column_is_as_wide_as_its_longest_outlet_allows(
        long_outlet: Path, size: tuple[int, int], outlet_width: int) -> None:
    """At 80 columns the outlet keeps the 18 cells it always had (the title the rest);
    wider, it shows the longest outlet whole and the title takes what is left."""
    async with make_app(long_outlet).run_test(size=size) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#library-stories", VirtualTable)
        width = table.scrollable_content_region.width
        widths = table.column_widths(width)
        assert widths[1:] == [outlet_width, 10, 8, 6, 7]
        assert sum(widths) + 5 == width
        budget = table_lines(pilot)[3]
        assert budget.startswith("Mayor defends budget")
        shown = "The Washington Post" if outlet_width == 19 else "The Washington Po…"
        assert budget[widths[0] + 1:].startswith(shown + " 2024-05-17")


async def test_a_library_of_short_outlets_gives_the_title_the_room(folder: Path) -> None:
    async with make_app(folder).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#library-stories", VirtualTable)
        assert table.column_widths(table.scrollable_content_region.width)[1] == len("Northern Courier")
        assert table_lines(pilot)[1].startswith("Council approves new br… Harbor Times")
