"""A fresh user's pass over the quote search: a query with a mistake in it keeps the last
results on screen (so typing a filter does not blank the list), and `e` exported those
results under the mistaken query's name ("Quotes: speaker:lopez kind:quoted", every quote
of the library inside). Now it says what to correct first and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.tui.app import make_app
from explorer.tui.dialogs.export_quotes import ExportDialog
from tests.tui.conftest import Notes
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
