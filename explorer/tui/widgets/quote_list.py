"""The quotes pane: every quote (speaker, text) in article order, or one speaker's;
with a mark for its review state, and only the unchecked ones while asked."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive, var
from textual.widgets.option_list import Option

from explorer.citing import cited_words
from explorer.model import Quote
from explorer.tui import keys
from explorer.tui.review_marks import REJECTED_STYLE, review_mark
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
    return cited_words(text, quote.kind)


class QuoteList(PaneList):
    """Quotes in article order; with a speaker filter only theirs."""

    BINDINGS = keys.pane_bindings("quotes")

    speaker: reactive[str | None] = var(None)
    """Show only this speaker's quotes (None: all)."""
    quote: reactive[str | None] = var(None)
    """The selected quote's id."""
    unchecked_only: reactive[bool] = var(False)
    """Show only the quotes not checked yet."""

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
        """Paragraph number, speaker, kind and review mark on one line; the words below.
        A rejected quote (shown only when asked) is dimmed and struck through."""
        index = self.index
        name = index.story.speaker_name(quote)
        rank = index.speaker_rank.get(quote.speaker) if quote.speaker else None
        mark = review_mark(quote)
        prompt = Content.assemble(
            (f"¶{index.paragraph_of(quote) + 1} ", "$readable-muted"),
            Content(shown(name) if name else UNKNOWN_SPEAKER, strip_control_codes=False).stylize(
                speaker_style(self, rank) if name else "italic $readable-muted"
            ).stylize("bold"),
            (f" · {quote.kind}", "$readable-muted"),
            *((" ", mark) if mark else ()),
            "\n",
            (quoted(quote, ROW_QUOTE_CHARS), "italic" if quote.kind == "reported" else ""),
            strip_control_codes=False,
        )
        return prompt.stylize(REJECTED_STYLE) if quote.review == "rejected" else prompt

    def rebuild(self) -> None:
        # Options are kept and reused: a filter change then costs no re-wrap.
        self._by_id = {q.id: Option(self.prompt(q), id=q.id) for q in self.index.quotes}
        self._show()

    def shown_quotes(self) -> list[Quote]:
        """The quotes the pane lists, in its order."""
        quotes = self.index.speaker_quotes.get(self.speaker, []) if self.speaker else self.index.quotes
        return [q for q in quotes if not q.decided] if self.unchecked_only else quotes

    def _show(self) -> None:
        before = self.highlighted
        quotes = self.shown_quotes()
        wanted = [self._by_id[q.id] for q in quotes]
        if len(wanted) != len(self.options) or any(a is not b for a, b in zip(wanted, self.options)):
            self.set_options(wanted)  # other quotes, or options built anew (a theme change)
        shown = len(quotes)
        total = len(self.index.quotes)
        filtered = self.speaker or self.unchecked_only
        hidden = len(self.index.story.quotes) - total
        self.border_subtitle = (f"{shown} of {total}" if filtered else f"{total}") + (
            " unchecked" if self.unchecked_only else "") + (f" · {hidden} rejected hidden" if hidden else "")
        if not self.highlight_id(self.quote) and quotes:
            # The selected quote left the list (checked, re-attributed): stay where it was.
            self.highlighted = min(before or 0, len(quotes) - 1)

    def show_edit(self, quote_ids: frozenset[str], speaker_ids: frozenset[str]) -> None:
        """The story changed (the index is up to date): build again the prompts of the quotes
        `quote_ids` and of the quotes of the speakers `speaker_ids` (renamed), then list
        what shows now.  The other quotes keep their options, and when the same quotes
        show, the list is not set again: only the changed prompts are replaced."""
        renamed = {q.id for q in self.index.quotes if q.speaker in speaker_ids}
        for quote_id in quote_ids | renamed:
            quote = self.index.quote_by_id.get(quote_id)
            if quote is None or quote_id not in self.index.quote_position:
                self._by_id.pop(quote_id, None)
            elif quote_id in self._by_id and self._by_id[quote_id] in self.options:
                self._swap_prompt(self._by_id[quote_id], self.prompt(quote))
            else:
                self._by_id[quote_id] = Option(self.prompt(quote), id=quote_id)
        self._show()

    def _swap_prompt(self, option: Option, prompt: Content) -> None:
        """Give a listed option a new prompt, redrawing only that option when it keeps its
        height.  `replace_option_prompt` clears all of OptionList's caches, so that the next
        paint measures every option again and renders every visible one: on a thousand
        quotes, most of what an edit costs.  This leans on OptionList's caches as Textual 8
        keeps them (heights by option index, renders by option); any doubt (a Textual that
        keeps them otherwise, too), and it leaves the work to `replace_option_prompt`."""
        if prompt == option.prompt:
            return  # a note, say: nothing the pane shows
        index = self.get_option_index(option.id or "")
        try:
            height = self._line_cache.heights.get(index)
            line = self._line_cache.index_to_line.get(index)
            render_cache = self._option_render_cache
            set_prompt = option._set_prompt
        except AttributeError:
            self.replace_option_prompt(option.id or "", prompt)
            return
        set_prompt(prompt)
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width
        # A pane out of sight (narrow: another side pane is up) has no width to measure at.
        if (height is None or line is None or width <= 0
                or self._get_visual(option).get_height(self.styles, width) + option._divider != height):
            self._clear_caches()
            return
        for key in [key for key in render_cache.keys() if key[0] is option]:
            render_cache.discard(key)
        self.refresh(Region(0, line - self.scroll_offset.y, self.scrollable_content_region.width, height))

    def watch_speaker(self) -> None:
        if self.is_mounted:
            self._show()

    def watch_unchecked_only(self) -> None:
        if self.is_mounted:
            self._show()

    def watch_quote(self, quote: str | None) -> None:
        if self.is_mounted:
            self.highlight_id(quote)

    def option_highlighted(self, option: Option) -> None:
        self.post_message(self.Highlighted(self, option.id or ""))

    def option_chosen(self, option: Option) -> None:
        self.post_message(self.Chosen(option.id or ""))
