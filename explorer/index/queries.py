"""The questions the explorer asks the index, one SQL query each.

Each function takes a `Reader` (the open index) and returns checked records
(`explorer.index.records`); a damaged database raises `IndexUnusable`
(from a value of the wrong type, or SQLite's own `DatabaseError`), which
the caller answers by rebuilding.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from explorer.index.database import SPEAKER_STATS_FRESH, IndexUnusable
from explorer.index.pages import QuotePages
from explorer.index.records import (QUOTE_COLUMNS, QUOTE_TYPES, STORY_COLUMNS, STORY_TYPES, Count, QuoteHit,
                                    SpeakerAcross, StoryEntry, checked_row, story_entry)
from explorer.index.search import ATTRIBUTION_SQL, QuoteFilter, fts_query, where_clauses

#: How many quotes a search lists at most (the best ranked); the count says how many matched.
SEARCH_LIMIT = 1000
#: Up to how many matches a search is ranked by relevance (beyond: newest first).
RANK_LIMIT = 5000
#: Bars in a chart of speakers or outlets.
TOP = 20


class Reader(Protocol):
    """Where the queries run: `rows(sql, parameters)` executes one query and returns its rows,
    raising `IndexUnusable` for a damaged database (`LibraryIndex` counts them)."""

    def rows(self, sql: str, parameters: Iterable[object] = ()) -> list[tuple]: ...


@dataclass(frozen=True)
class ConnectionReader:
    """A `Reader` on a bare connection (the refresh's own)."""

    connection: sqlite3.Connection

    def rows(self, sql: str, parameters: Iterable[object] = ()) -> list[tuple]:
        return read_rows(self.connection, sql, parameters)


def read_rows(connection: sqlite3.Connection, sql: str, parameters: Iterable[object] = ()) -> list[tuple]:
    """One query's rows; SQLite's `DatabaseError` (a damaged file) as `IndexUnusable`."""
    try:
        return connection.execute(sql, tuple(parameters)).fetchall()
    except sqlite3.DatabaseError as error:
        raise IndexUnusable(str(error)) from error


def stories(db: Reader, root: str, ids: Iterable[int] | None = None, *, first: int | None = None) -> list[StoryEntry]:
    """Every story of the index in path order (or its `first` ones, or those of `ids`).
    The values are checked in SQL (`database.check_story_rows`) before they are read;
    rows written since by our own refresh are checked here."""
    if ids is None:
        limit = "" if first is None else f" LIMIT {int(first)}"
        rows = db.rows(f"SELECT {STORY_COLUMNS} FROM stories ORDER BY path{limit}")
        return [story_entry(root, row) for row in rows]
    wanted = list(ids)
    placeholders = ",".join("?" * len(wanted))
    rows = db.rows(f"SELECT {STORY_COLUMNS} FROM stories WHERE id IN ({placeholders})", wanted)
    return [story_entry(root, checked_row(row, STORY_TYPES)) for row in rows]


def _hits(db: Reader, root: str, sql: str, parameters: Iterable[object]) -> list[QuoteHit]:
    return [QuoteHit(root, *checked_row(row, QUOTE_TYPES)) for row in db.rows(sql, parameters)]


def _paged(db: Reader, root: str, sql: str, parameters: Iterable[object]) -> QuotePages:
    """The quotes whose ids `sql` selects, in its order, read a page at a time when looked at."""
    ids = [row[0] for row in db.rows(sql, parameters)]
    if any(type(quote_id) is not int for quote_id in ids):
        raise IndexUnusable("a quote id that is not an integer")
    return QuotePages(ids, lambda wanted: quotes_by_id(db, root, wanted))


def quotes_by_id(db: Reader, root: str, ids: Sequence[int]) -> dict[int, QuoteHit]:
    """The quotes of `ids` (index row ids) that are still there, each checked."""
    placeholders = ",".join("?" * len(ids))
    rows = db.rows(f"SELECT q.id, {QUOTE_COLUMNS} {_QUOTES_FROM} WHERE q.id IN ({placeholders})", ids)
    found = {}
    for quote_id, *values in rows:
        if type(quote_id) is not int:
            raise IndexUnusable("a quote id that is not an integer")
        found[quote_id] = QuoteHit(root, *checked_row(values, QUOTE_TYPES))
    return found


_QUOTES_FROM = ("FROM quotes q JOIN stories s ON s.id = q.story LEFT JOIN speakers p ON p.id = q.speaker")
_NEWEST_FIRST = "s.published DESC, s.title, s.id, q.position"


@dataclass(frozen=True)
class SearchResult:
    """The quotes a search found (the first `SEARCH_LIMIT`), how many matched in all, and
    whether they are ranked (BM25, best first) or newest story first.  `hits` is a
    list, or `QuotePages` (read as looked at; a quote gone since is None)."""

    hits: Sequence[QuoteHit | None]
    total: int
    ranked: bool


def _filtered(found: QuoteFilter, prefix_last: bool) -> tuple[str, list[object], str | None]:
    """FROM ... WHERE ... of a search, its parameters and its FTS5 query."""
    clauses, parameters = where_clauses(found)
    match = fts_query(found.words, prefix_last=prefix_last)
    source = _QUOTES_FROM
    if match is not None:
        source = "FROM quote_words w JOIN quotes q ON q.id = w.rowid JOIN stories s ON s.id = q.story" \
                 " LEFT JOIN speakers p ON p.id = q.speaker"
        clauses.insert(0, "quote_words MATCH ?")
        parameters.insert(0, match)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return source + where, parameters, match


def count(db: Reader, found: QuoteFilter, *, prefix_last: bool = False) -> int:
    """How many quotes `found` selects."""
    match = fts_query(found.words, prefix_last=prefix_last)
    others = replace(found, words="", review=None)
    if match is not None and others.is_empty and found.review in (None, "any"):  # the full-text index knows
        total = db.rows("SELECT count(*) FROM quote_words WHERE quote_words MATCH ?", [match])[0][0]
        if found.review is None:  # less the rejected ones (a partial index holds them)
            total -= db.rows("SELECT count(*) FROM quote_words WHERE quote_words MATCH ? AND rowid IN"
                             " (SELECT id FROM quotes WHERE review = 'rejected')", [match])[0][0]
        return total
    source, parameters, _ = _filtered(found, prefix_last)
    return db.rows(f"SELECT count(*) {source}", parameters)[0][0]


def search(db: Reader, root: str, found: QuoteFilter, *, limit: int = SEARCH_LIMIT,
           prefix_last: bool = False, paged: bool = False) -> SearchResult:
    """The quotes that `found` selects.  With words, ranked by BM25 while at most
    `RANK_LIMIT` quotes match (ranking costs a few microseconds a match); more than
    that, and without words, newest story first (an index order: the LIMIT stops
    the scan early).  `paged`: the hits are `QuotePages`, for a screen."""
    source, parameters, match = _filtered(found, prefix_last)
    total = count(db, found, prefix_last=prefix_last)
    ranked = match is not None and total <= RANK_LIMIT
    order = "w.rank" if ranked else _NEWEST_FIRST
    if paged:
        hits: Sequence[QuoteHit | None] = _paged(db, root, f"SELECT q.id {source} ORDER BY {order} LIMIT ?",
                                                 [*parameters, limit])
    else:
        hits = _hits(db, root, f"SELECT {QUOTE_COLUMNS} {source} ORDER BY {order} LIMIT ?", [*parameters, limit])
    return SearchResult(hits, total, ranked)


def verbs(db: Reader, found: QuoteFilter, *, prefix_last: bool = False) -> list[Count]:
    """The reporting-verb lens: the quotes `found` selects, counted by cue lemma, most first."""
    source, parameters, _ = _filtered(found, prefix_last)
    rows = db.rows(f"SELECT q.lemma, count(*), count(DISTINCT q.story) {source}"
                             " GROUP BY q.lemma ORDER BY 2 DESC, 1", parameters)
    return [Count(*checked_row(row, ((str,), (int,), (int,)))) for row in rows]


def speakers_across(db: Reader) -> list[SpeakerAcross]:
    """Every speaker of the stories that loaded, merged by name across stories, most quoted
    first (`group_speakers`): as the last refresh totalled them (one read of a row a
    speaker), or grouped now while a refresh is under way or was stopped half-way.
    Their quotes, and the stories that quote them, leave the rejected quotes out (the
    speakers table counts only attributions, `rows.speaker_rows`)."""
    if not db.rows("SELECT 1 FROM meta WHERE key = ?", [SPEAKER_STATS_FRESH]):
        return group_speakers(db)
    rows = db.rows("SELECT key, name, stories, quotes, named_in FROM speaker_stats ORDER BY quotes DESC, key")
    return [SpeakerAcross(*checked_row(row, ((str,), (str,), (int,), (int,), (int,)))) for row in rows]


def group_speakers(db: Reader) -> list[SpeakerAcross]:
    """Every speaker of the stories that loaded, merged by name (case and spacing
    ignored) across stories; most quoted first, then by name.  The name shown is
    the spelling most stories use (the earliest story's on a tie).  A story quotes
    them when one of its quotes not rejected is theirs; it names them when it lists them."""
    totals = db.rows("SELECT key, count(DISTINCT CASE WHEN quotes > 0 THEN story END), sum(quotes),"
                     " count(DISTINCT story) FROM speakers GROUP BY key")
    spellings = db.rows("SELECT key, name, count(*), min(story) FROM speakers GROUP BY key, name")
    best: dict[str, tuple[int, int, str]] = {}
    for key, name, stories_with_it, first in spellings:
        checked_row((key, name, stories_with_it, first), ((str,), (str,), (int,), (int,)))
        rank = (-stories_with_it, first, name)
        if key not in best or rank < best[key]:
            best[key] = rank
    found = []
    for key, quoted_in, quotes, named_in in totals:
        checked_row((key, quoted_in, quotes, named_in), ((str,), (int,), (int,), (int,)))
        found.append(SpeakerAcross(key, best[key][2] if key in best else key, quoted_in, quotes, named_in))
    found.sort(key=lambda speaker: (-speaker.quotes, speaker.key))
    return found


def speaker_quotes(db: Reader, root: str, key: str, *, by: str = "date") -> QuotePages:
    """Every quote of the speaker `key` (a `name_key`) but the rejected ones, in one query
    of their ids: newest story first (`by` "date") or by story title, in article order
    within a story; the quotes are read as they are looked at (`QuotePages`)."""
    order = _NEWEST_FIRST if by == "date" else "s.title, s.id, q.position"
    return _paged(db, root, f"SELECT q.id {_QUOTES_FROM} WHERE p.key = ? AND {ATTRIBUTION_SQL} ORDER BY {order}",
                  [key])


@dataclass(frozen=True)
class Overview:
    """What the library's charts show."""

    speakers: list[Count]
    outlets: list[Count]
    months: list[Count]
    kinds: list[Count]


def overview(db: Reader) -> Overview:
    """Quotes per speaker (top 20), per outlet (top 20), per month of publication, per kind;
    rejected quotes left out of each (the stories' and speakers' counts leave them out)."""
    counted = ((str,), (int,), (int,))
    quoted = [speaker for speaker in speakers_across(db) if speaker.quotes][:TOP]  # no quote, no bar
    speakers = [Count(s.name, s.quotes, s.stories) for s in quoted]
    outlets = db.rows("SELECT coalesce(outlet, '(no outlet)'), sum(quotes), count(*) FROM stories"
                                " WHERE error IS NULL AND mtime_ns IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
                    [TOP])
    months = db.rows("SELECT substr(published, 1, 7), sum(quotes), count(*) FROM stories"
                               " WHERE error IS NULL AND published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
                               " GROUP BY 1 ORDER BY 1")
    kinds = db.rows(f"SELECT kind, count(*), count(DISTINCT story) FROM quotes q WHERE {ATTRIBUTION_SQL}"
                    " GROUP BY kind ORDER BY 2 DESC")
    return Overview(speakers, *([Count(*checked_row(row, counted)) for row in rows] for rows in (outlets, months, kinds)))
