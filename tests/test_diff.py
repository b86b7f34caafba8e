"""`story-explorer diff`: quote by quote, what was added, removed, re-attributed, re-typed,
re-spanned or reviewed between two versions of a story."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from explorer import edits
from explorer.cli import main
from explorer.model import Paragraph, Quote, Speaker, Story
from explorer.story_diff import diff_stories, pair_quotes
from explorer.storyfile import write_story


def version() -> Story:
    return Story(
        title="Two versions",
        paragraphs=[Paragraph("p1", "Alice said “we will win the vote,” and left."),
                    Paragraph("p2", "Bob replied that it was too late, critics said.")],
        speakers=[Speaker("alice", "Alice Smith"), Speaker("bob", "Bob Jones")],
        quotes=[Quote("q1", "p1", "we will win the vote,", "direct", "alice", start=12, end=33),
                Quote("q2", "p2", "it was too late", "reported", "alice", start=17, end=32)],
    )


def test_the_same_story_has_no_differences() -> None:
    assert diff_stories(version(), version()) == []


def test_each_kind_of_change_is_named() -> None:
    old = version()
    new = old
    for edit in (lambda s: edits.set_speaker(s, "q2", "bob"), lambda s: edits.set_kind(s, "q1", "mixed"),
                 lambda s: edits.move_end(s, "q1", 1), lambda s: edits.add_quote(s, "p2", 0, 11, kind="reported")):
        new = edits.apply(new, edit(new))[0]
    diffs = diff_stories(old, new)
    assert [(d.paragraph, (d.new or d.old).id, d.changes) for d in diffs] == [
        (1, "q1", ("re-typed", "re-spanned", "reviewed")),
        (2, "q3", ("added",)),
        (2, "q2", ("re-attributed", "reviewed")),
    ]
    assert (diffs[2].old_speaker, diffs[2].new_speaker) == ("Alice Smith", "Bob Jones")
    assert [(d.changes) for d in diff_stories(old, new, review=False)] == [
        ("re-typed", "re-spanned"), ("added",), ("re-attributed",)]


def test_speakers_are_compared_by_name_and_quotes_paired_by_overlap_when_ids_differ() -> None:
    """Two runs of the annotator number their quotes and speakers differently."""
    old = version()
    new = replace(old, speakers=[Speaker("s1", "Alice Smith"), Speaker("s2", "Bob Jones")],
                  quotes=[Quote("a", "p2", "it was too late,", "reported", "s1", start=17, end=33),
                          Quote("b", "p1", "we will win the vote,", "direct", "s1", start=12, end=33)])
    pairs = [(o.id if o else None, n.id if n else None) for o, n in pair_quotes(old, new)]
    assert pairs == [("q1", "b"), ("q2", "a")]
    assert [d.changes for d in diff_stories(old, new)] == [("re-spanned",)]


def test_a_removed_quote_stands_where_it_was() -> None:
    old = version()
    new = replace(old, quotes=[old.quotes[1]])
    assert [(d.changes, d.paragraph, d.old.id) for d in diff_stories(old, new)] == [(("removed",), 1, "q1")]


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    story = version()
    write_story(story, old)
    corrected = edits.apply(story, edits.set_speaker(story, "q2", "bob"))[0]
    write_story(edits.apply(corrected, edits.confirm(corrected, "q1"))[0], new)
    return old, new


def test_the_command_lists_the_changes_and_exits_1(versions: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    old, new = versions
    assert main(["diff", str(old), str(new)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "¶ 1  q1  reviewed                 unchecked → confirmed                           “we will win the vote,”",
        "¶ 2  q2  re-attributed, reviewed  Alice Smith → Bob Jones; unchecked → corrected  “it was too late”",
    ]
    assert err == "2 quotes differ: 1 re-attributed, 2 reviewed (the new version: 2 of 2 quotes checked)\n"
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().err.startswith("the quotes are the same")


def test_the_command_speaks_json(versions: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    old, new = versions
    assert main(["diff", str(old), str(new), "--format", "json", "--ignore-review"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert records == [{
        "changes": ["re-attributed"], "paragraph": 2,
        "old": {"id": "q2", "paragraph_id": "p2", "text": "it was too late", "kind": "reported",
                "speaker": "Alice Smith", "start": 17, "end": 32, "review": None, "note": ""},
        "new": {"id": "q2", "paragraph_id": "p2", "text": "it was too late", "kind": "reported",
                "speaker": "Bob Jones", "start": 17, "end": 32, "review": "corrected", "note": ""},
    }]


def test_a_file_that_does_not_load_is_exit_2(versions: tuple[Path, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\n", encoding="utf-8")
    assert main(["diff", str(versions[0]), str(broken)]) == 2
    assert capsys.readouterr().err == f"{broken}:1:1: the story has no 'title'\n"
