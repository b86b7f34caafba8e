"""The dialog that saves an annotated story: the whole warning and the folder show at
every width, and a path that cannot be a story file is answered there, never by
reopening the dialog in a loop."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, Label

from explorer.tui.app import make_app
from explorer.tui.dialogs.save_story import SaveChoice, SaveStoryDialog, check_path
from tests.tui.conftest import SMALL, WIDE

pytestmark = pytest.mark.anyio


def test_check_path_says_what_cannot_be_a_story_file(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "there.yaml").write_text("x")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "there.yaml")
    problems = {
        "": "Give a file name.",
        "a\0b.yaml": "A file name cannot hold a NUL character.",
        str(tmp_path / "folder"): f"{tmp_path / 'folder'} is a folder: add a file name (…/folder.yaml).",
        str(tmp_path / "folder") + "/": f"{tmp_path / 'folder'} is a folder: add a file name (…/folder.yaml).",
        str(tmp_path / "dangling.yaml"): f"{tmp_path / 'dangling.yaml'} is a link to {tmp_path / 'nowhere.yaml'}, "
                                         "which does not exist: give another name.",
        str(tmp_path / "story.txt"): "A story file's name ends in .yaml or .yml (the explorer opens no other).",
        str(tmp_path / "a-file" / "story.yaml"): f"{tmp_path / 'a-file'} is a file, not a folder.",
        str(tmp_path / ("x" * 300 + ".yaml")): f"{tmp_path / ('x' * 300 + '.yaml')}: File name too long.",
    }
    for text, problem in problems.items():
        check = check_path(text)
        assert (check.path, check.problem) == (None, problem), text
    check = check_path(str(tmp_path / "there.yaml"))
    assert check.path == tmp_path / "there.yaml" and check.exists and check.folder == str(tmp_path)
    assert check_path(str(tmp_path / "link.yaml")).exists
    new = check_path(str(tmp_path / "new" / "story.yml"))
    assert new.path == tmp_path / "new" / "story.yml" and not new.exists
    assert new.folder == f"{tmp_path / 'new'} (a new folder)"


async def open_dialog(app, path: Path) -> list[SaveChoice | None]:  # noqa: ANN001
    chosen: list[SaveChoice | None] = []
    app.push_screen(SaveStoryDialog(path), chosen.append)
    return chosen


def unwrapped(app) -> str:  # noqa: ANN001
    """What the dialog's box shows inside its border, its lines joined: wrapped text reads as one."""
    box = app.screen.query_one("#save-story").content_region
    strips = app.screen._compositor.render_strips()  # the whole screen as drawn
    lines = [strips[y].text[box.x:box.right].strip() for y in range(box.y, box.bottom)]
    return " ".join(line for line in lines if line)


@pytest.mark.parametrize("size", [SMALL, WIDE, (200, 60)], ids=["80x24", "150x45", "200x60"])
async def test_the_whole_warning_and_the_folder_show_at_every_width(size: tuple[int, int], tmp_path: Path,
                                                                    tiny_story) -> None:  # noqa: ANN001
    folder = tmp_path / "a rather long folder name for the stories of this week"
    folder.mkdir()
    existing = folder / "zelensky-hails-july-4-call-with-trump-as-the-best-conversation.yaml"
    existing.write_text("keep me\n")
    app = make_app(tiny_story)
    async with app.run_test(size=size) as pilot:
        chosen = await open_dialog(app, existing)
        await pilot.pause()
        folder_label = app.screen.query_one("#save-story-folder", Label)
        assert str(folder_label.render()) == f"in {folder}"
        await pilot.press("enter")  # first press: the warning
        await pilot.pause()
        warning = f"{existing} already exists. Press Overwrite to replace it."
        assert str(app.screen.query_one("#save-story-warning", Label).render()) == warning
        shown = unwrapped(app).replace(" ", "")
        assert warning.replace(" ", "") in shown  # every word of it on screen, wrapped, not cut
        assert f"in {folder}".replace(" ", "") in shown
        assert not chosen and existing.read_text() == "keep me\n"
        await pilot.press("enter")
        await pilot.pause()
        assert chosen == [SaveChoice(existing, overwrite=True)]


@pytest.mark.parametrize("kind", ["dangling link", "folder", "NUL"])
async def test_a_path_that_cannot_be_saved_to_gets_a_message_and_the_dialog_stays(kind: str, tmp_path: Path,
                                                                                  tiny_story) -> None:  # noqa: ANN001
    target = {"dangling link": tmp_path / "story.yaml", "folder": tmp_path, "NUL": tmp_path / "a\0b.yaml"}[kind]
    if kind == "dangling link":
        target.symlink_to(tmp_path / "gone.yaml")
    app = make_app(tiny_story)
    async with app.run_test(size=SMALL) as pilot:
        chosen = await open_dialog(app, tmp_path / "x.yaml")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one(Input).value = str(target)
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause()
        assert app.screen is dialog and not chosen  # the same dialog, nothing saved, no loop
        message = str(dialog.query_one("#save-story-warning", Label).render())
        assert message == check_path(str(target)).problem and message
        assert sorted(os.listdir(tmp_path)) == (["story.yaml"] if kind == "dangling link" else [])


async def test_under_the_dialog_the_footer_shows_the_dialog_s_keys(tmp_path: Path, tiny_story) -> None:  # noqa: ANN001
    """The footer under the dialog was the story screen's ("f Filter  / Search  a Confirm"):
    keys that type into the path box instead. It shows the dialog's own, as the other dialogs do."""
    from explorer.tui.widgets.key_footer import KeyFooter

    app = make_app(tiny_story)
    async with app.run_test(size=SMALL) as pilot:
        await open_dialog(app, tmp_path / "story.yaml")
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter).render().plain
        assert "esc Cancel" in footer and "Filter" not in footer and "Confirm" not in footer
