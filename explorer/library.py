"""The library: every story of a folder, its quotes and speakers, from an SQLite index.

`LibraryIndex` is what the library screens and `quotes --search` use: it
opens the folder's index (`explorer.index.database`), lists the stories,
answers searches (`explorer.index.queries`) and refreshes the index in
process (`explorer.index.refresh`; the explorer runs the same refresh in a
child process instead).  The index is a cache only: the story files stay
the truth, and an index that cannot be used is rebuilt, never an error.

No Textual here.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from explorer.index import queries
from explorer.index.database import IndexUnusable, check_story_rows, open_index, usable_database_file
from explorer.index.pages import QuotePages
from explorer.index.queries import Overview, SearchResult
from explorer.index.records import Count, QuoteHit, SpeakerAcross, StoryEntry, filter_text
from explorer.index.search import QuoteFilter
from explorer.index.text import display_name, name_key, relative_key

#: How long opening the index for reading waits for a lock (milliseconds).
READ_TIMEOUT_MS = 200

if TYPE_CHECKING:
    from explorer.index.refresh import RefreshResult
    from explorer.index.rows import Parsed

__all__ = ["Count", "IndexUnusable", "LibraryIndex", "QuoteFilter", "QuoteHit", "SpeakerAcross", "StoryEntry",
           "StoryFilter", "entry_of", "index_story", "matching", "name_key"]


class LibraryIndex:
    """The index of the stories under one folder.

    `open()` opens the database as it is (False when there is none usable
    yet); `stories()` lists every story (from the database, else from a walk
    of the folder, unparsed); `refresh()` brings the database up to date in
    this process.  The queries raise `IndexUnusable` when the database is
    damaged: refresh, which rebuilds it.  `statements` and `rows_read` count
    the work done, for the tests.
    """

    def __init__(self, folder: Path, database: Path | None = None) -> None:
        self.folder = Path(folder)
        self.root = str(self.folder)
        if database is None:
            database, self.scratch = usable_database_file(self.folder)
        else:
            self.scratch = False
        self.database = database
        self.connection: sqlite3.Connection | None = None
        self.statements = 0
        self.rows_read = 0
        self._rows_unchecked = False

    # --- the database -------------------------------------------------------------

    def open(self, *, check_rows: bool = True) -> bool:
        """Open (or reopen) the database; False when there is none that can be used.

        `check_rows` False leaves the scan of every story row (a tenth of a second at
        20,000 stories) until `stories()` needs them all; `first_stories` checks its own."""
        self.close()
        try:
            # Readers never wait for a writer in WAL mode; a longer wait means a foreign lock, which
            # the refresh answers by rebuilding: the screen does not wait for it.
            self.connection = open_index(self.database, self.folder, busy_timeout_ms=READ_TIMEOUT_MS,
                                         check_rows=check_rows)
        except IndexUnusable:
            return False
        self._rows_unchecked = not check_rows
        return True

    def rows(self, sql: str, parameters: Iterable[object] = ()) -> list[tuple]:
        """Run one query of the index (`queries.Reader`), counting it and its rows."""
        found = queries.read_rows(self._connection(), sql, parameters)
        self.statements += 1
        self.rows_read += len(found)
        return found

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def discard(self) -> None:
        """Close, and remove a scratch database (one made where the cache folder could not be)."""
        self.close()
        if self.scratch:
            shutil.rmtree(self.database.parent, ignore_errors=True)

    def _connection(self) -> sqlite3.Connection:
        if self.connection is None and not self.open():
            raise IndexUnusable("the index is not built yet")
        assert self.connection is not None
        return self.connection

    def refresh(self, **options: object) -> RefreshResult:
        """Bring the index up to date here and now (see `explorer.index.refresh.refresh`), then reopen it."""
        from explorer.index.refresh import refresh  # the loader and YAML: not needed to list and search

        self.close()
        result = refresh(self.database, self.folder, **options)  # type: ignore[arg-type]
        self.open()
        return result

    def build(self) -> list[StoryEntry]:
        """Refresh and list: the whole index in one call."""
        self.refresh()
        return self.stories()

    # --- what it holds ------------------------------------------------------------

    def stories(self) -> list[StoryEntry]:
        """Every story in path order: from the index, else the folder's files, not parsed yet."""
        try:
            if self._rows_unchecked:
                check_story_rows(self._connection())
                self._rows_unchecked = False
            return queries.stories(self, self.root)
        except IndexUnusable:
            self.close()
            return self.listed_files()

    def first_stories(self, count: int) -> tuple[list[StoryEntry], int] | None:
        """The first `count` stories in path order and how many there are in all (a
        screenful to paint before the whole list is read); None when the index cannot
        give them (`stories()` then lists the folder's files)."""
        try:
            check_story_rows(self._connection(), first=count)
            first = queries.stories(self, self.root, first=count)
            total = self.rows("SELECT count(*) FROM stories")[0][0]
        except IndexUnusable:
            return None
        return first, total

    def listed_files(self) -> list[StoryEntry]:
        """The folder's story files as placeholders (a walk, no parsing), in path order."""
        from explorer.storyfile import find_story_files

        keys = sorted(os.fsencode(relative_key(self.folder, path)) for path in find_story_files([self.folder]))
        return [placeholder(self.root, key) for key in keys]

    def stories_by_id(self, ids: Iterable[int]) -> list[StoryEntry]:
        return queries.stories(self, self.root, ids)

    def search(self, found: QuoteFilter, *, limit: int = queries.SEARCH_LIMIT, prefix_last: bool = False,
               paged: bool = False) -> SearchResult:
        return queries.search(self, self.root, found, limit=limit, prefix_last=prefix_last, paged=paged)

    def verbs(self, found: QuoteFilter, *, prefix_last: bool = False) -> list[Count]:
        return queries.verbs(self, found, prefix_last=prefix_last)

    def speakers(self) -> list[SpeakerAcross]:
        return queries.speakers_across(self)

    def speaker_quotes(self, key: str, *, by: str = "date") -> QuotePages:
        return queries.speaker_quotes(self, self.root, key, by=by)

    def overview(self) -> Overview:
        return queries.overview(self)


