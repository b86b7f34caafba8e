"""The quote under a list's cursor, in full: what it says, who said it, how and where."""

from __future__ import annotations

from textual.widgets import Static

from explorer.index.records import QuoteHit
from explorer.tui.quote_hits import hit_detail


class HitDetail(Static):
    """Shows one `QuoteHit` (or nothing).  Showing the quote it shows already does nothing:
    a screen shows a new list's first quote at once, with the list, and the list's own
    `Highlighted` message for that quote, which comes a frame later, then costs no
    second layout and paint of the screen."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hit: QuoteHit | None = None

    def show(self, hit: QuoteHit | None) -> None:
        if hit is self.hit and hit is not None:
            return
        self.hit = hit
        self.update(hit_detail(hit) if hit is not None else "")
