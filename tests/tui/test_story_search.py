"""The story's search as the reader types: the same matches as a fresh search, and a
cost per key that does not grow with what is already typed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.tui.app import make_app
from explorer.tui.story_search import StorySearch
from tests.tui.conftest import SEED_STORY, SMALL, WIDE

pytestmark = pytest.mark.anyio


def fresh(texts: list[str], query: str) -> list[tuple[int, int, int]]:
    """The plain rule: re.finditer, case-insensitive, in each paragraph in turn."""
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    return [(p, m.start(), m.end()) for p, text in enumerate(texts) for m in pattern.finditer(text)]


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(st.text("aAbB ßſK", max_size=25), min_size=1, max_size=4),
       edits=st.lists(st.one_of(st.text("aAbkK ", min_size=1, max_size=3).map(lambda t: ("type", t)),
                                st.integers(1, 3).map(lambda n: ("back", n)),
                                st.text("ab", max_size=4).map(lambda t: ("set", t))), max_size=12))
def test_the_search_answers_as_a_fresh_search_after_any_edits(texts: list[str], edits: list) -> None:
    search, query = StorySearch(texts), ""
    for kind, value in edits:
        query = query + value if kind == "type" else query[:-value] if kind == "back" else value
        assert [(m.paragraph, m.start, m.end) for m in search.matches(query)] == fresh(texts, query), query


def test_overlapping_occurrences_are_kept_for_a_longer_query() -> None:
    """"aa" in "aaab" is found at 0 only, yet "aab" starts at 1: the places kept are all of them."""
    search = StorySearch(["aaab"])
    assert [(m.start, m.end) for m in search.matches("aa")] == [(0, 2)]
    assert [(m.start, m.end) for m in search.matches("aab")] == [(1, 4)]


async def test_typing_a_long_query_searches_the_article_once_and_checks_fewer_places_each_key(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each key after the first checks only the places the query had one key before, for the
    characters added: no pattern as long as the query, no new scan of the article (before,
    typing 5 KB took 25 s, each key slower than the last)."""
    scans: list[str] = []
    compiled: list[int] = []
    original_scan, original_compile = StorySearch._scan, re.compile

    def scan(self: StorySearch, query: str) -> list[tuple[int, int]]:
        scans.append(query)
        return original_scan(self, query)

    def compile_(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(len(pattern))
        return original_compile(pattern, flags)

    monkeypatch.setattr(StorySearch, "_scan", scan)
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        await pilot.press("slash")
        monkeypatch.setattr("explorer.tui.story_search.re.compile", compile_)
        typed = "patriot systems " * 2
        places = []
        for key in typed:
            await pilot.press("space" if key == " " else key)
            places.append(len(screen.searcher.places(screen.search)))
        monkeypatch.setattr("explorer.tui.story_search.re.compile", original_compile)
        assert screen.search == typed
        assert scans == ["p"]  # the first key; every other one extends the answer before it
        assert max(compiled[1:]) <= len(re.escape(" "))  # the added key only, whatever the length typed
        assert places == sorted(places, reverse=True)  # each key checks no more than the one before
        assert screen.matches == ()
        await pilot.press(*["backspace"] * (len(typed) - len("patriot")))
        assert screen.search == "patriot" and len(screen.matches) == 4 and scans == ["p"]


@pytest.mark.parametrize("submit", [False, True])
async def test_at_80_columns_the_status_line_keeps_the_paragraph_number(submit: bool) -> None:
    """With edits unsaved, a speaker filter and a search, the status line's state was wider
    than 80 columns and lost its end: "¶ n/N", the one place that says where the cursor is.
    The filtered name and the query give way (cut with "…") before the position does."""
    from explorer.tui.widgets.status_line import StatusLine

    app = make_app(SEED_STORY)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3", "a", "f", *"volodymyr", "enter", "slash", *"Patriot missiles to Ukraine")
        if submit:
            await pilot.press("enter")
        await pilot.pause()
        status = app.screen.query_one(StatusLine)
        line = status.render().plain
        assert len(line) <= 80
        assert re.search(r"¶ \d+/17 $", line), line
        assert "unsaved" in line and "checked 1/46" in line and "filter Vo" in line and "search “Pa" in line
