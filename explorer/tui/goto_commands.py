"""Command palette provider: "go to speaker / quote / source" on the story screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from explorer.tui.safe_text import shown
from explorer.tui.story_index import StoryIndex
from explorer.tui.widgets.quote_list import quoted


class StoryPlaces(Protocol):
    """What the provider needs of the screen it serves (the story screen): its story
    and the ways to go somewhere in it."""

    index: StoryIndex

    def filter_by(self, speaker_id: str) -> None: ...

    def go_to_quote(self, quote_id: str) -> None: ...

    def go_to_source(self, position: int) -> None: ...

#: Quote text longer than this is cut in the palette.
QUOTE_CHARS = 70


class GoToProvider(Provider):
    """Speakers, quotes and sources of the open story, by name or words."""

    def _targets(self) -> Iterator[tuple[str, Callable[[], None], str]]:
        """(text to match, command, help) for every speaker, quote and source."""
        screen: StoryPlaces = self.screen  # type: ignore[assignment]
        index = screen.index
        for speaker in index.speakers:
            count = index.quote_counts[speaker.id]
            yield (f"speaker: {shown(speaker.name)}", partial(screen.filter_by, speaker.id),
                   f"Filter by this speaker ({count} quote{'s' if count != 1 else ''})")
        for quote in index.quotes:
            words = quoted(quote, QUOTE_CHARS)
            name = shown(index.story.speaker_name(quote) or "unknown")
            yield (f"quote: {name}: {words}", partial(screen.go_to_quote, quote.id),
                   f"Go to paragraph {index.paragraph_of(quote) + 1}")
        for position, source in enumerate(index.story.sources):
            yield (f"source: {shown(source.name)}", partial(screen.go_to_source, position),
                   f"Select this source ({index.source_label(position)})")

    async def discover(self) -> Hits:
        for text, command, help_text in self._targets():
            if text.startswith(("speaker:", "source:")):
                yield DiscoveryHit(Content(shown(text)), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._targets():
            if (score := matcher.match(text)) > 0:
                yield Hit(score, Content(shown(text)), command, text=text, help=help_text)
