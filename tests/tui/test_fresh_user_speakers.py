"""A fresh user's pass over the speakers across stories: under a filter the status line
counts the speakers listed ("1 of 4 speakers"), as the library's does its stories; it
said "4 speakers" over a list of one, or of none."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.tui.app import make_app
from explorer.tui.screens.story import StoryScreen
from tests.tui.conftest import settle_until
from tests.tui.test_library import SIZE, open_speakers, text_of

pytestmark = pytest.mark.anyio


async def test_the_speakers_status_counts_the_speakers_the_filter_lists(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await open_speakers(pilot)
        assert text_of(pilot, "#speakers-status").startswith("4 speakers · ")
        await pilot.press("slash", *"TOM")
        await settle_until(pilot, lambda: "Tom Becker" in text_of(pilot, "#speakers-status"))
        assert text_of(pilot, "#speakers-status").startswith("1 of 4 speakers · Tom Becker: ")
        await pilot.press("z")
        await settle_until(pilot, lambda: "Tom Becker" not in text_of(pilot, "#speakers-status"))
        assert text_of(pilot, "#speakers-status") == "0 of 4 speakers"
        await pilot.press("escape")
        await settle_until(pilot, lambda: text_of(pilot, "#speakers-status").startswith("4 speakers · "))


async def test_a_quote_rejected_in_its_story_leaves_the_speakers_list(folder: Path) -> None:
    """s, the filter "TOM", Tab to his quotes, Enter, x and ctrl+s in the story, Escape: his
    count and his quotes were as before (until the library was visited again); now they
    are read again, the filter and the speaker kept."""
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_speakers(pilot)
        screen = app.screen
        await pilot.press("slash", *"TOM", "enter")
        await settle_until(pilot, lambda: "Tom Becker: 2 quotes in 2 stories" in text_of(pilot, "#speakers-status"))
        await pilot.press("enter")  # to his quotes
        await pilot.press("enter")  # the first opens in its story
        await settle_until(pilot, lambda: isinstance(app.screen, StoryScreen))
        await pilot.press("3", "x", "ctrl+s")
        await settle_until(pilot, lambda: not app.screen.session.unsaved)
        await pilot.press("escape")
        await settle_until(pilot, lambda: app.screen is screen)
        await settle_until(pilot, lambda: "Tom Becker: 1 quote in 1 story" in text_of(pilot, "#speakers-status"))
        assert text_of(pilot, "#speakers-status").startswith("1 of 4 speakers · ")
        assert len(screen.quotes) == 1
