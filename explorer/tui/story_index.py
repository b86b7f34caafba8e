"""Lookups the story screen needs on every key press, computed once per story.

A `Story` is never changed in place (an edit makes a new one), so everything
the panes ask for often — a paragraph's quotes, a speaker's paragraphs, where
each quote stands — is derived here up front, and again after each edit.  That
keeps a cursor move or a speaker filter on a story of thousands of paragraphs a
matter of dictionary look-ups.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.model import Quote, QuotePlacer, Speaker, Story
from explorer.review import is_attribution


@dataclass(frozen=True)
class Match:
    """One search hit: paragraph position and character offsets."""

    paragraph: int
    start: int
    end: int


#: The key of `StoryIndex.speaker_quotes` and `speaker_paragraphs` for the quotes that
#: have no speaker (or one the story does not list): a speaker filter can show them.
#: Not a possible speaker id in practice (a NUL character in YAML needs an escape).
UNKNOWN_SPEAKER = "\0unknown"
UNKNOWN_SPEAKER_NAME = "unknown speaker"


class StoryIndex:
    """Derived, read-only look-ups over one `Story`.

    `show_rejected` False leaves the quotes a person rejected out of every list
    (quotes, paragraphs, speakers' counts); `quote_by_id` and `spans` still hold them.
    After an edit `update` derives everything again for the new story, in place (the
    panes hold this object); the speakers keep their order and colours while a story
    is edited, so that changing one quote does not reshuffle or recolour the others.
    """

    def __init__(self, story: Story, *, show_rejected: bool = True) -> None:
        self.show_rejected = show_rejected
        self.speakers: list[Speaker] = story.speakers_by_quotes()
        self.update(story)

    def update(self, story: Story, *, show_rejected: bool | None = None) -> None:
        """Derive every look-up again for `story` (the same story after an edit), and
        for `show_rejected` when given.  Speakers already listed keep their place."""
        if show_rejected is not None:
            self.show_rejected = show_rejected
        self.story = story
        in_order = story.quotes_in_order()
        self.quotes: list[Quote] = [q for q in in_order if self.show_rejected or is_attribution(q)]
        self.quote_position: dict[str, int] = {q.id: i for i, q in enumerate(self.quotes)}
        self.quote_by_id: dict[str, Quote] = {q.id: q for q in story.quotes}
        self.speakers = self._kept_order(story)
        #: Speaker id -> 0 for the most quoted speaker, 1 for the next... (kept while editing).
        self.speaker_rank: dict[str, int] = self._kept_ranks()
        self.quote_counts: dict[str, int] = {s.id: 0 for s in self.speakers}
        self.paragraph_quotes: list[list[Quote]] = [[] for _ in story.paragraphs]
        #: Speaker id (or `UNKNOWN_SPEAKER`) -> their quotes in article order.
        self.speaker_quotes: dict[str, list[Quote]] = {**{s.id: [] for s in self.speakers}, UNKNOWN_SPEAKER: []}
        self.spans: dict[str, tuple[int, int]] = {}
        position = story.paragraph_position
        for quote in self.quotes:
            where = position.get(quote.paragraph)
            if where is None:
                continue
            self.paragraph_quotes[where].append(quote)
            if quote.speaker in self.quote_counts:
                self.speaker_quotes[quote.speaker].append(quote)
                self.quote_counts[quote.speaker] += 1
            else:
                self.speaker_quotes[UNKNOWN_SPEAKER].append(quote)
        by_paragraph: dict[str, list[Quote]] = {}
        for quote in in_order:  # every quote, rejected or not: the same text twice keeps its places
            by_paragraph.setdefault(quote.paragraph, []).append(quote)
        for paragraph_id, quotes in by_paragraph.items():
            if paragraph_id in position:
                self._find_spans(story.paragraphs[position[paragraph_id]].text, quotes)
        #: Speaker id (or `UNKNOWN_SPEAKER`) -> sorted positions of the paragraphs where they speak.
        self.speaker_paragraphs: dict[str, list[int]] = {
            speaker: sorted({position[q.paragraph] for q in quotes})
            for speaker, quotes in self.speaker_quotes.items()
        }
        self.source_paragraphs: list[list[int]] = [
            sorted(position[p] for p in story.source_paragraphs(source) if p in position)
            for source in story.sources
        ]

    def _kept_order(self, story: Story) -> list[Speaker]:
        """The story's speakers in the order listed so far; new ones after them."""
        place = {s.id: i for i, s in enumerate(self.speakers)}
        return sorted(story.speakers, key=lambda s: place.get(s.id, len(place)))

    def _kept_ranks(self) -> dict[str, int]:
        """Each speaker's colour rank: the one they had, else the next free one."""
        old = getattr(self, "speaker_rank", {})
        ranks = {s.id: old[s.id] for s in self.speakers if s.id in old}
        free = max(ranks.values(), default=-1) + 1
        for speaker in self.speakers:
            if speaker.id not in ranks:
                ranks[speaker.id] = free
                free += 1
        return ranks

    def speaker_label(self, speaker_id: str) -> str:
        """The name of a speaker id, or "unknown speaker" for `UNKNOWN_SPEAKER`."""
        speaker = self.story.speaker_by_id.get(speaker_id)
        return speaker.name if speaker is not None else UNKNOWN_SPEAKER_NAME

    def speaker_key(self, quote: Quote) -> str:
        """The key of `speaker_quotes` the quote is listed under."""
        return quote.speaker if quote.speaker in self.quote_counts else UNKNOWN_SPEAKER

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
