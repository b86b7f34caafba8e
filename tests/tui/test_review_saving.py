"""Saving a reviewed story from the story screen, reopening it, and never losing edits
without a word: the unsaved-changes question on q and Escape, a file changed on disk,
a story annotated from an article."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from explorer.storyfile import load_story
from explorer.tui.app import make_app
from explorer.tui.dialogs.choice import ChoiceDialog
from explorer.tui.dialogs.save_story import SaveStoryDialog
from explorer.tui.screens.annotating import AnnotatedStoryScreen
from explorer.tui.screens.library import LibraryScreen
from explorer.tui.widgets.quote_list import QuoteList
from explorer.tui.widgets.status_line import StatusLine
from tests.tui.conftest import WIDE, Notes, shown_text
from tests.tui.review_support import annotated_copy, listed_ids, quote_of, review_screen, status
from tests.tui.test_annotating import fake_annotator, settle

pytestmark = pytest.mark.anyio


@pytest.fixture
def story_path(tmp_path: Path) -> Path:
    return annotated_copy(tmp_path)


def question(app) -> str:  # noqa: ANN001 - the app
    dialog = app.screen
    assert isinstance(dialog, ChoiceDialog), type(dialog).__name__
    return dialog.question


async def test_ctrl_s_saves_the_edits_and_the_story_reopens_with_them(story_path: Path) -> None:
    app = make_app(story_path)
    notes = Notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", "a", "x", "e", *"rut", "enter")
        assert status(app).startswith("● unsaved")
        assert review_screen(app).title.startswith("● ")
        await pilot.press("ctrl+s")
        assert notes.last == str(story_path)
        assert status(app).startswith("checked 2/41") and not review_screen(app).title.startswith("● ")
        await pilot.press("ctrl+s")
        assert notes.last == f"No changes to save in {story_path}"
    saved = load_story(story_path)
    assert [quote_of(saved, q).review for q in ("q1", "q2", "q3", "q4")] == ["confirmed", "rejected", "corrected",
                                                                             None]
    assert quote_of(saved, "q3").speaker == "rutte"
    assert quote_of(saved, "q9").resolution.rule == "pronoun"  # what the edits did not touch is kept

    reopened = make_app(story_path)
    async with reopened.run_test(size=WIDE):
        assert status(reopened).startswith("checked 2/41") and "q2" not in listed_ids(reopened)
        assert shown_text(reopened.screen.query_one(QuoteList)).startswith("¶1 Volodymyr Zelensky · direct ✓")


async def test_q_with_unsaved_changes_asks_and_cancel_stays(story_path: Path) -> None:
    before = story_path.read_bytes()
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a", "q")
        assert question(app) == "Save your changes to seed.yaml?"
        await pilot.press("c")
        assert app.is_running and review_screen(app).session.unsaved
        await pilot.press("q")
        await pilot.press("escape")  # Escape is cancel too
        assert app.is_running
        await pilot.press("ctrl+q", "d")  # ctrl+q asks as well; discard quits
        await pilot.pause()
        assert not app.is_running
    assert story_path.read_bytes() == before


async def test_q_then_save_writes_the_file_and_quits(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("x", "q", "s")
        await pilot.pause()
        assert not app.is_running
    assert quote_of(load_story(story_path), "q1").review == "rejected"


async def test_q_without_changes_quits_at_once(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a", "ctrl+z", "q")  # undone: nothing is lost
        await pilot.pause()
        assert not app.is_running


async def test_escape_back_to_the_library_asks_about_unsaved_changes(story_path: Path) -> None:
    app = make_app(story_path.parent)
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        app.open_story(story_path)
        await pilot.pause()
        await pilot.press("a", "escape")
        assert question(app) == "Save your changes to seed.yaml?"
        await pilot.press("c")
        assert review_screen(app).session.unsaved
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
    assert quote_of(load_story(story_path), "q1").review is None


async def test_a_file_changed_on_disk_is_not_overwritten_and_can_be_saved_elsewhere(story_path: Path) -> None:
    app = make_app(story_path)
    notes = Notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        changed = story_path.read_text(encoding="utf-8").replace("Ukrainian President", "Ukraine's President", 1)
        story_path.write_text(changed, encoding="utf-8")
        await pilot.press("ctrl+s")
        assert question(app) == f"{story_path} changed on disk since you opened it"
        assert story_path.read_text(encoding="utf-8") == changed
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, SaveStoryDialog)
        assert dialog.query_one("#save-story-path").value == str(story_path.with_name("seed-edited.yaml"))
        await pilot.press("enter")
        await pilot.pause()
        elsewhere = story_path.with_name("seed-edited.yaml")
        assert notes.last == str(elsewhere) and review_screen(app).session.path == elsewhere
        assert quote_of(load_story(elsewhere), "q1").review == "confirmed"
        assert not review_screen(app).session.unsaved
    assert story_path.read_text(encoding="utf-8") == changed


async def test_a_file_changed_on_disk_can_be_reloaded_after_asking(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j", "a")
        changed = story_path.read_text(encoding="utf-8").replace(
            "title: Ukrainian President Volodymyr Zelensky has described", "title: Zelensky describes", 1)
        story_path.write_text(changed, encoding="utf-8")
        await pilot.press("ctrl+s", "r")
        assert question(app) == f"Reload {story_path}?"
        assert app.screen.detail == "Your 1 edit since opening it will be lost."
        await pilot.press("n")
        assert review_screen(app).session.unsaved
        await pilot.press("ctrl+s", "r", "y")
        await pilot.pause()
        screen = review_screen(app)
        assert not screen.session.unsaved and screen.paragraph == 2  # the same place
        assert screen.query_one(StatusLine).render().plain.startswith(" Zelensky describes")
        assert quote_of(screen.session.story, "q1").review is None
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@pytest.fixture
def article(tmp_path: Path, tiny_story, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: ANN001
    """An article in a scratch current folder, which the stand-in annotator turns into the tiny story."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "article.txt"
    path.write_text("Tiny story\n\nAlice said “we will win” and left.\n", encoding="utf-8")
    fake_annotator(monkeypatch, tiny_story)
    return path


