"""Word wrap by terminal cells, as plain offsets: what the article pane and the help draw.

Only (start, end) offsets are computed, no styled text, so a story of thousands of
paragraphs is wrapped once per width in a few milliseconds, and a word longer than
the line (a million characters with no space) is cut in linear time.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

_WORD = re.compile(r"\S+")


def _fold(text: str, start: int, end: int, width: int) -> int:
    """The offset where a word `text[start:end]` too long for `width` cells is cut."""
    used = 0
    for offset in range(start, end):
        used += get_character_cell_size(text[offset])
        if used > width:
            return max(offset, start + 1)
    return end


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap by terminal cells: the (start, end) offsets of each line.

    Lines exclude the spaces they break at; a word longer than `width` is cut.
    An empty text is one empty line.
    """
    width = max(width, 1)
    measure = len if text.isascii() else cell_len
    lines: list[tuple[int, int]] = []
    line_start, line_end, used = -1, 0, 0
    for word in _WORD.finditer(text):
        start, end = word.span()
        cells = measure(word.group())
        if line_start >= 0 and used + (start - line_end) + cells <= width:
            used += (start - line_end) + cells
            line_end = end
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
        while cells > width and start < end:
            cut = _fold(text, start, end, width)
            lines.append((start, cut))
            # Take off what was cut: measuring the rest again would be quadratic in a long word.
            cells -= measure(text[start:cut])
            start = cut
        line_start, line_end, used = start, end, cells
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines or [(0, 0)]
