"""The library index: what the library screen lists, without reading every story each time.

A folder of thousands of stories cannot be parsed at every start (a 14 KB
story takes about 1.5 ms to load and check; 5,000 take 8 s).  So each story's
summary (title, outlet, date, speakers and their quote counts, or its one-line
error) is kept in a JSON cache, one file per folder, under
`$XDG_CACHE_HOME/story-explorer/`.  An entry is reused while the file's
`mtime_ns` and size are unchanged; only new and changed files are parsed
again.  A missing, stale or corrupt cache is ignored and rebuilt, never an error.

No Textual here: the library screen scans with `LibraryIndex` at once (the
cache and a directory walk) and parses the stale files in a thread worker, a
file at a time, so it can show progress while it fills in.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from explorer import model, storyfile
from explorer.locations import cache_home
from explorer.model import Quote, Story
from explorer.storyfile import StoryFileError, find_story_files, load_story

#: Bump when the cached fields change; the loader's own file is part of the
#: key too, so a change in what `load_story` accepts re-checks every story.
INDEX_VERSION = 1


def cache_file_for(folder: Path) -> Path:
    """The index cache of `folder`: one JSON file named after its absolute path."""
    digest = hashlib.sha1(str(folder.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_home() / f"library-{digest}.json"


def _loader_key() -> str:
    """The index version and the newest change to the loader's files (the storyfile
    package and the model): what `load_story` accepts may have changed with them."""
    loader_files = [*Path(storyfile.__file__).parent.glob("*.py"), Path(model.__file__)]
    try:
        loader_mtime = max(os.stat(path).st_mtime_ns for path in loader_files)
    except OSError:
        loader_mtime = 0
    return f"{INDEX_VERSION}:{loader_mtime}"


def name_key(name: str) -> str:
    """How speaker names are merged across stories: case and spacing ignored."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class StoryEntry:
    """One story file as the library lists it.

    `speakers` holds (display name, number of quotes) in story order.  A
    story that does not load has `error` (its one-line `path:line:col:
    message`) and its file name as `title`.  An entry not parsed yet
    (`indexed` False) is a placeholder that shows the file name.
    """

    path: Path
    title: str
    outlet: str | None = None
    published: str | None = None
    speakers: tuple[tuple[str, int], ...] = ()
    quotes: int = 0
    error: str | None = None
    indexed: bool = True
    mtime_ns: int = 0
    size: int = 0

    @classmethod
    def from_story(cls, path: Path, story: Story, mtime_ns: int = 0, size: int = 0) -> StoryEntry:
        counts = {s.id: 0 for s in story.speakers}
        for quote in story.quotes:
            if quote.speaker in counts:
                counts[quote.speaker] += 1
        return cls(path, story.title, story.outlet, story.published,
                   tuple((s.name, counts[s.id]) for s in story.speakers), len(story.quotes),
                   mtime_ns=mtime_ns, size=size)

    @classmethod
    def from_error(cls, path: Path, error: str, mtime_ns: int = 0, size: int = 0) -> StoryEntry:
        return cls(path, path.name, error=error, mtime_ns=mtime_ns, size=size)

    @classmethod
    def placeholder(cls, path: Path) -> StoryEntry:
        return cls(path, path.name, indexed=False)

    @property
    def speaker_count(self) -> int:
        return len(self.speakers)

    @cached_property
    def search_text(self) -> str:
        """What a filter looks in: the title, the outlet and the speakers' names, casefolded."""
        return "\n".join((self.title, self.outlet or "", *(name for name, _ in self.speakers))).casefold()

    def to_json(self) -> dict:
        return {"mtime_ns": self.mtime_ns, "size": self.size, "title": self.title, "outlet": self.outlet,
                "published": self.published, "speakers": [list(pair) for pair in self.speakers],
                "quotes": self.quotes, "error": self.error}

    @classmethod
    def from_json(cls, path: Path, data: dict) -> StoryEntry:
        """An entry from its cache record; `ValueError`/`TypeError`/`KeyError` when malformed."""
        speakers = tuple((str(name), int(count)) for name, count in data["speakers"])
        error = data["error"]
        return cls(path, str(data["title"]), _optional_str(data["outlet"]), _optional_str(data["published"]),
                   speakers, int(data["quotes"]), None if error is None else str(error),
                   mtime_ns=int(data["mtime_ns"]), size=int(data["size"]))


