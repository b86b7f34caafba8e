"""Saving edits into a story file keeps what the person wrote: the diff shows only what
changed, every save reads back as the edited story, and a file changed on disk is never
overwritten silently."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import edits
from explorer.storyfile import load_story
from explorer.storyfile import splicing as splicing_module
from explorer.storyfile.editing import FileChanged, open_for_editing, save_edits

COMMENTED = """\
# A hand-made story: checked against the broadcast.
format: 1
title: 'Council votes on the budget'   # quoted on purpose
outlet: The Daily Wire

paragraphs:
  - id: p1
    text: >-
      Alice said “we will win the vote,” and left early.
  - id: p2   # the reply
    text: "Bob replied that it was far too late to change anything."

speakers:
  - id: alice
    name: Alice Smith
    role: Mayor            # since 2021
    aliases: [Alice]
  - {id: bob, name: Bob Jones}
  - id: smith
    name: A. Smith

quotes:
  # the direct quote first
  - id: q1
    paragraph: p1
    text: we will win the vote,
    speaker: alice
    confidence: 0.9
  - id: q2
    paragraph: p2
    text: it was far too late
    kind: reported   # not a quote mark in sight
    speaker: null
    confidence: 0.4

  - id: q3
    paragraph: p2
    text: to change anything
    kind: reported
    speaker: smith
"""


@pytest.fixture
def story_file(tmp_path: Path) -> Path:
    path = tmp_path / "council.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


def changed_lines(before: str, after: str) -> list[str]:
    """The diff's lines, '-' and '+', without context, in the order a unified diff gives them."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line[0] + " " + line[1:] for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")]


def save(path: Path, *make: edits.Edit | object) -> str:
    """Open `path`, apply the edits each `make(story)` builds in turn, save; the new text."""
    opened = open_for_editing(path)
    story = opened.story
    for build in make:
        story, _ = edits.apply(story, build(story))
    saved = save_edits(opened, story)
    assert saved.layout_kept
    assert load_story(path) == story
    return path.read_text(encoding="utf-8")


def test_confirming_a_quote_adds_one_line_and_touches_nothing_else(story_file: Path) -> None:
    after = save(story_file, lambda s: edits.confirm(s, "q2"))
    assert changed_lines(COMMENTED, after) == ["+     review: confirmed"]
    assert after.index("review: confirmed") > after.index("confidence: 0.4")


def test_a_correction_rewrites_only_the_keys_that_changed(story_file: Path) -> None:
    after = save(story_file, lambda s: edits.set_speaker(s, "q2", "bob"), lambda s: edits.set_kind(s, "q2", "mixed"))
    assert changed_lines(COMMENTED, after) == [
        "-     kind: reported   # not a quote mark in sight",
        "-     speaker: null",
        "+     kind: mixed   # not a quote mark in sight",
        "+     speaker: bob",
        "+     review: corrected",
    ]


def test_a_moved_span_writes_its_text_and_offsets(story_file: Path) -> None:
    after = save(story_file, lambda s: edits.move_end(s, "q2", 1))
    assert changed_lines(COMMENTED, after) == [
        "-     text: it was far too late",
        "+     text: it was far too late to",
        "+     start: 17",
        "+     end: 39",
        "+     review: corrected",
    ]


def test_a_new_quote_and_a_new_speaker_go_at_the_end_of_their_lists(story_file: Path) -> None:
    after = save(story_file, lambda s: edits.add_quote(s, "p1", 0, 10, kind="reported", speaker_id="alice"),
                 lambda s: edits.attribute_to_new_speaker(s, "q4", "Carol Díaz", "Clerk"))
    assert changed_lines(COMMENTED, after) == [
        "+   - id: carol-diaz", "+     name: Carol Díaz", "+     role: Clerk", "+     kind: person",
        "+   - id: q4", "+     paragraph: p1", "+     text: Alice said", "+     kind: reported",
        "+     speaker: carol-diaz", "+     start: 0", "+     end: 10", "+     review: corrected",
    ]
    assert after.endswith("    speaker: smith\n  - id: q4\n    paragraph: p1\n    text: Alice said\n"
                          "    kind: reported\n    speaker: carol-diaz\n    start: 0\n    end: 10\n"
                          "    review: corrected\n")


