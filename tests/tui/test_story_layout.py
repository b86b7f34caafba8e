"""The story screen at 80x24 and wide; the command palette on it."""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandInput, CommandPalette

from explorer.tui.app import make_app
from explorer.tui.screens.story import StoryScreen
from explorer.tui.widgets.pane_tabs import PaneTabs
from tests.tui.conftest import LONDON_STORY, SEED_STORY, SMALL, WIDE

pytestmark = pytest.mark.anyio


async def test_at_80x24_the_side_panes_stack_under_the_article_one_at_a_time() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert screen.has_class("-narrow")
        article = screen.query_one("#paragraphs")
        speakers, quotes = screen.query_one("#speakers"), screen.query_one("#quotes")
        assert article.region.width == 80 and article.region.y == 0
        assert speakers.display and not quotes.display
        assert speakers.region.y > article.region.bottom - 1
        assert screen.query_one(PaneTabs).display
        await pilot.press("3")
        assert quotes.display and not speakers.display and screen.focused is quotes
        await pilot.press("tab")
        assert screen.query_one("#sources").display and screen.focused_pane() == "sources"
        await pilot.press("tab")
        assert screen.focused_pane() == "paragraphs"


@pytest.mark.parametrize("keys", [("4", "f", "t", "r", "u", "enter"), ("2", "enter")])
async def test_at_80x24_a_speaker_filter_brings_up_the_filtered_quotes(keys: tuple[str, ...]) -> None:
    """From the sources (f) or the speakers (Enter on Trump): the one side pane shown is the quotes."""
    app = make_app(SEED_STORY)
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        await pilot.press(*keys)
        quotes = screen.query_one("#quotes")
        assert screen.speaker == "trump"
        assert quotes.display and not screen.query_one("#sources").display
        assert screen.focused is quotes
        assert quotes.border_subtitle == "13 of 46"


async def test_at_80x24_the_details_keep_the_quote_under_the_cursor_in_view() -> None:
    """`i` takes rows from the quotes pane: the quote the details are about (the cursor's)
    was left below the pane's last row, out of sight."""
    from explorer.tui.widgets.quote_list import QuoteList

    def cursor_rows_shown(pane: QuoteList) -> bool:
        top = pane._line_cache.index_to_line[pane.highlighted]
        bottom = top + pane._line_cache.heights[pane.highlighted]
        return pane.scroll_y <= top and bottom <= pane.scroll_y + pane.scrollable_content_region.height

    app = make_app(LONDON_STORY)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3", "j", "j")  # q3, the third quote: the pane scrolled by a row
        pane = app.screen.query_one(QuoteList)
        assert pane.highlighted_id() == "q3" and cursor_rows_shown(pane)
        await pilot.press("i")
        await pilot.pause()
        assert app.screen.query_one("#details").display
        assert pane.highlighted_id() == "q3" and cursor_rows_shown(pane)


async def test_wide_the_four_panes_show_side_by_side() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE):
        screen = app.screen
        assert screen.has_class("-wide")
        article = screen.query_one("#paragraphs")
        for pane in ("#speakers", "#quotes", "#sources"):
            assert screen.query_one(pane).display
            assert screen.query_one(pane).region.x >= article.region.right
        assert not screen.query_one(PaneTabs).display


async def test_the_palette_goes_to_a_speaker_a_quote_and_runs_any_action() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, StoryScreen)

        async def palette(query: str) -> None:
            await pilot.press("ctrl+p")
            assert isinstance(app.screen, CommandPalette)
            # Pasted, as one event: typed key by key, each key starts a search of every command again.
            app.screen.query_one(CommandInput).post_message(events.Paste(query))
            await pilot.pause()
            await app.screen.workers.wait_for_complete()
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()

        await palette("speaker: mark rutte")
        assert screen.speaker == "rutte"
        await palette("quote: rutte the only one")
        assert (screen.paragraph, screen.highlight) == (12, "q35")
        await palette("Clear")  # a screen action by its name (Escape's): clears the filter
        assert screen.speaker is None
