"""The story screen's keys that act on the selection (copy a quote, open a link) and
its rules of what applies now, which the footer follows (`keys.APPLIES`).

A mixin of `StoryScreen`, kept apart so that the screen module stays the router
of its panes.  `current_quote()` is the one definition of the quote the quote
keys act on; other keys that act on a quote use it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textual.binding import Binding

from explorer.model import Quote
from explorer.tui import keys
from explorer.tui.citation import citation
from explorer.tui.links import open_in_browser
from explorer.tui.safe_text import printable
from explorer.tui.widgets.quote_list import QuoteList
from explorer.tui.widgets.source_list import SourceList
from explorer.tui.widgets.speaker_list import SpeakerList

if TYPE_CHECKING:
    from explorer.tui.history import History
    from explorer.tui.story_index import StoryIndex

#: The only links `o` opens: a story's url could name any handler of the desktop.
WEB_SCHEMES = ("http", "https")


class StoryKeys:
    """What the story screen's selection keys do, and when each key applies."""

    if TYPE_CHECKING:  # provided by StoryScreen
        index: StoryIndex
        history: History
        paragraph: int
        speaker: str | None
        search: str
        highlight: str | None
        marked: frozenset[int]
        source_marks: frozenset[int]

        def focused_pane(self) -> str: ...
        def first_quote_in(self, paragraph: int) -> Quote | None: ...

    def offers(self, binding: Binding) -> bool:
        """True when `binding` applies in the focused pane and the screen's state."""
        rule = keys.APPLIES.get(binding.id or "")
        if rule is None:
            return True
        if rule.panes and self.focused_pane() not in rule.panes:
            return False
        return not rule.state or bool(getattr(self, rule.state))

    @property
    def stepping(self) -> bool:
        """A search or a speaker filter is set: n and p step through it."""
        return bool(self.search or self.speaker)

    @property
    def clearable(self) -> bool:
        """Escape has a search, a filter or source marks to clear."""
        return bool(self.search or self.speaker or self.marked or self.source_marks)

    @property
    def has_current_quote(self) -> bool:
        return self.current_quote() is not None

    @property
    def can_go_back(self) -> bool:
        return self.history.can_go_back

    @property
    def can_go_forward(self) -> bool:
        return self.history.can_go_forward

    def _state_changed(self) -> None:
        """What applies may have changed: the footer asks again."""
        self.refresh_bindings()

    watch_paragraph = watch_quote = watch_highlight = watch_marked = watch_source_marks = _state_changed

    # -- the keys -------------------------------------------------------------------------

    def action_open_source(self) -> None:
        if self.focused_pane() != "sources":
            self.notify("o opens the link of the source selected in the sources pane (4)", markup=False)
            return
        position = self.query_one(SourceList).highlighted
        if position is None:
            self.notify("No source selected", markup=False)
            return
        source = self.index.story.sources[position]
        if not source.url:
            self.notify(f"{source.name} has no url", markup=False)
            return
        if urlsplit(source.url).scheme.lower() not in WEB_SCHEMES:  # javascript:, file:, app handlers...
            self.notify(f"Not opening {source.url}: only http and https links are opened", severity="warning",
                        markup=False)
            return
        if self.app.is_web:  # textual-serve: the reader's own browser opens it
            self.app.open_url(source.url)
        elif not open_in_browser(source.url):
            self.app.copy_to_clipboard(printable(source.url))
            self.notify(f"No browser could open it here; the link is copied: {source.url}", severity="warning",
                        markup=False)
            return
        self.notify(f"Opening {source.url}", markup=False)

    def current_quote(self) -> Quote | None:
        """The quote the quote keys (`y`, ...) act on, the same whatever the key:
        in the quotes pane its highlighted quote; in the paragraphs pane the quote
        highlighted in the article if it is in the cursor paragraph, else that
        paragraph's first quote (the filtered speaker's, with a filter); in the
        speakers pane that speaker's first quote; in the sources pane none."""
        # The lists' own cursors, not the screen's copies: keys typed ahead ("3 j j y")
        # reach a list before the messages that update the copies.
        pane = self.focused_pane()
        if pane == "quotes":
            return self.index.quote_by_id.get(self.query_one(QuoteList).highlighted_id() or "")
        if pane == "paragraphs":
            highlighted = self.index.quote_by_id.get(self.highlight or "")
            if highlighted is not None and self.index.paragraph_of(highlighted) == self.paragraph:
                return highlighted
            return self.first_quote_in(self.paragraph)
        if pane == "speakers":
            quotes = self.index.speaker_quotes.get(self.query_one(SpeakerList).highlighted_id() or "", [])
            return quotes[0] if quotes else None
        return None

    def action_copy_quote(self) -> None:
        """`y`: the current quote to the clipboard, as a citation; the screen says what was copied."""
        pane = self.focused_pane()
        quote = self.current_quote()
        if quote is None:
            reason = {
                "sources": "The sources pane has no quotes: y copies from the paragraphs, speakers or quotes pane",
                "speakers": "This speaker has no quotes",
            }.get(pane, f"¶ {self.paragraph + 1} has no quotes" if pane == "paragraphs" else "No quote selected")
            self.notify(reason, markup=False)
            return
        text = citation(self.index.story, quote, self.index.paragraph_of(quote) + 1)
        self.app.copy_to_clipboard(text)
        self.notify(text, title="Copied", markup=False)

