"""The story screen's search and its steps: the search box, and where n and N (or p)
go — the next search match or paragraph of the filtered speaker, around the article.

A mixin of `StoryScreen`, kept apart so that the screen module stays the router of
its panes; the steps themselves are pure functions (`explorer.tui.stepping`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.tui.history import Place
from explorer.tui.safe_text import shown
from explorer.tui.stepping import next_match, next_paragraph
from explorer.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from explorer.model import Quote
    from explorer.tui.story_index import Match, StoryIndex

#: The class that shows the search box.
VISIBLE = "-visible"


class StoryStepping:
    """Searching the article and stepping through matches and a speaker's paragraphs."""

    if TYPE_CHECKING:  # provided by StoryScreen
        index: StoryIndex
        paragraph: int
        speaker: str | None
        search: str
        matches: tuple[Match, ...]
        current_match: int | None
        _last_set: str
        _search_before: str
        _pane_before_search: str

        def jump(self, there: Place) -> None: ...
        def focused_pane(self) -> str: ...
        def action_focus_pane(self, name: str) -> None: ...
        def first_quote_in(self, paragraph: int) -> Quote | None: ...

    def on_search_bar_cancelled(self) -> None:
        self.search = self._search_before
        self._close_search(self._pane_before_search)

    def _close_search(self, pane: str = "paragraphs") -> None:
        """Hide the search box; the focus goes to `pane` (the article, where the matches are,
        unless the search was cancelled: then back where it was)."""
        self.query_one(SearchBar).remove_class(VISIBLE)
        self.action_focus_pane(pane)

    # -- stepping (n / N / p) ----------------------------------------------------------------

    def _next_match(self, step: int, from_paragraph_start: bool = False) -> tuple[int, bool]:
        """The match n (step 1) or N (step -1) goes to from the current one, or from the
        cursor paragraph when that is elsewhere, and whether it wrapped around."""
        current = self.current_match
        here = self.matches[current] if current is not None else None
        offset = here.start if here is not None and here.paragraph == self.paragraph else -1
        return next_match(self.matches, self.paragraph, offset, step, from_paragraph_start)

    def _go_to_match(self, position: int, wrapped: bool = False) -> None:
        self.current_match = position
        self.jump(Place(self.matches[position].paragraph, None, "paragraphs"))
        if wrapped and len(self.matches) > 1:
            where = "the first match" if position == 0 else "the last match"
            self._say_wrapped(f"Search wrapped around to {where} ({position + 1}/{len(self.matches)})")

    def _say_wrapped(self, message: str) -> None:
        self.notify(message, title="Wrapped", timeout=2, markup=False)

    def _step_filter(self, step: int) -> None:
        paragraphs = self.index.speaker_paragraphs.get(self.speaker or "", [])
        if not paragraphs:
            self.notify("This speaker has no quotes in the article", markup=False)
            return
        target, wrapped = next_paragraph(paragraphs, self.paragraph, step)
        if wrapped and len(paragraphs) > 1:
            name = shown(self.index.speaker_label(self.speaker or ""))
            which = "first" if step > 0 else "last"
            self._say_wrapped(f"Wrapped around to {name}'s {which} paragraph (¶ {target + 1})")
        quote = self.first_quote_in(target)
        self.jump(Place(target, quote.id if quote else None, "paragraphs"))

    # -- the keys ------------------------------------------------------------------------------

    def action_search(self) -> None:
        self._search_before = self.search
        self._pane_before_search = self.focused_pane()
        bar = self.query_one(SearchBar)
        bar.value = self.search
        bar.add_class(VISIBLE)
        self.set_focus(bar)  # set_focus: at once, not after keys already queued

    def action_step(self, step: int) -> None:
        use_search = bool(self.matches) and (not self.speaker or self._last_set == "search")
        if use_search:
            self._go_to_match(*self._next_match(step))
        elif self.speaker:
            self._step_filter(step)
        elif self.search:
            self.notify(f"Not found: {self.search}", markup=False)
        else:
            self.notify("n and p step through a search (/) or a speaker filter (f)", markup=False)
