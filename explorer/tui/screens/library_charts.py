"""The library in charts: quotes per speaker (top 20), per outlet, over time, and by kind.

Four bar charts (textual-plotext) from four grouped queries of the index.
They are stacked and scroll with the keys of any pane; at 160 columns and
more they stand two by two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from explorer.index.database import IndexUnusable
from explorer.index.queries import TOP
from explorer.library import Count, LibraryIndex
from explorer.tui.widgets.quote_chart import QuoteChart
from explorer.wording import counted

WIDE_FROM = 160


def shares(counts: list[Count]) -> list[Count]:
    """Counts labelled with their share of the whole: "direct 62%"."""
    total = sum(count.quotes for count in counts) or 1
    return [count._replace(label=f"{count.label} {100 * count.quotes / total:.0f}%") for count in counts]


class LibraryChartsScreen(Screen):
    """Where people would rather look than read: the whole library at a glance."""

    DEFAULT_CSS = """
    LibraryChartsScreen {
        & #charts-grid { grid-size: 1; grid-gutter: 1; height: auto; }
        &.-wide #charts-grid { grid-size: 2; }
        & #chart-speakers { height: 26; }
        & #chart-outlets { height: 26; }
        & #chart-months { height: 18; }
        & #chart-kinds { height: 18; }
        & #charts-status { height: 1; padding: 0 1; color: $text-muted; }
    }
    """
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (WIDE_FROM, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="charts.back", tooltip="Back to the library"),
        Binding("j,down", "scroll(2)", "Down", show=False, id="charts.down", tooltip="Scroll down"),
        Binding("k,up", "scroll(-2)", "Up", show=False, id="charts.up", tooltip="Scroll up"),
        Binding("pagedown,space", "scroll(20)", "Page down", show=False, id="charts.page_down",
                tooltip="Scroll down a page"),
        Binding("pageup", "scroll(-20)", "Page up", show=False, id="charts.page_up", tooltip="Scroll up a page"),
        Binding("g,home", "scroll_to_end(False)", "Top", show=False, id="charts.top", tooltip="Go to the first chart"),
        Binding("G,end", "scroll_to_end(True)", "Bottom", show=False, id="charts.bottom",
                tooltip="Go to the last chart"),
    ]

    def __init__(self, index: LibraryIndex, indexing: Callable[[], bool] = lambda: False) -> None:
        super().__init__()
        self.index = index
        self.indexing = indexing

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="charts"):
            with Grid(id="charts-grid"):
                for name in ("speakers", "outlets", "months", "kinds"):
                    yield QuoteChart(id=f"chart-{name}")
        yield Static(id="charts-status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "The library in charts"
        status = self.query_one("#charts-status", Static)
        try:
            overview = self.index.overview()
        except IndexUnusable:
            status.update("The library is not indexed yet: press Escape and come back once it is.")
            return
        self.query_one("#chart-speakers", QuoteChart).show_bars(f"Quotes per speaker (top {TOP})",
                                                                 overview.speakers, horizontal=True)
        self.query_one("#chart-outlets", QuoteChart).show_bars(f"Quotes per outlet (top {TOP})", overview.outlets,
                                                                horizontal=True)
        quotes = sum(count.quotes for count in overview.kinds)
        months_title = "Quotes per month of publication"
        # A story without a date has no month: its quotes are in the total below, not in this chart.
        if undated := quotes - sum(count.quotes for count in overview.months):
            months_title += f" ({counted(undated, 'quote', 'quotes')} of undated stories left out)"
        self.query_one("#chart-months", QuoteChart).show_bars(months_title, overview.months)
        self.query_one("#chart-kinds", QuoteChart).show_bars("Quotes by kind", shares(overview.kinds), horizontal=True)
        parts = [f"{counted(quotes, 'quote', 'quotes')} in the library"]
        if self.indexing():
            parts.append("still indexing: the charts show what is indexed so far")
        status.update(" · ".join(parts))
        self.query_one("#charts").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#charts", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_scroll_to_end(self, bottom: bool) -> None:
        charts = self.query_one("#charts", VerticalScroll)
        if bottom:
            charts.scroll_end(animate=False)
        else:
            charts.scroll_home(animate=False)