class Searchable(Protocol):
    search_text: str


S = TypeVar("S", bound=Searchable)


def matching(items: Sequence[S], query: str) -> Sequence[S]:
    """The items whose `search_text` holds every word of `query` (case ignored);
    all of them (the same sequence) for a blank query."""
    words = query.casefold().split()
    if not words:
        return items
    return [item for item in items if all(word in item.search_text for word in words)]


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def index_story(path: Path) -> StoryEntry:
    """Load `path` and summarise it; a story that does not load gives an entry with its error."""
    try:
        stat = os.stat(path)
        mtime_ns, size = stat.st_mtime_ns, stat.st_size
    except OSError:
        mtime_ns = size = 0
    try:
        return StoryEntry.from_story(path, load_story(path), mtime_ns, size)
    except StoryFileError as error:
        return StoryEntry.from_error(path, str(error), mtime_ns, size)


class LibraryIndex:
    """The summaries of the stories under one folder, cached between runs.

    Use: `scan()` finds the files and returns those that need parsing (new or
    changed since the cache was written); `update(path)` parses one;
    `save()` writes the cache.  `entries()` lists every story in path order,
    with placeholders for files not parsed yet.  Not thread-safe: one worker
    drives it.
    """

    def __init__(self, folder: Path, cache_file: Path | None = None) -> None:
        self.folder = Path(folder)
        self.cache_file = cache_file or cache_file_for(self.folder)
        self._paths: list[Path] = []
        self._entries: dict[Path, StoryEntry] = {}
        self._dirty = False

    def scan(self) -> list[Path]:
        """Find the story files; keep the cached entries still fresh; return the paths to parse."""
        cached = self._read_cache()
        self._paths = find_story_files([self.folder])
        self._entries = {}
        stale = []
        for path in self._paths:
            entry = _fresh_entry(path, cached.get(self._key(path)))
            if entry is not None:
                self._entries[path] = entry
            else:
                stale.append(path)
        self._dirty = bool(stale) or len(cached) != len(self._entries)
        return stale

    def update(self, path: Path) -> StoryEntry:
        """Parse one story file and keep its summary."""
        entry = index_story(path)
        self._entries[path] = entry
        self._dirty = True
        return entry

    def entries(self) -> list[StoryEntry]:
        """Every story found by `scan()`, in path order; placeholders for those not parsed yet."""
        return [self._entries.get(path) or StoryEntry.placeholder(path) for path in self._paths]

    def build(self) -> list[StoryEntry]:
        """Scan, parse what is stale, save: the whole index in one call."""
        for path in self.scan():
            self.update(path)
        self.save()
        return self.entries()

    def save(self) -> None:
        """Write the cache (atomically) when something changed; a cache that cannot be written is skipped."""
        if not self._dirty:
            return
        data = {
            "version": _loader_key(),
            "folder": str(self.folder.resolve()),
            "entries": {self._key(path): entry.to_json() for path, entry in self._entries.items()},
        }
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".library-", suffix=".tmp", dir=self.cache_file.parent)
        except OSError:
            return  # a read-only cache folder only costs speed next time
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self.cache_file)
        except OSError:
            with suppress(OSError):
                os.unlink(temporary)  # a full disk: keep the old cache, leave no scrap
            return
        self._dirty = False

    def _key(self, path: Path) -> str:
        """The cache key of `path`: its path relative to the folder, with "/" (string
        slicing, as pathlib's `relative_to` costs 20 µs a file)."""
        text, prefix = str(path), os.path.join(str(self.folder), "")
        relative = text[len(prefix):] if text.startswith(prefix) else str(path.relative_to(self.folder))
        return relative.replace(os.sep, "/")

    def _read_cache(self) -> dict[str, object]:
        """The cache records by relative path; nothing when the cache is missing, foreign, old or corrupt."""
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
            if data["version"] != _loader_key() or data["folder"] != str(self.folder.resolve()):
                return {}
            entries = data["entries"]
        except (OSError, ValueError, TypeError, KeyError):
            return {}
        return entries if isinstance(entries, dict) else {}


