"""Speakers across stories: pick a person, read every quote of theirs from every story.

Speakers are merged across stories by display name, ignoring case and
spacing, and listed from the index at once (the totals the refresh wrote, a
row a speaker).  A speaker's quotes come in one query when the cursor lands
on them, newest story first or by story (`o`); `c` shows their quotes per
story over time, `v` counts their quotes by reporting verb, `e` exports the
list.  Enter on a quote opens its story at that quote.

The library builds this screen once, ahead of `s`, and shows it again each
time (`start_over`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, Static

from explorer.index.database import IndexUnusable
from explorer.index.search import QuoteFilter
from explorer.library import LibraryIndex, QuoteHit, SpeakerAcross, matching
from explorer.tui import keys
from explorer.tui.dialogs.export_quotes import ask_and_export
from explorer.tui.quote_hits import STORY_QUOTE_COLUMNS, export_records, story_quote_row
from explorer.tui.safe_text import plain
from explorer.tui.screens.after_stories import ReadsAgainAfterStories
from explorer.tui.widgets.hit_detail import HitDetail
from explorer.tui.widgets.key_footer import KeyFooter
from explorer.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from explorer.wording import counted

NO_QUOTES = "No quotes."
NOT_INDEXED = "The library is not indexed yet: press Escape, wait for the indexing to finish, and come back."

SPEAKER_COLUMNS = (
    Column("Speaker", ratio=1),
    Column("Stories", width=7, align="right"),
    Column("Quotes", width=6, align="right"),
)
ORDERS = {"date": "newest story first", "story": "by story"}
#: The columns of the status line's padding (app.tcss).
STATUS_PADDING = 2


def speaker_row(speaker: SpeakerAcross) -> TableRow:
    return TableRow((speaker.name, f"{speaker.stories:,}", f"{speaker.quotes:,}"))


class SpeakerQuotesScreen(ReadsAgainAfterStories):
    """Every speaker of the library (left) and every quote of the highlighted one (right)."""

    # Focused as the screen first shows (`focus()` in `on_mount` would come a frame later,
    # after the filter box got it: two focus changes, two repaints of both).
    AUTO_FOCUS = "#speakers-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter", id="speakers.filter",
                tooltip="Filter the speakers by name"),
        Binding("o", "toggle_order", "Order", id="speakers.order",
                tooltip="List their quotes newest story first, or by story title"),
        Binding("c", "toggle_chart", "Chart", id="speakers.chart",
                tooltip="Show their number of quotes over time: a bar a story, a month or a year "
                        "(again: the quote in full)"),
        Binding("v", "verbs", "Verbs", id="speakers.verbs",
                tooltip="The reporting-verb lens for this speaker: their quotes counted by cue verb"),
        Binding("e", "export", "Export", id="speakers.export",
                tooltip="Export their quotes as CSV, JSON or Markdown, next to the library"),
        Binding("escape", "back", "Back", id="speakers.back",
                tooltip="Clear the filter, else go back to the library"),
        Binding("tab", "app.focus_next", "Next list", show=False, id="speakers.next",
                tooltip="Move between the filter, the speakers and their quotes"),
        # The tables bind the arrows themselves: this one only acts in the filter box.
        Binding("down", "focus_speakers", "To the list", show=False, id="speakers.to_list",
                tooltip="From the filter box, go to the speakers"),
    ]

    def __init__(self, index: LibraryIndex, indexing: Callable[[], bool] = lambda: False, *,
                 name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.index = index
        self.indexing = indexing
        self.speakers: Sequence[SpeakerAcross] = []
        self.usable = True
        self.partial = False
        self.quotes: Sequence[QuoteHit | None] = []
        self.order = "date"
        self._speaker: SpeakerAcross | None = None
        self._read_speakers()

    def _read_speakers(self) -> None:
        try:
            self.speakers = self.index.speakers()
            self.usable = True
        except IndexUnusable:
            self.speakers, self.usable = [], False
        self.partial = self.indexing()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="speakers-body"):
            with Vertical(id="speakers-side"):
                yield Input(placeholder="/ to filter speakers", id="speakers-filter", compact=True)
                yield VirtualTable(SPEAKER_COLUMNS, speaker_row, id="speakers-table", classes="pane",
                                   empty_text="No speakers." if self.usable else NOT_INDEXED)
            with Vertical(id="speaker-quotes-side"):
                yield VirtualTable(STORY_QUOTE_COLUMNS, story_quote_row, empty_text=NO_QUOTES,
                                   id="speaker-quotes-table", classes="pane")
                yield HitDetail(id="speaker-quote-detail", classes="pane")
        yield Static(id="speakers-status")
        yield KeyFooter()

    def help_sections(self) -> list[keys.HelpSection]:
        """The keys of this screen, for the help screen (`?`, an app key)."""
        return [("Speakers across stories", self.BINDINGS),
                ("In the lists", keys.list_keys("On a quote: open it in its story, at its paragraph"))]

    def on_mount(self) -> None:
        if not self.query("#speakers-table"):
            return  # built ahead as the app quit: its widgets were removed before they were mounted
        self.sub_title = "Speakers across stories"
        table = self.query_one("#speakers-table", VirtualTable)
        table.border_title = "Speakers"
        self.query_one("#speaker-quotes-table").border_title = "Their quotes"
        self._show_speakers()

    def _show_speakers(self) -> None:
        table = self.query_one("#speakers-table", VirtualTable)
        table.empty_text = "No speakers." if self.usable else NOT_INDEXED
        table.set_rows(self.speakers)
        # The first speaker's quotes now, not when the table's message comes back: the first
        # layout of the screen then holds them, instead of a second layout one frame later.
        self._speaker = table.highlighted_row
        self._load_quotes()

    def start_over(self, *, reread: bool = True) -> None:
        """Show the library as a new screen would (the library pushes this one screen again:
        built once, its widgets are not composed and laid out anew each time); `reread`
        False: the index has not changed since it was read, nor the screen since it was built."""
        if not self.is_mounted:  # built ahead and not composed yet: its on_mount shows what is read now
            if reread:
                self._read_speakers()
            return
        speakers_table = self.query_one("#speakers-table", VirtualTable)
        box = self.query_one("#speakers-filter", Input)
        charts = self.query("#speaker-chart")
        as_built = (self.order == "date" and not box.value and speakers_table.cursor == 0 and not charts
                    and self.query_one("#speaker-quotes-table", VirtualTable).cursor == 0)
        if reread or not as_built:
            if reread:
                self._read_speakers()
            self.order = "date"
            box.value = ""  # (its change event comes after: the same rows)
            if charts:
                charts.first().display = False
                self.query_one("#speaker-quote-detail").display = True
            self._show_speakers()
        self.set_focus(speakers_table)

    def index_refreshed(self) -> None:
        """Back from a story saved meanwhile: the speakers and their quotes read again, the
        filter, the speaker and the quote under the cursor kept."""
        speakers_table = self.query_one("#speakers-table", VirtualTable)
        key = self._speaker.key if self._speaker is not None else None
        quote_cursor = self.query_one("#speaker-quotes-table", VirtualTable).cursor
        self._read_speakers()
        rows = matching(self.speakers, self.query_one("#speakers-filter", Input).value.strip())
        speakers_table.set_rows(rows, next((i for i, row in enumerate(rows) if row.key == key), 0))
        self._speaker = speakers_table.highlighted_row
        self._load_quotes(quote_cursor if self._speaker is not None and self._speaker.key == key else 0)

    # --- speakers ----------------------------------------------------------------

    @on(Input.Changed, "#speakers-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        rows = matching(self.speakers, query)
        table = self.query_one("#speakers-table", VirtualTable)
        table.empty_text = f"No speaker matches {query!r}." if query else "No speakers."
        table.set_rows(rows)
        self._show_status()  # the count of speakers listed, even when the one highlighted stays

    @on(Input.Submitted, "#speakers-filter")
    def action_focus_speakers(self) -> None:
        self.set_focus(self.query_one("#speakers-table", VirtualTable))

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#speakers-filter", Input))  # set_focus: at once, not after keys already queued

    def action_back(self) -> None:
        search = self.query_one("#speakers-filter", Input)
        if search.value:
            search.value = ""
            self.action_focus_speakers()
        else:
            self.dismiss()

    @on(VirtualTable.Highlighted, "#speakers-table")
    def _speaker_highlighted(self, message: VirtualTable.Highlighted) -> None:
        speaker: SpeakerAcross | None = message.row
        if speaker is self._speaker:
            return
        self._speaker = speaker
        self._load_quotes()

    def _load_quotes(self, cursor: int = 0) -> None:
        """The highlighted speaker's quotes, in one query."""
        speaker = self._speaker
        try:
            self.quotes = self.index.speaker_quotes(speaker.key, by=self.order) if speaker is not None else []
        except IndexUnusable:
            self.quotes = []
            self.notify("The library index is damaged: press Escape and r to rebuild it.", severity="warning")
        table = self.query_one("#speaker-quotes-table", VirtualTable)
        table.set_rows(self.quotes, cursor)
        self.query_one("#speaker-quote-detail", HitDetail).show(table.highlighted_row)
        self._show_chart()
        self._show_status()

    @on(VirtualTable.Selected, "#speakers-table")
    def _speaker_chosen(self) -> None:
        self.set_focus(self.query_one("#speaker-quotes-table", VirtualTable))

    def action_toggle_order(self) -> None:
        self.order = "story" if self.order == "date" else "date"
        self._load_quotes()

    def action_toggle_chart(self) -> None:
        """The chart in place of the quote's detail, and back.  (Made on first use: the
        plotting library costs a tenth of a second to import.)"""
        from explorer.tui.widgets.quote_chart import QuoteChart

        charts = self.query("#speaker-chart")
        if not charts:
            self.query_one("#speaker-quotes-side").mount(QuoteChart(id="speaker-chart", classes="pane"))
            shown = True
        else:
            shown = not charts.first().display
            charts.first().display = shown
        self.query_one("#speaker-quote-detail").display = not shown
        self.call_after_refresh(self._show_chart)

    def _show_chart(self) -> None:
        charts = self.query("#speaker-chart")
        if not charts:
            return
        from explorer.tui.widgets.quote_chart import bars_that_fit, speaker_timeline

        chart = charts.first()
        if chart.display and self._speaker is None:
            chart.show_bars(self._no_speaker(), [])
        elif chart.display:
            name = self._speaker.name
            step, counts = speaker_timeline(self.quotes, bars_that_fit(chart.size.width))
            # (The stories are in the status line: a longer title ran into the count axis.)
            title = f"{name}: quotes per story, by date" if step == "story" else f"{name}: quotes per {step}"
            chart.show_bars(title, counts)

    def action_verbs(self) -> None:
        from explorer.tui.screens.quote_search import QuoteSearchScreen

        if self._speaker is None:
            self.notify(f"{self._no_speaker()}: there is nothing to count.")
            return
        self.app.push_screen(QuoteSearchScreen(self.index, self.indexing, verbs=True,
                                               start=QuoteFilter(speaker=self._speaker.name)))

    def _no_speaker(self) -> str:
        """Why no speaker is highlighted (the chart's title, the start of a key's message)."""
        if self.query_one("#speakers-filter", Input).value.strip():
            return "No speaker matches the filter"
        return "The library has no speakers" if self.usable else "The library is not indexed yet"

    def action_export(self) -> None:
        name = self._speaker.name if self._speaker is not None else "speaker"
        ask_and_export(self.app, lambda: export_records(self.quotes), f"Quotes of {name}", self.index.folder)

    # --- quotes ------------------------------------------------------------------

    @on(VirtualTable.Highlighted, "#speaker-quotes-table")
    def _quote_highlighted(self, message: VirtualTable.Highlighted) -> None:
        self.query_one("#speaker-quote-detail", HitDetail).show(message.row)

    @on(VirtualTable.Selected, "#speaker-quotes-table")
    def _quote_chosen(self, message: VirtualTable.Selected) -> None:
        quote: QuoteHit | None = message.row
        if quote is not None:
            self.app.open_story(quote.path, quote=quote.id)

    def _show_status(self) -> None:
        total = counted(len(self.speakers), "speaker", "speakers")
        listed = self.query_one("#speakers-table", VirtualTable).row_count
        parts = [f"{listed:,} of {total}" if self.query_one("#speakers-filter", Input).value.strip() else total]
        if self.partial:
            parts.append("the library is still indexing: some are missing")
        status = self.query_one("#speakers-status", Static)
        if self._speaker is not None:
            speaker = self._speaker
            quoted = f"{counted(speaker.quotes, 'quote', 'quotes')} in {counted(speaker.stories, 'story', 'stories')}"
            named = f" (named in {speaker.named_in:,})" if speaker.named_in > speaker.stories else ""
            line = f"{speaker.name}: {quoted}{named}, {ORDERS[self.order]}"
            # Where else they are named is the first thing to go.  (The line spans the screen, less
            # its padding: the screen is built ahead, before the line has a size of its own.)
            if named and self.app.size.width - STATUS_PADDING < len(" · ".join([*parts, line])):
                line = line.replace(named, "", 1)
            parts.append(line)
        status.update(plain(" · ".join(parts)), layout=False)
