"""Markdown read as an article: which characters are markup, left out.

`markdown_lines` marks the markup of every line in `removed` (one byte per
input character) and gives the lines with their clean text: YAML front
matter (`front_matter`, whose `title:` is used), headings, emphasis, code,
links, images, HTML tags, block quotes, list markers and rules.  Offsets
stay offsets into the input: nothing is deleted, only marked.
"""

from __future__ import annotations

import re

from explorer.annotate.markdown_inline import inline_markup
from explorer.annotate.text_lines import Line, line_spans


# Markdown: each rule gives the groups of a match that are markup (left out).
_MD_QUOTE_PREFIX = re.compile(r"^(?P<m>[ \t]{0,3}(?:>[ \t]?)+)")  # block quote
_MD_HEADING = re.compile(r"^[ \t]{0,3}(?P<m>#{1,6})(?:[ \t]+|$)")
_MD_ITEM = re.compile(r"^[ \t]*(?P<m>[-*+]|\d{1,9}[.)])[ \t]+")
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_MD_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_MD_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)")
_MD_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+")


def markdown_lines(text: str, removed: bytearray, body_start: int = 0) -> list[Line]:
    """Lines of Markdown (those before `body_start` blank) with their markup marked in `removed`."""
    lines: list[Line] = []
    for start, end in line_spans(text):
        raw = text[start:end]
        if start < body_start:  # front matter
            lines.append(Line(start, start, ""))
            continue
        if _MD_FENCE.match(raw) or _MD_LINK_DEFINITION.match(raw) or (_MD_RULE.match(raw) and not _underlines(lines)):
            removed[start:end] = b"\x01" * (end - start)
            lines.append(Line(start, start, ""))
            continue
        if _MD_SETEXT.match(raw) and _underlines(lines):
            removed[start:end] = b"\x01" * (end - start)
            lines[-1].heading = True
            lines.append(Line(start, start, ""))
            continue
        work = list(raw)

        def drop(a: int, b: int) -> None:
            removed[start + a:start + b] = b"\x01" * (b - a)
            work[a:b] = "\x00" * (b - a)

        heading = item = False
        if match := _MD_QUOTE_PREFIX.match(raw):
            drop(*match.span("m"))
        if match := _MD_HEADING.match("".join(work).replace("\x00", " ")):
            heading = True
            drop(*match.span("m"))
            if close := _closing_hashes(raw):
                drop(*close)
        elif match := _MD_ITEM.match("".join(work).replace("\x00", " ")):
            item = True
            drop(*match.span("m"))
        for span in inline_markup("".join(work)):
            drop(*span)
        clean = " ".join("".join(ch for ch in work if ch != "\x00").split())
        first = next((i for i, ch in enumerate(work) if ch != "\x00" and not ch.isspace()), None)
        if first is None:
            lines.append(Line(start, start, "", heading=heading))
            continue
        last = max(i for i, ch in enumerate(work) if ch != "\x00" and not ch.isspace()) + 1
        lines.append(Line(start + first, start + last, clean, heading=heading, item=item))
    return lines


def _closing_hashes(raw: str) -> tuple[int, int] | None:
    """The span of a heading's closing "#"s with the spaces before them
    ("# Title ##"), found from the end of the line (a pattern searched from
    the start is quadratic in a long run of spaces)."""
    end = len(raw.rstrip(" \t"))
    hashes = end
    while hashes > 0 and raw[hashes - 1] == "#":
        hashes -= 1
    spaces = hashes
    while spaces > 0 and raw[spaces - 1] in " \t":
        spaces -= 1
    if hashes == end or spaces == hashes:
        return None
    return spaces, end


def _underlines(lines: list[Line]) -> bool:
    """True when a setext underline here would underline the line before."""
    return bool(lines) and not lines[-1].blank and not lines[-1].heading


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)(?:\r?\n|\r)(?:---|\.\.\.)[ \t]*(?=\r?\n|\r|\Z)", re.DOTALL)


def front_matter(text: str, removed: bytearray) -> tuple[str | None, int]:
    """YAML front matter (`---` ... `---`), marked as left out: its `title:`
    if any, and where the text after it starts (0 without front matter)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, 0
    removed[: match.end()] = b"\x01" * match.end()
    for line in match.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == "title" and value.strip().strip("\"'"):
            return " ".join(value.strip().strip("\"'").split()), match.end()
    return None, match.end()
