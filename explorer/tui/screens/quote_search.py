"""Quote search: every quote of every story, found as you type, with combined filters.

The box takes words, "phrases" and filters (`speaker:trump kind:direct
outlet:"Kyiv Independent" from:2025-06 to:2025-07 review:unchecked verb:warn
story:ceasefire`, see `explorer.index.search`); each keystroke is one query
of the index (the count, then the first 1,000 quotes), ranked by relevance.
Enter opens a quote in its story.  `v` switches to the reporting-verb lens:
the same quotes counted by cue verb; Enter on a verb filters by it.  `e`
exports the list on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, Input, Static

from explorer.index.database import IndexUnusable
from explorer.index.queries import RANK_LIMIT, SEARCH_LIMIT, SearchResult
from explorer.index.search import FilterError, QuoteFilter, describe_filter, parse_query
from explorer.library import Count, LibraryIndex, QuoteHit
from explorer.tui import keys
from explorer.tui.dialogs.export_quotes import ask_and_export
from explorer.tui.quote_hits import SEARCH_COLUMNS, export_records, search_row
from explorer.tui.safe_text import plain
from explorer.tui.screens.after_stories import ReadsAgainAfterStories
from explorer.tui.widgets.hit_detail import HitDetail
from explorer.tui.widgets.key_footer import KeyFooter
from explorer.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from explorer.wording import counted

PLACEHOLDER = 'words, "a phrase", speaker: kind: outlet: from: to: review: verb: story:'
VERB_COLUMNS = (
    Column("Verb", ratio=1),
    Column("Quotes", width=8, align="right"),
    Column("Stories", width=8, align="right"),
    Column("Share", width=6, align="right"),
)
NO_LEMMA = "(no cue)"


class QuoteSearchScreen(ReadsAgainAfterStories):
    """A search box over every quote of the library, its results, and the verb lens."""

    DEFAULT_CSS = """
    QuoteSearchScreen {
        & #quote-search { margin: 0 1; }
        & #search-filters { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
        & #search-filters.-error { color: $text-error; }
        & #search-detail { height: auto; min-height: 3; max-height: 7; padding: 0 1; }
        & #search-status { height: 1; padding: 0 1; color: $text-muted; }
        & #search-verbs { display: none; }
        &.-verbs #search-verbs { display: block; }
        &.-verbs #search-results, &.-verbs #search-detail { display: none; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", id="search.focus",
                tooltip="Type words, \"phrases\" and filters: speaker: kind: outlet: from: to: review: verb: story:"),
        Binding("v", "toggle_verbs", "Verbs", id="search.verbs",
                tooltip="The reporting-verb lens: these quotes counted by cue verb (again: the quotes)"),
        Binding("e", "export", "Export", id="search.export",
                tooltip="Export the quotes found as CSV, JSON or Markdown, next to the library"),
        Binding("escape", "back", "Back", id="search.back",
                tooltip="From the box, go to the list; from the list, back to where you came from"),
        Binding("down", "focus_list", "To the list", show=False, id="search.to_list",
                tooltip="From the search box, go to the list"),
    ]

    def __init__(self, index: LibraryIndex, indexing: Callable[[], bool] = lambda: False, *, verbs: bool = False,
                 start: QuoteFilter | None = None, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.index = index
        self.indexing = indexing
        self.start_filter = start or QuoteFilter()
        self.filter = self.start_filter
        self.result = SearchResult([], 0, False)
        self.verb_counts: list[Count] = []
        self.verbs = verbs
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(describe_filter(self.start_filter), placeholder=PLACEHOLDER, id="quote-search", compact=True)
        yield Static(id="search-filters")
        yield VirtualTable(SEARCH_COLUMNS, search_row, id="search-results", classes="pane",
                           empty_text="No quote matches.")
        yield VirtualTable(VERB_COLUMNS, self._verb_row, id="search-verbs", classes="pane",
                           empty_text="No quote matches.")
        yield HitDetail(id="search-detail", classes="pane")
        yield Static(id="search-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Quotes across the library"
        self.query_one("#search-results").border_title = "Quotes"
        self.query_one("#search-verbs").border_title = "Reporting verbs"
        self.set_class(self.verbs, "-verbs")
        self.run_search()
        self.set_focus(self.query_one("#search-verbs" if self.verbs else "#quote-search"))

    def help_sections(self) -> list[keys.HelpSection]:
        """The keys of this screen, for the help screen (`?`, an app key)."""
        return [("Quote search", self.BINDINGS),
                ("In the lists", keys.list_keys("On a quote: open it in its story; on a verb: its quotes"))]

    def index_refreshed(self) -> None:
        """Back from a story saved meanwhile: the search runs again on what it saved."""
        self.run_search()

    # --- searching ---------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.query_one("#quote-search", Input).value

    @on(Input.Changed, "#quote-search")
    def _query_changed(self) -> None:
        self.run_search()

    def run_search(self) -> None:
        """Parse the box and ask the index: one count and one page of quotes (or the verb counts)."""
        try:
            self.filter = parse_query(self.query_text)
            self.error = None
        except FilterError as error:
            self.error = str(error)
            self._show_filters()
            return  # the last results stay while a filter is being typed
        try:
            if self.verbs:
                self.verb_counts = self.index.verbs(self.filter, prefix_last=True)
            else:
                self.result = self.index.search(self.filter, prefix_last=True, paged=True)
        except IndexUnusable:
            self.result, self.verb_counts = SearchResult([], 0, False), []
            self.error = "The library is not indexed yet (or its index is being rebuilt): try again in a moment."
        self._show_results()

    def _show_results(self) -> None:
        if self.verbs:
            self.query_one("#search-verbs", VirtualTable).set_rows(self.verb_counts)
        else:
            table = self.query_one("#search-results", VirtualTable)
            table.set_rows(self.result.hits)
            # Its first quote now: the layout that the detail's new height may need is then
            # the same as the list's, one paint (the table's own message would come a frame later).
            self.query_one("#search-detail", HitDetail).show(table.highlighted_row)
        self._show_filters()
        self._show_status()

    def _show_filters(self) -> None:
        line = self.query_one("#search-filters", Static)
        line.set_class(self.error is not None, "-error")
        if self.error is not None:
            text = plain(self.error)
        else:
            parts = [f"words: {self.filter.words}"] if self.filter.words else []
            described = describe_filter(self.filter)
            parts.append(f"filters: {described}" if described else "no filters")
            if not self.filter.words and not described:
                parts = ["every quote of the library (type words or filters)"]
            text = plain(" · ".join(parts))
        # One line needs no new layout; a longer text wraps onto more (a whole error at 80 columns).
        line.update(text, layout=line.size.height != 1 or text.cell_length > line.content_size.width)

    def _show_status(self) -> None:
        if self.verbs:
            total = sum(count.quotes for count in self.verb_counts)
            parts = [f"{counted(total, 'quote', 'quotes')} by {counted(len(self.verb_counts), 'verb', 'verbs')}"]
        else:
            result = self.result
            parts = [counted(result.total, "quote", "quotes")]
            if result.total:
                parts.append("best match first" if result.ranked else "newest story first")
            if not result.ranked and self.filter.words and result.total > RANK_LIMIT:
                parts.append(f"over {RANK_LIMIT:,} match: add words to rank them")
            if result.total > len(result.hits):
                parts.append(f"showing the first {min(len(result.hits), SEARCH_LIMIT):,}")
        if self.indexing():
            parts.append("the library is still indexing: some quotes are missing")
        self.query_one("#search-status", Static).update(plain(" · ".join(parts)), layout=False)

    # --- the verb lens -------------------------------------------------------------

    def _verb_row(self, count: Count) -> TableRow:
        total = sum(c.quotes for c in self.verb_counts) or 1
        return TableRow((count.label or NO_LEMMA, f"{count.quotes:,}", f"{count.stories:,}",
                         f"{100 * count.quotes / total:.0f}%"))

    def action_toggle_verbs(self) -> None:
        self.verbs = not self.verbs
        self.set_class(self.verbs, "-verbs")
        self.run_search()
        if not isinstance(self.focused, Input):
            self.action_focus_list()

    @on(VirtualTable.Selected, "#search-verbs")
    def _verb_chosen(self, message: VirtualTable.Selected) -> None:
        """Enter on a verb: its quotes, the verb added to the filters."""
        count: Count = message.row
        if not count.label:
            return
        words = " ".join(token for token in self.query_text.split() if not token.casefold().startswith("verb:"))
        self.verbs = False
        self.set_class(False, "-verbs")
        self.query_one("#quote-search", Input).value = f"{words} verb:{count.label}".strip()
        self.action_focus_list()

    # --- results -------------------------------------------------------------------

    @on(VirtualTable.Highlighted, "#search-results")
    def _hit_highlighted(self, message: VirtualTable.Highlighted) -> None:
        self.query_one("#search-detail", HitDetail).show(message.row)

    @on(VirtualTable.Selected, "#search-results")
    def _hit_chosen(self, message: VirtualTable.Selected) -> None:
        hit: QuoteHit | None = message.row
        if hit is not None:
            self.app.open_story(hit.path, quote=hit.id)

    def action_export(self) -> None:
        if self.verbs:
            self.notify("Export lists quotes: press v for the quotes first.", title="Export", severity="warning")
            return
        if self.error is not None:  # the list still shows the last good query's quotes, not this one's
            self.notify(f"The search has a mistake ({self.error}): correct it to export what it finds.",
                        title="Export", severity="warning", markup=False)
            return
        what = self.query_text.strip() or "every quote"
        ask_and_export(self.app, lambda: export_records(self.result.hits), f"Quotes: {what}", self.index.folder)

    @on(Input.Submitted, "#quote-search")
    def action_focus_list(self) -> None:
        self.set_focus(self.query_one("#search-verbs" if self.verbs else "#search-results"))

    def action_focus_search(self) -> None:
        self.set_focus(self.query_one("#quote-search", Input))

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.action_focus_list()
        else:
            self.dismiss()
