"""A fresh user's pass: `--quote ID` of a quote a reviewer rejected opened the story at its
paragraph with nothing highlighted and nothing said (rejected quotes are hidden); now it
says that the quote was rejected and that X shows it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from explorer.model import Story
from explorer.storyfile import dump_story
from explorer.tui.app import make_app
from tests.tui.conftest import SMALL, Notes, settle_until

pytestmark = pytest.mark.anyio


async def test_quote_of_a_rejected_quote_says_it_was_rejected(tmp_path: Path, tiny_story: Story) -> None:
    quotes = [replace(q, review="rejected") if q.id == "q2" else q for q in tiny_story.quotes]
    path = tmp_path / "tiny.yaml"
    path.write_text(dump_story(replace(tiny_story, quotes=quotes)), encoding="utf-8")
    app = make_app(path, quote="q2")
    notes = Notes(app)
    async with app.run_test(size=SMALL) as pilot:
        await settle_until(pilot, lambda: bool(notes.messages))
        assert notes.last == "--quote q2 was rejected: X shows rejected quotes"
        assert app.screen.paragraph == 2
