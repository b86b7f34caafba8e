"""Brat standoff (.ann) for attributions, PolNeAR's layout: reading and writing.

A PolNeAR attribution is four `T` spans (`Source`, `Cue`, `Content` and an
`Attribution` anchor on the cue) tied by one `E` line::

    T1	Source 110 112	we
    T2	Cue 113 119	mocked
    T3	Content 120 211	the presidential ambitions of ...
    T4	Attribution 113 119	mocked
    E1	Attribution:T4 Content:T3 Cue:T2 Source:T1

An attribution without a speaker is anchored on `Attribution-no-source` and
has no `Source:` argument.  A discontinuous span is written `752 760;769 800`;
a second content part is a `Content2` argument.  Other lines (`#` notes,
labels such as `Discuss`) are ignored by the reader.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from explorer.annotate.found import Extraction

Spans = tuple[tuple[int, int], ...]

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass
class BratAttribution:
    """One attribution read from an .ann file; each part is a tuple of (start, end) fragments."""

    content: Spans
    cue: Spans = ()
    source: Spans = ()


@dataclass
class BratDocument:
    attributions: list[BratAttribution] = field(default_factory=list)


class BratError(ValueError):
    """A malformed .ann line; the message is `line N: problem`."""


#: An offset longer than this (digits) points past any text the program reads.
MAX_OFFSET_DIGITS = 12


def _parse_spans(text: str, number: int, text_length: int | None) -> Spans:
    spans = []
    for fragment in text.split(";"):
        start, end = fragment.split()
        for offset in (start, end):
            if len(offset) > MAX_OFFSET_DIGITS:
                raise BratError(f"line {number}: offset of {len(offset):,} digits, past the end of any text")
        span = int(start), int(end)
        if span[0] > span[1]:
            raise BratError(f"line {number}: span {start} {end} ends before it starts")
        if text_length is not None and span[1] > text_length:
            raise BratError(f"line {number}: span {start} {end} runs past the end of the text "
                            f"({text_length:,} characters)")
        spans.append(span)
    return tuple(spans)


def read_ann(text: str, text_length: int | None = None) -> BratDocument:
    """Parse the attributions of an .ann file (lines other than T and E are skipped).

    An `E` line whose arguments name a missing `T` skips that argument; one
    without any content (Content or Content2) is dropped: it cannot be scored.
    A span that ends before it starts, or past `text_length` (the length of the
    text the file annotates, when given), is a `BratError`: it would be scored as
    if it were somewhere in the text.
    """
    spans: dict[str, Spans] = {}
    events: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if match := _T_LINE.match(line):
            spans[match.group(1)] = _parse_spans(match.group(3), number, text_length)
        elif match := _E_LINE.match(line):
            events.append((number, match.group(2)))
        # Anything else: notes, or the tail of a span text that held a newline.
    document = BratDocument()
    for number, arguments in events:
        parts: dict[str, list[tuple[int, int]]] = {"content": [], "cue": [], "source": []}
        for argument in arguments.split():
            role, sep, target = argument.partition(":")
            if not sep:
                raise BratError(f"line {number}: bad event argument {argument!r}")
            role = role.rstrip("0123456789").lower()  # Content2 -> content
            if role in parts and target in spans:
                parts[role].extend(spans[target])
        if parts["content"]:
            document.attributions.append(
                BratAttribution(*(tuple(sorted(parts[key])) for key in ("content", "cue", "source")))
            )
    return document


def _span_text(text: str, start: int, end: int) -> str:
    # A brat span text stands on one line.
    return " ".join(text[start:end].split())


def attributions_of(extraction: "Extraction", text: str | None = None) -> list[BratAttribution]:
    """The extraction's quotes as PolNeAR-style attributions (see `attributions_with_speakers`)."""
    return [attribution for attribution, _ in attributions_with_speakers(extraction, text)]


def attributions_with_speakers(extraction: "Extraction", text: str | None = None) -> list[tuple[BratAttribution, str | None]]:
    """The extraction's quotes as PolNeAR-style attributions, each with its speaker id.

    Quotes that share a cue and a speaker (“...,” he said. “...”, or a quote
    going on in the next paragraph) are one attribution with several content
    fragments, as PolNeAR annotates them; so is a quote whose cue stands
    inside it.  Quotes of different speakers are never one attribution.  A
    direct quote's content includes its marks.
    """
    text = extraction.text if text is None else text
    attributions: list[tuple[BratAttribution, str | None]] = []
    by_cue: dict[tuple, BratAttribution] = {}
    for quote in extraction.quotes:
        content = quote.corpus_fragments()
        if quote.kind == "direct":
            content = tuple(widen_to_marks(text, *fragment) for fragment in content)
        key = (quote.cue, quote.mention, quote.speaker)  # one cue, one speaker: quotes of two never join
        group = by_cue.get(key) if quote.cue else None
        if group is not None:
            group.content = tuple(sorted({*group.content, *content}))
            continue
        attribution = BratAttribution(
            content=tuple(sorted(content)),
            cue=(quote.cue,) if quote.cue else (),
            source=(quote.mention,) if quote.mention else (),
        )
        attributions.append((attribution, quote.speaker))
        if quote.cue:
            by_cue[key] = attribution
    return attributions


def write_ann(extraction: "Extraction", text: str | None = None) -> str:
    """The extraction as brat standoff in PolNeAR's layout (see `attributions_of`).

    `text` is the input text the offsets point into; it defaults to
    `extraction.text`.  An attribution without a cue is anchored on its content.
    """
    text = extraction.text if text is None else text
    lines: list[str] = []
    numbers = itertools.count(1)

    def span(label: str, spans: Spans) -> str:
        number = next(numbers)
        offsets = ";".join(f"{start} {end}" for start, end in spans)
        covered = " ".join(_span_text(text, start, end) for start, end in spans)
        lines.append(f"T{number}\t{label} {offsets}\t{covered}")
        return f"T{number}"

    for number, attribution in enumerate(attributions_of(extraction, text), 1):
        source = span("Source", attribution.source) if attribution.source else None
        cue = span("Cue", attribution.cue) if attribution.cue else None
        arguments = [f"Content:{span('Content', attribution.content)}"]
        if cue:
            arguments.append(f"Cue:{cue}")
        if source:
            arguments.append(f"Source:{source}")
        label = "Attribution" if source else "Attribution-no-source"
        anchor = span(label, attribution.cue or attribution.content[:1])
        lines.append(f"E{number}\t{label}:{anchor} " + " ".join(arguments))
    return "".join(line + "\n" for line in lines)


OPENING_MARKS = "“‘\"'"
CLOSING_MARKS = "”’\"'"


def widen_to_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a direct quote's span (the words inside the marks) over the marks around it."""
    if start > 0 and text[start - 1] in OPENING_MARKS:
        start -= 1
    if end < len(text) and text[end] in CLOSING_MARKS:
        end += 1
    return start, end
