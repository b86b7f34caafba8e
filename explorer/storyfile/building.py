"""Records read from a story file, checked against each other and built into a `Story`:
unique ids, references that exist, offsets that agree with the text.

Every part is checked whatever is wrong with another: a story without a title
still has its paragraphs, speakers and quotes checked, and a paragraph without
text still lends its id to the quotes that name it (they are not also reported as
naming an unknown paragraph).  Only records that are whole become part of the
story; a story with any problem is never returned.
"""

from __future__ import annotations

from typing import Any

import yaml

from explorer.model import (
    FORMAT_VERSION,
    QUOTE_KINDS,
    REVIEW_STATES,
    SOURCE_KINDS,
    SPEAKER_KINDS,
    Paragraph,
    Quote,
    QuotePlacer,
    Resolution,
    Source,
    Speaker,
    Story,
)
from explorer.storyfile.nodes import NodeReader
from explorer.storyfile.problems import clip
from explorer.storyfile.schema import PARAGRAPH_FIELDS, QUOTE_FIELDS, RESOLUTION_FIELDS, SOURCE_FIELDS, SPEAKER_FIELDS

#: A record as `NodeReader.record` reads it: key -> (value, its node); a bad value is None.
Row = dict[str, tuple[Any, yaml.Node]]
#: How many digits of an offset a message shows.
_OFFSET_DIGITS = 24


def _get(row: Row, key: str, default: Any = None) -> Any:
    value = row[key][0] if key in row else None
    return default if value is None else value


def _whole(row: Row, *keys: str) -> bool:
    """True when the record has a good value for each of `keys`."""
    for key in keys:  # (a loop, not all(): this runs for every record of a big file)
        if key not in row or row[key][0] is None:
            return False
    return True


def build_story(reader: NodeReader, top: Row) -> Story:
    """The story the top-level record describes, every problem reported to `reader`."""
    version = _get(top, "format")
    if version is not None and version != FORMAT_VERSION:
        reader.problem(top["format"][1], f"format {clip(str(version))} is not one this program reads "
                                         f"(it reads format {FORMAT_VERSION})")
    title = _get(top, "title")
    if title is not None and not title.strip():
        reader.problem(top["title"][1], "'title' must not be blank")

    paragraph_rows = _unique(reader, _records(reader, top, "paragraphs", PARAGRAPH_FIELDS, "paragraph"), "paragraph")
    paragraphs = []
    paragraph_ids = set()
    for row in paragraph_rows:
        if _whole(row, "id"):
            paragraph_ids.add(row["id"][0])
            if _whole(row, "text"):
                paragraphs.append(Paragraph(row["id"][0], row["text"][0]))
    text_of = {p.id: p.text for p in paragraphs}

    speakers = []
    speaker_ids = set()
    for row in _unique(reader, _records(reader, top, "speakers", SPEAKER_FIELDS, "speaker"), "speaker"):
        kind = _choice(reader, row, "kind", SPEAKER_KINDS, "person")
        if _whole(row, "id"):
            speaker_ids.add(row["id"][0])
        if _whole(row, "id", "name"):
            speakers.append(Speaker(row["id"][0], row["name"][0], _get(row, "role", ""), kind, _get(row, "aliases", [])))

    quote_rows = _unique(reader, _records(reader, top, "quotes", QUOTE_FIELDS, "quote"), "quote")
    quotes = _quotes(reader, quote_rows, paragraph_ids, text_of, speaker_ids)

    sources = []
    for row in _records(reader, top, "sources", SOURCE_FIELDS, "source"):
        kind = _choice(reader, row, "kind", SOURCE_KINDS, "listed")
        ids = _get(row, "paragraphs", [])
        name = _get(row, "name")
        for pid in ids:
            if pid not in paragraph_ids:
                whose = f"source {clip(name)!r}" if name is not None else "a source"
                reader.problem(row["paragraphs"][1], f"{whose} names unknown paragraph {clip(pid)!r}"
                                                     f"{reader.near(pid, paragraph_ids)}")
        if name is not None:
            sources.append(Source(name, kind, _get(row, "url"), ids))

    return Story(
        title=title or "",
        paragraphs=paragraphs,
        speakers=speakers,
        quotes=quotes,
        sources=sources,
        outlet=_get(top, "outlet"),
        published=_get(top, "published"),
        url=_get(top, "url"),
        language=_get(top, "language"),
    )


def _records(reader: NodeReader, top: Row, key: str, fields: dict[str, tuple[str, bool]], what: str) -> list[Row]:
    """The records of the list under `key`, each read against `fields` (those that are not
    mappings reported and left out)."""
    rows = []
    for index, node in enumerate(_get(top, key, [])):
        row = reader.record(node, fields, f"{what} {index + 1}")
        if row is not None:
            rows.append(row)
    return rows


def _unique(reader: NodeReader, rows: list[Row], what: str) -> list[Row]:
    """Rows with a first-seen id (or none: reported already); later duplicates are
    reported and dropped."""
    seen: dict[str, int] = {}
    kept = []
    for row in rows:
        value = _get(row, "id")
        if value is not None:
            node = row["id"][1]
            if value in seen:
                reader.problem(node, f"duplicate {what} id {clip(value)!r} (first used on line {seen[value]})")
                continue
            seen[value] = node.start_mark.line + 1
        kept.append(row)
    return kept


def _choice(reader: NodeReader, row: Row, key: str, allowed: tuple[str, ...], default: str | None) -> str | None:
    """The value of `key`, one of `allowed` (`default` when absent or wrong; a None default
    lets it stay absent); a near miss gets a "did you mean"."""
    value = _get(row, key, default)
    if value is not None and value not in allowed:
        reader.problem(row[key][1], f"{key} {clip(value)!r} is not one of {', '.join(allowed)}"
                                    f"{reader.near(value, allowed)}")
        return default
    return value


