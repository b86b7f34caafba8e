"""The bar chart widget: each bar is drawn on the row (or column) of its own label."""

from __future__ import annotations

import re

import pytest
from textual.app import App, ComposeResult

from explorer.index.records import Count, QuoteHit
from explorer.tui.widgets.quote_chart import QuoteChart, bars_that_fit, speaker_timeline
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


def hit(story: int, published: str | None) -> QuoteHit:
    """A quote of story `story` published on `published` (only those fields count here)."""
    return QuoteHit("", story, b"", f"Story {story}", None, published, None, 1, "p1", "q1", "", "direct",
                    "Ada Park", "s1", "said", "say", "Ada Park", None, None, None, None, None, None)


def test_a_speakers_timeline_is_a_bar_a_story_while_they_fit() -> None:
    hits = [hit(1, "2024-03-02"), hit(1, "2024-03-02"), hit(2, None), hit(3, "2023-12-31"), None]
    assert speaker_timeline(hits, 3) == ("story", [Count("2023-12-31", 1, 1), Count("2024-03-02", 2, 1),
                                                   Count("undated", 1, 1)])


def test_a_speakers_timeline_takes_months_then_years_when_the_stories_do_not_fit() -> None:
    hits = [hit(1, "2023-12-31"), hit(2, "2024-03-02"), hit(3, "2024-03-20"), hit(3, "2024-03-20"),
            hit(4, "2024-05-01"), hit(5, None)]
    assert speaker_timeline(hits, 4) == ("month", [Count("2023-12", 1, 1), Count("2024-03", 3, 2),
                                                   Count("2024-05", 1, 1), Count("undated", 1, 1)])
    assert speaker_timeline(hits, 3) == ("year", [Count("2023", 1, 1), Count("2024", 4, 3), Count("undated", 1, 1)])
    # Years are the coarsest step: shown even when they do not all fit.
    assert speaker_timeline(hits, 1)[0] == "year"


def test_bars_fit_two_columns_each_beside_the_axis() -> None:
    assert bars_that_fit(80) == 36
    assert bars_that_fit(3) == 1
