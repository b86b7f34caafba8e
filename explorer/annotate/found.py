"""What the extractor finds in one article: quotes, speakers, cited outlets.

Plain dataclasses (no spaCy): `build_story` and the brat writer read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FoundQuote:
    """One attribution.  Offsets are char offsets into the document text; a
    direct quote's content excludes its quote marks."""

    content: tuple[int, int]
    kind: str  # direct | mixed | reported
    cue: tuple[int, int] | None
    mention: tuple[int, int] | None
    speaker: str | None
    method: str
    confidence: float


@dataclass
class FoundSpeaker:
    id: str
    name: str
    role: str = ""
    kind: str = "person"  # person | organization | outlet
    aliases: list[str] = field(default_factory=list)


@dataclass
class FoundOutlet:
    """An outlet the text cites, and the (0-based) paragraphs that cite it."""

    name: str
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class Extraction:
    quotes: list[FoundQuote] = field(default_factory=list)
    speakers: list[FoundSpeaker] = field(default_factory=list)
    outlets: list[FoundOutlet] = field(default_factory=list)
    #: The text the offsets point into (doc.text), so a writer needs nothing else.
    text: str = ""