def _resolution(reader: NodeReader, row: Row, quote_id: str, paragraph_ids: set[str]) -> Resolution | None:
    """The quote's `resolution` evidence, checked like a record of its own."""
    node = _get(row, "resolution")
    if node is None:
        return None
    record = reader.record(node, RESOLUTION_FIELDS, f"the resolution of quote {clip(quote_id)!r}")
    if record is None:
        return None
    paragraph = _get(record, "paragraph")
    if paragraph is not None and paragraph not in paragraph_ids:
        reader.problem(record["paragraph"][1], f"the resolution of quote {clip(quote_id)!r} names unknown paragraph "
                                               f"{clip(paragraph)!r}{reader.near(paragraph, paragraph_ids)}")
    return Resolution(record["rule"][0], paragraph, _get(record, "text", "")) if _whole(record, "rule") else None


def _quotes(reader: NodeReader, rows: list[Row], paragraph_ids: set[str], text_of: dict[str, str],
            speaker_ids: set[str]) -> list[Quote]:
    """Quotes with their offsets checked, or found when the file leaves them out.

    Every field of every quote is checked; a quote becomes part of the story
    when it has an id, a paragraph and text.  Quotes with offsets are placed
    first, so a hand-added quote without offsets takes the first occurrence
    that no other quote already holds.
    """
    quotes: list[Quote] = []
    rows_of: dict[str, Row] = {}
    for row in rows:
        qid, pid, text = _get(row, "id"), _get(row, "paragraph"), _get(row, "text")
        which = f"quote {clip(qid)!r}" if qid is not None else "a quote"
        kind = _choice(reader, row, "kind", QUOTE_KINDS, "direct")
        speaker = _get(row, "speaker")
        if speaker is not None and speaker not in speaker_ids:
            reader.problem(row["speaker"][1], f"{which} names unknown speaker {clip(speaker)!r}"
                                              f"{reader.near(speaker, speaker_ids)}")
        confidence = _get(row, "confidence")
        if confidence is not None and not 0 <= confidence <= 1:
            reader.problem(row["confidence"][1], f"confidence must be between 0 and 1, not {clip(str(confidence))}")
        if pid is not None and pid not in paragraph_ids:
            reader.problem(row["paragraph"][1], f"{which} names unknown paragraph {clip(pid)!r}"
                                                f"{reader.near(pid, paragraph_ids)}")
        if text == "":
            reader.problem(row["text"][1], f"the text of {which} is empty: a quote holds at least one character")
            text = None
        resolution = _resolution(reader, row, qid or "", paragraph_ids)
        review = _choice(reader, row, "review", REVIEW_STATES, None)
        if qid is None or pid is None or text is None:
            continue
        rows_of[qid] = row
        quotes.append(Quote(qid, pid, text, kind, speaker, _get(row, "cue", ""), _get(row, "mention", ""),
                            _get(row, "start"), _get(row, "end"), _get(row, "method"), confidence,
                            resolution, review, _get(row, "note", "")))

    placers = {pid: QuotePlacer(text) for pid, text in text_of.items()}
    to_place = []
    for quote in quotes:
        row = rows_of[quote.id]
        if "start" not in row and "end" not in row:
            to_place.append(quote)
        elif _offsets_hold_text(reader, quote, row, text_of.get(quote.paragraph)):
            placers[quote.paragraph].take((quote.start, quote.end))  # type: ignore[arg-type]
    for quote in to_place:
        if quote.paragraph not in text_of:
            continue  # its paragraph is unknown or has no text: reported
        span = placers[quote.paragraph].place(quote.text)
        if span is None:
            reader.problem(rows_of[quote.id]["text"][1],
                           f"quote {clip(quote.id)!r}: text {_clip_repr(quote.text)} is not in paragraph {clip(quote.paragraph)!r}")
            continue
        quote.start, quote.end = span
    return quotes


def _offsets_hold_text(reader: NodeReader, quote: Quote, row: Row, paragraph: str | None) -> bool:
    """True when the quote's given offsets lie in its paragraph and hold its text; each way
    they do not is reported (nothing is said when an offset or the paragraph is bad already)."""
    node = (row.get("start") or row["end"])[1]
    which = f"quote {clip(quote.id)!r}"
    if "start" not in row or "end" not in row:
        reader.problem(node, f"{which} gives only one of 'start' and 'end': give both or neither")
        return False
    start, end = quote.start, quote.end
    if start is None or end is None or paragraph is None:
        return False
    span = f"{_clip_number(start)}..{_clip_number(end)}"
    if start >= end:
        reader.problem(node, f"{which}: offsets {span} hold nothing: 'start' must be less than 'end'")
    elif start < 0 or end > len(paragraph):
        reader.problem(node, f"{which}: offsets {span} lie outside paragraph {clip(quote.paragraph)!r}, "
                             f"whose text runs from 0 to {len(paragraph)}")
    elif paragraph[start:end] != quote.text:
        reader.problem(node, f"{which}: offsets {span} hold {_clip_repr(paragraph[start:end])}, "
                             f"not the quote text {_clip_repr(quote.text)}")
    else:
        return True
    return False


def _clip_repr(text: str) -> str:
    return repr(clip(text))


def _clip_number(number: int) -> str:
    text = str(number)
    return text if len(text) <= _OFFSET_DIGITS else f"{text[:_OFFSET_DIGITS - 1]}…"
