"""Which stories of the library share their title with another, so that their rows name their file.

Titles are compared as speakers' names are (`name_key`: case and spacing
ignored): the same wire story annotated twice, a corrected copy beside the
original, two "10 things to know for today".  SQLite's `lower()` folds ASCII
only, so the comparison is made here, over the stories as read from the index,
and never while painting: when the list is read again, a title is keyed only
when its file is new or its title changed (a refresh that changes nothing keys
none; 20,000 new titles take about 20 ms), and a row painted costs two
dictionary look-ups.  What tells such a story apart, its file (`file_aside`), is
named the same way wherever a story is: the library's rows and the command
palette's entries.  No Textual here.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from explorer.files import shown_path
from explorer.library import StoryEntry, name_key


class SameTitles:
    """The stories of a library by title key: `shared(entry)` when another story has its title.

    A broken story (listed by its error) has no title to compare; a file not parsed yet
    has its name, so two files of one name in two folders are told apart too.
    `keyed` counts the titles keyed so far, for the tests.
    """

    def __init__(self) -> None:
        self._files: dict[bytes, tuple[str, str]] = {}
        """A file's key: its title, and that title's key."""
        self._counts: dict[str, int] = {}
        """A title key: how many stories have it."""
        self.keyed = 0

    def reset(self, entries: Iterable[StoryEntry]) -> None:
        """Every story of the library (read again from the index): one pass."""
        known, self._files, self._counts = self._files, {}, {}
        for entry in entries:
            if entry.error_after_path is None:
                self._add(entry, known.get(entry.key))

    def update(self, entry: StoryEntry) -> None:
        """The story of `entry`'s file is now `entry` (read again, or parsed now)."""
        known = self._files.pop(entry.key, None)
        if known is not None:
            self._counts[known[1]] -= 1
        if entry.error_after_path is None:
            self._add(entry, known)

    def shared(self, entry: StoryEntry) -> bool:
        """True when another story of the library has the title of `entry`."""
        known = self._files.get(entry.key)
        return known is not None and self._counts[known[1]] > 1

    def file_aside(self, entry: StoryEntry) -> str:
        """What tells `entry` apart from the other stories of its title: its file's path in
        the folder without `.yaml` (`.yml`), "wire/bridge-vote"; "" when its title is its own."""
        return posixpath.splitext(shown_path(entry.key))[0] if self.shared(entry) else ""

    def _add(self, entry: StoryEntry, known: tuple[str, str] | None) -> None:
        if known is not None and known[0] == entry.title:
            key = known[1]
        else:
            key = name_key(entry.title)
            self.keyed += 1
        self._files[entry.key] = (entry.title, key)
        self._counts[key] = self._counts.get(key, 0) + 1
