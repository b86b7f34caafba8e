"""Records read from a story file, checked against each other and built into a `Story`:
unique ids, references that exist, offsets that agree with the text."""

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
from explorer.storyfile.schema import PARAGRAPH_FIELDS, QUOTE_FIELDS, RESOLUTION_FIELDS, SOURCE_FIELDS, SPEAKER_FIELDS


def _get(record: dict[str, tuple[Any, yaml.Node]], key: str, default: Any = None) -> Any:
    value = record.get(key, (None, None))[0]
    return default if value is None else value


def build_story(reader: NodeReader, top: dict[str, tuple[Any, yaml.Node]]) -> Story | None:
    version, version_node = top["format"]
    if version != FORMAT_VERSION:
        reader.problem(version_node, f"format {version} is not one this program reads (it reads format {FORMAT_VERSION})")
    if not top["title"][0].strip():
        reader.problem(top["title"][1], "'title' must not be blank")

    def records(key: str, fields: dict[str, tuple[str, bool]], what: str) -> list[dict[str, tuple[Any, yaml.Node]]]:
        rows = []
        for index, node in enumerate(_get(top, key, [])):
            row = reader.record(node, fields, f"{what} {index + 1}")
            if row is not None:
                rows.append(row)
        return rows

    paragraphs = [_paragraph(row) for row in _unique(reader, records("paragraphs", PARAGRAPH_FIELDS, "paragraph"), "paragraph")]
    speaker_rows = _unique(reader, records("speakers", SPEAKER_FIELDS, "speaker"), "speaker")
    quote_rows = _unique(reader, records("quotes", QUOTE_FIELDS, "quote"), "quote")
    source_rows = records("sources", SOURCE_FIELDS, "source")

    speakers = []
    for row in speaker_rows:
        kind = _choice(reader, row, "kind", SPEAKER_KINDS, "person")
        speakers.append(Speaker(row["id"][0], row["name"][0], _get(row, "role", ""), kind, _get(row, "aliases", [])))

    text_of = {p.id: p.text for p in paragraphs}
    speaker_ids = {s.id for s in speakers}
    quotes = _quotes(reader, quote_rows, text_of, speaker_ids)

    sources = []
    for row in source_rows:
        kind = _choice(reader, row, "kind", SOURCE_KINDS, "listed")
        ids = _get(row, "paragraphs", [])
        for pid in ids:
            if pid not in text_of:
                reader.problem(row["paragraphs"][1], f"source {row['name'][0]!r} names unknown paragraph {pid!r}{reader.near(pid, text_of)}")
        sources.append(Source(row["name"][0], kind, _get(row, "url"), ids))

    return Story(
        title=top["title"][0],
        paragraphs=paragraphs,
        speakers=speakers,
        quotes=quotes,
        sources=sources,
        outlet=_get(top, "outlet"),
        published=_get(top, "published"),
        url=_get(top, "url"),
        language=_get(top, "language"),
    )


def _paragraph(row: dict[str, tuple[Any, yaml.Node]]) -> Paragraph:
    return Paragraph(row["id"][0], row["text"][0])


def _unique(reader: NodeReader, rows: list[dict], what: str) -> list[dict]:
    """Rows with a first-seen id; later duplicates are reported and dropped."""
    seen: dict[str, int] = {}
    kept = []
    for row in rows:
        value, node = row["id"]
        if value in seen:
            reader.problem(node, f"duplicate {what} id {value!r} (first used on line {seen[value]})")
            continue
        seen[value] = node.start_mark.line + 1
        kept.append(row)
    return kept


def _choice(reader: NodeReader, row: dict, key: str, allowed: tuple[str, ...], default: str | None) -> str | None:
    """The value of `key`, one of `allowed` (`default` when absent; a None default lets it stay absent)."""
    value = _get(row, key, default)
    if value is not None and value not in allowed:
        reader.problem(row[key][1], f"{key} {value!r} is not one of {', '.join(allowed)}")
        return default
    return value


