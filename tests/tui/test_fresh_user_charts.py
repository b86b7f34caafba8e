"""A fresh user's pass over the library's charts: the bundled stories hold 91 quotes, but
the chart of quotes per month of publication drew 45 of them without a word: a story
without a date has no month. Its title now says how many quotes it leaves out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.tui.app import make_app
from explorer.tui.screens.library_charts import LibraryChartsScreen
from explorer.tui.widgets.quote_chart import QuoteChart
from tests.tui.conftest import ROOT, SMALL, settle_until
from tests.tui.test_library import settle, text_of

pytestmark = pytest.mark.anyio


async def test_the_months_chart_says_how_many_quotes_of_undated_stories_it_leaves_out(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    shutil.copytree(ROOT / "stories", folder)
    async with make_app(folder).run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle_until(pilot, lambda: isinstance(pilot.app.screen, LibraryChartsScreen))
        assert text_of(pilot, "#charts-status") == "91 quotes in the library"
        months = pilot.app.screen.query_one("#chart-months", QuoteChart)
        assert sum(count.quotes for count in months.counts) == 45
        assert months.title == "Quotes per month of publication (46 quotes of undated stories left out)"


async def test_a_library_whose_stories_all_have_dates_keeps_the_plain_title(folder: Path) -> None:
    async with make_app(folder).run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle_until(pilot, lambda: isinstance(pilot.app.screen, LibraryChartsScreen))
        assert pilot.app.screen.query_one("#chart-months", QuoteChart).title == "Quotes per month of publication"
