"""Small pieces of English the program's messages share."""

from __future__ import annotations


def counted(number: int, one: str, many: str) -> str:
    """"1 story", "5,000 stories"."""
    return f"{number:,} {one if number == 1 else many}"


def table_cell(text: str, width: int | None = None) -> str:
    """Text for one cell of a table printed to a terminal: every character that is not
    printable (a newline, an escape sequence) becomes a space, and the text is clipped to
    `width` characters with "…"."""
    flat = "".join(ch if ch.isprintable() else " " for ch in text)
    return flat if width is None or len(flat) <= width else flat[: width - 1] + "…"
