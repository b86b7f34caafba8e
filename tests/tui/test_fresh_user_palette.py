"""A fresh user's pass: the command palette lists what can be done now. The word
selection's actions (Add quote, Cancel, Left, ...) were listed on the story screen when
no words were selected, and choosing one did nothing and said nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette

from explorer.tui.app import make_app
from explorer.tui.dialogs.speaker_picker import SpeakerPicker
from tests.tui.conftest import SMALL, settle_until
from tests.tui.review_support import annotated_copy, review_screen


def listed(app) -> list[str]:  # noqa: ANN001 - the app
    """The titles of the palette's commands, as it lists them now."""
    options = app.screen.query_one("CommandList").options
    return [str(option.prompt).split("\n")[0] for option in options]


async def palette_lists(pilot, query: str) -> list[str]:  # noqa: ANN001 - a Pilot
    """Open the palette, type `query`, and return what it lists once it has searched."""
    await pilot.press("ctrl+p")
    await settle_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await pilot.press(*query)
    await settle_until(pilot, lambda: bool(listed(pilot.app)))
    for _ in range(20):  # the palette searches in the background: let it finish
        await pilot.pause()
    return listed(pilot.app)


pytestmark = pytest.mark.anyio


async def test_the_selection_actions_are_in_the_palette_only_while_selecting(tmp_path: Path) -> None:
    app = make_app(annotated_copy(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        assert "Add quote" not in await palette_lists(pilot, "add quote")
        await pilot.press("ctrl+u", *"confirm")
        await settle_until(pilot, lambda: "Confirm" in listed(app))
        await pilot.press("escape", "v")
        await settle_until(pilot, lambda: review_screen(app).selection is not None)
        assert "Add quote" in await palette_lists(pilot, "add quote")
        await pilot.press("ctrl+u", *"confirm")
        for _ in range(20):  # the palette searches in the background: let it finish
            await pilot.pause()
        assert "Confirm" not in listed(app)  # only the selection's keys apply while selecting
        await pilot.press("ctrl+u", *"add quote")
        await settle_until(pilot, lambda: "Add quote" in listed(app))
        await pilot.press("enter")  # chosen from the palette, it adds the quote as its key does
        await settle_until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        await settle_until(pilot, lambda: isinstance(app.screen, SpeakerPicker))
