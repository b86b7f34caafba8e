"""The attribution extractor: quotes, their speakers and the outlets a text cites."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FoundQuote:
    content: tuple[int, int]
    kind: str
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
    kind: str = "person"
    aliases: list[str] = field(default_factory=list)


@dataclass
class FoundOutlet:
    name: str
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class Extraction:
    quotes: list[FoundQuote] = field(default_factory=list)
    speakers: list[FoundSpeaker] = field(default_factory=list)
    outlets: list[FoundOutlet] = field(default_factory=list)
    #: The text the offsets point into (doc.text), so a writer needs nothing else.
    text: str = ""


def extract(doc, paragraphs: list[tuple[int, int]]) -> Extraction:
    """Attributions in `doc` (the whole input text), only inside `paragraphs`."""
    return Extraction(text=doc.text)
