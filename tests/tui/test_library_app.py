"""The app around the library: the command palette's story entries and its one help, the
screenshot, the theme kept between runs, and `--speaker` with a folder."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from textual.command import CommandPalette

from explorer.tui.app import make_app, run_explorer
from explorer.tui.screens.help import HelpScreen
from explorer.tui.screens.library import LibraryScreen
from explorer.tui.screens.story import StoryScreen
from explorer.tui.settings import load_settings, settings_file
from tests.tui.conftest import Notes
from tests.tui.test_library import settle

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


async def palette_titles(pilot, query: str) -> list[str]:  # noqa: ANN001 - a Pilot
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    options = palette.query_one("CommandList").options
    return [str(option.prompt).split("\n")[0] for option in options]


async def test_the_palette_on_the_library_offers_the_stories(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = await palette_titles(pilot, "ledger")
        assert titles[0] == "story: Mayor defends budget cuts (The Daily Ledger, 2024-05-17)"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StoryScreen)
        assert pilot.app.screen.path == folder / "budget-cuts.yaml"


async def test_help_is_in_the_palette_and_textuals_keys_panel_is_not(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = await palette_titles(pilot, "help")
        assert "Help" in titles
        await pilot.press("ctrl+u", *"keys")
        await pilot.pause(0.3)
        assert "Keys" not in [str(o.prompt).split("\n")[0] for o in pilot.app.screen.query_one("CommandList").options]
        await pilot.press("ctrl+u", *"help")
        await pilot.pause(0.3)
        options = pilot.app.screen.query_one("CommandList").options
        index = [str(o.prompt).split("\n")[0] for o in options].index("Help")
        pilot.app.screen.query_one("CommandList").highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)


async def test_a_screenshot_is_saved_where_it_can_be_or_says_why(folder: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # no ~/Downloads: the current folder
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    app = make_app(folder)
    notes = Notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_screenshot()
        for _ in range(50):
            await pilot.pause(0.02)
            if list(work.glob("*.svg")):
                break
        await pilot.pause(0.1)
        assert len(list(work.glob("*.svg"))) == 1
        not_a_folder = tmp_path / "a-file"
        not_a_folder.write_text("")
        app.action_screenshot(path=str(not_a_folder))  # as where ~/Downloads is a file
        for _ in range(50):
            await pilot.pause(0.02)
            if "could not be saved" in notes.last:
                break
        assert notes.last.startswith("The screenshot could not be saved to ")
        assert notes.last.endswith(": Not a directory.")


async def test_the_theme_chosen_is_kept_for_the_next_start(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        pilot.app.theme = "textual-light"
        await pilot.pause()
    assert load_settings() == {"theme": "textual-light"}
    async with make_app(folder).run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "textual-light"


@pytest.mark.parametrize("garbage", ["not json", "[]", '{"theme": 7}', '{"theme": "no-such-theme"}', "[" * 100_000])
async def test_a_broken_settings_file_is_ignored(folder: Path, garbage: str) -> None:
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(garbage)
    async with make_app(folder).run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "textual-dark"


async def test_speaker_with_a_folder_filters_every_story_opened_from_it(folder: Path) -> None:
    async with make_app(folder, speaker="becker").run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
        await pilot.press("enter")
        await pilot.pause()
        story = pilot.app.screen
        assert isinstance(story, StoryScreen) and story.speaker == "s2"  # Tom Becker in the bridge story
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        await pilot.press("G", "enter")
        await pilot.pause()
        assert pilot.app.screen.speaker == "s1"  # and in the rail strike story


def test_paragraph_or_quote_with_a_folder_is_refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arguments = argparse.Namespace(path=str(folder), speaker=None, paragraph=3, quote=None, model=None)
    assert run_explorer(arguments) == 2
    assert capsys.readouterr().err == f"story-explorer: --paragraph needs a story file, not a folder ({folder})\n"
    arguments.paragraph, arguments.quote = None, "q1"
    assert run_explorer(arguments) == 2
    assert capsys.readouterr().err == f"story-explorer: --quote needs a story file, not a folder ({folder})\n"
    assert json.dumps(load_settings()) == "{}"