def placeholder(root: str, key: bytes) -> StoryEntry:
    """A file listed but not parsed yet: its name stands for its title."""
    title = display_name(os.fsdecode(key))
    return StoryEntry(root, 0, key, title, search_text=filter_text(title.casefold(), key), indexed=False)


def entry_of(root: str, parsed: Parsed) -> StoryEntry:
    """The library entry of a file just parsed (outside the index)."""
    from explorer.index.rows import story_values

    key = os.fsencode(relative_key(Path(root), parsed.path))
    values = story_values(parsed, display_name(os.fsdecode(key)))
    _mtime, _size, title, outlet, published, _url, speakers, quotes, checked, search, error = values
    return StoryEntry(root, 0, key, title, outlet, published, speakers, quotes, checked, filter_text(search, key),
                      error, True)


def index_story(root: str, path: Path, load: Callable[[Path], object] | None = None) -> StoryEntry:
    """Parse one story file now (a broken one may have been fixed since it was indexed)."""
    from explorer.index.rows import parse

    return entry_of(root, parse(path) if load is None else parse(path, load))  # type: ignore[arg-type]


# --- filtering lists ---------------------------------------------------------------


class Searchable(Protocol):
    @property
    def search_text(self) -> str: ...


S = TypeVar("S", bound=Searchable)


def filter_words(query: str) -> tuple[str, ...]:
    """The distinct words of a filter, casefolded, in order."""
    return tuple(dict.fromkeys(query.casefold().split()))


def matching(items: Sequence[S], query: str) -> Sequence[S]:
    """The items whose `search_text` holds every word of `query` (case ignored);
    all of them (the same sequence) for a blank query."""
    words = filter_words(query)
    if not words:
        return items
    return [item for item in items if all(word in item.search_text for word in words)]


class StoryFilter:
    """`matching`, incrementally: while a filter is being typed, each keystroke
    narrows the last result by the words that changed, instead of checking every
    word against every item again; so the work per keystroke does not grow with
    what is already typed.  `checks` counts (item, word) tests, for the tests."""

    def __init__(self, items: Sequence[S]) -> None:
        self.items: Sequence = items
        self.checks = 0
        self._words: tuple[str, ...] = ()
        self._result: Sequence = items

    def reset(self, items: Sequence) -> None:
        """New items (the index filled in): the next `apply` starts over."""
        self.items = items
        self._words = ()
        self._result = items

    def apply(self, query: str) -> Sequence:
        words = filter_words(query)
        if not words:
            self._words, self._result = (), self.items
            return self.items
        base, new_words = self._narrowing(words)
        if new_words:
            result = []
            for item in base:
                text = item.search_text
                self.checks += 1
                if all(word in text for word in new_words):
                    result.append(item)
            base = result
        self._words, self._result = words, base
        return base

    def _narrowing(self, words: tuple[str, ...]) -> tuple[Sequence, list[str]]:
        """Where to start from for `words`, and which words to test there: the last
        result when the new words imply the old ones (the last word grew, or words
        were added), else every item."""
        old = self._words
        if old:
            if words[:len(old) - 1] == old[:-1] and len(words) >= len(old) and old[-1] in words[len(old) - 1]:
                return self._result, list(words[len(old) - 1:])
            known = set(old)
            if known <= set(words):
                return self._result, [word for word in words if word not in known]
        return self.items, list(words)
