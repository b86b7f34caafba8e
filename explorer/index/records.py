"""What the index gives back: stories, quotes, speakers and counts, each checked as read.

Every value read from the database is checked for its type before it is
used (`checked_row`): the file is a cache that anything may have written to
or damaged, and a wrong value must mean "rebuild", never a crash while
painting.  Records are named tuples: a library of 20,000 stories makes
20,000 of them at start-up.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from explorer.index.database import IndexUnusable
from explorer.files import shown_path

_TEXT, _INT, _REAL, _NONE, _BLOB = str, int, float, type(None), bytes


def checked_row(row: Sequence[object], types: Sequence[tuple[type, ...]]) -> Sequence[object]:
    """`row` if each value has one of the types of its column, else `IndexUnusable`."""
    for value, allowed in zip(row, types):
        if type(value) not in allowed:
            raise IndexUnusable(f"a {type(value).__name__} where the index expects {allowed}")
    return row


class StoryEntry(NamedTuple):
    """One story file as the library lists it.

    A story that does not load has `error` (its one-line `path:line:col:
    message`) and its file name as `title`.  An entry not parsed yet
    (`indexed` False) is a placeholder that shows the file name.  `quotes`
    leaves the rejected quotes out, and `checked` counts those a person confirmed
    or corrected (`explorer.review.progress`): `quotes - checked` are left to check.
    """

    root: str
    """The folder as it was opened (the key is relative to it)."""
    id: int
    key: bytes
    """The file's path relative to the folder, as bytes: any file name, UTF-8 or not."""
    title: str
    outlet: str | None = None
    published: str | None = None
    speaker_count: int = 0
    quotes: int = 0
    checked: int = 0
    search_text: str = ""
    """What the library's filter looks in: title, outlet, speakers and file (`filter_text`)."""
    error_after_path: str | None = None
    indexed: bool = True

    @property
    def path(self) -> Path:
        return Path(self.root, os.fsdecode(self.key))

    @property
    def error(self) -> str | None:
        """The full one-line error, `path:line:col: message`, or None."""
        if self.error_after_path is None:
            return None
        return shown_path(self.path) + ":" + self.error_after_path

    @property
    def short_error(self) -> str:
        """The error without the folder: `name:line:col: message`."""
        return shown_path(self.path.name) + ":" + (self.error_after_path or "")


#: The columns `StoryEntry` is read from (`story_entry`), and their types.
STORY_COLUMNS = "id, path, title, outlet, published, speakers, quotes, checked, search, error, mtime_ns IS NOT NULL"
STORY_TYPES = ((_INT,), (_BLOB,), (_TEXT,), (_TEXT, _NONE), (_TEXT, _NONE), (_INT,), (_INT,), (_INT,), (_TEXT,),
               (_TEXT, _NONE), (_INT,))


def filter_text(search: str, key: bytes) -> str:
    """What the library's filter looks in: the index's `search` text (title, outlet and speakers,
    casefolded) and the file's path in the folder as the list's border names it (`shown_path`:
    a byte that is not UTF-8 is `\\xe9`), casefolded.  The path is not stored in `search`: the
    row has it already, and no index need be rebuilt for it (a read of 20,000 stories: 5-19 ms more)."""
    return f"{search}\n{shown_path(key).casefold()}"


def story_entry(root: str, row: Sequence[Any]) -> StoryEntry:
    """The entry of a row of `STORY_COLUMNS`, its path joined to its search text (`filter_text`)."""
    story_id, key, title, outlet, published, speakers, quotes, checked, search, error, indexed = row
    return StoryEntry(root, story_id, key, title, outlet, published, speakers, quotes, checked,
                      filter_text(search, key), error, indexed)


class QuoteHit(NamedTuple):
    """One quote as a list across stories shows it: the quote, its speaker and its story."""

    root: str
    story_id: int
    key: bytes
    story_title: str
    outlet: str | None
    published: str | None
    url: str | None
    paragraph_number: int
    paragraph_id: str
    id: str
    text: str
    kind: str
    speaker: str | None
    speaker_id: str | None
    cue: str
    lemma: str
    mention: str
    start: int | None
    end: int | None
    method: str | None
    confidence: float | None
    review: str | None
    note: str | None

    @property
    def path(self) -> Path:
        return Path(self.root, os.fsdecode(self.key))

    def as_record(self) -> dict[str, object]:
        """The quote as the flat record the `quotes` command and the exports write."""
        return {"story": self.story_title, "file": shown_path(self.path), "outlet": self.outlet,
                "published": self.published, "url": self.url, "paragraph": self.paragraph_number, "paragraph_id": self.paragraph_id,
                "id": self.id, "text": self.text, "kind": self.kind, "speaker": self.speaker,
                "speaker_id": self.speaker_id, "mention": self.mention, "cue": self.cue, "verb": self.lemma,
                "start": self.start, "end": self.end, "method": self.method, "confidence": self.confidence,
                "review": self.review, "note": self.note}


QUOTE_COLUMNS = ('s.id, s.path, s.title, s.outlet, s.published, s.url, q.number, q.paragraph, q.qid, q.text, q.kind,'
                 ' p.name, p.sid, q.cue, q.lemma, q.mention, q.start, q."end", q.method, q.confidence, q.review, q.note')
_OPT_TEXT, _OPT_INT = (_TEXT, _NONE), (_INT, _NONE)
QUOTE_TYPES = ((_INT,), (_BLOB,), (_TEXT,), _OPT_TEXT, _OPT_TEXT, _OPT_TEXT, (_INT,), (_TEXT,), (_TEXT,), (_TEXT,), (_TEXT,),
               _OPT_TEXT, _OPT_TEXT, (_TEXT,), (_TEXT,), (_TEXT,), _OPT_INT, _OPT_INT, _OPT_TEXT, (_REAL, _NONE),
               _OPT_TEXT, _OPT_TEXT)


class SpeakerAcross(NamedTuple):
    """One person (or body) as named across the library: names merged by case and spacing.
    `stories` are those that quote them; `named_in` those that list them, quoted or not."""

    key: str
    name: str
    stories: int
    quotes: int
    named_in: int

    @property
    def search_text(self) -> str:
        """What a filter looks in: the name, casefolded."""
        return self.key


class Count(NamedTuple):
    """A label and how many quotes (and stories) it has: a verb, an outlet, a month."""

    label: str
    quotes: int
    stories: int = 0