def _fresh_entry(path: Path, record: object) -> StoryEntry | None:
    """The cached entry of `path` if `record` is well formed and the file has not
    changed since (same mtime_ns and size); else None: parse the file again."""
    if not isinstance(record, dict):
        return None
    try:
        entry = StoryEntry.from_json(path, record)
        stat = os.stat(path)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return entry if (stat.st_mtime_ns, stat.st_size) == (entry.mtime_ns, entry.size) else None


# --- speakers across stories -------------------------------------------------


class Appearance(NamedTuple):
    """A speaker in one story: the story and how often they are quoted there.
    (A named tuple: a library of 5,000 stories makes 30,000 of them.)"""

    entry: StoryEntry
    name: str
    quotes: int


@dataclass
class SpeakerAcross:
    """One person (or body) as named across the library: names merged by `name_key`."""

    key: str
    name: str
    appearances: list[Appearance] = field(default_factory=list)
    quotes: int = 0

    @property
    def stories(self) -> int:
        return len(self.appearances)

    @property
    def search_text(self) -> str:
        """What a filter looks in: the name, casefolded."""
        return self.key


def speakers_across(entries: Iterable[StoryEntry]) -> list[SpeakerAcross]:
    """Every speaker of the stories that loaded, merged by name across stories;
    most quoted first, then by name.  The display name is the spelling that
    most stories use (the first seen on a tie)."""
    merged: dict[str, SpeakerAcross] = {}
    keys: dict[str, str] = {}  # name -> name_key(name): names repeat across stories
    for entry in entries:
        if entry.error or not entry.indexed:
            continue
        in_story: dict[str, Appearance] = {}
        for name, count in entry.speakers:
            key = keys.get(name) or keys.setdefault(name, name_key(name))
            seen = in_story.get(key)
            in_story[key] = Appearance(entry, name, count + seen.quotes) if seen else Appearance(entry, name, count)
        for key, appearance in in_story.items():
            speaker = merged.get(key)
            if speaker is None:
                speaker = merged[key] = SpeakerAcross(key, appearance.name)
            speaker.appearances.append(appearance)
            speaker.quotes += appearance.quotes
    for speaker in merged.values():
        spellings = Counter(a.name for a in speaker.appearances)
        if len(spellings) > 1:
            speaker.name = spellings.most_common(1)[0][0]  # ties: the first seen, as Counter keeps order
    return sorted(merged.values(), key=lambda s: (-s.quotes, s.key))


@dataclass(frozen=True)
class QuoteAcross:
    """One quote of a speaker, with the story it is in."""

    path: Path
    story_title: str
    published: str | None
    quote: Quote
    paragraph_number: int


def quotes_across(speaker: SpeakerAcross) -> Iterator[tuple[list[QuoteAcross], str | None]]:
    """The quotes of `speaker`, one story at a time (newest story first, article
    order within it): (quotes, None), or ([], its one-line error) for a story
    that no longer loads (it changed since it was indexed).  A generator, so a
    caller can stop between stories."""
    appearances = sorted(speaker.appearances, key=lambda a: (a.entry.published or "", a.entry.title), reverse=True)
    for appearance in appearances:
        path = appearance.entry.path
        try:
            story = load_story(path)
        except StoryFileError as error:
            yield [], str(error)
            continue
        ids = {s.id for s in story.speakers if name_key(s.name) == speaker.key}
        position = story.paragraph_position
        yield [
            QuoteAcross(path, story.title, story.published, q, position.get(q.paragraph, -1) + 1)
            for q in story.quotes_in_order()
            if q.speaker in ids
        ], None
