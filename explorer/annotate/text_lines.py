"""The lines of an article's text, each with its span in the input.

A `Line` is one input line stripped of surrounding space, with the text it
shows once markup is left out (`clean`); the readers of headlines, source
lists and paragraphs work on these, so that every span they give back is a
span of the input text.  Plain text is read here; Markdown in
`explorer.annotate.markdown`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]

#: A line break: newlines, and those of word processors, web pages and PDF
#: text (U+2028 LINE SEPARATOR, Word's vertical tab, form feed).  NEL (0x85)
#: is not one: in news text it is a Windows-1252 ellipsis decoded wrongly.
LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\u2028\u2029]")
#: U+2029 PARAGRAPH SEPARATOR ends a paragraph as a blank line does.
PARAGRAPH_SEPARATOR = "\u2029"
TXT_BULLET = re.compile(r"^[-•*+–—·▪◦‣]\s")


@dataclass
class Line:
    """One input line: its stripped span and its text with markup left out."""

    start: int
    end: int
    clean: str
    heading: bool = False
    item: bool = False

    @property
    def blank(self) -> bool:
        return not self.clean


def line_spans(text: str) -> list[Span]:
    """The (start, end) span of every line, line breaks excluded (`LINE_BREAK`);
    a paragraph separator also gives an empty line, as a blank line would."""
    spans, position = [], 0
    for match in LINE_BREAK.finditer(text):
        spans.append((position, match.start()))
        if match.group() == PARAGRAPH_SEPARATOR:
            spans.append((match.start(), match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def _stripped(text: str, start: int, end: int) -> Span:
    """text[start:end] without surrounding whitespace, as a span."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + len(piece.rstrip()) if piece.strip() else start + lead


def plain_lines(text: str) -> list[Line]:
    """The lines of plain text; a line starting with a bullet is an item."""
    lines = []
    for start, end in line_spans(text):
        start, end = _stripped(text, start, end)
        clean = text[start:end]
        lines.append(Line(start, end, clean, item=bool(TXT_BULLET.match(clean))))
    return lines
