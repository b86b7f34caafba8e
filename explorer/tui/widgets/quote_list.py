"""The quotes pane: every quote (speaker, text) in article order, or one speaker's."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive, var
from textual.widgets.option_list import Option

from explorer.model import Quote
from explorer.tui import keys
from explorer.tui.safe_text import printable, shown
from explorer.tui.speaker_colours import speaker_style
from explorer.tui.story_index import StoryIndex
from explorer.tui.widgets.pane_list import PaneList

UNKNOWN_SPEAKER = "(unknown speaker)"


#: A quote's words in its row of the quotes pane are cut after this many characters
#: (the article shows them whole).
ROW_QUOTE_CHARS = 1_000


def quoted(quote: Quote, limit: int | None = None) -> str:
    """A quote's text as shown: direct quotes inside quotation marks, the others as they stand;
    cut to `limit` characters when one is given."""
    text = printable(quote.text) if limit is None else shown(quote.text, limit)
    return f"“{text}”" if quote.kind == "direct" else text


class QuoteList(PaneList):
    """Quotes in article order; with a speaker filter only theirs."""

    BINDINGS = keys.pane_bindings("quotes")

    speaker: reactive[str | None] = var(None)
    """Show only this speaker's quotes (None: all)."""
    quote: reactive[str | None] = var(None)
    """The selected quote's id."""

    class Highlighted(Message):
        """The cursor moved onto a quote."""

        def __init__(self, pane: QuoteList, quote_id: str) -> None:
            super().__init__()
            self.pane = pane
            self.quote_id = quote_id

        @property
        def control(self) -> QuoteList:
            """The list that sent the message."""
            return self.pane

    class Chosen(Message):
        """Enter on a quote: go to its paragraph."""

        def __init__(self, quote_id: str) -> None:
            super().__init__()
            self.quote_id = quote_id

    def __init__(self, index: StoryIndex, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(index, id=id, classes=classes)
        self._by_id: dict[str, Option] = {}

    def prompt(self, quote: Quote) -> Content:
        """Paragraph number, speaker and kind on one line; the words below."""
        index = self.index
        name = index.story.speaker_name(quote)
        rank = index.speaker_rank.get(quote.speaker) if quote.speaker else None
        return Content.assemble(
            (f"¶{index.paragraph_of(quote) + 1} ", "$readable-muted"),
            Content(shown(name) if name else UNKNOWN_SPEAKER, strip_control_codes=False).stylize(
                speaker_style(self, rank) if name else "italic $readable-muted"
            ).stylize("bold"),
            (f" · {quote.kind}", "$readable-muted"),
            "\n",
            (quoted(quote, ROW_QUOTE_CHARS), "italic" if quote.kind == "reported" else ""),
            strip_control_codes=False,
        )

    def rebuild(self) -> None:
        # Options are kept and reused: a filter change then costs no re-wrap.
        self._by_id = {q.id: Option(self.prompt(q), id=q.id) for q in self.index.quotes}
        self._show()

    def _show(self) -> None:
        quotes = self.index.speaker_quotes.get(self.speaker, []) if self.speaker else self.index.quotes
        self.set_options(self._by_id[q.id] for q in quotes)
        shown = len(quotes)
        total = len(self.index.quotes)
        self.border_subtitle = f"{shown} of {total}" if self.speaker else f"{total}"
        if not self.highlight_id(self.quote) and quotes:
            self.highlighted = 0

    def watch_speaker(self) -> None:
        if self.is_mounted:
            self._show()

    def watch_quote(self, quote: str | None) -> None:
        if self.is_mounted:
            self.highlight_id(quote)

    def option_highlighted(self, option: Option) -> None:
        self.post_message(self.Highlighted(self, option.id or ""))

    def option_chosen(self, option: Option) -> None:
        self.post_message(self.Chosen(option.id or ""))
