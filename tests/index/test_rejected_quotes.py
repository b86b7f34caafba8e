"""A quote a reviewer rejected is not an attribution: the library's index leaves it out of
every count and list (a story's Quotes and Checked, a speaker's quotes and stories, the
charts), as the quote search and the story screen do, and an index written when it still
counted them is rebuilt."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from explorer.index import database
from explorer.index.database import database_file_for
from explorer.index.records import Count
from explorer.library import LibraryIndex, QuoteFilter
from explorer.storyfile import dump_story
from tests.index.library_with_rejections import (LOPEZ_KEPT, REVIEWED_FILE, make_library_with_rejections,
                                                 reviewed_story)

#: The schema version whose story and speaker counts still held rejected quotes.
VERSION_COUNTING_REJECTED = 6


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_library_with_rejections(tmp_path / "library")


@pytest.fixture
def index(folder: Path) -> LibraryIndex:
    built = LibraryIndex(folder)
    built.build()
    return built


def reviewed_entry(index: LibraryIndex):  # noqa: ANN201 - a StoryEntry
    return next(entry for entry in index.stories() if entry.key == REVIEWED_FILE.encode())


def test_a_storys_quotes_and_checked_leave_the_rejected_out(index: LibraryIndex) -> None:
    """Five quotes, two rejected: 3 quotes, of which 2 checked (confirmed, corrected); the one
    left to check is the same as before, when it was 5 quotes of which 4 had a review state."""
    entry = reviewed_entry(index)
    assert (entry.quotes, entry.checked) == (3, 2)
    assert entry.speaker_count == 2  # the speakers listed, quoted or not


def test_a_story_whose_wrong_quotes_were_rejected_and_the_rest_confirmed_is_fully_checked(
        folder: Path, index: LibraryIndex) -> None:
    story = reviewed_story()
    story.quotes = [quote if quote.review == "rejected" else replace(quote, review="confirmed") for quote in story.quotes]
    (folder / REVIEWED_FILE).write_text(dump_story(story), encoding="utf-8")
    index.refresh()
    entry = reviewed_entry(index)
    assert (entry.quotes, entry.checked) == (3, 3)


def test_the_library_counts_what_the_quote_search_lists(index: LibraryIndex) -> None:
    assert sum(entry.quotes for entry in index.stories()) == index.search(QuoteFilter(), limit=-1).total == 11


def test_the_checked_filter_lists_what_the_checked_column_counts(index: LibraryIndex) -> None:
    """`review:checked` (and `quotes --review checked`): the confirmed and corrected quotes, the
    Checked column's; `unchecked` and `checked` together are the quotes the library counts."""
    checked = index.search(QuoteFilter(review="checked"), limit=-1)
    assert sum(entry.checked for entry in index.stories()) == checked.total == 2
    assert sorted(hit.review for hit in checked.hits) == ["confirmed", "corrected"]
    unchecked = index.search(QuoteFilter(review="unchecked"), limit=-1).total
    assert unchecked + checked.total == sum(entry.quotes for entry in index.stories())


def test_a_speakers_quotes_and_stories_leave_the_rejected_out(index: LibraryIndex) -> None:
    """Maria Lopez: 3 quotes in the sample stories and 3 kept of 4 in the reviewed one.  Ghost
    Writer's only quote was rejected: no story quotes him, the one that lists him names him."""
    speakers = {speaker.name: speaker for speaker in index.speakers()}
    lopez, ghost = speakers["Maria Lopez"], speakers["Ghost Writer"]
    assert (lopez.quotes, lopez.stories, lopez.named_in) == (6, 3, 3)
    assert (ghost.quotes, ghost.stories, ghost.named_in) == (0, 0, 1)
    assert [s.name for s in index.speakers()][0] == "Maria Lopez"


def test_a_speakers_quote_list_leaves_the_rejected_out(index: LibraryIndex) -> None:
    for by in ("date", "story"):
        quotes = list(index.speaker_quotes("maria lopez", by=by))
        assert len(quotes) == 6
        assert "the council was to blame" not in [quote.text for quote in quotes]
    newest = [quote.text for quote in index.speaker_quotes("maria lopez")][:3]
    assert newest == list(LOPEZ_KEPT)
    assert list(index.speaker_quotes("ghost writer")) == []


def test_the_charts_leave_the_rejected_out(index: LibraryIndex) -> None:
    overview = index.overview()
    assert overview.speakers[0] == Count("Maria Lopez", 6, 3)
    assert "Ghost Writer" not in [count.label for count in overview.speakers]
    assert Count("Harbor Times", 3 + 3, 2) in overview.outlets
    assert Count("2024-07", 3, 1) in overview.months
    assert overview.kinds == [Count("direct", 11, 4)]  # the only reported quotes were rejected


def test_an_index_that_counted_rejected_quotes_is_rebuilt(folder: Path, index: LibraryIndex) -> None:
    """An index written by the version that counted rejected quotes (its story row says
    5 quotes, 4 checked) is of another version: it is rebuilt, and counts them no more."""
    index.close()
    path = database_file_for(folder)
    old_loader = database.loader_key().replace(f"{database.SCHEMA_VERSION}:", f"{VERSION_COUNTING_REJECTED}:", 1)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(f"PRAGMA user_version = {VERSION_COUNTING_REJECTED}")
    connection.execute("UPDATE meta SET value = ? WHERE key = 'loader'", [old_loader])
    connection.execute("UPDATE stories SET quotes = 5, checked = 4 WHERE path = ?", [REVIEWED_FILE.encode()])
    connection.close()
    reopened = LibraryIndex(folder)
    assert reopened.open() is False
    assert reopened.refresh().rebuilt
    entry = reviewed_entry(reopened)
    assert (entry.quotes, entry.checked) == (3, 2)
