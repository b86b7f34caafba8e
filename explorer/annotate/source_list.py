"""The closing list of sources an article may end with.

A closing "Sources:" line followed only by short lines (with or without
"-", "•", "*" or numbers), or "Sources: A; B" on one line, gives the listed
sources; an item's URL, if any, is kept apart from its name.
"""

from __future__ import annotations

import re

from explorer.annotate.text_lines import LINE_BREAK, Line

_ITEM_WORDS = 12
_BULLET = re.compile(r"^(?:[-•*+–—·▪◦‣]|\d{1,3}[.)])(?:\s+|(?=\S))")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
SOURCES_HEADER = re.compile(r"^(?:sources?|references)(?:\s*:\s*(?P<rest>.*)|\s*)$", re.IGNORECASE)


def source_list(lines: list[Line], text: str) -> tuple[list[str], dict[str, str], list[Line]]:
    """The closing source list: (names, name -> URL, the lines before it)."""
    for index in range(len(lines) - 1, -1, -1):
        header = lines[index]
        clean_match = SOURCES_HEADER.match(header.clean.strip("*_ "))
        if not clean_match:
            continue
        after = [line for line in lines[index + 1:] if not line.blank]
        # The items are read from the raw line, so that a link keeps its URL.
        match = SOURCES_HEADER.match(whole_line(text, header).strip("*_#> ")) or clean_match
        inline = (match.group("rest") or "").strip("*_ ")
        if inline and after:
            return [], {}, lines
        raw_items = [whole_line(text, line) for line in after]
        if inline:
            raw_items = [part for part in re.split(r"\s*;\s*", inline) if part]
            if len(raw_items) == 1 and not _URL.search(inline):
                raw_items = [part for part in re.split(r"\s*,\s*", inline) if part]
        items = [_source_item(raw) for raw in raw_items]
        if not items or any(not name or len(name.split()) > _ITEM_WORDS for name, _ in items):
            return [], {}, lines
        names: list[str] = []
        seen: set[str] = set()
        urls: dict[str, str] = {}
        for name, url in items:
            if name not in seen:
                seen.add(name)
                names.append(name)
            if url:
                urls.setdefault(name, url)
        return names, urls, lines[:index]
    return [], {}, lines


def whole_line(text: str, line: Line) -> str:
    """The input line holding `line`, Markdown and all."""
    start = max(text.rfind("\n", 0, line.start), text.rfind("\r", 0, line.start)) + 1
    end = LINE_BREAK.search(text, line.end)
    return text[start:end.start() if end else len(text)].strip()


def _source_item(raw: str) -> tuple[str, str | None]:
    """One source list item: its name and URL, bullets and Markdown dropped."""
    url_match = _URL.search(raw)
    url = url_match.group().rstrip(".,;") if url_match else None
    plain = re.sub(r"\]\([^)]*\)", "", raw)  # [name](url) -> [name
    plain = re.sub(r"\(\s*\)|<\s*>", "", _URL.sub("", plain))
    plain = _BULLET.sub("", plain.strip())
    plain = re.sub(r"[\[\]*`]|(?<!\w)_|_(?!\w)", "", plain)
    name = " ".join(plain.split()).strip(" -–—:|,;.")
    if not name and url:
        name = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE).split("/")[0]
    return name, url
