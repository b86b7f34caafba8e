"""Command palette provider on the library: "story: <title>" opens that story.

A library holds thousands of stories and the palette's fuzzy matcher costs
tens of microseconds a candidate, so the words typed first narrow the list
(as the library filter does, on title, outlet, speakers and file) and only the
first `MOST` that hold them are scored and shown.  A story whose title others
share is named with its file, as its row is (`SameTitles.file_aside`), so
that the entries can be told apart and the fuzzy search finds the path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from typing import Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from explorer.library import StoryEntry, matching
from explorer.tui.safe_text import printable
from explorer.tui.same_titles import SameTitles
from explorer.tui.widgets.virtual_table import ASIDE_SEPARATOR

#: Stories offered at most for one query.
MOST = 100
#: The entries' own first word, which a user types to see them ("story", "story:"): no story need hold it.
OWN_WORD = re.compile(r"\s*story(?::|\s+|$)", re.IGNORECASE)


class StoryShelf(Protocol):
    """What the provider needs of the library screen: its stories, which of them share
    their title, and a way to open one."""

    entries: Sequence[StoryEntry]

    @property
    def same_titles(self) -> SameTitles: ...

    def open_entry(self, entry: StoryEntry) -> None: ...


def _label(entry: StoryEntry, same_titles: SameTitles) -> str:
    aside = same_titles.file_aside(entry)
    where = ", ".join(part for part in (entry.outlet, (entry.published or "")[:10]) if part)
    return (f"story: {entry.title}" + (ASIDE_SEPARATOR + aside if aside else "")
            + (f" ({where})" if where else ""))


class StoryProvider(Provider):
    """Every story of the library, by title, outlet, speaker or file."""

    async def discover(self) -> Hits:
        screen: StoryShelf = self.screen  # type: ignore[assignment]
        same_titles = screen.same_titles
        for entry in list(screen.entries)[:MOST]:
            yield DiscoveryHit(Content(printable(_label(entry, same_titles))), partial(screen.open_entry, entry),
                               help="Open this story")

    async def search(self, query: str) -> Hits:
        screen: StoryShelf = self.screen  # type: ignore[assignment]
        own_word = OWN_WORD.match(query)
        words = query[own_word.end():] if own_word else query
        matcher, same_titles = self.matcher(query), screen.same_titles
        for entry in list(matching(screen.entries, words))[:MOST]:
            label = _label(entry, same_titles)
            score = matcher.match(label)
            yield Hit(max(score, 0.01), matcher.highlight(printable(label)), partial(screen.open_entry, entry),
                      text=label, help="Open this story" if entry.error is None else "Shows why it does not load")
