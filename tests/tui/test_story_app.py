"""What the app opens at start, opening a story over the library, and the command's errors."""

from __future__ import annotations

import argparse
import shutil

import pytest

from explorer.tui.app import make_app, run_explorer
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
