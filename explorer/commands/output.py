"""Writing story data to a terminal or a pipe: text that may hold escape sequences,
bidi overrides and characters two columns wide.

Three ways, one per output format of `quotes`:
- `json_text`: JSON whose every non-printable character is a `\\uXXXX` escape, so the
  output is plain printable UTF-8 and decodes to the exact text;
- `neutralised`: control characters replaced by visible stand-ins (CSV has no escapes
  of its own, so this changes the data: `--raw` keeps it);
- `fit_table`: rows laid out in columns that fit a width, the last column wrapped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence

#: Each C0 control character has a picture at U+2400 + its code (ESC -> ␛).
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_PICTURES[0x7F] = "\u2421"  # ␡
# C1 controls have no pictures; bidi overrides and isolates could reorder what a terminal shows.
_PICTURES.update({code: "\ufffd" for code in (*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_NOT_ASCII_OR_CONTROL = re.compile("[^\x20-\x7e\n]")


def neutralised(text: str) -> str:
    """`text` with every control character but tab and newline as a visible stand-in
    (␛ for ESC, ␍ for a carriage return, U+FFFD for C1 controls and bidi overrides)."""
    return text.translate(_PICTURES)


def json_text(data: object) -> str:
    """`data` as indented JSON, every non-printable character (controls, bidi overrides,
    lone surrogates) escaped as JSON allows, so what is printed is safe for a terminal and
    valid UTF-8, and a JSON reader gets the exact text back."""
    return _NOT_ASCII_OR_CONTROL.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=2))


def _json_escape(found: re.Match[str]) -> str:
    ch = found.group()
    if ch.isprintable():
        return ch
    code = ord(ch)
    if code > 0xFFFF:  # JSON escapes only 16-bit units: a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def cell_width(text: str) -> int:
    """The columns `text` takes on a terminal: wide (CJK) characters two, combining ones none."""
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def clip_cells(text: str, width: int) -> str:
    """`text` cut to at most `width` columns, with "…" where it was cut."""
    if cell_width(text) <= width:
        return text
    kept, used = [], 0
    for ch in text:
        size = _char_width(ch)
        if used + size > width - 1:
            break
        kept.append(ch)
        used += size
    return "".join(kept) + "…"


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, broken at spaces (a word longer than
    a line is broken where the line ends)."""
    lines: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        size = cell_width(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line or lines:
            lines.append(line)
        while size > width:  # a word wider than the column: cut it
            head = clip_cells(word, width + 1)[:-1] or word[0]
            lines.append(head)
            word = word[len(head):]
            size = cell_width(word)
        line, used = word, size
    lines.append(line)
    return lines


def _pad(text: str, width: int) -> str:
    return text + " " * (width - cell_width(text))


def fit_table(rows: Sequence[Sequence[str]], width: int | None, limits: Sequence[int]) -> list[str]:
    """The lines of a table of `rows` (the first is the header), two spaces between columns.

    Each column but the last is as wide as its widest cell, at most its `limits`
    entry (longer cells are clipped with "…").  With a `width` (a terminal's), the
    widest columns are narrowed (to 8 at the least) so that the last one gets
    half the width, or at least 20 columns, and the last column is wrapped inside
    what is left; without one, the last column runs on (for a pipe: one line a
    row).  Below about 50 columns the table cannot fit.
    """
    count = len(rows[0]) - 1
    widths = [min(limit, max(cell_width(row[i]) for row in rows)) for i, limit in zip(range(count), limits)]
    last_minimum = max(20, (width or 0) // 2)
    if width is not None:
        while sum(widths) + 2 * count + last_minimum > width and max(widths) > 8:
            widest = widths.index(max(widths))
            widths[widest] -= 1
    last = None if width is None else max(10, width - sum(widths) - 2 * count)  # what is left, if not half
    lines = []
    for row in rows:
        cells = "  ".join(_pad(clip_cells(cell, size), size) for cell, size in zip(row, widths))
        text = row[count]
        parts = [text] if last is None else wrap_cells(text, last)
        lines.append(f"{cells}  {parts[0]}".rstrip())
        indent = " " * (sum(widths) + 2 * count)
        lines.extend(f"{indent}{part}".rstrip() for part in parts[1:])
    return lines
