"""The keys a story file may hold, record by record, and the type of each value.

Field types: "str", "id" (a string; a bare number is taken as its text),
"int", "number", "strs" (a list of strings), "ids", "list" (of records),
"record" (one nested mapping, read with its own table).
Each table maps a key to (type, required).
"""

from __future__ import annotations

STORY_FIELDS = {
    "format": ("int", True),
    "title": ("str", True),
    "outlet": ("str", False),
    "published": ("str", False),
    "url": ("str", False),
    "language": ("str", False),
    "paragraphs": ("list", False),
    "speakers": ("list", False),
    "quotes": ("list", False),
    "sources": ("list", False),
}
PARAGRAPH_FIELDS = {"id": ("id", True), "text": ("str", True)}
SPEAKER_FIELDS = {
    "id": ("id", True),
    "name": ("str", True),
    "role": ("str", False),
    "kind": ("str", False),
    "aliases": ("strs", False),
}
QUOTE_FIELDS = {
    "id": ("id", True),
    "paragraph": ("id", True),
    "text": ("str", True),
    "kind": ("str", False),
    "speaker": ("id", False),
    "cue": ("str", False),
    "mention": ("str", False),
    "start": ("int", False),
    "end": ("int", False),
    "method": ("str", False),
    "confidence": ("number", False),
    "resolution": ("record", False),
    "review": ("str", False),
    "note": ("str", False),
}
RESOLUTION_FIELDS = {
    "rule": ("str", True),
    "paragraph": ("id", False),
    "text": ("str", False),
}
SOURCE_FIELDS = {
    "name": ("str", True),
    "kind": ("str", False),
    "url": ("str", False),
    "paragraphs": ("ids", False),
}
TYPE_NAMES = {
    "str": "a string",
    "id": "an id (a string)",
    "int": "a whole number",
    "number": "a number",
    "strs": "a list of strings",
    "ids": "a list of ids",
    "list": "a list",
    "record": "a mapping",
}