def _resolution(reader: NodeReader, row: dict, quote_id: str, paragraph_ids: dict[str, str]) -> Resolution | None:
    """The quote's `resolution` evidence, checked like a record of its own."""
    node = _get(row, "resolution")
    if node is None:
        return None
    record = reader.record(node, RESOLUTION_FIELDS, f"the resolution of quote {quote_id!r}")
    if record is None:
        return None
    paragraph = _get(record, "paragraph")
    if paragraph is not None and paragraph not in paragraph_ids:
        reader.problem(record["paragraph"][1], f"the resolution of quote {quote_id!r} names unknown paragraph "
                                               f"{paragraph!r}{reader.near(paragraph, paragraph_ids)}")
    return Resolution(record["rule"][0], paragraph, _get(record, "text", ""))


def _quotes(reader: NodeReader, rows: list[dict], text_of: dict[str, str], speaker_ids: set[str]) -> list[Quote]:
    """Quotes with their offsets checked, or found when the file leaves them out.

    Quotes with offsets are placed first, so a hand-added quote without
    offsets takes the first occurrence that no other quote already holds.
    """
    quotes: list[Quote] = []
    placers = {pid: QuotePlacer(text) for pid, text in text_of.items()}
    for row in rows:
        qid, pid, text = row["id"][0], row["paragraph"][0], row["text"][0]
        kind = _choice(reader, row, "kind", QUOTE_KINDS, "direct")
        speaker = _get(row, "speaker")
        if speaker is not None and speaker not in speaker_ids:
            reader.problem(row["speaker"][1], f"quote {qid!r} names unknown speaker {speaker!r}{reader.near(speaker, speaker_ids)}")
        confidence = _get(row, "confidence")
        if confidence is not None and not 0 <= confidence <= 1:
            reader.problem(row["confidence"][1], f"confidence must be between 0 and 1, not {confidence}")
        if pid not in text_of:
            reader.problem(row["paragraph"][1], f"quote {qid!r} names unknown paragraph {pid!r}{reader.near(pid, text_of)}")
        quotes.append(Quote(qid, pid, text, kind, speaker, _get(row, "cue", ""), _get(row, "mention", ""),
                            _get(row, "start"), _get(row, "end"), _get(row, "method"), confidence,
                            _resolution(reader, row, qid, text_of),
                            _choice(reader, row, "review", REVIEW_STATES, None), _get(row, "note", "")))

    by_id = {q.id: (q, row) for q, row in zip(quotes, rows)}
    with_offsets = [q for q in quotes if "start" in by_id[q.id][1] or "end" in by_id[q.id][1]]
    offset_ids = {q.id for q in with_offsets}
    for quote in with_offsets:
        row = by_id[quote.id][1]
        paragraph = text_of.get(quote.paragraph)
        node = (row.get("start") or row.get("end"))[1]
        if "start" not in row or "end" not in row:
            reader.problem(node, f"quote {quote.id!r} gives only one of 'start' and 'end': give both or neither")
        elif quote.start is None or quote.end is None:
            continue  # a bad offset, already reported
        elif paragraph is not None:
            held = paragraph[quote.start:quote.end] if 0 <= quote.start <= quote.end else ""
            if held != quote.text:
                reader.problem(node, f"quote {quote.id!r}: offsets {quote.start}..{quote.end} hold {_clip(held)}, not the quote text {_clip(quote.text)}")
            else:
                placers[quote.paragraph].take((quote.start, quote.end))
    for quote in quotes:
        if quote.id in offset_ids or quote.paragraph not in text_of:
            continue
        span = placers[quote.paragraph].place(quote.text)
        if span is None:
            reader.problem(by_id[quote.id][1]["text"][1], f"quote {quote.id!r}: text {_clip(quote.text)} is not in paragraph {quote.paragraph!r}")
            continue
        quote.start, quote.end = span
    return quotes


def _clip(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")
