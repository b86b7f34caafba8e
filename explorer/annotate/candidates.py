"""Attributions as the rules find them, before their speakers are resolved.

A `Candidate` is one attribution found by a rule; `Findings` holds what the
passes over one document have found so far and what they have used up (a
cue verb whose clause is taken, a quote that a mixed quote's content
swallowed), so that the quoted-speech and reported-speech passes never
claim the same thing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explorer.annotate.cues import char_span, cue_span, mention_span
from explorer.annotate.document import Document

if TYPE_CHECKING:  # pragma: no cover
    from explorer.annotate.found import SpeakerEvidence
    from explorer.annotate.names import Cluster


@dataclass
class Candidate:
    """An attribution before its speaker is resolved."""

    content: tuple[int, int]
    kind: str
    cue: tuple[int, int] | None
    subject: object | None  # the mention's head token
    mention: object | None  # the mention's Span
    method: str
    cluster: "Cluster | None" = None
    evidence: "SpeakerEvidence | None" = None  # how the mention was resolved to `cluster`
    inherits: "Candidate | None" = None  # a continuation takes its speaker from here
    #: The cue model's log-odds for a candidate it decided on (None: a rule found it).
    score: float | None = None
    #: The content without the cue's frame, when the cue stands inside it.
    fragments: tuple[tuple[int, int], ...] | None = None


@dataclass
class Findings:
    """What the extraction passes over one document found and used up."""

    document: Document
    candidates: list[Candidate] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)  # cue token indices whose clause is taken
    consumed_quotes: set[int] = field(default_factory=set)

    def reported(
        self, first: int, last: int, cue, subject, method: str, keep_marks: bool = False, cue_end: int | None = None
    ) -> list[Candidate]:
        """A reported-speech candidate for tokens first..last (trimmed of
        punctuation, and of a leading "that" unless `keep_marks`), unless that
        holds a quote, is a word long or crosses a paragraph boundary."""
        document = self.document
        doc = document.doc
        while first < last and (not keep_marks and doc[first].dep_ == "cc" or doc[first].is_punct or doc[first].is_space):
            first += 1
        while last > first and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        if last - first < 1 or document.quoted(first, last):
            return []
        content = char_span(doc, first, last)
        if not document.in_paragraph(content[0]) or document.paragraph_of(content[0]) != document.paragraph_of(content[1] - 1):
            return []
        self.used_cues.add(cue.i)
        cue_chars = cue_span(cue) if cue_end is None else (cue.idx, cue_end)
        return [Candidate(content, "reported", cue_chars, subject, mention_span(subject), method)]
