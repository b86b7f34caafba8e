"""People's names as the annotator reads them: a `Cluster` holds every name and
description of one speaker; `name_of` takes a name's words from a span (honorifics,
possessives and characters that are not words left out); `is_outlet_name` tells a
news outlet's name; `slug` makes an id of a name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from explorer.annotate import rules

POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class Cluster:
    """One speaker: all the names and descriptions that refer to it."""

    key: str
    kind: str
    names: list[str] = field(default_factory=list)  # name forms, honorifics stripped
    role: str = ""
    role_words: set[str] = field(default_factory=set)
    aliases: list[str] = field(default_factory=list)  # surface forms, in order of appearance

    @property
    def surname(self) -> str:
        """The last word of the key ("" for a key without words, which no name makes)."""
        words = self.key.split()
        return words[-1] if words else ""

    @property
    def display_name(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n)))

    def add_alias(self, text: str) -> None:
        text = " ".join(text.split())
        if text and text not in self.aliases:
            self.aliases.append(text)


def name_words(tokens) -> list[str]:
    """The words of a name: tokens with a letter in them, honorifics and a
    final possessive left out.  Dashes, bullets, emoji, no-break or
    zero-width spaces that the tagger takes into a name are not words of it."""
    words = [t.text for t in tokens if t.text.lower() not in rules.HONORIFICS and any(ch.isalpha() for ch in t.text)]
    if words:
        words[-1] = POSSESSIVE.sub("", words[-1])
    return [w for w in words if any(ch.isalpha() for ch in w)]


def name_of(span) -> str:
    """A name as written, honorifics and a possessive left out ("Mr. Trump's" -> "Trump")."""
    return " ".join(name_words(span))


def is_outlet_name(name: str) -> bool:
    """True when `name` looks like a news outlet ("The New York Times", "Reuters")."""
    lowered = name.lower().removeprefix("the ").strip()
    words = lowered.split()
    if not words or lowered in rules.OUTLET_STOP_NAMES:
        return False
    return lowered in rules.KNOWN_OUTLETS or f"the {lowered}" in rules.KNOWN_OUTLETS or words[-1] in rules.OUTLET_NAME_WORDS


def slug(text: str) -> str:
    """A lower-case id made of letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
