"""Bringing a folder's index up to date: walk, compare, parse what changed, write.

A file is parsed again only when its size or mtime changed since it was
indexed; a file that vanished drops out; new files are listed at once (a
placeholder row each) and filled in as they are parsed.  Every write is a
transaction of whole stories, so a refresh that is killed (the explorer
quits half-way) leaves the index as it was after its last batch.

One refresh at a time per database: a lock file beside it is taken first, so
two explorers opened on one folder do not parse it twice (the second waits,
then finds nothing stale).  The busy timeout covers the rest: readers never
wait (WAL), and a writer waits for another's transaction.

The explorer runs this in a child process (`python -m explorer.index.refresh
DB FOLDER`, progress as JSON lines on stdout), so quitting kills it at once,
even in the middle of a slow file, and parsing does not take the screen's
CPU; the command line and the tests call `refresh()` directly.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from explorer.index import rows as story_rows
from explorer.index.database import BUSY_TIMEOUT_MS, SPEAKER_STATS_FRESH, IndexUnusable, create_index, open_index
from explorer.index.queries import ConnectionReader, group_speakers
from explorer.index.text import display_name, one_line, relative_key
from explorer.storyfile import find_story_files

#: How often a refresh writes what it has parsed and reports it (seconds).
BATCH_SECONDS = 0.25
#: Parsed files after which the planner's statistics are gathered again.
ANALYZE_AFTER = 100
#: How often a refresh waiting for another one's lock looks whether it was cancelled.
LOCK_POLL_SECONDS = 0.1

Report = Callable[[dict], None]

#: Take a story's quotes out of the full-text index (before they are deleted: it needs their text).
FORGET_WORDS = ("INSERT INTO quote_words (quote_words, rowid, text)"
                " SELECT 'delete', id, text FROM quotes WHERE story = ?")


class RefreshFailed(Exception):
    """The index could not be written at all (even rebuilt): the library lists the files unindexed."""


@dataclass
class RefreshResult:
    """What a refresh did: files found, parsed, removed; whether it was rebuilt or cancelled."""

    found: int = 0
    parsed: int = 0
    removed: int = 0
    rebuilt: bool = False
    cancelled: bool = False
    parsed_paths: list[Path] = field(default_factory=list)


@contextmanager
def refresh_lock(database: Path, cancelled: Callable[[], bool], report: Report) -> Iterator[bool]:
    """Hold the refresh lock of `database` (yields False when cancelled while waiting)."""
    try:
        handle = open(database.with_name(database.name + ".lock"), "a+b")  # noqa: SIM115 - held for the block
    except OSError:
        yield True  # no lock file can be made: refresh anyway, the busy timeout still serialises writes
        return
    try:
        waited = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited:
                    report({"event": "waiting"})
                    waited = True
                if cancelled():
                    yield False
                    return
                time.sleep(LOCK_POLL_SECONDS)
        yield True
    finally:
        handle.close()


def refresh(database: Path, folder: Path, *, cancelled: Callable[[], bool] = lambda: False,
            report: Report = lambda event: None, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
            parse: Callable[[Path], story_rows.Parsed] | None = None, jobs: int = 1) -> RefreshResult:
    """Bring the index of `folder` at `database` up to date, rebuilding it when it
    cannot be used; `RefreshFailed` if it cannot be written even then.

    `report` gets the events: {"event": "waiting"} (another refresh holds the
    lock), {"event": "listed", "total", "stale", "removed"} once the files are
    known, {"event": "batch", "done", "total", "changed": [story ids]} after
    each write, and {"event": "done", ...} at the end.

    `jobs` > 1 parses in that many forked processes while this one writes (only
    with the standard `parse`, and only in a process without threads: the
    explorer's refresh process); the cold index then takes less time than
    parsing the files one after another."""
    if parse is not None:
        jobs = 1  # a test's own parse function stays in this process
    parse = parse or story_rows.parse_rows
    folder = Path(folder)
    with refresh_lock(database, cancelled, report) as locked:
        if not locked:
            return RefreshResult(cancelled=True)
        try:
            return _refresh(database, folder, cancelled, report, busy_timeout_ms, parse, jobs, rebuild=False)
        except (sqlite3.Error, IndexUnusable):
            pass  # damaged under our feet, or locked by someone else: start a new one
        try:
            return _refresh(database, folder, cancelled, report, busy_timeout_ms, parse, jobs, rebuild=True)
        except (sqlite3.Error, IndexUnusable, OSError) as error:
            raise RefreshFailed(str(error)) from error


def _refresh(database: Path, folder: Path, cancelled: Callable[[], bool], report: Report, busy_timeout_ms: int,
             parse: Callable[[Path], story_rows.Parsed], jobs: int, *, rebuild: bool) -> RefreshResult:
    result = RefreshResult(rebuilt=rebuild)
    if rebuild:
        connection = create_index(database, folder, busy_timeout_ms=busy_timeout_ms)
    else:
        try:
            connection = open_index(database, folder, busy_timeout_ms=busy_timeout_ms)
        except IndexUnusable:
            connection = create_index(database, folder, busy_timeout_ms=busy_timeout_ms)
            result.rebuilt = True
    try:
        stale, removed, unindexed = _compare(connection, folder, result)
        report({"event": "listed", "total": result.found, "stale": len(stale), "removed": removed})
        writer = _Writer(connection, folder, unindexed)
        sent = time.monotonic()
        for done, parsed in enumerate(parsed_files(stale, parse, jobs), 1):
            if cancelled():
                result.cancelled = True
                break
            writer.add(parsed)
            result.parsed += 1
            result.parsed_paths.append(parsed.path)
            if time.monotonic() - sent >= BATCH_SECONDS or done == len(stale):
                changed = writer.flush()
                report({"event": "batch", "done": done, "total": len(stale), "changed": changed})
                sent = time.monotonic()
        if writer.pending:
            writer.flush()
        if result.rebuilt or result.parsed >= ANALYZE_AFTER:
            connection.execute("ANALYZE")  # statistics for the query planner: it then uses the covering indexes
        elif result.parsed or result.removed:
            connection.execute("PRAGMA optimize")
        if not connection.execute("SELECT 1 FROM meta WHERE key = ?", (SPEAKER_STATS_FRESH,)).fetchone():
            write_speaker_stats(connection)
    finally:
        connection.close()
    report({"event": "done", "found": result.found, "parsed": result.parsed, "removed": result.removed,
            "rebuilt": result.rebuilt, "cancelled": result.cancelled})
    return result


#: Stale files from which a refresh with `jobs` > 1 parses in parallel (below, a pool costs more than it saves).
PARALLEL_FROM = 64
#: Parsing processes of the refreshes the explorer and the command line run (two: a cold index
#: of 5,000 stories then takes three quarters of parsing them one after another).
PARSING_JOBS = min(2, os.cpu_count() or 1)


def parsed_files(paths: list[Path], parse: Callable[[Path], story_rows.Parsed],
                 jobs: int) -> Iterator[story_rows.Parsed]:
    """Each of `paths` parsed, in order: here, or in `jobs` forked processes."""
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        yield from map(parse, paths)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                             initializer=start_parsing_process) as pool:
        yield from pool.map(parse, paths, chunksize=8)


def start_parsing_process() -> None:
    """A parsing process ends when the refresh does (killed by a quitting explorer), not
    after its file: Linux's parent-death signal, where there is one.

    It runs as batch work (`SCHED_BATCH`) at the screen's own priority, not niced:
    beside two busy programs, parsers at nice 5 got a third of a core each and the
    cold index of 5,000 stories took 1.73x the one-process parse (0.84x at nice 0);
    a screen that wakes for 4 ms of work finished it in 8 ms instead of 5.5 (median)."""
    with suppress(OSError, AttributeError):
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _compare(connection: sqlite3.Connection, folder: Path,
             result: RefreshResult) -> tuple[list[Path], list[int], set[Path]]:
    """Walk the folder against the index: drop vanished files, list new ones; the files to
    parse, the ids of the stories dropped, and which of the files to parse were never
    indexed (a placeholder row, or none: no rows of theirs to delete first)."""
    found = {os.fsencode(relative_key(folder, path)): path for path in find_story_files([folder])}
    result.found = len(found)
    known = {bytes(path): (story_id, mtime_ns, size)
             for story_id, path, mtime_ns, size in connection.execute("SELECT id, path, mtime_ns, size FROM stories")}
    stale: list[Path] = []
    unindexed: set[Path] = set()
    for key, path in found.items():
        record = known.get(key)
        if record is None or record[1] is None:
            stale.append(path)
            unindexed.add(path)
            continue
        try:
            stat = os.stat(path)
        except OSError:
            stale.append(path)  # parsing says why it cannot be read
            continue
        if (stat.st_mtime_ns, stat.st_size) != (record[1], record[2]):
            stale.append(path)
    removed = [record[0] for key, record in known.items() if key not in found]
    new = [(key, display_name(os.fsdecode(key))) for key in found if key not in known]
    if removed or new:
        with _transaction(connection):
            connection.executemany(FORGET_WORDS, [(i,) for i in removed])
            for table, column in (("quotes", "story"), ("speakers", "story"), ("sources", "story"), ("stories", "id")):
                connection.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in removed])
            connection.executemany("INSERT INTO stories (path, title, search) VALUES (?, ?, lower(?))",
                                   [(key, title, title) for key, title in new])
            _speaker_stats_out_of_date(connection)
    result.removed = len(removed)
    return stale, removed, unindexed


#: A parsed file's story row: a new one, or the one it had (a placeholder, or an older version) updated.
UPSERT_STORY = ("INSERT INTO stories (path, mtime_ns, size, title, outlet, published, url, speakers, quotes, checked,"
                " search, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET"
                " mtime_ns = excluded.mtime_ns, size = excluded.size, title = excluded.title,"
                " outlet = excluded.outlet, published = excluded.published, url = excluded.url,"
                " speakers = excluded.speakers, quotes = excluded.quotes, checked = excluded.checked,"
                " search = excluded.search, error = excluded.error RETURNING id")
INSERT_QUOTE = ('INSERT INTO quotes (story, speaker, position, qid, paragraph, number, text, kind, cue, lemma,'
                ' mention, start, "end", method, confidence, review, note)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


class _Writer:
    """Parsed stories waiting to be written, one transaction a batch."""

    def __init__(self, connection: sqlite3.Connection, folder: Path, unindexed: set[Path]) -> None:
        self.connection = connection
        self.folder = folder
        self.unindexed = unindexed  # stories with no rows yet: nothing to delete before writing theirs
        self.pending: list[story_rows.Parsed] = []

    def add(self, parsed: story_rows.Parsed) -> None:
        self.pending.append(parsed)

    def flush(self) -> list[int]:
        """Write the pending stories in one transaction; their story ids."""
        db = self.connection
        changed: list[int] = []
        with _transaction(db):
            next_speaker = db.execute("SELECT coalesce(max(id), 0) + 1 FROM speakers").fetchone()[0]
            for parsed in self.pending:
                key = relative_key(self.folder, parsed.path)
                rows = story_rows.story_rows(parsed, display_name(key))  # (made by the parsing process, or now)
                story_id = db.execute(UPSERT_STORY, (os.fsencode(key), *rows.story)).fetchone()[0]
                changed.append(story_id)
                if parsed.path not in self.unindexed:  # (a cold index: none of these four statements a story)
                    db.execute(FORGET_WORDS, (story_id,))
                    for table in ("quotes", "speakers", "sources"):
                        db.execute(f"DELETE FROM {table} WHERE story = ?", (story_id,))
                if not rows.speakers and not rows.quotes and not rows.sources:
                    continue
                first = next_speaker
                next_speaker += len(rows.speakers)
                db.executemany("INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               [(first + number, story_id, *row) for number, row in enumerate(rows.speakers)])
                db.executemany(INSERT_QUOTE, [(story_id, None if row[0] is None else first + row[0], *row[1:])
                                              for row in rows.quotes])
                db.executemany("INSERT INTO sources (story, name, kind, url) VALUES (?, ?, ?, ?)",
                               [(story_id, *row) for row in rows.sources])
            db.executemany("INSERT INTO quote_words (rowid, text) SELECT id, text FROM quotes WHERE story = ?",
                           [(story_id,) for story_id in changed])
            _speaker_stats_out_of_date(db)
        self.pending = []
        return changed


def write_speaker_stats(connection: sqlite3.Connection) -> None:
    """Total the speakers across stories (`queries.group_speakers`) into speaker_stats and mark
    them fresh, in one transaction: the speakers screen then reads a row a speaker."""
    with _transaction(connection):
        speakers = group_speakers(ConnectionReader(connection))
        connection.execute("DELETE FROM speaker_stats")
        connection.executemany("INSERT INTO speaker_stats (key, name, stories, quotes, named_in) VALUES (?, ?, ?, ?, ?)",
                               [(s.key, s.name, s.stories, s.quotes, s.named_in) for s in speakers])
        connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (SPEAKER_STATS_FRESH,))


def _speaker_stats_out_of_date(connection: sqlite3.Connection) -> None:
    """Inside a transaction that changes speakers: their totals are no longer to be trusted."""
    connection.execute("DELETE FROM meta WHERE key = ?", (SPEAKER_STATS_FRESH,))


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """One write transaction (the connection is in autocommit mode): committed when the
    block ends, rolled back when anything stops it, Ctrl-C included (a killed refresh
    leaves the last good index)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


# --- the child process -----------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """`python -m explorer.index.refresh DB FOLDER`: refresh, reporting JSON lines on stdout."""
    parser = argparse.ArgumentParser(prog="python -m explorer.index.refresh")
    parser.add_argument("database", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--busy-timeout", type=int, default=BUSY_TIMEOUT_MS, help="milliseconds")
    parser.add_argument("--jobs", type=int, default=PARSING_JOBS, help="parsing processes")
    args = parser.parse_args(argv)

    def report(event: dict) -> None:
        sys.stdout.write(json.dumps(event) + "\n")
        sys.stdout.flush()

    try:
        refresh(args.database, args.folder, report=report, busy_timeout_ms=args.busy_timeout, jobs=args.jobs)
    except RefreshFailed as error:
        report({"event": "failed", "message": one_line(str(error))})
        return 1
    except (BrokenPipeError, KeyboardInterrupt):
        return 1  # the explorer went away: its index stays as the last batch left it
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
