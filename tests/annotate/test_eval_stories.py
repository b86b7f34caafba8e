"""`story-explorer eval --stories DIR`: checked stories are gold.

A story is gold only when every one of its quotes has a review state;
confirmed and corrected quotes are gold, rejected ones are not; the others
are skipped and counted in one line.  Paragraphs are annotated afresh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.annotate.story_gold import gold_story, load_story_corpus
from explorer.cli import main
from explorer.storyfile import parse_story

CHECKED = """\
format: 1
title: Bridge reopens early
paragraphs:
  - id: p1
    text: "“We are ready,” Mayor Ana Ruiz said on Monday."
  - id: p2
    text: The crews had worked through the winter, engineer Tom Blake said.
speakers:
  - {id: mayor, name: Ana Ruiz, aliases: [the mayor]}
  - {id: engineer, name: Tom Blake, aliases: [the engineer]}
quotes:
  - {id: q1, paragraph: p1, text: "We are ready,", speaker: mayor, review: confirmed}
  - {id: q2, paragraph: p2, text: The crews had worked through the winter, kind: reported, speaker: mayor,
     review: corrected}
  - {id: q3, paragraph: p1, text: Ana Ruiz said on Monday, kind: reported, speaker: null, review: rejected}
"""


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    (tmp_path / "checked.yaml").write_text(CHECKED, encoding="utf-8")
    half = CHECKED.replace(",\n     review: corrected}", "}")
    (tmp_path / "half-checked.yaml").write_text(half, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("format: 1\ntitel: x\n", encoding="utf-8")
    return tmp_path


def test_a_checked_story_is_joined_text_with_its_kept_quotes_moved_into_it():
    gold = gold_story(parse_story(CHECKED), "checked.yaml")
    assert gold.text == ("“We are ready,” Mayor Ana Ruiz said on Monday.\n\n"
                         "The crews had worked through the winter, engineer Tom Blake said.")
    assert [gold.text[s:e] for s, e in gold.paragraphs] == [p.text for p in parse_story(CHECKED).paragraphs]
    contents = [gold.text[s:e] for a in gold.gold for s, e in a.content]
    assert contents == ["“We are ready,”", "The crews had worked through the winter"]  # rejected q3 is not gold
    assert gold.speakers == [frozenset({"ana ruiz", "the mayor"}), frozenset({"ana ruiz", "the mayor"})]


def test_only_fully_checked_stories_count(stories):
    corpus = load_story_corpus(stories)
    assert [s.name for s in corpus.stories] == ["checked.yaml"]
    assert (corpus.unchecked, corpus.broken) == (1, 1)


def test_eval_stories_prints_the_same_table_and_the_skipped_in_one_line(stories, nlp, monkeypatch, capsys):
    """A story file that does not load is named, with its problem, and left out,
    as an unreadable article of a corpus is: the scores are of the rest, and the
    exit status says something was left out.  A story not fully checked is no gold,
    and no error either."""
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: nlp)
    assert main(["eval", "--stories", str(stories)]) == 1
    out, err = capsys.readouterr()
    header = out.splitlines()[0]
    assert header.startswith(f"{stories}: 1 checked story; annotator, model ")
    assert header.endswith("; skipped 2 stories: 1 not fully checked, 1 that do not load (said above)")
    assert "quoted speech" in out and "all attributions" in out
    assert err.splitlines() == [f"{stories / 'broken.yaml'}:1:1: the story has no 'title' (left out)"]
    (stories / "broken.yaml").unlink()
    assert main(["eval", "--stories", str(stories), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    # the annotator finds both gold quotes; the corrected speaker (the mayor, not the
    # engineer who says it in the text) is what a person decided, so the source disagrees
    assert (report["all"]["gold"], report["all"]["matched"]) == (2, 2)
    assert report["all"]["source_accuracy"] == 0.5
    assert report["quoted"]["source_accuracy"] == 1.0


def test_no_checked_story_is_an_error(tmp_path, capsys):
    (tmp_path / "half.yaml").write_text(CHECKED.replace("review: confirmed", "note: later"), encoding="utf-8")
    assert main(["eval", "--stories", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"story-explorer eval: {tmp_path}: no fully checked story to score "
                   "(skipped 1 story: 1 not fully checked, 0 that do not load)")


def test_pred_and_split_go_with_a_corpus(stories, capsys):
    assert main(["eval", "--stories", str(stories), "--split", "heldout"]) == 2  # a usage error
    assert "--pred and --split go with GOLD_DIR" in capsys.readouterr().err
