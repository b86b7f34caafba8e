"""The library's filter finds a story by its file too: its path in the folder, as the list's
bottom border names it (a byte that is not UTF-8 written `\\xe9`), whether the story is
indexed, only listed, broken, or parsed again now."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer.index import records
from explorer.library import LibraryIndex, StoryEntry, index_story, matching
from tests.bench.make_corpus import make_sample_library


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The sample library, with the bridge story copied under another name and into `wire/`."""
    folder = tmp_path / "library"
    make_sample_library(folder)
    bridge = (folder / "bridge-vote.yaml").read_text()
    (folder / "bridge-vote-corrected.yaml").write_text(bridge)
    (folder / "wire").mkdir()
    (folder / "wire" / "Bridge-Vote.yaml").write_text(bridge)
    return folder


def files(entries: list[StoryEntry], query: str) -> list[str]:
    return [os.fsdecode(entry.key) for entry in matching(entries, query)]


def test_the_filter_matches_the_files_path_in_the_folder(folder: Path) -> None:
    entries = LibraryIndex(folder).build()
    assert files(entries, "corrected") == ["bridge-vote-corrected.yaml"]
    assert files(entries, "wire/bridge") == ["wire/Bridge-Vote.yaml"]  # its folder, case ignored
    assert files(entries, "wire harbor") == ["wire/Bridge-Vote.yaml"]  # a word of the path, one of the outlet
    assert files(entries, "broken-story") == ["broken-story.yaml"]  # a broken story, by its file
    assert files(entries, "rail-strike.yaml") == ["rail-strike.yaml"]
    assert files(entries, "becker") == ["bridge-vote-corrected.yaml", "bridge-vote.yaml", "rail-strike.yaml",
                                        "wire/Bridge-Vote.yaml"]  # the title, outlet and speakers as before


def test_files_listed_but_not_indexed_yet_and_parsed_now_match_by_path(folder: Path) -> None:
    index = LibraryIndex(folder)
    assert files(index.stories(), "wire/") == ["wire/Bridge-Vote.yaml"]  # no index yet: the files by name
    reparsed = index_story(str(folder), folder / "wire" / "Bridge-Vote.yaml")
    assert files([reparsed], "wire/bridge-vote") == ["wire/Bridge-Vote.yaml"]
    assert files([reparsed], "council") == ["wire/Bridge-Vote.yaml"]


def test_a_file_name_that_is_not_utf8_is_matched_as_it_is_shown(folder: Path) -> None:
    (folder / os.fsdecode(b"caf\xe9-vote.yaml")).write_text((folder / "bridge-vote.yaml").read_text())
    (folder / os.fsdecode(b"bad\xff.yaml")).write_text("format: 1\n")
    index = LibraryIndex(folder)
    for entries in (index.stories(), index.build()):  # listed by name, then indexed
        assert [entry.key for entry in matching(entries, "caf\\xe9")] == [b"caf\xe9-vote.yaml"]
        assert [entry.key for entry in matching(entries, "bad\\xff")] == [b"bad\xff.yaml"]
        assert matching(entries, "café") == []  # (the byte is not "é": no match, and no error)


def test_the_path_is_made_into_text_once_a_read_of_the_index(folder: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Filtering costs what it did: the path is read into each entry's text with the rest,
    not made into text again for every story each time a word is tested."""
    index = LibraryIndex(folder)
    index.build()
    calls = []
    real = records.shown_path
    monkeypatch.setattr(records, "shown_path", lambda path: calls.append(path) or real(path))
    entries = index.stories()
    assert len(calls) == len(entries) == 6  # one a story
    calls.clear()
    for query in ("w", "wi", "wire", "wire/ council", "bridge-vote"):
        matching(entries, query)
    assert calls == []