def test_a_merge_removes_the_speakers_lines_and_edits_a_flow_record(story_file: Path) -> None:
    after = save(story_file, lambda s: edits.merge_speakers(s, "smith", "bob"))
    assert changed_lines(COMMENTED, after) == [
        "-   - {id: bob, name: Bob Jones}",
        "-   - id: smith",
        "-     name: A. Smith",
        "+   - {id: bob, name: Bob Jones, aliases: [A. Smith]}",
        "-     speaker: smith",
        "+     speaker: bob",
    ]


def test_a_rename_and_a_note_with_quotes_in_it(story_file: Path) -> None:
    after = save(story_file, lambda s: edits.rename_speaker(s, "alice", "Alice B. Smith"),
                 lambda s: edits.set_note(s, "q1", "she said: “maybe” — check it's right"))
    assert changed_lines(COMMENTED, after) == [
        "-     name: Alice Smith",
        "+     name: Alice B. Smith",
        "-     aliases: [Alice]",
        "+     aliases: [Alice, Alice Smith]",
        "+     note: 'she said: “maybe” — check it''s right'",
    ]


def test_clearing_a_review_removes_its_line(story_file: Path) -> None:
    confirmed = save(story_file, lambda s: edits.confirm(s, "q1"))
    after = save(story_file, lambda s: edits.clear_review(s, "q1"))
    assert changed_lines(confirmed, after) == ["-     review: confirmed"]
    assert after == COMMENTED


