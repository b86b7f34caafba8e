"""Story text for the screen: shown literally, never interpreted.

Story files are data from anywhere.  A title holding `[bold]` or
`[@click=app.quit]` must show those characters, not run them, and an escape
sequence must not reach the terminal.  So the TUI never builds markup strings
from story data: it builds `Content` objects from `printable()` text.

`printable()` keeps the string's length, so quote offsets into a paragraph
stay valid: each control character becomes one visible stand-in (the Unicode
"control pictures", e.g. ESC -> U+241B ␛).
"""

from __future__ import annotations

from textual.content import Content

_PICTURE_BASE = 0x2400  # U+2400 SYMBOL FOR NULL: pictures for 0x00..0x1F follow in order
_DELETE_PICTURE = "\u2421"  # ␡
_REPLACEMENT = "\ufffd"  # C1 controls have no pictures

_TRANSLATE: dict[int, str] = {code: chr(_PICTURE_BASE + code) for code in range(0x20)}
# Layout whitespace inside a paragraph reads better as a space than as ␉ or ␊.
_TRANSLATE.update({0x09: " ", 0x0A: " ", 0x0D: " "})
_TRANSLATE[0x7F] = _DELETE_PICTURE
_TRANSLATE.update({code: _REPLACEMENT for code in range(0x80, 0xA0)})
# Bidi overrides and isolates could reorder what the terminal shows.
_TRANSLATE.update({code: _REPLACEMENT for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def printable(text: str) -> str:
    """`text` with every control character replaced by one visible character (same length)."""
    return text.translate(_TRANSLATE)


#: Story text laid out in a pane's row, the status line or a message is cut to at
#: most this many characters: a speaker name of a megabyte took half a minute to
#: wrap, for lines no one can see (the article itself is wrapped whole, once).
SHOWN_CHARS = 300


def shown(text: str, limit: int = SHOWN_CHARS) -> str:
    """`printable(text)` cut to `limit` characters, the last one "…", when it is longer."""
    return printable(text if len(text) <= limit else text[: max(limit - 1, 0)] + "…")


def plain(text: str, style: str = "") -> Content:
    """Literal `Content` for story data: markup-looking text stays as typed."""
    content = Content(printable(text))
    return content.stylize(style) if style else content
