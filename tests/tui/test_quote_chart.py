"""The bar chart widget: each bar is drawn on the row (or column) of its own label."""

from __future__ import annotations

import re

import pytest
from textual.app import App, ComposeResult

from explorer.index.records import Count
from explorer.tui.widgets.quote_chart import QuoteChart
from tests.hostile.test_explorer_hostile import screen_lines

pytestmark = pytest.mark.anyio

#: A library's top speakers as they come (most quoted first): ties, and one far ahead.
QUOTES = [21, 11, 9, 9, 9, 7, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]


class OneChart(App):
    def compose(self) -> ComposeResult:
        yield QuoteChart()


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (150, 45), (120, 40)])
async def test_each_horizontal_bar_stands_on_its_label_s_row(size: tuple[int, int]) -> None:
    """Plotext draws a bar of some thickness over the rows its rounding gives it, which
    were often not its label's (the second speaker's label beside the first one's bar);
    every labelled row must show its own count, in proportion to the longest."""
    app = OneChart()
    counts = [Count(f"Speaker {number}", quotes, 1) for number, quotes in enumerate(QUOTES)]
    async with app.run_test(size=size) as pilot:
        app.query_one(QuoteChart).show_bars("Quotes per speaker", counts, horizontal=True)
        await pilot.pause()
        bars = {}
        for line in screen_lines(app):
            found = re.match(r"\s*Speaker (\d+)\s*┤([^│]*)", line)
            if found:
                bars[int(found.group(1))] = len(found.group(2).rstrip())
    assert len(bars) >= min(len(QUOTES), size[1] // 3)  # (a small chart shows only some labels)
    longest = bars[0]
    for number, length in bars.items():
        assert abs(length - QUOTES[number] / QUOTES[0] * longest) <= 1.5, (number, length, bars)
