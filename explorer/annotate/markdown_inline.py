"""Markdown's inline markup on one line, found in time linear in the line.

Each kind of markup pairs an opener with the first closer after it that
fits (as a lazy regular expression would), leftmost first, one pair after
another; the text between is kept, the markers are left out.  Regular
expressions with a lazy or bounded scan between opener and closer cost the
square of the line when openers have no closer (60 KB of `*a ` took 24 s):
here every opener is tried once, its closer found from positions computed
in one pass, and once one opener of a kind finds no closer, no later one of
that kind is tried.

`inline_markup(line)` gives the (start, end) spans to leave out, each rule
applied to the line as the earlier rules left it (their markers blanked).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

Spans = list[tuple[int, int]]
#: What a left-out character becomes while the later rules read the line.
BLANK = "\x00"

_WORD = re.compile(r"\w")
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_AUTOLINK_SCHEMES = ("https://", "http://", "mailto:")


def _next_positions(line: str, characters: str) -> list[int]:
    """For each position, the first position at or after it holding one of `characters` (len(line) if none)."""
    following = [len(line)] * (len(line) + 1)
    for position in range(len(line) - 1, -1, -1):
        following[position] = position if line[position] in characters else following[position + 1]
    return following


def _is_word(char: str) -> bool:
    return bool(_WORD.match(char))


def _comments(line: str) -> Spans:
    spans, position = [], 0
    while (start := line.find("<!--", position)) != -1:
        end = line.find("-->", start + 4)
        if end == -1:
            break  # no comment closes after this one: none after it either
        spans.append((start, end + 3))
        position = end + 3
    return spans


def _bracketed(line: str, tail: str, closing: str, with_bang: bool, text_needed: bool) -> Spans:
    """Brackets followed right after the "]" by `tail`, up to the first
    `closing` after it: "[text](url)" (tail "(", closing ")") or "[text][ref]"
    (tail "[", closing "]").  The brackets and the tail are left out, the text
    kept; with `with_bang`, a "!" right before the "[" (an image) is markup too."""
    spans: Spans = []
    close_bracket = _next_positions(line, "]")
    close_tail = _next_positions(line, closing)
    position = 0
    while (start := line.find("[", position)) != -1:
        close = close_bracket[start + 1]
        if close >= len(line):
            break  # no "]" after this "[": none starts later either
        after = close + 1
        fits = after < len(line) and line[after] == tail and close_tail[after + 1] < len(line)
        if fits and (close > start + 1 or not text_needed):
            opener = start - 1 if with_bang and start > position and line[start - 1] == "!" else start
            end = close_tail[after + 1] + 1
            spans += [(opener, start + 1), (close, end)]
            position = end
        else:
            position = start + 1
    return spans


def _links(line: str) -> Spans:
    """[text](url) and ![alt](url)."""
    return _bracketed(line, "(", ")", with_bang=True, text_needed=False)


def _reference_links(line: str) -> Spans:
    """[text][ref]."""
    return _bracketed(line, "[", "]", with_bang=False, text_needed=True)


def _autolinks(line: str) -> Spans:
    """<https://...>: the brackets left out, the address kept."""
    spans: Spans = []
    stop = _next_positions(line, "> \t\r\n\x0b\x0c")
    position = 0
    while (start := line.find("<", position)) != -1:
        scheme = next((s for s in _AUTOLINK_SCHEMES if line.startswith(s, start + 1)), None)
        if scheme is not None:
            end = stop[start + 1 + len(scheme)]
            if start + 1 + len(scheme) < end < len(line) and line[end] == ">":
                spans += [(start, start + 1), (end, end + 1)]
                position = end + 1
                continue
        position = start + 1
    return spans


def _tags(line: str) -> Spans:
    """HTML tags, left out whole."""
    spans: Spans = []
    close = _next_positions(line, ">")
    position = 0
    while (start := line.find("<", position)) != -1:
        name = start + 2 if line.startswith("/", start + 1) else start + 1
        if name < len(line) and line[name].isascii() and line[name].isalpha():
            end = close[name]
            if end >= len(line):
                break  # no ">" after: no tag later either
            spans.append((start, end + 1))
            position = end + 1
        else:
            position = start + 1
    return spans


