"""What the app opens at start, opening a story over the library, and the command's errors."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

import pytest

from explorer.tui.app import EXIT_AFTER_FIRST_PAINT, make_app, run_explorer
from explorer.tui.screens.library import LibraryScreen
from explorer.tui.screens.story import StoryScreen
from tests.tui.conftest import SEED_STORY, WIDE

pytestmark = pytest.mark.anyio


async def test_a_folder_opens_the_library_and_escape_on_a_story_returns_to_it(tmp_path) -> None:  # noqa: ANN001
    shutil.copy(SEED_STORY, tmp_path / SEED_STORY.name)
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        app.open_story(tmp_path / SEED_STORY.name, quote="q35")
        await pilot.pause()
        story = app.screen
        assert isinstance(story, StoryScreen) and story.can_leave
        assert (story.paragraph, story.highlight) == (12, "q35")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


def test_a_missing_path_is_one_line_and_exit_status_2(tmp_path, capsys) -> None:  # noqa: ANN001
    args = argparse.Namespace(path=str(tmp_path / "nope.yaml"), speaker=None, paragraph=None, quote=None, model=None)
    assert run_explorer(args) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'nope.yaml'}: no such file or folder\n"
    other = tmp_path / "notes.pdf"
    other.write_text("x")
    args.path = str(other)
    assert run_explorer(args) == 2
    assert "not a story (.yaml, .yml) or an article (.txt, .md)" in capsys.readouterr().err


#: Modules the first paint of a story does not need: each is imported when its key is first
#: pressed (a dialog, the help, a browser, the version lookup), and together they were a
#: tenth of the story screen's start-up.
NOT_AT_START = ("explorer.tui.dialogs.choice", "explorer.tui.dialogs.save_story",
                "explorer.tui.dialogs.speaker_form", "explorer.tui.dialogs.speaker_picker",
                "explorer.tui.dialogs.text_prompt", "explorer.tui.screens.help", "webbrowser",
                "importlib.metadata", "spacy", "ruamel.yaml", "sqlite3")


def test_a_story_reaches_its_first_paint_without_what_only_later_keys_need() -> None:
    """`python -m explorer STORY` in a fresh interpreter, quitting after the first paint: the
    screen is drawn, none of `NOT_AT_START` was imported, and the garbage collection paused
    for the start is on again, what the start made frozen out of its reach."""
    code = f"""
import atexit, sys
from explorer.cli import main

def report():
    import gc
    print(gc.isenabled(), gc.get_freeze_count() > 0)
    print(sorted(name for name in {NOT_AT_START!r} if name in sys.modules))
atexit.register(report)
sys.exit(main([{str(SEED_STORY)!r}]))
"""
    env = {**os.environ, EXIT_AFTER_FIRST_PAINT: "1", "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    collecting, lines = result.stdout.strip().splitlines()[-2:]
    assert lines == "[]", result.stdout
    assert collecting == "True True"  # garbage collection paused for the start, on again after it


async def test_the_details_pane_is_built_when_i_first_shows_it() -> None:
    async with make_app(SEED_STORY).run_test(size=WIDE) as pilot:
        screen = pilot.app.screen
        assert not screen.query("#details")
        await pilot.press("3", "i")
        assert screen.query_one("#details").display
        await pilot.press("i")
        assert not screen.query_one("#details").display
