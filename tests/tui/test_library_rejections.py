"""Rejected quotes on the library's screens: the Quotes and Checked columns, the speakers
across stories and the story screen agree with each other and with the quote search, a
rejected quote counted nowhere (tests/index/test_rejected_quotes.py has the index's side)."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.tui.app import make_app
from explorer.tui.screens.library import LibraryScreen
from explorer.tui.screens.story import StoryScreen
from tests.index.library_with_rejections import REVIEWED_TITLE, make_library_with_rejections
from tests.tui.review_support import status
from tests.tui.test_library import WIDE_SIZE, open_speakers, settle, table_lines, text_of

pytestmark = pytest.mark.anyio


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_library_with_rejections(tmp_path / "library")


async def test_the_library_row_and_the_story_screen_count_the_same_quotes(folder: Path) -> None:
    """The reviewed story: 5 quotes in the file, 2 rejected; 1 confirmed, 1 corrected. The
    library says 3 quotes, 2/3 checked, and so does the story's status line; rejecting the
    last one there and saving makes it 2 quotes, all checked, on both screens."""
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await settle(pilot)
        row = table_lines(pilot)[-1]
        assert row.startswith(REVIEWED_TITLE) and row.split()[-3:] == ["2", "3", "2/3"]
        assert text_of(pilot, "#library-status") == "5 stories · checked 2/11 quotes · 1 broken"
        await pilot.press("G", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StoryScreen)
        assert status(pilot.app).startswith("checked 2/3")
        await pilot.press("3", "G", "x")
        assert status(pilot.app).startswith("● unsaved │ checked 2/2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot, refreshes=2)
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert table_lines(pilot)[-1].split()[-3:] == ["2", "2", "2/2"]


async def test_the_speakers_across_stories_count_and_list_no_rejected_quote(folder: Path) -> None:
    """Maria Lopez: 6 quotes in 3 stories (one of hers rejected); Ghost Writer, whose only
    quote was rejected, is quoted in no story, and named in one."""
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await open_speakers(pilot)
        speakers = table_lines(pilot, "#speakers-table")[1:]
        assert speakers[0].split() == ["Maria", "Lopez", "3", "6"]
        assert speakers[-1].split() == ["Ghost", "Writer", "0", "0"]
        assert "Maria Lopez: 6 quotes in 3 stories, newest story first" in text_of(pilot, "#speakers-status")
        quotes = table_lines(pilot, "#speaker-quotes-table")[1:]
        assert len(quotes) == 6 and not any("the council was to blame" in line for line in quotes)
