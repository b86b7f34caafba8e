"""Markdown read as an article: which characters are markup, left out.

`markdown_lines` marks the markup of every line in `removed` (one byte per
input character) and gives the lines with their clean text: YAML front
matter (`front_matter`, whose `title:` is used), headings, emphasis, code,
links, images, HTML tags, block quotes, list markers and rules.  Offsets
stay offsets into the input: nothing is deleted, only marked.
"""

from __future__ import annotations

import re

from explorer.annotate.text_lines import Line, line_spans


# Markdown: each rule gives the groups of a match that are markup (left out).
_MD_QUOTE_PREFIX = re.compile(r"^(?P<m>[ \t]{0,3}(?:>[ \t]?)+)")  # block quote
_MD_INLINE_RULES = (
    re.compile(r"(?P<m><!--.*?-->)"),
    re.compile(r"(?P<m>!?\[)[^\]\n]*(?P<n>\]\([^)\n]*\))"),  # link or image: keep the text
    re.compile(r"(?P<m>\[)[^\]\n]+(?P<n>\]\[[^\]\n]*\])"),  # reference link
    re.compile(r"(?P<m><)(?:https?://|mailto:)[^>\s]+(?P<n>>)"),  # autolink: keep the address
    re.compile(r"(?P<m></?[A-Za-z][^>\n]*>)"),  # HTML tag
    re.compile(r"(?P<m>`+)[^`\n]+?(?P<n>(?P=m))"),  # code span
    re.compile(r"(?P<m>\*\*|__|~~)(?=[^\s\x00])[^\n]*?(?<=[^\s\x00])(?P<n>(?P=m))"),
    re.compile(r"(?<![\w*\\])(?P<m>\*)(?=[^\s*\x00])[^\n]*?(?<=[^\s*\\\x00])(?P<n>\*)(?![\w*])"),
    re.compile(r"(?<![\w\\])(?P<m>_)(?=[^\s_\x00])[^\n]*?(?<=[^\s_\\\x00])(?P<n>_)(?!\w)"),
    re.compile(r"(?P<m>\\)[!-/:-@\[-`{-~]"),  # backslash escape
)
_MD_HEADING = re.compile(r"^[ \t]{0,3}(?P<m>#{1,6})(?:[ \t]+|$)")
_MD_HEADING_CLOSE = re.compile(r"(?P<m>[ \t]+#+)[ \t]*$")
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
            if close := _MD_HEADING_CLOSE.search(raw):
                drop(*close.span("m"))
        elif match := _MD_ITEM.match("".join(work).replace("\x00", " ")):
            item = True
            drop(*match.span("m"))
        for rule in _MD_INLINE_RULES:
            for match in list(rule.finditer("".join(work))):
                for group in ("m", "n"):
                    if group in rule.groupindex and match.start(group) >= 0:
                        drop(*match.span(group))
        clean = " ".join("".join(ch for ch in work if ch != "\x00").split())
        first = next((i for i, ch in enumerate(work) if ch != "\x00" and not ch.isspace()), None)
        if first is None:
            lines.append(Line(start, start, "", heading=heading))
            continue
        last = max(i for i, ch in enumerate(work) if ch != "\x00" and not ch.isspace()) + 1
        lines.append(Line(start + first, start + last, clean, heading=heading, item=item))
    return lines


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
