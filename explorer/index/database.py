"""The library's SQLite database: where it lives, its schema, and opening it safely.

One database file per library folder, under `$XDG_CACHE_HOME/story-explorer/`
(`library-<hash of the folder's path>.sqlite3`).  It is a cache only: the story
files stay the truth, so a database that is missing, locked for too long,
corrupt, of another version or of another folder is deleted and rebuilt,
never an error.  `open_index` decides which: it checks the file's
`application_id` and `user_version`, the folder and loader it was built for,
and that every value of the stories table has the type and range the
explorer expects (in one SQL pass, so it costs milliseconds).

WAL mode lets explorers read while one refreshes; a busy timeout makes
writers wait for each other instead of failing; every write is a
transaction, so a refresh killed half-way leaves the last good index.
Tables are STRICT: a value of the wrong type cannot be written.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from contextlib import suppress
from pathlib import Path

from explorer.locations import cache_home

#: "STEX" as a 32-bit integer: the file is one of ours.
APPLICATION_ID = 0x53544558
#: Bump when the schema or what is stored changes.  7: a story's and a speaker's quotes leave
#: the rejected ones out, and `checked` counts the confirmed and corrected (`explorer.review`).
SCHEMA_VERSION = 7
#: The meta key present while the speaker_stats table holds the totals of the speakers table.
SPEAKER_STATS_FRESH = "speaker_stats"
#: How long a statement waits for another explorer's write (milliseconds).
BUSY_TIMEOUT_MS = 5000

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    path BLOB NOT NULL UNIQUE,           -- relative to the folder, '/'-separated, os.fsencode'd
    mtime_ns INTEGER,                    -- NULL: listed, not indexed yet
    size INTEGER,
    title TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    url TEXT,
    speakers INTEGER NOT NULL DEFAULT 0 CHECK (speakers >= 0),
    quotes INTEGER NOT NULL DEFAULT 0 CHECK (quotes >= 0),      -- rejected quotes left out
    checked INTEGER NOT NULL DEFAULT 0 CHECK (checked >= 0),    -- confirmed or corrected
    search TEXT NOT NULL DEFAULT '',     -- casefolded title, outlet and speaker names
    error TEXT                           -- 'line:col: message' of a story that does not load
) STRICT;
-- newest story first, in article order, without sorting: a LIMIT stops early
CREATE INDEX stories_by_date ON stories (published, title, id);
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    story INTEGER NOT NULL,
    sid TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,                   -- the name casefolded, spaces collapsed: one person across stories
    role TEXT NOT NULL,
    kind TEXT NOT NULL,
    names TEXT NOT NULL,                 -- name and aliases, casefolded, one a line
    quotes INTEGER NOT NULL CHECK (quotes >= 0)   -- theirs in the story, rejected ones left out
) STRICT;
-- covering: speakers across stories are grouped from the index alone
CREATE INDEX speakers_by_key ON speakers (key, name, story, quotes);
CREATE INDEX speakers_by_story ON speakers (story);
-- speakers across stories, as `queries.group_speakers` totals them: written at the end of each
-- refresh, trusted only while meta holds 'speaker_stats' (every batch deletes it)
CREATE TABLE speaker_stats (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    stories INTEGER NOT NULL,            -- stories that quote them (a quote not rejected)
    quotes INTEGER NOT NULL,             -- rejected ones left out
    named_in INTEGER NOT NULL            -- stories that list them, quoted or not
) STRICT, WITHOUT ROWID;
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    story INTEGER NOT NULL,
    speaker INTEGER,                     -- speakers.id, NULL when unknown
    position INTEGER NOT NULL,           -- article order within the story
    qid TEXT NOT NULL,
    paragraph TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),   -- the paragraph's number, 1-based
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT NOT NULL,
    lemma TEXT NOT NULL,
    mention TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    method TEXT,
    confidence REAL,
    review TEXT,
    note TEXT
) STRICT;
CREATE INDEX quotes_by_story ON quotes (story, position);
CREATE INDEX quotes_by_speaker ON quotes (speaker);
CREATE INDEX quotes_by_lemma ON quotes (lemma, story);
-- the few rejected quotes, which a search leaves out unless asked
CREATE INDEX rejected_quotes ON quotes (id) WHERE review = 'rejected';
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    story INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    url TEXT
) STRICT;
CREATE INDEX sources_by_story ON sources (story);
-- Kept by the refresh, a batch at a time (triggers cost 2.5 times as much).
CREATE VIRTUAL TABLE quote_words USING fts5 (
    text, content = 'quotes', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
"""

#: A story row as the index writes it: the types and ranges every reader may rely on.
#: A row that breaks them means the file was written by something else, or damaged.
_SOUND_STORY_ROW = """
    typeof(path) = 'blob' AND typeof(title) = 'text' AND typeof(search) = 'text'
    AND typeof(outlet) IN ('text', 'null') AND typeof(published) IN ('text', 'null') AND typeof(url) IN ('text', 'null')
    AND typeof(error) IN ('text', 'null')
    AND typeof(speakers) = 'integer' AND typeof(quotes) = 'integer' AND typeof(checked) = 'integer'
    AND speakers >= 0 AND quotes >= 0 AND checked >= 0 AND checked <= quotes
    AND (mtime_ns IS NULL OR (typeof(mtime_ns) = 'integer' AND typeof(size) = 'integer' AND size >= 0))
"""


