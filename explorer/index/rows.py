"""One story file as rows of the index: its summary, speakers, quotes and sources.

`parse(path)` loads a story and never raises for the file's sake: whatever
the loader raises (a `StoryFileError`, an `OSError`, a `RecursionError` from
some pathological nesting, anything) becomes that file's one-line error.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from explorer.files import shown_path
from explorer.index.cues import cue_lemma
from explorer.index.text import name_key, one_line, search_text, storable
from explorer.model import Story
from explorer.storyfile import StoryFileError, load_story

@dataclass
class Parsed:
    """What indexing one file found: its stat, and the story or the error after `path:`."""

    path: Path
    mtime_ns: int
    size: int
    story: Story | None = None
    error: str | None = None
    rows: dict[str, list[tuple]] = field(default_factory=dict)


def error_after_path(path: Path, message: str) -> str:
    """The part of a `path:line:col: message` error after the path (the path is the
    index's key already, and the folder may be opened under another name)."""
    prefix = shown_path(path) + ":"
    rest = message[len(prefix):] if message.startswith(prefix) else " " + message
    return (" " if rest.startswith(" ") else "") + one_line(storable(rest))


def parse(path: Path, load: Callable[[Path], Story] = load_story) -> Parsed:
    """Load `path` for the index; any failure is the file's error, never an exception."""
    try:
        stat = os.stat(path)
        mtime_ns, size = stat.st_mtime_ns, stat.st_size
    except OSError:
        mtime_ns = size = 0
    try:
        story = load(path)
    except StoryFileError as error:
        return Parsed(path, mtime_ns, size, error=error_after_path(path, str(error)))
    except OSError as error:
        return Parsed(path, mtime_ns, size, error=error_after_path(path, f"{shown_path(path)}: {error.strerror or error}"))
    except Exception as error:  # noqa: BLE001 - whatever one file does, it is that file's error
        reason = f"{shown_path(path)}: cannot be loaded ({type(error).__name__}: {error})"
        return Parsed(path, mtime_ns, size, error=error_after_path(path, reason))
    return Parsed(path, mtime_ns, size, story=story)


def story_values(parsed: Parsed, title_if_broken: str) -> tuple:
    """The stories-table values of a parsed file: (mtime_ns, size, title, outlet,
    published, url, speakers, quotes, checked, search, error)."""
    story = parsed.story
    if story is None:
        title = storable(title_if_broken)
        return (parsed.mtime_ns, parsed.size, title, None, None, None, 0, 0, 0, title.casefold(), parsed.error)
    title, outlet = storable(story.title), storable(story.outlet) if story.outlet is not None else None
    checked = sum(1 for quote in story.quotes if quote.checked)
    names = [storable(speaker.name) for speaker in story.speakers]
    return (parsed.mtime_ns, parsed.size, title, outlet,
            _optional(story.published), _optional(story.url),
            len(story.speakers), len(story.quotes), checked, search_text(title, outlet, names), None)


def speaker_rows(story: Story, story_id: int, first_id: int) -> tuple[list[tuple], dict[str, int]]:
    """The speakers-table rows of `story` (ids from `first_id`), and speaker id -> row id."""
    counts = {speaker.id: 0 for speaker in story.speakers}
    for quote in story.quotes:
        if quote.speaker in counts:
            counts[quote.speaker] += 1
    rows, ids = [], {}
    for number, speaker in enumerate(story.speakers):
        row_id = first_id + number
        ids[speaker.id] = row_id
        name = storable(speaker.name)
        names = "\n".join(storable(label).casefold() for label in (speaker.name, *speaker.aliases))
        rows.append((row_id, story_id, storable(speaker.id), name, name_key(name), storable(speaker.role or ""),
                     storable(speaker.kind), names, counts[speaker.id]))
    return rows, ids


def quote_rows(story: Story, story_id: int, speaker_ids: dict[str, int]) -> list[tuple]:
    """The quotes-table rows of `story`, in article order."""
    position = story.paragraph_position
    rows = []
    for order, quote in enumerate(story.quotes_in_order()):
        confidence = quote.confidence
        rows.append((story_id, speaker_ids.get(quote.speaker) if quote.speaker else None, order,
                     storable(quote.id), storable(quote.paragraph), position.get(quote.paragraph, 0) + 1,
                     storable(quote.text), storable(quote.kind), storable(quote.cue or ""),
                     storable(cue_lemma(quote.cue or "")), storable(quote.mention or ""), quote.start, quote.end,
                     storable(quote.method) if quote.method else None,
                     float(confidence) if isinstance(confidence, (int, float)) else None,
                     _optional(quote.review), _optional(quote.note or None)))
    return rows


def source_rows(story: Story, story_id: int) -> list[tuple]:
    return [(story_id, storable(source.name), storable(source.kind), storable(source.url) if source.url else None)
            for source in story.sources]


def _optional(value: object) -> str | None:
    return None if value is None else storable(str(value))
