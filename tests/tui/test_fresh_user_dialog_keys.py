"""A fresh user's pass: the footer under a question names the keys that answer it, as
it does under the export dialog and the speaker picker, so q with unsaved edits does
not show only "esc Cancel" while s, d and c answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.storyfile import load_story
from explorer.tui.app import make_app
from explorer.tui.dialogs.choice import ChoiceDialog
from tests.tui.conftest import SMALL
from tests.tui.review_support import annotated_copy, quote_of
from tests.tui.test_story_footer import footer, items

pytestmark = pytest.mark.anyio


async def test_the_unsaved_question_footer_names_save_discard_and_cancel(tmp_path: Path) -> None:
    story_path = annotated_copy(tmp_path)
    app = make_app(story_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3", "a", "q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert items(app) == ["s Save", "d Discard", "c Cancel", "esc Cancel"]
        bottom = app.screen._compositor.render_strips()[-1].text  # what the last line shows
        assert bottom.rstrip() == footer(app).rstrip()
        await pilot.click(offset=(footer(app).index("s Save") + 1, SMALL[1] - 1))  # a click on a key presses it
        await pilot.pause()
        assert not app.is_running
    assert quote_of(load_story(story_path), "q1").review == "confirmed"


async def test_the_kind_question_footer_names_direct_mixed_and_reported(tmp_path: Path) -> None:
    app = make_app(annotated_copy(tmp_path))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3", "K")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert items(app)[:3] == ["d direct", "m mixed", "r reported"]
