"""The review session on its own (no screen): undo and redo, unsaved changes, what each
step changed, saving into the file or elsewhere, and a file changed on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import edits
from explorer.edits import EditError
from explorer.model import Story
from explorer.storyfile import load_story, write_story
from explorer.storyfile.editing import FileChanged
from explorer.tui.review_session import ReviewSession


def saved_copy(story: Story, tmp_path: Path) -> Path:
    path = tmp_path / "story.yaml"
    write_story(story, path)
    return path


def test_undo_and_redo_step_through_the_edits_and_unsaved_follows(tiny_story: Story, tmp_path: Path) -> None:
    session = ReviewSession.open(saved_copy(tiny_story, tmp_path))
    original = session.story
    assert not session.unsaved
    session.apply(edits.confirm(session.story, "q1"))
    session.apply(edits.set_kind(session.story, "q2", "mixed"))
    assert session.unsaved and session.edit_count == 2
    assert session.undo().label == "q2 is mixed"
    assert session.undo().label == "confirmed q1"
    assert session.undo() is None
    assert session.story == original and not session.unsaved  # back where the file is
    assert session.redo().label == "confirmed q1"
    assert session.unsaved
    session.apply(edits.reject(session.story, "q3"))  # a new edit: nothing left to redo
    assert session.redo() is None
    assert [q.review for q in session.story.quotes] == ["confirmed", None, "rejected"]


def test_a_saved_state_lost_to_a_new_edit_stays_unsaved(tiny_story: Story, tmp_path: Path) -> None:
    session = ReviewSession.open(saved_copy(tiny_story, tmp_path))
    session.apply(edits.confirm(session.story, "q1"))
    session.save()
    session.undo()
    assert session.unsaved  # the file holds the confirmation
    session.apply(edits.reject(session.story, "q2"))
    session.undo()
    assert session.unsaved  # the saved state (q1 confirmed) is gone from the redo stack
    assert load_story(session.path).quotes[0].review == "confirmed"


def test_an_edit_that_does_not_fit_changes_nothing(tiny_story: Story) -> None:
    session = ReviewSession(tiny_story)
    with pytest.raises(EditError):
        session.apply(edits.Remove(edits.SPEAKERS, "alice"))
    assert session.story is tiny_story and session.edit_count == 0


def test_the_change_names_what_moved(tiny_story: Story) -> None:
    session = ReviewSession(tiny_story)
    change = session.apply(edits.set_speaker(session.story, "q3", "bob"))
    assert (change.quotes, change.speakers, change.counts, change.structure) == (
        {"q3"}, set(), {"bob"}, False)
    merge = session.apply(edits.merge_speakers(session.story, "bob", "alice"))
    assert merge.quotes == {"q2", "q3"} and merge.speakers == {"bob", "alice"}
    assert merge.counts == {"bob", "alice"} and merge.structure
    assert session.undo().counts == {"bob", "alice"}
    added = session.apply(edits.add_quote(session.story, "b", 0, 7))
    assert added.quotes == {"q4"} and added.structure and added.counts == set()


def test_a_story_without_a_file_is_unsaved_until_its_first_save(tiny_story: Story, tmp_path: Path) -> None:
    session = ReviewSession(tiny_story)
    assert session.unsaved and session.path is None
    with pytest.raises(ValueError, match="needs a path"):
        session.save()
    target = tmp_path / "new.yaml"
    assert session.save(target)
    assert not session.unsaved and session.path == target
    assert session.story is session.opened.story  # from now on, edits start from the file's story
    session.apply(edits.confirm(session.story, "q2"))
    session.save()
    assert load_story(target).quotes[1].review == "confirmed"


def test_saving_over_a_file_changed_on_disk_is_refused(tiny_story: Story, tmp_path: Path) -> None:
    path = saved_copy(tiny_story, tmp_path)
    session = ReviewSession.open(path)
    session.apply(edits.confirm(session.story, "q1"))
    path.write_text(path.read_text(encoding="utf-8") + "# someone else was here\n", encoding="utf-8")
    with pytest.raises(FileChanged):
        session.save()
    assert path.read_text(encoding="utf-8").endswith("# someone else was here\n")
    assert session.unsaved
    elsewhere = tmp_path / "mine.yaml"
    assert session.save(elsewhere)  # the layout kept
    assert session.path == elsewhere and not session.unsaved
    assert load_story(elsewhere).quotes[0].review == "confirmed"
    with pytest.raises(FileExistsError):
        session.save(path)