class IndexUnusable(Exception):
    """The database cannot serve this folder (missing, locked, corrupt, foreign): rebuild it."""


def folder_key(folder: Path) -> str:
    """The folder as the database records it: its absolute, resolved path."""
    return str(Path(folder).resolve())


def database_file_for(folder: Path) -> Path:
    """Where the index of `folder` lives: one file named after its absolute path."""
    digest = hashlib.sha1(folder_key(folder).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_home() / f"library-{digest}.sqlite3"


def usable_database_file(folder: Path) -> tuple[Path, bool]:
    """The database file to use for `folder`, and whether it is a scratch one.

    The cache folder is created if need be; when it cannot be (a file in the
    way, no permission), the index goes to a new temporary folder, which only
    costs speed next time: the caller removes it (`remove_database`) when done."""
    path = database_file_for(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if os.access(path.parent, os.W_OK | os.X_OK):
            return path, False
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="story-explorer-")) / path.name, True


def loader_key() -> str:
    """What the stored summaries depend on: the schema, and the story loader's own
    files and the model (a change in what `load_story` accepts re-checks every story)."""
    package = Path(__file__).resolve().parent.parent  # found, not imported: the screen need not load YAML
    files = [*sorted((package / "storyfile").glob("*.py")), package / "model.py"]
    stamps = []
    for file in files:
        with suppress(OSError):
            stamps.append(f"{file.name}={os.stat(file).st_mtime_ns}")
    return f"{SCHEMA_VERSION}:" + ",".join(stamps)


def connect(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection to the database file at `path` (created empty if missing), in WAL
    mode, autocommit (transactions are explicit: `BEGIN IMMEDIATE` ... `COMMIT`)."""
    connection = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None,
                                 check_same_thread=False)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")  # WAL: durable enough for a cache, and fast
        connection.create_function("casefold", 1, _casefold, deterministic=True)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _casefold(value: object) -> object:
    """SQL `casefold(x)`: SQLite's own lower() knows only ASCII."""
    return value.casefold() if isinstance(value, str) else value


def check(connection: sqlite3.Connection, folder: Path, *, rows: bool = True) -> None:
    """Raise `IndexUnusable` unless the database is ours, current, for `folder`, and sound
    (`rows` False: its story rows are left for `check_story_rows`, a scan of them all)."""
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if application_id != APPLICATION_ID or version != SCHEMA_VERSION:
            raise IndexUnusable("not an index of this version")
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("folder") != folder_key(folder) or meta.get("loader") != loader_key():
            raise IndexUnusable("an index of another folder or loader")
    except (sqlite3.Error, TypeError, ValueError, IndexError) as error:
        raise IndexUnusable(str(error)) from error
    if rows:
        check_story_rows(connection)


def check_story_rows(connection: sqlite3.Connection, first: int | None = None) -> None:
    """Raise `IndexUnusable` if a story row holds a value of the wrong type or range: any
    row, or only the `first` rows in path order (what a first screenful lists)."""
    rows = "stories" if first is None else f"(SELECT * FROM stories ORDER BY path LIMIT {int(first)})"
    try:
        bad = connection.execute(f"SELECT EXISTS (SELECT 1 FROM {rows} WHERE NOT ({_SOUND_STORY_ROW}))").fetchone()[0]
    except sqlite3.Error as error:
        raise IndexUnusable(str(error)) from error
    if bad:
        raise IndexUnusable("values of the wrong type or range")


def open_index(path: Path, folder: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
               check_rows: bool = True) -> sqlite3.Connection:
    """The checked database of `folder` at `path`; `IndexUnusable` when there is none
    or it cannot be used as it is (the refresh then rebuilds it).  `check_rows` False
    leaves the scan of every story row to the caller (`check_story_rows`)."""
    if not path.is_file():
        raise IndexUnusable("no index yet")
    try:
        connection = connect(path, busy_timeout_ms=busy_timeout_ms)
    except sqlite3.Error as error:
        raise IndexUnusable(str(error)) from error
    try:
        check(connection, folder, rows=check_rows)
    except IndexUnusable:
        connection.close()
        raise
    return connection


def remove_database(path: Path) -> None:
    """Delete the database file and its WAL companions (whatever state they are in)."""
    for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                      path.with_name(path.name + "-journal")):
        with suppress(FileNotFoundError):
            companion.unlink()


def create_index(path: Path, folder: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A new, empty index of `folder` at `path`, replacing whatever file was there.

    A locked file is not waited for: it is unlinked, and whoever holds it keeps
    their own copy.  The schema is written in one transaction, so a half-made
    database is never taken for a whole one."""
    remove_database(path)
    connection = connect(path, busy_timeout_ms=busy_timeout_ms)
    try:
        connection.executescript(f"BEGIN IMMEDIATE; {SCHEMA} PRAGMA application_id = {APPLICATION_ID};"
                                 f"PRAGMA user_version = {SCHEMA_VERSION};")
        connection.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                               [("folder", folder_key(folder)), ("loader", loader_key())])
        connection.execute("COMMIT")
    except sqlite3.Error:
        connection.close()
        raise
    old_cache = path.with_name(path.name.replace(".sqlite3", ".json"))
    with suppress(OSError):
        old_cache.unlink()  # the JSON cache of earlier versions: the database replaces it
    return connection
