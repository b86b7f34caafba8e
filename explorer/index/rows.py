"""One story file as rows of the index: its summary, speakers, quotes and sources.

`parse(path)` loads a story and never raises for the file's sake: whatever
the loader raises (a `StoryFileError`, an `OSError`, a `RecursionError` from
some pathological nesting, anything) becomes that file's one-line error.
`parse_rows(path)` is what the refresh's parsing processes run: the rows made
where the story was parsed, so that only plain tuples cross to the writing
process (a `Story` took 7 times as long to unpickle there as its rows).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from explorer.files import shown_path
from explorer.index.cues import cue_lemma
from explorer.index.text import display_name, name_key, one_line, search_text, storable
from explorer.model import Story
from explorer.review import is_attribution, progress
from explorer.storyfile import StoryFileError, load_story

@dataclass
class Parsed:
    """What indexing one file found: its stat, and the story or the error after `path:`."""

    path: Path
    mtime_ns: int
    size: int
    story: Story | None = None
    error: str | None = None
    rows: StoryRows | None = None
    """The story as rows (`parse_rows`: then `story` is left out)."""


class StoryRows(NamedTuple):
    """A parsed file as the index's tables hold it, before it has a story id.

    `story`: the stories-table values after the path (see `story_values`);
    `speakers`: speakers-table rows without their id and story, in story order;
    `quotes`: quotes-table rows without their story, `speaker` the number of
    the speaker in `speakers` (or None); `sources`: without their story."""

    story: tuple
    speakers: list[tuple]
    quotes: list[tuple]
    sources: list[tuple]


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


def parse_rows(path: Path) -> Parsed:
    """`parse(path)` made into rows (`Parsed.rows`, the story itself left out)."""
    parsed = parse(path)
    parsed.story, parsed.rows = None, story_rows(parsed, display_name(path.name))
    return parsed


def story_rows(parsed: Parsed, title_if_broken: str) -> StoryRows:
    """The rows of a parsed file (those `parse_rows` made, or made now from its story)."""
    if parsed.rows is not None:
        return parsed.rows
    story = parsed.story
    values = story_values(parsed, title_if_broken)
    if story is None:
        return StoryRows(values, [], [], [])
    speakers, numbers = speaker_rows(story)
    return StoryRows(values, speakers, quote_rows(story, numbers), source_rows(story))


def story_values(parsed: Parsed, title_if_broken: str) -> tuple:
    """The stories-table values of a parsed file: (mtime_ns, size, title, outlet,
    published, url, speakers, quotes, checked, search, error).  `quotes` and `checked`
    are `explorer.review.progress`: the rejected quotes left out, the confirmed and
    corrected ones checked (as the story screen counts them)."""
    story = parsed.story
    if story is None:
        title = storable(title_if_broken)
        return (parsed.mtime_ns, parsed.size, title, None, None, None, 0, 0, 0, title.casefold(), parsed.error)
    title, outlet = storable(story.title), storable(story.outlet) if story.outlet is not None else None
    checked, quotes = progress(story.quotes)
    names = [storable(speaker.name) for speaker in story.speakers]
    return (parsed.mtime_ns, parsed.size, title, outlet,
            _optional(story.published), _optional(story.url),
            len(story.speakers), quotes, checked, search_text(title, outlet, names), None)


def speaker_rows(story: Story) -> tuple[list[tuple], dict[str, int]]:
    """The speakers-table rows of `story` (without id and story), and speaker id -> its number.
    A speaker's `quotes` leave the rejected ones out: all of theirs rejected, the story
    lists them but does not quote them."""
    counts = {speaker.id: 0 for speaker in story.speakers}
    for quote in story.quotes:
        if quote.speaker in counts and is_attribution(quote):
            counts[quote.speaker] += 1
    rows, numbers = [], {}
    for number, speaker in enumerate(story.speakers):
        numbers[speaker.id] = number
        name = storable(speaker.name)
        names = "\n".join(storable(label).casefold() for label in (speaker.name, *speaker.aliases))
        rows.append((storable(speaker.id), name, name_key(name), storable(speaker.role or ""),
                     storable(speaker.kind), names, counts[speaker.id]))
    return rows, numbers


def quote_rows(story: Story, speaker_numbers: dict[str, int]) -> list[tuple]:
    """The quotes-table rows of `story` (without story), in article order."""
    position = story.paragraph_position
    rows = []
    for order, quote in enumerate(story.quotes_in_order()):
        confidence = quote.confidence
        rows.append((speaker_numbers.get(quote.speaker) if quote.speaker else None, order,
                     storable(quote.id), storable(quote.paragraph), position.get(quote.paragraph, 0) + 1,
                     storable(quote.text), storable(quote.kind), storable(quote.cue or ""),
                     storable(cue_lemma(quote.cue or "")), storable(quote.mention or ""), quote.start, quote.end,
                     storable(quote.method) if quote.method else None,
                     float(confidence) if isinstance(confidence, (int, float)) else None,
                     _optional(quote.review), _optional(quote.note or None)))
    return rows


def source_rows(story: Story) -> list[tuple]:
    """The sources-table rows of `story` (without story)."""
    return [(storable(source.name), storable(source.kind), storable(source.url) if source.url else None)
            for source in story.sources]


def _optional(value: object) -> str | None:
    return None if value is None else storable(str(value))
