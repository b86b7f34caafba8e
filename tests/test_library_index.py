"""The library index (explorer.library): summaries, the JSON cache, speakers across stories."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from explorer import library
from explorer.library import (LibraryIndex, StoryEntry, cache_file_for, matching, quotes_across,
                              speakers_across)
from tests.bench.make_corpus import make_sample_library


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache folder, under the test's tmp_path so a test can look into it."""
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make_sample_library(tmp_path / "library")
    return tmp_path / "library"


def parsed_paths(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record which files the index parses from now on."""
    seen: list[Path] = []
    real = library.index_story

    def spy(path: Path) -> StoryEntry:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(library, "index_story", spy)
    return seen


def by_name(entries: list[StoryEntry]) -> dict[str, StoryEntry]:
    return {entry.path.name: entry for entry in entries}


def test_summaries_of_good_and_broken_stories(folder: Path) -> None:
    entries = by_name(LibraryIndex(folder).build())
    assert list(entries) == ["bridge-vote.yaml", "broken-story.yaml", "budget-cuts.yaml", "rail-strike.yaml"]
    bridge = entries["bridge-vote.yaml"]
    assert (bridge.title, bridge.outlet, bridge.published) == (
        "Council approves new bridge over the river", "Harbor Times", "2024-03-02")
    assert bridge.speakers == (("Maria Lopez", 2), ("Tom Becker", 1))
    assert (bridge.speaker_count, bridge.quotes, bridge.error) == (2, 3, None)
    broken = entries["broken-story.yaml"]
    assert broken.title == "broken-story.yaml"
    assert broken.error == f"{folder / 'broken-story.yaml'}:8:16: quote 'q1' names unknown paragraph 'p9'"


def test_the_cache_lives_under_xdg_cache_home(folder: Path, cache_home: Path) -> None:
    LibraryIndex(folder).build()
    assert cache_file_for(folder).parent == cache_home / "story-explorer"
    assert cache_file_for(folder).is_file()
    assert cache_file_for(folder) != cache_file_for(folder.parent)


def test_a_warm_start_parses_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = LibraryIndex(folder).build()
    seen = parsed_paths(monkeypatch)
    index = LibraryIndex(folder)
    assert index.scan() == []
    assert index.entries() == first
    assert seen == []


def test_only_new_and_changed_files_are_parsed_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    LibraryIndex(folder).build()
    changed = folder / "rail-strike.yaml"
    changed.write_text(changed.read_text().replace("Rail strike enters its second week", "Rail strike ends"))
    (folder / "bridge-copy.yaml").write_text((folder / "bridge-vote.yaml").read_text())
    (folder / "budget-cuts.yaml").unlink()
    seen = parsed_paths(monkeypatch)
    entries = by_name(LibraryIndex(folder).build())
    assert sorted(p.name for p in seen) == ["bridge-copy.yaml", "rail-strike.yaml"]
    assert entries["rail-strike.yaml"].title == "Rail strike ends"
    assert "budget-cuts.yaml" not in entries
    cached = json.loads(cache_file_for(folder).read_text())["entries"]
    assert "budget-cuts.yaml" not in cached  # a removed file leaves the cache too


def test_a_file_changed_to_the_same_size_is_parsed_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    LibraryIndex(folder).build()
    path = folder / "bridge-vote.yaml"
    path.write_text(path.read_text().replace("Harbor Times", "Harbor Tides"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert by_name(LibraryIndex(folder).build())["bridge-vote.yaml"].outlet == "Harbor Tides"


@pytest.mark.parametrize("garbage", ["", "not json", "[]", "7", '{"version": 1}', '{"entries": {"x": 1}}',
                                     "\x00\xff", json.dumps({"version": "?", "folder": "/", "entries": {}})])
def test_a_corrupt_or_foreign_cache_is_ignored(folder: Path, garbage: str) -> None:
    expected = LibraryIndex(folder).build()
    cache_file_for(folder).write_text(garbage)
    assert LibraryIndex(folder).build() == expected


def test_a_malformed_cache_entry_is_parsed_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = LibraryIndex(folder).build()
    data = json.loads(cache_file_for(folder).read_text())
    data["entries"]["bridge-vote.yaml"]["speakers"] = "not a list of pairs"
    data["entries"]["rail-strike.yaml"] = None
    cache_file_for(folder).write_text(json.dumps(data))
    seen = parsed_paths(monkeypatch)
    assert LibraryIndex(folder).build() == expected
    assert sorted(p.name for p in seen) == ["bridge-vote.yaml", "rail-strike.yaml"]


def test_an_unwritable_cache_only_costs_speed(folder: Path, cache_home: Path) -> None:
    cache_home.write_text("a file where the cache folder should be")
    assert len(LibraryIndex(folder).build()) == 4


def test_placeholders_stand_for_files_not_parsed_yet(folder: Path) -> None:
    index = LibraryIndex(folder)
    stale = index.scan()
    index.update(stale[0])
    entries = index.entries()
    assert entries[0].indexed and entries[0].title == "Council approves new bridge over the river"
    assert [e.indexed for e in entries[1:]] == [False, False, False]
    assert entries[1].title == "broken-story.yaml"


def test_filter_words_match_title_outlet_and_speakers(folder: Path) -> None:
    entries = LibraryIndex(folder).build()

    def names(query: str) -> list[str]:
        return [e.path.name for e in matching(entries, query)]

    assert names("BRIDGE") == ["bridge-vote.yaml"]
    assert names("ledger") == ["budget-cuts.yaml"]
    assert names("becker") == ["bridge-vote.yaml", "rail-strike.yaml"]
    assert names("becker courier") == ["rail-strike.yaml"]  # every word must match
    assert names("nobody") == []
    assert len(names("  ")) == 4  # a blank filter keeps everything


def test_speakers_are_filtered_by_name(folder: Path) -> None:
    speakers = speakers_across(LibraryIndex(folder).build())
    assert [s.name for s in matching(speakers, "LOPEZ maria")] == ["Maria Lopez"]


def test_speakers_are_merged_across_stories_ignoring_case(folder: Path) -> None:
    speakers = speakers_across(LibraryIndex(folder).build())
    summary = [(s.name, s.stories, s.quotes) for s in speakers]
    assert summary == [("Maria Lopez", 2, 3), ("Ana Silva", 1, 2), ("Tom Becker", 2, 2), ("Rail Operator", 1, 1)]


def test_the_spelling_most_stories_use_names_the_speaker() -> None:
    entries = [StoryEntry(Path(f"{i}.yaml"), "t", speakers=((name, 1),)) for i, name in
               enumerate(["ANA SILVA", "Ana Silva", "Ana  Silva", "Ana Silva"])]
    [speaker] = speakers_across(entries)
    assert (speaker.name, speaker.stories) == ("Ana Silva", 4)


def test_quotes_across_stories_newest_story_first(folder: Path) -> None:
    maria = speakers_across(LibraryIndex(folder).build())[0]
    found = [(q.path.name, q.quote.id, q.quote.text, q.paragraph_number) for quotes, _ in quotes_across(maria)
             for q in quotes]
    assert found == [
        ("budget-cuts.yaml", "q1", "Every department has to share the burden.", 2),
        ("bridge-vote.yaml", "q1", "This bridge will connect two halves of our city.", 2),
        ("bridge-vote.yaml", "q2", "We start building in May.", 3),
    ]


def test_a_story_broken_since_indexing_is_reported_not_raised(folder: Path) -> None:
    maria = speakers_across(LibraryIndex(folder).build())[0]
    (folder / "budget-cuts.yaml").write_text("format: 1\n")
    results = list(quotes_across(maria))
    assert results[0][0] == [] and "budget-cuts.yaml:1:1: the story has no 'title'" in results[0][1]
    assert [q.quote.id for q in results[1][0]] == ["q1", "q2"]


def test_the_library_module_does_not_import_textual_or_spacy() -> None:
    import subprocess
    import sys

    code = "import sys, explorer.library; print(sorted(m for m in ('textual', 'spacy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
