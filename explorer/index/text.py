"""Text helpers of the index: keys for files and speakers, and text as SQLite can store it.

No loader and no YAML here: the library screen lists and searches with these
alone (the refresh, which parses, imports the loader).
"""

from __future__ import annotations

import os
from pathlib import Path

from explorer.files import shown_path

#: The longest error message kept for a story (a 3 MB key must not make a 3 MB line).
MAX_ERROR_CHARS = 500


def name_key(name: str) -> str:
    """How speaker names are merged across stories: case and spacing ignored."""
    return " ".join(name.casefold().split())


def storable(text: str) -> str:
    """`text` as SQLite can store it: a lone surrogate (from a file name that is not
    UTF-8, or a "\\udcff" escape in YAML) becomes the escape `\\udcff`, never an error."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def one_line(text: str, limit: int = MAX_ERROR_CHARS) -> str:
    """A message on one line, clipped to `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def search_text(title: str, outlet: str | None, names: list[str]) -> str:
    """The index's `search` text: title, outlet and speaker names, casefolded (the library's filter
    looks in it and in the file's path: `records.filter_text`)."""
    return "\n".join((title, outlet or "", *names)).casefold()


def relative_key(folder: Path, path: Path) -> str:
    """`path` relative to `folder`, '/'-separated (string slicing: pathlib's
    `relative_to` costs 20 µs a file)."""
    text, prefix = str(path), os.path.join(str(folder), "")
    relative = text[len(prefix):] if text.startswith(prefix) else str(path.relative_to(folder))
    return relative.replace(os.sep, "/")


def display_name(key: str) -> str:
    """A file's name as a title until it is parsed: control characters and bytes
    that are not UTF-8 escaped."""
    return storable(shown_path(key.rsplit("/", 1)[-1]))
