"""The search box: shown by `/`, at the bottom of the story screen."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Input

from explorer.tui import keys


class SearchBar(Input):
    """An `Input` for the search text; Escape cancels (posts `SearchBar.Cancelled`)."""

    BINDINGS = keys.SEARCH_BINDINGS

    class Cancelled(Message):
        """Escape in the search box."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search the article (Enter: go, Escape: cancel)", id=id)

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