async def test_a_file_deleted_since_it_was_opened_is_said_so_and_can_be_saved_again(story_path: Path) -> None:
    """The story file removed behind the explorer's back: ctrl+s said it had "changed on disk"
    and offered to reload it, which failed with "Not saved: …:1:1: no such file" (the path
    twice). It now says the file is gone, and s writes the edits there again."""
    app = make_app(story_path)
    notes = Notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        story_path.unlink()
        await pilot.press("ctrl+s")
        assert question(app) == f"{story_path} is gone: it was deleted or moved since you opened it"
        assert "r" not in [answer.key for answer in app.screen.answers]
        await pilot.press("s")
        await pilot.pause()
        assert notes.last == str(story_path) and not review_screen(app).session.unsaved
        assert quote_of(load_story(story_path), "q1").review == "confirmed"


async def test_a_reload_that_fails_says_so_once(story_path: Path) -> None:
    """Reloading a file broken on disk since it was opened: the message named the file twice,
    under the title "Not saved"."""
    app = make_app(story_path)
    notes = Notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        story_path.write_text("format: 1\n", encoding="utf-8")
        await pilot.press("ctrl+s", "r", "y")
        await pilot.pause()
        assert notes.last == f"{story_path}:1:1: the story has no 'title'"
        assert review_screen(app).session.unsaved  # the edits are still there


async def test_ctrl_s_on_a_story_opened_through_a_link_saves_into_the_file_it_links_to(story_path: Path) -> None:
    """A story opened through a symbolic link (a shared folder linked into one's own): ctrl+s
    said "Saved" and replaced the link with a file of its own, so the story linked to kept
    none of the edits and the link was gone."""
    link = story_path.with_name("linked.yaml")
    link.symlink_to(story_path)
    app = make_app(link)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert not review_screen(app).session.unsaved
    assert link.is_symlink() and link.resolve() == story_path.resolve()
    assert quote_of(load_story(story_path), "q1").review == "confirmed"


async def test_a_story_annotated_from_an_article_asks_before_it_is_lost(article: Path) -> None:
    app = make_app(article)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AnnotatedStoryScreen)
        assert status(app).startswith("● unsaved")  # nothing is saved yet
        await pilot.press("q")
        assert question(app) == "Save the story before leaving?"
        await pilot.press("s")
        assert isinstance(app.screen, SaveStoryDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running
    assert load_story(article.parent / "stories" / "tiny-story.yaml").title == "Tiny story"


async def test_an_annotated_story_once_saved_is_edited_as_its_file(article: Path) -> None:
    app = make_app(article)
    notes = Notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        saved = Path("stories/tiny-story.yaml")
        assert notes.last == str(saved) and not review_screen(app).session.unsaved
        await pilot.press("3", "a", "ctrl+s")  # into the same file, no dialog now
        assert notes.last == str(saved)
    assert quote_of(load_story(saved), "q1").review == "confirmed"


COMMENTED = Path(__file__).resolve().parents[1] / "files" / "commented-story.yaml"


def record_lines(lines: list[str], quote_id: str) -> range:
    """The line numbers (0-based) of a quote's record in a story file's lines."""
    start = lines.index(f"  - id: {quote_id}\n")
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("    ")), len(lines))
    return range(start, end)


async def test_editing_a_hand_written_story_changes_only_the_lines_of_what_changed(tmp_path: Path) -> None:
    path = tmp_path / "commented.yaml"
    path.write_bytes(COMMENTED.read_bytes())
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    app = make_app(path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", "a", "x", "ctrl+s")  # q1 confirmed, q2 rejected
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # The lines of the two edited records, and the place just after each (where a key is added).
    edited_lines = {line for q in ("q1", "q2") for line in range(record_lines(before, q).start,
                                                                   record_lines(before, q).stop + 1)}
    changes = [(tag, low, high) for tag, low, high, _, _ in
               difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes() if tag != "equal"]
    assert sorted(set(after) - set(before)) == ["    review: confirmed\n", "    review: rejected\n"]
    for tag, low, high in changes:
        assert set(range(low, max(high, low + 1))) <= edited_lines, (tag, before[low:high])
    assert [quote_of(load_story(path), q).review for q in ("q1", "q2", "q3")] == ["confirmed", "rejected", None]
