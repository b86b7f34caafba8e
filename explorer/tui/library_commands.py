"""Command palette provider on the library: "story: <title>" opens that story.

A library holds thousands of stories and the palette's fuzzy matcher costs
tens of microseconds a candidate, so the words typed first narrow the list
(as the library filter does, on title, outlet and speakers) and only the
first `MOST` that hold them are scored and shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from explorer.library import StoryEntry, matching
from explorer.tui.safe_text import printable

#: Stories offered at most for one query.
MOST = 100


class StoryShelf(Protocol):
    """What the provider needs of the library screen: its stories and a way to open one."""

    entries: Sequence[StoryEntry]

    def open_entry(self, entry: StoryEntry) -> None: ...


def _label(entry: StoryEntry) -> str:
    where = ", ".join(part for part in (entry.outlet, (entry.published or "")[:10]) if part)
    return f"story: {entry.title}" + (f" ({where})" if where else "")


class StoryProvider(Provider):
    """Every story of the library, by title, outlet or speaker."""

    async def discover(self) -> Hits:
        screen: StoryShelf = self.screen  # type: ignore[assignment]
        for entry in list(screen.entries)[:MOST]:
            yield DiscoveryHit(Content(printable(_label(entry))), partial(screen.open_entry, entry),
                               help="Open this story")

    async def search(self, query: str) -> Hits:
        screen: StoryShelf = self.screen  # type: ignore[assignment]
        words = query.removeprefix("story:").strip()
        matcher = self.matcher(query)
        for entry in list(matching(screen.entries, words))[:MOST]:
            label = _label(entry)
            score = matcher.match(label)
            yield Hit(max(score, 0.01), matcher.highlight(printable(label)), partial(screen.open_entry, entry),
                      text=label, help="Open this story" if entry.error is None else "Shows why it does not load")
