"""Quote marks paired on the characters of one paragraph (no spaCy here).

“…”, "…", ''…'' and ‘…’ are paired in one scan; an apostrophe inside a
word is never a mark.  A double quote left open at the end of a paragraph
runs to its end (the extractor lets it go on in the next paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“"
DOUBLE_CLOSE = "”"
STRAIGHT_DOUBLE = '"'
DOUBLE_APOSTROPHE = "''"  # some papers (the NYT archive) write quotes as ''...''
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
OPENER_CONTEXT = " \t\n([{—–-/"
#: Every character (or pair) that may be a mark, the doubled apostrophe first.
_MARK = re.compile("''|[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE + SINGLE_OPEN + SINGLE_CLOSE) + "]")
#: A markup tag left in an article's text (<tweet author="@x" id="1">, </tweet>): its marks delimit attributes.
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?>")


@dataclass
class QuoteSpan:
    """Quoted words in one paragraph: `start`/`end` exclude the marks."""

    start: int
    end: int
    paragraph: int
    closed: bool


def find_quote_spans(text: str, start: int, end: int, paragraph: int) -> list[QuoteSpan]:
    """Pair the quote marks of text[start:end] (one paragraph), in one scan.

    Double marks (“ ” " '') nest single ones (‘ ’ '); a single mark opens only
    after a space or an opening bracket and closes only before a non-letter,
    so the apostrophes in "they’re" and "Trump’s" are never marks, nor are the
    marks inside a markup tag (<tweet author="@x">).  A double quote still open
    at the paragraph end runs to it; a single one is dropped.
    """
    tags = [(m.start(), m.end()) for m in _TAG.finditer(text, start, end)] if "<" in text[start:end] else []
    spans: list[QuoteSpan] = []
    open_at: int | None = None  # index after the opening mark
    single = False
    for mark in _MARK.finditer(text, start, end):  # only the marks: the letters between need no look
        i, char = mark.start(), mark.group()
        if tags and any(tag_start < i < tag_end for tag_start, tag_end in tags):
            continue
        width = len(char)
        is_double = width == 2 or char in DOUBLE_OPEN or char in DOUBLE_CLOSE or char == STRAIGHT_DOUBLE
        if is_double:
            after = text[i + width] if i + width < end else " "
            if open_at is None or single:
                if char != DOUBLE_CLOSE:
                    open_at, single = i + width, False
            elif char != DOUBLE_OPEN or not (after.isalnum() or after in "‘'\"“"):
                # (an opening mark followed by a space is a mistyped closing one)
                _add_span(spans, text, open_at, i, paragraph, True)
                open_at = None
        elif char in SINGLE_OPEN or char in SINGLE_CLOSE:
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if open_at is not None and single and char in SINGLE_CLOSE and not after.isalnum() and not before.isspace():
                _add_span(spans, text, open_at, i, paragraph, True)
                open_at, single = None, False
            elif open_at is None and char in SINGLE_OPEN and before in OPENER_CONTEXT and after.isalpha():
                open_at, single = i + 1, True
    if open_at is not None and not single:
        _add_span(spans, text, open_at, end, paragraph, False)
    return spans


def _add_span(spans: list[QuoteSpan], text: str, start: int, end: int, paragraph: int, closed: bool) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(QuoteSpan(start, end, paragraph, closed))

