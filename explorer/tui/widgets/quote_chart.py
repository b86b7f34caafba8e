"""A bar chart of quote counts, drawn by textual-plotext in the app theme's colours.

textual-plotext (Plotext inside a Textual widget) works with Textual 8; its
"auto" theme takes the background and text colours from the app theme, and
the bars here take the theme's `$primary`, so a chart reads in dark and
light themes alike and follows a theme change.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.color import Color
from textual_plotext import PlotextPlot

from explorer.index.records import Count, QuoteHit
from explorer.tui.safe_text import printable

#: The thickness of a horizontal bar, in label steps.  Plotext fills a bar over the rows
#: its rounding gives the bar's edges, and a thick bar (0.6) often took the row of the label
#: above or below it: the second speaker's name beside the first one's bar.  A bar this thin
#: is one row, the row of its own label, at every height (measured over 3 to 20 bars and 10 to
#: 60 rows).
HORIZONTAL_BAR_WIDTH = 0.02
#: The longest bar label (a speaker's or an outlet's name) before it is clipped.
LABEL_WIDTH = 24
#: The label of the stories without a publication date.
UNDATED = "undated"


def clipped(label: str, width: int = LABEL_WIDTH) -> str:
    text = printable(" ".join(label.split())) or "–"
    return text if len(text) <= width else text[: width - 1] + "…"


def quotes_per_story(hits: Sequence[QuoteHit | None]) -> list[Count]:
    """A speaker's quotes counted per story, oldest story first (undated ones last):
    each bar is a story, labelled with its date.  (A quote gone from the index, None, is not counted.)"""
    counts: dict[int, list] = {}
    for hit in hits:
        if hit is None:
            continue
        entry = counts.setdefault(hit.story_id, [hit.published or "", hit.story_title, 0])
        entry[2] += 1
    ordered = sorted(counts.values(), key=lambda item: (item[0] == "", item[0], item[1]))
    return [Count(published[:10] or UNDATED, quotes, 1) for published, _title, quotes in ordered]


#: Columns a vertical bar needs with the gap beside it; more bars than fit merge into one block.
COLUMNS_PER_BAR = 2
#: Columns of a vertical chart that are not bars: the count axis, its ticks and the frame.
AXIS_COLUMNS = 8
#: The coarser steps over time, and how much of an ISO date names each: "2024-03", "2024".
COARSER_STEPS = (("month", 7), ("year", 4))


def bars_that_fit(width: int) -> int:
    """How many vertical bars a chart `width` columns wide shows apart (at least one)."""
    return max(1, (width - AXIS_COLUMNS) // COLUMNS_PER_BAR)


def speaker_timeline(hits: Sequence[QuoteHit | None], most: int) -> tuple[str, list[Count]]:
    """A speaker's quotes over time in at most `most` bars where it can be: a bar a story
    when their stories fit, else a bar a month of publication, else a year (undated stories
    last, in one bar); with the step taken, "story", "month" or "year", for the title.

    A speaker quoted in hundreds of stories gave hundreds of one-column bars, which merged
    into a solid block; a month's bar counts the quotes of its stories together."""
    counts = quotes_per_story(hits)
    if len(counts) <= most:
        return "story", counts
    for step, width in COARSER_STEPS:
        grouped: dict[str, Count] = {}
        for count in counts:  # oldest first, undated last: so are the groups
            label = count.label if count.label == UNDATED else count.label[:width]
            before = grouped.get(label, Count(label, 0, 0))
            grouped[label] = Count(label, before.quotes + count.quotes, before.stories + count.stories)
        if len(grouped) <= most:
            break
    return step, list(grouped.values())  # by year even when the years do not all fit


def count_ticks(largest: int, most: int = 5) -> list[int]:
    """Whole-number ticks from 0 to at least `largest`, at a round step (1, 2, 5, 10, 20 ...)."""
    step = 1
    while largest / step > most - 1:
        for factor in (2, 2.5, 2):  # 1 -> 2 -> 5 -> 10 -> 20 -> 50 ...
            step = int(step * factor)
            if largest / step <= most - 1:
                break
    top = -(-largest // step) * step
    return list(range(0, top + 1, step))


class QuoteChart(PlotextPlot):
    """Bars of `Count`s: horizontal (names, the largest on top) or vertical (over time)."""

    DEFAULT_CSS = """
    QuoteChart { height: 1fr; min-height: 8; }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.title = ""
        self.counts: list[Count] = []
        self.horizontal = False

    def on_mount(self) -> None:
        # (PlotextPlot's own on_mount runs too: Textual calls the handler of every class.)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._draw())

    def show_bars(self, title: str, counts: Sequence[Count], *, horizontal: bool = False) -> None:
        """Draw `counts` as bars (their `quotes`), under `title`."""
        self.title, self.counts, self.horizontal = title, list(counts), horizontal
        self._draw()

    def _bar_colour(self) -> tuple[int, int, int]:
        colour = Color.parse(self.app.theme_variables.get("primary", "ansi_blue"))
        return colour.r, colour.g, colour.b

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(printable(self.title))
        if not self.counts:
            self.refresh()
            return
        counts = list(reversed(self.counts)) if self.horizontal else self.counts
        labels = [clipped(count.label) for count in counts]
        plt.bar(labels, [count.quotes for count in counts], orientation="horizontal" if self.horizontal else "vertical",
                color=self._bar_colour(), width=HORIZONTAL_BAR_WIDTH if self.horizontal else 0.8)
        ticks = count_ticks(max(count.quotes for count in counts))
        (plt.xticks if self.horizontal else plt.yticks)(ticks, [f"{tick:,}" for tick in ticks])
        self.refresh()
