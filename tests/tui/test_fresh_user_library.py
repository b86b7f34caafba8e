"""A fresh user's pass over the library: the status line under a filtered list counts the
stories listed, so its "checked n/N quotes" is of those stories too, not of the whole
library beside "3 of 4 stories"."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.tui.app import make_app
from tests.index.library_with_rejections import make_library_with_rejections
from tests.tui.conftest import settle_until
from tests.tui.test_library import WIDE_SIZE, settle, text_of

pytestmark = pytest.mark.anyio


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_library_with_rejections(tmp_path / "library")


async def test_a_filtered_list_counts_the_checked_quotes_of_its_stories(folder: Path) -> None:
    async with make_app(folder).run_test(size=WIDE_SIZE) as pilot:
        await settle(pilot)
        assert text_of(pilot, "#library-status") == "5 stories · checked 2/11 quotes · 1 broken"
        await pilot.press("slash", *"bridge opening")
        await settle_until(pilot, lambda: text_of(pilot, "#library-status").startswith("1 of"))
        assert text_of(pilot, "#library-status") == "1 of 5 stories · checked 2/3 quotes · 1 broken"
        await pilot.press("ctrl+u", *"nothing like this")
        await settle_until(pilot, lambda: text_of(pilot, "#library-status").startswith("0 of"))
        assert text_of(pilot, "#library-status") == "0 of 5 stories · 1 broken"
