"""A story found by its file: the library's `/` filter matches the path the list's border names,
and the command palette's story entries name the file of a title that other stories share
(as the rows do), so that its fuzzy search finds and shows the path."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from explorer.tui.app import make_app
from tests.tui.test_library import settle, text_of
from tests.tui.test_library_app import palette_titles
from tests.tui.test_library_rows import BRIDGE, add_twins, titles, under_the_list

pytestmark = pytest.mark.anyio
SIZE = (150, 30)
WHERE = "(Harbor Times, 2024-03-02)"


@pytest.fixture
def twins(folder: Path) -> Path:
    return add_twins(folder)


async def test_typing_part_of_a_file_name_finds_the_story(twins: Path) -> None:
    async with make_app(twins).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "or file" in pilot.app.screen.query_one("#library-filter", Input).placeholder
        await pilot.press("slash", *"wire/")
        assert titles(pilot) == ["COUNCIL approves new  bridge over the river · wire/bridge-vote"]
        assert text_of(pilot, "#library-status") == "1 of 7 stories · 1 broken"
        assert "─ wire/bridge-vote.yaml ─" in under_the_list(pilot)
        await pilot.press("ctrl+u", *"corrected")
        assert titles(pilot) == [f"{BRIDGE} · bridge-vote-corrected"]
        await pilot.press("ctrl+u", *"retitled mayor")  # a file's word and a title's together
        assert titles(pilot) == ["Mayor defends budget cuts again"]
        await pilot.press("ctrl+u", *"broken-story")
        assert titles(pilot) == ["✗ broken-story.yaml:8:16: quote 'q1' names unknown paragraph 'p9'"]


async def test_the_palette_names_the_files_of_a_shared_title_and_finds_them(twins: Path) -> None:
    async with make_app(twins).run_test(size=SIZE) as pilot:
        await settle(pilot)
        found = await palette_titles(pilot, "story bridge")
        assert sorted(found) == sorted([
            f"story: {BRIDGE} · bridge-vote-corrected {WHERE}", f"story: {BRIDGE} · bridge-vote {WHERE}",
            f"story: COUNCIL approves new  bridge over the river · wire/bridge-vote {WHERE}"])
        await pilot.press("ctrl+u", *"story wire/bridge")
        await pilot.pause(0.3)  # the palette searches in the background
        await pilot.pause()
        options = pilot.app.screen.query_one("CommandList").options
        assert [str(option.prompt).split("\n")[0] for option in options] == [
            f"story: COUNCIL approves new  bridge over the river · wire/bridge-vote {WHERE}"]
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.path == twins / "wire" / "bridge-vote.yaml"


async def test_the_palette_names_no_file_for_a_title_of_its_own(twins: Path) -> None:
    async with make_app(twins).run_test(size=SIZE) as pilot:
        await settle(pilot)
        found = await palette_titles(pilot, "story retitled")  # found by its file, named by its title
        assert found == ["story: Mayor defends budget cuts again (The Daily Ledger, 2024-05-17)"]


async def test_story_typed_alone_in_the_palette_lists_the_stories(twins: Path) -> None:
    """"story" is the entries' own word, not a word to look for in the stories."""
    async with make_app(twins).run_test(size=SIZE) as pilot:
        await settle(pilot)
        found = await palette_titles(pilot, "story")
        assert len([title for title in found if title.startswith("story: ")]) == 7
