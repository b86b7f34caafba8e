"""The library index (explorer.library, explorer.index): the SQLite database, its
refresh, and what it answers; a corrupt, foreign, locked and stale database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from explorer.index import database, refresh as refresh_module
from explorer.index.cues import cue_lemma
from explorer.index.database import database_file_for
from explorer.index.pages import BULK_PAGE, PAGE, QuotePages
from explorer.index.queries import group_speakers
from explorer.index.rows import parse, storable
from explorer.library import LibraryIndex, QuoteFilter, StoryEntry, StoryFilter, index_story, matching
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


def by_name(entries: list[StoryEntry]) -> dict[str, StoryEntry]:
    return {entry.path.name: entry for entry in entries}


def summary(entries: list[StoryEntry]) -> list[tuple]:
    """What the library shows of each entry (ids left out: a rebuilt index numbers anew)."""
    return [(e.key, e.title, e.outlet, e.published, e.speaker_count, e.quotes, e.checked, e.error, e.indexed)
            for e in entries]


def test_summaries_of_good_and_broken_stories(folder: Path) -> None:
    entries = by_name(LibraryIndex(folder).build())
    assert list(entries) == ["bridge-vote.yaml", "broken-story.yaml", "budget-cuts.yaml", "rail-strike.yaml"]
    bridge = entries["bridge-vote.yaml"]
    assert (bridge.title, bridge.outlet, bridge.published) == (
        "Council approves new bridge over the river", "Harbor Times", "2024-03-02")
    assert (bridge.speaker_count, bridge.quotes, bridge.checked, bridge.error) == (2, 3, 0, None)
    broken = entries["broken-story.yaml"]
    assert broken.title == "broken-story.yaml"
    assert broken.error == f"{folder / 'broken-story.yaml'}:8:16: quote 'q1' names unknown paragraph 'p9'"
    assert broken.short_error == "broken-story.yaml:8:16: quote 'q1' names unknown paragraph 'p9'"


def test_the_database_lives_under_xdg_cache_home(folder: Path, cache_home: Path) -> None:
    index = LibraryIndex(folder)
    index.build()
    assert index.database == database_file_for(folder)
    assert index.database.parent == cache_home / "story-explorer"
    assert index.database.name.endswith(".sqlite3") and index.database.is_file()
    assert database_file_for(folder) != database_file_for(folder.parent)


def test_a_relative_xdg_cache_home_is_ignored(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    LibraryIndex(folder).build()
    assert not (tmp_path / "relative-cache").exists()
    assert list((tmp_path / "home" / ".cache" / "story-explorer").glob("*.sqlite3"))


def test_a_warm_refresh_parses_nothing(folder: Path) -> None:
    index = LibraryIndex(folder)
    first = index.build()
    result = LibraryIndex(folder).refresh()
    assert (result.found, result.parsed, result.rebuilt) == (4, 0, False)
    assert LibraryIndex(folder).stories() == first


def test_only_new_and_changed_files_are_parsed_again(folder: Path) -> None:
    LibraryIndex(folder).build()
    changed = folder / "rail-strike.yaml"
    changed.write_text(changed.read_text().replace("Rail strike enters its second week", "Rail strike ends"))
    (folder / "bridge-copy.yaml").write_text((folder / "bridge-vote.yaml").read_text())
    (folder / "budget-cuts.yaml").unlink()
    index = LibraryIndex(folder)
    result = index.refresh()
    assert sorted(p.name for p in result.parsed_paths) == ["bridge-copy.yaml", "rail-strike.yaml"]
    assert result.removed == 1
    entries = by_name(index.stories())
    assert entries["rail-strike.yaml"].title == "Rail strike ends"
    assert "budget-cuts.yaml" not in entries
    # A vanished story leaves no speaker or quote behind.
    assert "ana silva" not in [speaker.key for speaker in index.speakers()]


def test_a_file_changed_to_the_same_size_is_parsed_again(folder: Path) -> None:
    LibraryIndex(folder).build()
    path = folder / "bridge-vote.yaml"
    path.write_text(path.read_text().replace("Harbor Times", "Harbor Tides"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert by_name(LibraryIndex(folder).build())["bridge-vote.yaml"].outlet == "Harbor Tides"


def test_no_database_yet_lists_the_files_unparsed(folder: Path) -> None:
    index = LibraryIndex(folder)
    assert index.open() is False
    entries = index.stories()
    assert [(e.title, e.indexed) for e in entries] == [
        ("bridge-vote.yaml", False), ("broken-story.yaml", False), ("budget-cuts.yaml", False),
        ("rail-strike.yaml", False)]


# --- a database that cannot be used is rebuilt ------------------------------------------


def write_over(path: Path, data: bytes) -> None:
    database.remove_database(path)
    path.write_bytes(data)


@pytest.mark.parametrize("garbage", [b"", b"not a database", b"\x00\xff" * 3000, b"SQLite format 3\x00" + b"\x07" * 4000])
def test_a_corrupt_database_is_rebuilt(folder: Path, garbage: bytes) -> None:
    expected = summary(LibraryIndex(folder).build())
    path = database_file_for(folder)
    write_over(path, garbage)
    index = LibraryIndex(folder)
    assert index.open() is False
    result = index.refresh()
    assert result.rebuilt and result.parsed == 4
    assert summary(index.stories()) == expected


def test_a_truncated_database_is_rebuilt(folder: Path) -> None:
    expected = summary(LibraryIndex(folder).build())
    path = database_file_for(folder)
    data = path.read_bytes()
    write_over(path, data[: len(data) // 3])
    index = LibraryIndex(folder)
    index.refresh()
    assert summary(index.stories()) == expected
    assert index.connection is not None
    assert index.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_foreign_sqlite_database_is_rebuilt(folder: Path) -> None:
    expected = summary(LibraryIndex(folder).build())
    path = database_file_for(folder)
    database.remove_database(path)
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE stories (name TEXT)")
    other.commit()
    other.close()
    index = LibraryIndex(folder)
    assert index.open() is False
    assert index.refresh().rebuilt
    assert summary(index.stories()) == expected


def test_the_index_of_another_folder_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    make_sample_library(other, broken=False)
    LibraryIndex(other).build()
    database.remove_database(database_file_for(folder))
    os.link(database_file_for(other), database_file_for(folder))  # as if two folders hashed alike
    index = LibraryIndex(folder)
    assert index.open() is False
    assert len(index.build()) == 4


def test_values_of_the_wrong_type_or_range_rebuild_the_index(folder: Path) -> None:
    """A database of our own id and version whose stories table was rewritten by
    something else: not STRICT, a title that is a number, an mtime of Infinity, a
    count below zero. Every value read is checked; any wrong one means rebuild."""
    expected = summary(LibraryIndex(folder).build())
    path = database_file_for(folder)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.executescript("""
        ALTER TABLE stories RENAME TO old_stories;
        CREATE TABLE stories (id INTEGER PRIMARY KEY, path BLOB, mtime_ns, size, title, outlet, published, url,
                              speakers, quotes, checked, search, error);
        INSERT INTO stories SELECT * FROM old_stories;
        UPDATE stories SET title = 12345, mtime_ns = 9e999 WHERE id = 1;
        UPDATE stories SET quotes = -4 WHERE id = 3;
    """)
    connection.close()
    index = LibraryIndex(folder)
    assert index.open() is False
    assert index.refresh().rebuilt
    assert summary(index.stories()) == expected


def test_the_first_screenful_checks_its_rows_and_the_whole_list_checks_all(folder: Path) -> None:
    """`open(check_rows=False)` then `first_stories(n)`: the first n rows in path order are
    checked and read, with the count; a wrong value after them is caught when `stories()`
    reads them all (the folder's files are listed instead), one among them at once."""
    expected = summary(LibraryIndex(folder).build())
    path = database_file_for(folder)
    connection = sqlite3.connect(path, isolation_level=None)
    last, first = connection.execute(
        "SELECT (SELECT id FROM stories ORDER BY path DESC LIMIT 1), (SELECT id FROM stories ORDER BY path LIMIT 1)"
    ).fetchone()
    connection.close()
    index = LibraryIndex(folder)
    assert index.open(check_rows=False)
    shown, total = index.first_stories(2)
    assert (summary(shown), total) == (expected[:2], 4)
    assert summary(index.stories()) == expected

    def rewrite(story_id: int) -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.executescript(f"""
            ALTER TABLE stories RENAME TO old_stories;
            CREATE TABLE stories (id INTEGER PRIMARY KEY, path BLOB UNIQUE, mtime_ns, size, title, outlet, published,
                                  url, speakers, quotes, checked, search, error);
            INSERT INTO stories SELECT * FROM old_stories;
            DROP TABLE old_stories;
            UPDATE stories SET quotes = -4 WHERE id = {story_id};
        """)
        connection.close()

    rewrite(last)
    index = LibraryIndex(folder)
    assert index.open(check_rows=False)
    assert index.first_stories(2) is not None  # the wrong row is not among the first two
    assert all(not entry.indexed for entry in index.stories())  # caught: the files, unparsed
    LibraryIndex(folder).refresh()
    rewrite(first)
    index = LibraryIndex(folder)
    assert index.open(check_rows=False)
    assert index.first_stories(2) is None


def test_a_wrong_value_in_a_quote_row_is_caught_when_read(folder: Path) -> None:
    LibraryIndex(folder).build()
    connection = sqlite3.connect(database_file_for(folder), isolation_level=None)
    connection.executescript("""
        PRAGMA writable_schema = ON;
        UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'quotes';
    """)
    connection.close()
    connection = sqlite3.connect(database_file_for(folder), isolation_level=None)
    connection.execute("UPDATE quotes SET text = x'00ff' WHERE id = 1")
    connection.close()
    index = LibraryIndex(folder)
    assert index.open()
    quotes = index.speaker_quotes("maria lopez")  # the ids hold no text: they read well
    assert not quotes.damaged
    assert list(quotes) == [None] * len(quotes) and quotes.damaged  # the quotes' page does not
    with pytest.raises(database.IndexUnusable):  # read whole, as `quotes --search` does, it is an error
        index.search(QuoteFilter(speaker="maria lopez"))


LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA locking_mode = EXCLUSIVE")
connection.execute("BEGIN EXCLUSIVE")
connection.execute("SELECT count(*) FROM stories").fetchone()
print("locked", flush=True)
sys.stdin.read()
"""


def test_a_database_locked_by_another_program_is_replaced(folder: Path) -> None:
    built = LibraryIndex(folder)
    expected = summary(built.build())
    built.close()
    (folder / "rail-strike.yaml").unlink()
    path = database_file_for(folder)
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        index = LibraryIndex(folder)
        result = index.refresh(busy_timeout_ms=50)
        assert result.rebuilt
        assert summary(index.stories()) == expected[:3]
    finally:
        locker.communicate("")


def test_a_refresh_killed_half_way_leaves_the_last_good_index(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh_module, "BATCH_SECONDS", 0)  # a transaction after every file
    parsed: list[str] = []

    def dies_at_the_third(path: Path):  # noqa: ANN202
        if len(parsed) == 2:
            raise KeyboardInterrupt  # the process killed in the middle of a file
        parsed.append(path.name)
        return parse(path)

    with pytest.raises(KeyboardInterrupt):
        LibraryIndex(folder).refresh(parse=dies_at_the_third)
    index = LibraryIndex(folder)
    assert index.open()
    assert index.connection is not None
    assert index.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [e.indexed for e in index.stories()] == [True, True, False, False]
    result = index.refresh()
    assert sorted(p.name for p in result.parsed_paths) == ["budget-cuts.yaml", "rail-strike.yaml"]


def run_refresh_process(folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "explorer.index.refresh", str(database_file_for(folder)),
                             str(folder)], stdout=subprocess.PIPE, text=True)


def test_two_explorers_refreshing_one_folder_at_once(folder: Path, tmp_path: Path) -> None:
    """Two refresh processes started together on a folder of 60 stories: both finish,
    the database is sound and whole, and the stories are parsed once between them (the
    second waits for the first's lock, then finds nothing stale)."""
    from tests.bench.make_corpus import make_library

    make_library(folder, 60, seed=3)
    database_file_for(folder).parent.mkdir(parents=True, exist_ok=True)
    processes = [run_refresh_process(folder), run_refresh_process(folder)]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0]
    events = [json.loads(line) for output in outputs for line in output.splitlines()]
    done = [event for event in events if event["event"] == "done"]
    assert sorted(event["parsed"] for event in done) == [0, 64]
    index = LibraryIndex(folder)
    assert index.open()
    assert index.connection is not None
    assert index.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(index.stories()) == 64 and all(entry.indexed for entry in index.stories())


def test_an_unwritable_cache_folder_only_costs_speed(folder: Path, cache_home: Path) -> None:
    cache_home.write_text("a file where the cache folder should be")
    index = LibraryIndex(folder)
    assert index.scratch
    assert len(index.build()) == 4
    index.discard()
    assert not index.database.parent.exists()


# --- one bad file never takes the library down ------------------------------------------


@pytest.mark.parametrize("error", [RuntimeError("boom"), RecursionError("maximum recursion depth exceeded"),
                                   MemoryError(), UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")])
def test_whatever_the_loader_raises_is_that_files_error(folder: Path, error: Exception) -> None:
    def load(path: Path):  # noqa: ANN202
        if path.name == "budget-cuts.yaml":
            raise error
        from explorer.storyfile import load_story

        return load_story(path)

    entries = by_name(LibraryIndex(folder).refresh(parse=lambda path: parse(path, load)) and
                      LibraryIndex(folder).stories())
    broken = entries["budget-cuts.yaml"]
    assert broken.error is not None and broken.error.startswith(f"{folder / 'budget-cuts.yaml'}: cannot be loaded (")
    assert type(error).__name__ in broken.error and "\n" not in broken.error
    assert entries["rail-strike.yaml"].error is None
    assert index_story(str(folder), folder / "budget-cuts.yaml", load).error == broken.error


def test_a_file_name_that_is_not_utf8_is_stored_and_shown_escaped(folder: Path, cache_home: Path) -> None:
    name = os.fsdecode(b"caf\xe9-story.yaml")
    (folder / name).write_text((folder / "bridge-vote.yaml").read_text())
    (folder / os.fsdecode(b"bad\xff.yaml")).write_text("format: 1\n")
    index = LibraryIndex(folder)
    entries = index.build()
    keys = [entry.key for entry in entries]
    assert b"caf\xe9-story.yaml" in keys and b"bad\xff.yaml" in keys
    broken = next(entry for entry in entries if entry.key == b"bad\xff.yaml")
    assert broken.title == "bad\\xff.yaml"
    assert broken.short_error == "bad\\xff.yaml:1:1: the story has no 'title'"
    assert next(entry for entry in entries if entry.key == b"caf\xe9-story.yaml").path == folder / name
    index.close()
    left = {p.name for p in (cache_home / "story-explorer").iterdir()}
    assert left <= {index.database.name, index.database.name + ".lock", index.database.name + "-wal",
                    index.database.name + "-shm"}  # the database and its companions, no scraps


def test_text_that_sqlite_cannot_store_is_escaped() -> None:
    assert storable("lone \udcff surrogate") == "lone \\udcff surrogate"
    assert storable("Zelensky — “the best”") == "Zelensky — “the best”"


# --- filtering the list -------------------------------------------------------------------


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


class Item:
    def __init__(self, text: str) -> None:
        self.search_text = text


def test_typing_a_filter_narrows_the_last_result_so_work_does_not_grow() -> None:
    """Typing 600 characters one at a time: the (item, word) tests per keystroke stay
    bounded by the items still matching, whatever the length already typed."""
    items = [Item(f"story {n} about trains and bridges") for n in range(1000)]
    story_filter = StoryFilter(items)
    typed = ""
    per_key = []
    for step, character in enumerate(("about trains " * 50)[:600]):
        typed += character
        before = story_filter.checks
        result = story_filter.apply(typed)
        per_key.append(story_filter.checks - before)
        if step % 50 == 0:
            assert len(result) == len(matching(items, typed))
    assert max(per_key) <= len(items)
    assert max(per_key[300:]) <= max(per_key[:300])
    assert len(story_filter.apply("about zzz")) == 0
    assert len(story_filter.apply("about")) == 1000


# --- what the index answers ------------------------------------------------------------------


def test_speakers_are_merged_across_stories_in_one_query_each(folder: Path) -> None:
    index = LibraryIndex(folder)
    index.build()
    before = index.statements
    speakers = index.speakers()
    assert [(s.name, s.stories, s.quotes) for s in speakers] == [
        ("Maria Lopez", 2, 3), ("Ana Silva", 1, 2), ("Tom Becker", 2, 2), ("Rail Operator", 1, 1)]
    assert index.statements - before == 2
    before = index.statements
    quotes = index.speaker_quotes("maria lopez")
    assert index.statements - before == 1
    assert [(q.published, q.text, q.paragraph_number) for q in quotes] == [
        ("2024-05-17", "Every department has to share the burden.", 2),
        ("2024-03-02", "This bridge will connect two halves of our city.", 2),
        ("2024-03-02", "We start building in May.", 3)]
    by_story = index.speaker_quotes("maria lopez", by="story")
    assert [q.story_title for q in by_story] == ["Council approves new bridge over the river"] * 2 + [
        "Mayor defends budget cuts"]


def test_speakers_across_stories_are_read_from_the_totals_the_refresh_wrote(folder: Path) -> None:
    """After a refresh the speakers come from speaker_stats (a row a speaker, nothing
    grouped); while the totals are out of date (a refresh stopped half-way) they are
    grouped from the speakers table, and the next refresh writes them again."""
    index = LibraryIndex(folder)
    index.build()
    grouped = group_speakers(index)
    before_rows, before = index.rows_read, index.statements
    assert index.speakers() == grouped
    assert (index.statements - before, index.rows_read - before_rows) == (2, 1 + len(grouped))  # the mark, the rows
    story = folder / "rail-strike.yaml"
    story.write_text(story.read_text().replace("Tom Becker", "Tom Baker"))
    index.refresh()
    assert ("Tom Baker", 1, 1) in [(s.name, s.stories, s.quotes) for s in index.speakers()]
    assert index.speakers() == group_speakers(index)


def test_a_refresh_stopped_half_way_leaves_the_speakers_grouped(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh_module, "BATCH_SECONDS", 0)  # a transaction after every file
    index = LibraryIndex(folder)
    index.build()
    for story in folder.glob("*.yaml"):
        os.utime(story, ns=(1, 1))  # every file stale
    calls: list[Path] = []

    def dies_at_the_third(path: Path):  # noqa: ANN202
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append(path)
        return parse(path)

    with pytest.raises(KeyboardInterrupt):
        index.refresh(parse=dies_at_the_third)
    index.open()
    assert index.rows("SELECT count(*) FROM meta WHERE key = 'speaker_stats'") == [(0,)]
    grouped = group_speakers(index)
    before = index.statements
    assert index.speakers() == grouped
    assert index.statements - before == 3  # the mark, then the two grouped queries
    index.refresh()
    assert index.rows("SELECT count(*) FROM meta WHERE key = 'speaker_stats'") == [(1,)]


@pytest.mark.parametrize(("cue", "lemma"), [
    ("said", "say"), ("says", "say"), ("told reporters", "tell"), ("added", "add"), ("warned", "warn"),
    ("has insisted", "insist"), ("admitted", "admit"), ("claimed", "claim"), ("noted", "note"),
    ("denied", "deny"), ("Described", "describe"), ("stressed", "stress"), ("according to", "according to"),
    ("wrote in a statement", "write"), ("quipped", "quip"), ("", ""), ("grilled", "grill"),
    ("has grilled", "grill"), ("tallied", "tally"), ("nodded", "nod"), ("zorbles", "zorble")])
def test_cue_lemmas(cue: str, lemma: str) -> None:
    assert cue_lemma(cue) == lemma


def test_the_word_index_follows_changed_and_removed_stories(folder: Path) -> None:
    from explorer.index.search import QuoteFilter

    index = LibraryIndex(folder)
    index.build()
    story = folder / "rail-strike.yaml"
    story.write_text(story.read_text().replace("a contract", "settlement"))  # same length: offsets stay right
    (folder / "budget-cuts.yaml").unlink()
    index.refresh()

    def found(words: str) -> list[str]:
        return [hit.text for hit in index.search(QuoteFilter(words=words)).hits]

    assert found("contract") == []
    assert found("settlement") == ["We will not go back without settlement."]
    assert found("burden") == []  # the removed story's words left with it
    assert index.connection is not None
    index.connection.execute("INSERT INTO quote_words (quote_words, rank) VALUES ('integrity-check', 1)")


def test_parsing_in_two_processes_indexes_the_same(folder: Path, tmp_path: Path) -> None:
    from tests.bench.make_corpus import make_library

    make_library(folder, refresh_module.PARALLEL_FROM + 6, broken=2, seed=5)
    alone, together = LibraryIndex(folder, tmp_path / "one.sqlite3"), LibraryIndex(folder, tmp_path / "two.sqlite3")
    assert alone.refresh(jobs=1).parsed == together.refresh(jobs=2).parsed == refresh_module.PARALLEL_FROM + 10
    assert summary(alone.stories()) == summary(together.stories())
    assert alone.speakers() == together.speakers()


def test_quote_pages_read_a_page_when_a_row_is_first_looked_at() -> None:
    read: list[list[int]] = []

    def reader(ids: Sequence[int]) -> dict[int, object]:
        read.append(list(ids))
        return {quote_id: f"quote {quote_id}" for quote_id in ids if quote_id != 7}  # 7 has gone since

    quotes = QuotePages(list(range(5000)), reader)  # type: ignore[arg-type]
    assert len(quotes) == 5000 and read == []
    assert quotes[3] == "quote 3" and read == [list(range(PAGE))]
    assert quotes[7] is None and quotes[PAGE - 1] == f"quote {PAGE - 1}" and len(read) == 1
    assert quotes[-1] == "quote 4999" and read[-1] == list(range(5000 - PAGE, 5000))
    assert (quotes.pages_read, quotes.quotes_read) == (2, 2 * PAGE - 1)
    assert len(list(quotes)) == 5000  # going through all of it: large pages, nothing read twice
    assert sum(map(len, read)) == 5000 and len(read) == 2 + 5000 // BULK_PAGE
    with pytest.raises(IndexError):
        quotes[5000]


def test_quote_pages_of_a_damaged_index_are_gone_rows_not_errors() -> None:
    def reader(ids: Sequence[int]) -> dict[int, object]:
        raise database.IndexUnusable("damaged")

    quotes = QuotePages([1, 2, 3], reader)  # type: ignore[arg-type]
    assert list(quotes) == [None, None, None] and quotes.damaged