def test_windows_line_endings_stay(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(COMMENTED.replace("\n", "\r\n").encode("utf-8"))
    opened = open_for_editing(path)
    story = edits.apply(opened.story, edits.add_quote(opened.story, "p1", 0, 5))[0]
    story = edits.apply(story, edits.confirm(story, "q1"))[0]
    save_edits(opened, story)
    data = path.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert load_story(path) == story


def test_a_story_without_quotes_gets_its_first_one(tmp_path: Path) -> None:
    for ending in ("", "quotes: []\n", "quotes:\n"):
        path = tmp_path / "bare.yaml"
        path.write_text("format: 1\ntitle: Bare\nparagraphs:\n  - id: p1\n    text: He said yes.\n" + ending,
                        encoding="utf-8")
        opened = open_for_editing(path)
        story = edits.apply(opened.story, edits.add_quote(opened.story, "p1", 8, 11, kind="reported"))[0]
        assert save_edits(opened, story).layout_kept
        assert load_story(path) == story
        assert path.read_text(encoding="utf-8").startswith("format: 1\ntitle: Bare\n")


def test_a_flow_style_list_of_quotes_goes_through_the_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("format: 1  # the version\ntitle: Flow\nparagraphs: [{id: p1, text: He said no.}]\n"
                    "quotes: [{id: q1, paragraph: p1, text: said no, kind: reported}]\n", encoding="utf-8")
    opened = open_for_editing(path)
    story = edits.apply(opened.story, edits.confirm(opened.story, "q1"))[0]
    saved = save_edits(opened, story)
    assert saved.layout_kept and load_story(path) == story
    assert "# the version" in path.read_text(encoding="utf-8")


def test_when_no_layout_can_be_kept_the_story_is_still_saved(story_file: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot(*args: object) -> str:
        raise splicing_module.CannotSplice("for the test")

    monkeypatch.setattr("explorer.storyfile.editing.splice_edits", cannot)
    monkeypatch.setattr("explorer.storyfile.editing.round_trip_edits", cannot)
    opened = open_for_editing(story_file)
    story = edits.apply(opened.story, edits.confirm(opened.story, "q1"))[0]
    saved = save_edits(opened, story)
    assert not saved.layout_kept and load_story(story_file) == story


def test_a_file_changed_on_disk_is_not_overwritten(story_file: Path) -> None:
    opened = open_for_editing(story_file)
    story = edits.apply(opened.story, edits.confirm(opened.story, "q1"))[0]
    theirs = COMMENTED.replace("Council votes", "Council rejects")
    story_file.write_text(theirs, encoding="utf-8")
    with pytest.raises(FileChanged, match="changed on disk since it was opened"):
        save_edits(opened, story)
    assert story_file.read_text(encoding="utf-8") == theirs
    save_edits(opened, story, force=True)
    assert load_story(story_file) == story


def test_a_file_only_touched_since_is_saved(story_file: Path) -> None:
    opened = open_for_editing(story_file)
    os.utime(story_file, ns=(1, 1))
    story = edits.apply(opened.story, edits.confirm(opened.story, "q1"))[0]
    save_edits(opened, story)
    assert load_story(story_file) == story


def test_saving_elsewhere_never_replaces_a_file_without_force(story_file: Path, tmp_path: Path) -> None:
    opened = open_for_editing(story_file)
    story = edits.apply(opened.story, edits.reject(opened.story, "q3"))[0]
    other = tmp_path / "copy.yaml"
    saved = save_edits(opened, story, other)
    assert saved.opened.path == other and load_story(other) == story
    assert story_file.read_text(encoding="utf-8") == COMMENTED
    with pytest.raises(FileExistsError):
        save_edits(opened, story, other)


def test_saves_go_on_from_the_last_one(story_file: Path) -> None:
    opened = open_for_editing(story_file)
    first = edits.apply(opened.story, edits.confirm(opened.story, "q1"))[0]
    saved = save_edits(opened, first).opened
    second = edits.apply(saved.story, edits.add_quote(saved.story, "p2", 0, 11))[0]
    saved = save_edits(saved, second).opened
    undone = edits.apply(second, edits.RemoveQuote("q4"))[0]
    save_edits(saved, undone)
    assert load_story(story_file) == undone
    assert changed_lines(COMMENTED, story_file.read_text(encoding="utf-8")) == ["+     review: confirmed"]


EDIT_STEPS = st.lists(st.tuples(st.sampled_from(["confirm", "reject", "clear", "speaker", "kind", "start", "end",
                                                 "note", "add", "merge", "rename", "role", "new"]),
                                st.integers(0, 20), st.integers(-2, 2)), min_size=1, max_size=10)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(EDIT_STEPS)
def test_any_edits_save_and_read_back_and_keep_every_comment(tmp_path: Path, steps: list) -> None:
    path = tmp_path / "story.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    opened = open_for_editing(path)
    story = opened.story
    for name, pick, step in steps:
        quote_id = story.quotes[pick % len(story.quotes)].id
        speaker_id = story.speakers[pick % len(story.speakers)].id
        other = story.speakers[(pick + 1) % len(story.speakers)].id
        build = {
            "confirm": lambda: edits.confirm(story, quote_id),
            "reject": lambda: edits.reject(story, quote_id),
            "clear": lambda: edits.clear_review(story, quote_id),
            "speaker": lambda: edits.set_speaker(story, quote_id, speaker_id if step else None),
            "kind": lambda: edits.set_kind(story, quote_id, ("direct", "mixed", "reported")[pick % 3]),
            "start": lambda: edits.move_start(story, quote_id, step),
            "end": lambda: edits.move_end(story, quote_id, step),
            "note": lambda: edits.set_note(story, quote_id, f"note: {pick} 'it' “so”"),
            "add": lambda: edits.add_quote(story, "p2", pick % 10, 12 + pick, speaker_id=speaker_id),
            "merge": lambda: edits.merge_speakers(story, speaker_id, other),
            "rename": lambda: edits.rename_speaker(story, speaker_id, f"Name {pick}: {step}"),
            "role": lambda: edits.set_role(story, speaker_id, f"role #{step}"),
            "new": lambda: edits.attribute_to_new_speaker(story, quote_id, f"New {pick}"),
        }[name]
        try:
            story = edits.apply(story, build())[0]
        except edits.EditError:
            continue
    saved = save_edits(opened, story)
    assert saved.layout_kept
    assert load_story(path) == story
    text = path.read_text(encoding="utf-8")
    for comment in ("# A hand-made story", "# quoted on purpose", "# the reply", "# the direct quote first"):
        assert comment in text
    assert text.startswith(COMMENTED[:COMMENTED.index("speakers:")])
