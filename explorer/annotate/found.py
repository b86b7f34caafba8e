"""What the extractor finds in one article: quotes, speakers, cited outlets.

Plain dataclasses (no spaCy): `build_story` and the brat writer read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SpeakerEvidence:
    """How a speaker mention was resolved: the rule, and for a rule that
    leans on an antecedent ("he" -> the subject named before), where that
    antecedent stands (char offsets into the document text)."""

    rule: str  # name, alias, pronoun, relative, description, outlet, speaker-of-previous-quote
    antecedent: tuple[int, int] | None = None


@dataclass
class FoundQuote:
    """One attribution.  Offsets are char offsets into the document text; a
    direct quote's content excludes its quote marks.  `score` is the cue
    model's log-odds for a quote it decided on (None: a rule found it).

    `content` is what a story shows; `fragments`, when set, is what the
    corpus convention (PolNeAR, brat output) counts as the content: with a
    leading "that", and without a cue set inside it ("The repairs, *she
    said,* cost less" is two fragments and one quote in a story).
    """

    content: tuple[int, int]
    kind: str  # direct | mixed | reported
    cue: tuple[int, int] | None
    mention: tuple[int, int] | None
    speaker: str | None
    method: str
    confidence: float
    resolution: SpeakerEvidence | None = None
    score: float | None = None
    fragments: tuple[tuple[int, int], ...] | None = None

    def corpus_fragments(self) -> tuple[tuple[int, int], ...]:
        """The content as the corpus convention counts it (see the class docstring)."""
        return self.fragments or (self.content,)


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

