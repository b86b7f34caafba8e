"""The review and evidence keys of the story format: read, checked, written back, and
listed by `quotes` (with `--review`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.model import Resolution
from explorer.storyfile import StoryFileError, dump_story, parse_story

REVIEWED = """\
format: 1
title: Reviewed
paragraphs:
  - id: p1
    text: Alice said “we will win,” and he agreed that it was late.
speakers:
  - {id: alice, name: Alice Smith}
  - {id: bob, name: Bob Jones}
quotes:
  - id: q1
    paragraph: p1
    text: we will win,
    speaker: alice
    method: cue-frame
    confidence: 0.75
    resolution: {rule: name, paragraph: p1, text: Alice}
    review: confirmed
    note: checked against the video
  - id: q2
    paragraph: p1
    text: it was late
    kind: reported
    speaker: bob
    mention: he
    resolution:
      rule: pronoun
      paragraph: p1
      text: Bob
    review: rejected
  - id: q3
    paragraph: p1
    text: Alice said
    kind: reported
    speaker: null
"""


def test_review_note_and_resolution_are_read() -> None:
    story = parse_story(REVIEWED)
    first, second, third = story.quotes
    assert (first.review, first.note, first.resolution) == ("confirmed", "checked against the video",
                                                            Resolution("name", "p1", "Alice"))
    assert (second.review, second.resolution) == ("rejected", Resolution("pronoun", "p1", "Bob"))
    assert (third.review, third.note, third.resolution, third.decided) == (None, "", None, False)


def test_written_and_read_again_the_review_is_the_same() -> None:
    story = parse_story(REVIEWED)
    assert parse_story(dump_story(story)) == story
    assert "review: confirmed" in dump_story(story) and "rule: pronoun" in dump_story(story)


@pytest.mark.parametrize(("change", "expected"), [
    ("review: confirmed", ":17:13: review 'checked' is not one of confirmed, corrected, rejected; did you mean 'corrected'?"),
    ("rule: pronoun", ":26:7: unknown key 'rules' in the resolution of quote 'q2'; did you mean 'rule'?"),
    ("paragraph: p1\n      text: Bob", ":27:18: the resolution of quote 'q2' names unknown paragraph 'p9'"),
    ("note: checked against the video", ":18:11: 'note' must be a string, not a list"),
    ("resolution: {rule: name, paragraph: p1, text: Alice}", ":16:45: unknown key 'txt' in the resolution of quote 'q1'; did you mean 'text'?"),
])
def test_bad_review_keys_are_located(change: str, expected: str) -> None:
    bad = {
        "review: confirmed": "review: checked",
        "rule: pronoun": "rules: pronoun",
        "paragraph: p1\n      text: Bob": "paragraph: p9\n      text: Bob",
        "note: checked against the video": "note: [checked]",
        "resolution: {rule: name, paragraph: p1, text: Alice}": "resolution: {rule: name, paragraph: p1, txt: Alice}",
    }[change]
    with pytest.raises(StoryFileError) as raised:
        parse_story(REVIEWED.replace(change, bad), "s.yaml")
    assert str(raised.value.problems[0]) == "s.yaml" + expected


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    path = tmp_path / "reviewed.yaml"
    path.write_text(REVIEWED, encoding="utf-8")
    return path


def quote_ids(capsys: pytest.CaptureFixture, *args: str) -> list[str]:
    assert main(["quotes", *args, "--format", "json"]) == 0
    return [row["id"] for row in json.loads(capsys.readouterr().out)]


def test_quotes_hides_rejected_quotes_unless_asked(reviewed: Path, capsys: pytest.CaptureFixture) -> None:
    assert quote_ids(capsys, str(reviewed)) == ["q3", "q1"]
    assert quote_ids(capsys, str(reviewed), "--review", "rejected") == ["q2"]
    assert quote_ids(capsys, str(reviewed), "--review", "any") == ["q3", "q1", "q2"]
    assert quote_ids(capsys, str(reviewed), "--review", "unchecked") == ["q3"]
    assert quote_ids(capsys, str(reviewed), "--review", "checked") == ["q1"]  # confirmed or corrected
    assert quote_ids(capsys, str(reviewed), "--review", "confirmed") == ["q1"]


def test_quotes_rows_carry_review_note_method_and_confidence(reviewed: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["quotes", str(reviewed), "--review", "confirmed", "--format", "json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert {key: row[key] for key in ("review", "note", "method", "confidence")} == {
        "review": "confirmed", "note": "checked against the video", "method": "cue-frame", "confidence": 0.75}
    assert main(["quotes", str(reviewed), "--format", "csv"]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.endswith(",review,note,method,confidence")
    assert lines[1].endswith(",confirmed,checked against the video,cue-frame,0.75")


def test_quotes_refuses_an_unknown_review_state(reviewed: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["quotes", str(reviewed), "--review", "done"])
    assert raised.value.code == 2
    assert "invalid choice: 'done'" in capsys.readouterr().err
