"""A fresh user's pass: while a text box has the focus, a character typed goes into it, so
the footer does not offer the keys that are characters: in the library's filter box it
said "/ Filter", in the quote search's box "/ Search" (a / typed there is a slash)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from explorer.tui.app import make_app
from tests.tui.conftest import settle_until
from tests.tui.test_library import SIZE, settle
from tests.tui.test_story_footer import items

pytestmark = pytest.mark.anyio


async def test_in_a_text_box_the_footer_offers_no_character_keys(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "/ Filter" in items(pilot.app)
        await pilot.press("slash")
        await settle_until(pilot, lambda: isinstance(pilot.app.screen.focused, Input))
        assert items(pilot.app) == ["^p Palette"]
        await pilot.press("x", "y")
        await settle_until(pilot, lambda: "esc Clear filter" in items(pilot.app))
        assert items(pilot.app) == ["esc Clear filter", "^p Palette"]
        assert pilot.app.screen.query_one("#library-filter", Input).value == "xy"
        await pilot.press("escape", "f")  # the quote search opens with its box focused
        await settle_until(pilot, lambda: isinstance(pilot.app.screen.focused, Input)
                           and pilot.app.screen.focused.id == "quote-search")
        assert items(pilot.app) == ["esc Back", "^p Palette"]
        await pilot.press("down")
        await settle_until(pilot, lambda: "/ Search" in items(pilot.app))
