"""A fresh user's pass over the quote search: a query with a mistake in it keeps the last
results on screen (so typing a filter does not blank the list), and `e` exported those
results under the mistaken query's name ("Quotes: speaker:lopez kind:quoted", every quote
of the library inside). Now it says what to correct first and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.tui.app import make_app
from explorer.tui.dialogs.export_quotes import ExportDialog
from explorer.tui.screens.story import StoryScreen
from tests.tui.conftest import Notes, settle_until
from tests.tui.test_library import text_of
from tests.tui.test_library_search import SIZE, open_search

pytestmark = pytest.mark.anyio


async def test_e_with_a_mistaken_query_says_so_and_exports_nothing(folder: Path) -> None:
    app = make_app(folder)
    notes = Notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, *"speaker:lopez kind:quoted", "escape", "e")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        assert notes.last == ("The search has a mistake (kind:quoted: a kind is one of direct, mixed, reported): "
                              "correct it to export what it finds.")
        assert not (folder / "exports").exists()
        await pilot.press("slash", "end", *["backspace"] * len(" kind:quoted"), "escape", "e", "m")
        await pilot.pause()
        exported = list((folder / "exports").iterdir())
        assert [path.name[:len("quotes-speaker-lopez-2")] for path in exported] == ["quotes-speaker-lopez-2"], exported


async def test_a_quote_rejected_in_its_story_leaves_the_search_it_was_opened_from(folder: Path) -> None:
    """f, words, Enter on the quote, x and ctrl+s in its story, Escape: the search listed
    the rejected quote still (until the library was visited again), and Enter on it opened
    a story where it is hidden."""
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot, *"contract", "enter")
        assert [hit.text for hit in screen.result.hits] == ["We will not go back without a contract."]
        await pilot.press("enter")
        await settle_until(pilot, lambda: isinstance(app.screen, StoryScreen))
        await pilot.press("3", "x", "ctrl+s")
        await settle_until(pilot, lambda: not app.screen.session.unsaved)
        await pilot.press("escape")
        await settle_until(pilot, lambda: app.screen is screen)
        await settle_until(pilot, lambda: not screen.result.hits)
        assert text_of(pilot, "#search-status") == "0 quotes"
