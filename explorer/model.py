"""The story model: plain dataclasses, no I/O, no Textual, no spaCy.

A `Story` is what a story file holds once loaded and checked: its metadata,
its paragraphs in order, the people and bodies quoted in it (`Speaker`), what
they said (`Quote`, with character offsets into its paragraph) and the
sources the article rests on (`Source`).  Everything here is derived from the
file by `explorer.storyfile`; the TUI, the CLI and the annotator all read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

FORMAT_VERSION = 1

QUOTE_KINDS = ("direct", "mixed", "reported")
SPEAKER_KINDS = ("person", "organization", "outlet")
#: "listed": the article's own closing list of sources; "cited": an outlet the
#: text itself cites ("in an interview with The New York Times").
SOURCE_KINDS = ("listed", "cited")
#: What a person decided about a quote; a quote without a review state is not
#: checked yet.  "corrected": its speaker, kind or span was changed (or a person
#: added it); "rejected": not an attribution (kept in the file as the record of
#: the machine's mistake, hidden unless asked for).
REVIEW_STATES = ("confirmed", "corrected", "rejected")


@dataclass
class Paragraph:
    id: str
    text: str


@dataclass
class Speaker:
    id: str
    name: str
    role: str = ""
    kind: str = "person"
    aliases: list[str] = field(default_factory=list)

    def matches(self, query: str) -> bool:
        """True when `query` is a case-insensitive part of the name or of an alias."""
        needle = query.casefold().strip()
        return any(needle in label.casefold() for label in (self.name, *self.aliases))


@dataclass(frozen=True)
class Resolution:
    """How the annotator got from a mention to its speaker: the `rule` it used
    ("name", "pronoun", "description" ...) and, when the rule followed an
    antecedent, where it stands (`paragraph`, an id) and its words as written
    (`text`): "he" -> Donald Trump, the subject named in p5 "President Trump"."""

    rule: str
    paragraph: str | None = None
    text: str = ""


@dataclass
class Quote:
    """One attribution: what was said, where, and by whom.

    `start`/`end` are character offsets into the paragraph's text; a story
    file may leave them out, and the loader finds them from `text`.
    `method`, `confidence` and `resolution` are the annotator's evidence (which
    rule found the quote, how sure it is, how the mention was resolved);
    hand-made stories leave them out.  `review` is a person's decision (one of
    `REVIEW_STATES`, None while unchecked) and `note` their words about it.
    Edits never change a Quote in place: `explorer.edits` makes new ones.
    """

    id: str
    paragraph: str
    text: str
    kind: str = "direct"
    speaker: str | None = None
    cue: str = ""
    mention: str = ""
    start: int | None = None
    end: int | None = None
    method: str | None = None
    confidence: float | None = None
    resolution: Resolution | None = None
    review: str | None = None
    note: str = ""

    @property
    def decided(self) -> bool:
        """True once a person has decided about the quote (any review state,
        rejected included).  The library's "checked" is narrower: confirmed
        or corrected (`explorer.review.is_checked`)."""
        return self.review is not None


@dataclass
class Source:
    """A source the article rests on.

    A listed source with no paragraphs draws on the whole article: the
    closing "Sources:" list of a story does not say which paragraph used it.
    """

    name: str
    kind: str = "listed"
    url: str | None = None
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Story:
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None

    # Lookups are derived once: a Story is never mutated after it is loaded (an
    # edit makes a new Story, see `explorer.edits`).
    @cached_property
    def paragraph_position(self) -> dict[str, int]:
        """Paragraph id -> 0-based position in the article."""
        return {p.id: i for i, p in enumerate(self.paragraphs)}

    @cached_property
    def speaker_by_id(self) -> dict[str, Speaker]:
        return {s.id: s for s in self.speakers}

    def quotes_in_order(self) -> list[Quote]:
        """Quotes in article order: by paragraph, then by offset."""
        pos = self.paragraph_position
        return sorted(self.quotes, key=lambda q: (pos.get(q.paragraph, len(pos)), q.start or 0))

    def speaker_name(self, quote: Quote) -> str | None:
        speaker = self.speaker_by_id.get(quote.speaker) if quote.speaker else None
        return speaker.name if speaker else None

    def quote_count(self, speaker_id: str) -> int:
        return sum(1 for q in self.quotes if q.speaker == speaker_id)

    def speakers_by_quotes(self) -> list[Speaker]:
        """Speakers, most quoted first (ties keep story order)."""
        counts = {s.id: 0 for s in self.speakers}
        for q in self.quotes:
            if q.speaker in counts:
                counts[q.speaker] += 1
        return sorted(self.speakers, key=lambda s: -counts[s.id])

    def source_paragraphs(self, source: Source) -> list[str]:
        """The paragraph ids a source draws on (a listed source without any: all)."""
        if source.paragraphs or source.kind != "listed":
            return list(source.paragraphs)
        return [p.id for p in self.paragraphs]

    def sources_for_paragraph(self, paragraph_id: str) -> list[Source]:
        return [s for s in self.sources if paragraph_id in self.source_paragraphs(s)]


class QuotePlacer:
    """Finds where the quotes of one paragraph stand, one after another.

    `take(span)` records a span a quote holds (its offsets were given);
    `place(text)` finds the first occurrence of `text` that no quote holds
    yet (the same words said twice are two quotes) and takes it.
    Overlapping quotes are allowed: a reported clause may hold another quote.

    Only the same text can hold the same span, so each text's search resumes
    after its last placement: a paragraph with thousands of copies of one
    quote costs one pass (searching from the start against a list of the
    spans taken was cubic: a story file of 90 KB took 22 s to load).
    """

    def __init__(self, paragraph_text: str) -> None:
        self.text = paragraph_text
        self.taken: set[tuple[int, int]] = set()
        self._resume: dict[str, int] = {}

    def take(self, span: tuple[int, int]) -> None:
        """Record that a quote holds `span` (so no other quote is placed there)."""
        self.taken.add(span)

    def place(self, quote_text: str) -> tuple[int, int] | None:
        """The span of the first free occurrence of `quote_text` (now taken), else None."""
        if not quote_text:
            return None
        start = self.text.find(quote_text, self._resume.get(quote_text, 0))
        while start != -1 and (start, start + len(quote_text)) in self.taken:
            start = self.text.find(quote_text, start + 1)
        if start == -1:
            self._resume[quote_text] = len(self.text) + 1  # spans are only ever taken: none will be free
            return None
        self._resume[quote_text] = start + 1
        span = (start, start + len(quote_text))
        self.taken.add(span)
        return span