def _code_spans(line: str) -> Spans:
    """`code`: a run of backticks, text without one, and as many backticks."""
    spans: Spans = []
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", line)]
    index = 0
    while index + 1 < len(runs):
        (a, b), (c, d) = runs[index], runs[index + 1]  # text without a backtick stands between them
        width = min(b - a, d - c)
        spans += [(b - width, b), (c, c + width)]
        if c + width < d:
            runs[index + 1] = (c + width, d)  # the rest of the closing run may open again
            index += 1
        else:
            index += 2
    return spans


def _pairs(line: str, markers: tuple[str, ...], opens: Callable[[int, int], bool],
           closes: Callable[[int], bool]) -> Spans:
    """Each of `markers` (all of one width) at a position where `opens(position,
    width)` holds, paired with the first same marker after it where `closes`
    holds, leftmost first, pairs not overlapping."""
    width = len(markers[0])
    positions: list[tuple[int, str]] = []
    closers: dict[str, list[int]] = {}
    for marker in markers:
        position = line.find(marker)
        while position != -1:
            positions.append((position, marker))
            if closes(position):
                closers.setdefault(marker, []).append(position)
            position = line.find(marker, position + 1)
    positions.sort()
    spans: Spans = []
    cursor = 0
    dead: set[str] = set()
    for start, marker in positions:
        if start < cursor or marker in dead or not opens(start, width):
            continue
        candidates = closers.get(marker, [])
        found = bisect_left(candidates, start + width)
        if found == len(candidates):
            dead.add(marker)  # no closer after this opener: none after a later one either
            continue
        end = candidates[found]
        spans += [(start, start + width), (end, end + width)]
        cursor = end + width
    return spans


def _emphasis(line: str) -> Spans:
    """**strong**, __strong__, ~~struck~~: the markers touch the text inside them."""

    def opens(p: int, width: int) -> bool:
        return p + width < len(line) and not line[p + width].isspace() and line[p + width] != BLANK

    def closes(p: int) -> bool:
        return p > 0 and not line[p - 1].isspace() and line[p - 1] != BLANK

    return _pairs(line, ("**", "__", "~~"), opens, closes)


def _single_emphasis(line: str, marker: str) -> Spans:
    """*emphasis* and _emphasis_: not inside a word (an "_" in snake_case, a "*" in 2*3*4 stays)."""
    star = marker == "*"

    def opens(p: int, width: int) -> bool:
        before = line[p - 1] if p > 0 else ""
        after = line[p + 1] if p + 1 < len(line) else ""
        if before and (_is_word(before) or before == "\\" or star and before == "*"):
            return False
        return bool(after) and not after.isspace() and after not in (marker, BLANK)

    def closes(p: int) -> bool:
        before = line[p - 1] if p > 0 else ""
        after = line[p + 1] if p + 1 < len(line) else ""
        if not before or before.isspace() or before in (marker, "\\", BLANK):
            return False
        return not (after and (_is_word(after) or star and after == "*"))

    return _pairs(line, (marker,), opens, closes)


def _escapes(line: str) -> Spans:
    return [(m.start(), m.start() + 1) for m in _ESCAPE.finditer(line)]


#: The rules in the order they apply; each sees the line with the markers of the earlier ones blanked.
_RULES: tuple[Callable[[str], Spans], ...] = (
    _comments,
    _links,
    _reference_links,
    _autolinks,
    _tags,
    _code_spans,
    _emphasis,
    lambda line: _single_emphasis(line, "*"),
    lambda line: _single_emphasis(line, "_"),
    _escapes,
)


def _blanked(line: str, spans: Spans) -> str:
    if not spans:
        return line
    characters = list(line)
    for start, end in spans:
        characters[start:end] = BLANK * (end - start)
    return "".join(characters)


def inline_markup(line: str) -> Spans:
    """The spans of `line` that are inline markup, to be left out."""
    found: Spans = []
    for rule in _RULES:
        spans = rule(line)
        found += spans
        line = _blanked(line, spans)
    return found
