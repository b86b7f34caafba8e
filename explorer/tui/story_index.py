"""Lookups the story screen needs on every key press, computed once per story.

A `Story` is immutable once loaded, so everything the panes ask for often —
a paragraph's quotes, a speaker's paragraphs, where each quote stands — is
derived here up front.  That keeps a cursor move or a speaker filter on a
story of thousands of paragraphs a matter of dictionary look-ups.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.model import Quote, QuotePlacer, Speaker, Story


@dataclass(frozen=True)
class Match:
    """One search hit: paragraph position and character offsets."""

    paragraph: int
    start: int
    end: int


class StoryIndex:
    """Derived, read-only look-ups over one `Story`."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.quotes: list[Quote] = story.quotes_in_order()
        self.quote_position: dict[str, int] = {q.id: i for i, q in enumerate(self.quotes)}
        self.quote_by_id: dict[str, Quote] = {q.id: q for q in self.quotes}
        self.speakers: list[Speaker] = story.speakers_by_quotes()
        #: Speaker id -> 0 for the most quoted speaker, 1 for the next...
        self.speaker_rank: dict[str, int] = {s.id: i for i, s in enumerate(self.speakers)}
        self.quote_counts: dict[str, int] = {s.id: 0 for s in self.speakers}
        self.paragraph_quotes: list[list[Quote]] = [[] for _ in story.paragraphs]
        self.speaker_quotes: dict[str, list[Quote]] = {s.id: [] for s in self.speakers}
        self.spans: dict[str, tuple[int, int]] = {}
        position = story.paragraph_position
        for quote in self.quotes:
            where = position.get(quote.paragraph)
            if where is None:
                continue
            self.paragraph_quotes[where].append(quote)
            if quote.speaker in self.speaker_quotes:
                self.speaker_quotes[quote.speaker].append(quote)
                self.quote_counts[quote.speaker] += 1
        for where, quotes in enumerate(self.paragraph_quotes):
            self._find_spans(story.paragraphs[where].text, quotes)
        #: Speaker id -> sorted positions of the paragraphs where they speak.
        self.speaker_paragraphs: dict[str, list[int]] = {
            speaker: sorted({position[q.paragraph] for q in quotes})
            for speaker, quotes in self.speaker_quotes.items()
        }
        self.source_paragraphs: list[list[int]] = [
            sorted(position[p] for p in story.source_paragraphs(source) if p in position)
            for source in story.sources
        ]

    def _find_spans(self, text: str, quotes: list[Quote]) -> None:
        """Record each quote's (start, end): the file's offsets, else found in the text."""
        placer = QuotePlacer(text)
        for quote in quotes:
            if quote.start is not None and quote.end is not None:
                span: tuple[int, int] | None = (quote.start, quote.end)
                placer.take(span)
            else:
                span = placer.place(quote.text)
            if span is not None:
                self.spans[quote.id] = span

    def paragraph_of(self, quote: Quote) -> int:
        """The position of the paragraph `quote` stands in."""
        return self.story.paragraph_position[quote.paragraph]

    def sources_of(self, paragraph: int) -> list[int]:
        """Positions (in `story.sources`) of the sources paragraph `paragraph` draws on."""
        return [i for i, paragraphs in enumerate(self.source_paragraphs) if paragraph in paragraphs]

    def source_label(self, source: int) -> str:
        """Where the source at position `source` applies: "whole article", "¶ 2, 13"."""
        paragraphs = self.source_paragraphs[source]
        if not paragraphs:
            return "no paragraphs"
        if not self.story.sources[source].paragraphs:
            return "whole article"
        return "¶ " + ", ".join(str(p + 1) for p in paragraphs)

    def find_speaker(self, query: str) -> list[Speaker]:
        """Speakers `query` names: exact name or alias matches first, else `Speaker.matches`, most quoted first."""
        needle = query.casefold().strip()
        exact = [s for s in self.speakers if needle in (label.casefold() for label in (s.name, *s.aliases))]
        return exact or [s for s in self.speakers if s.matches(query)]
