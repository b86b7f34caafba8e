"""The story screen's parts on their own: wrapping, history, look-ups."""

from __future__ import annotations

import webbrowser
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from explorer.tui.citation import citation
from explorer.tui.history import History
from explorer.tui.links import open_in_browser
from explorer.tui.stepping import next_match, next_paragraph
from explorer.tui.story_index import Match, StoryIndex
from explorer.tui.story_search import StorySearch
from explorer.tui.widgets.paragraph_view import wrap_offsets


@given(st.text(alphabet=st.sampled_from("ab  语\u00e9x-"), max_size=200), st.integers(1, 40))
def test_wrapped_lines_fit_and_keep_every_word_in_order(text: str, width: int) -> None:
    lines = wrap_offsets(text, width)
    for start, end in lines:
        assert cell_len(text[start:end]) <= max(width, 2)  # a wide character may not be cut
    assert "".join(text[s:e] for s, e in lines).replace(" ", "") == text.replace(" ", "")
    assert [s for s, _ in lines] == sorted(s for s, _ in lines)


def test_wrap_breaks_at_spaces_and_cuts_overlong_words() -> None:
    assert wrap_offsets("the quick brown fox", 10) == [(0, 9), (10, 19)]
    assert wrap_offsets("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]
    assert wrap_offsets("", 10) == [(0, 0)]


def test_history_goes_back_to_where_the_jump_left_from() -> None:
    history: History[str] = History()
    assert history.back("a") is None
    history.jump("a", "b")
    history.jump("b-moved", "c")
    assert history.back("c") == "b-moved"
    assert history.back("b-moved") == "a"
    assert history.back("a") is None
    assert history.forward("a2") == "b-moved"
    history.jump("b-moved", "d")  # drops the forward history (c)
    assert history.forward("d") is None
    assert history.back("d") == "b-moved"
    assert history.back("b-moved") == "a2"


def test_story_index_finds_spans_speakers_and_matches(tiny_story) -> None:  # noqa: ANN001
    index = StoryIndex(tiny_story)
    assert index.spans["q1"] == (12, 23)
    assert [s.id for s in index.speakers] == ["alice", "bob"]
    assert index.speaker_paragraphs == {"alice": [0], "bob": [2]}
    assert [(m.paragraph, m.start) for m in StorySearch([p.text for p in tiny_story.paragraphs]).matches("SAID")] \
        == [(0, 6), (2, 38)]
    assert index.source_paragraphs == [[2], [0, 1, 2]]
    assert index.sources_of(2) == [0, 1] and index.sources_of(0) == [1]
    assert index.source_label(0) == "¶ 3" and index.source_label(1) == "whole article"
    assert [s.id for s in index.find_speaker("alice")] == ["alice"]
    assert [s.id for s in index.find_speaker("o")] == ["bob"]


def test_a_citation_names_speaker_outlet_date_paragraph_and_url(tiny_story) -> None:  # noqa: ANN001
    story = replace(tiny_story, outlet="Daily \x1b[31mNews", published="2025-07-06", url="https://example.org/a")
    first, _, reported = story.quotes
    assert citation(story, first, 1) == "“we will win” — Alice Smith, Daily ␛[31mNews, 2025-07-06, ¶ 1, https://example.org/a"
    assert citation(story, reported, 3) == "it was late — unknown speaker (reported), Daily ␛[31mNews, 2025-07-06, ¶ 3, " \
                                           "https://example.org/a"
    assert citation(tiny_story, first, 1) == "“we will win” — Alice Smith, ¶ 1"  # no outlet, date or url


class _Background(webbrowser.BackgroundBrowser):
    def __init__(self, works: bool) -> None:
        super().__init__("firefox")
        self.works, self.opened = works, []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:  # noqa: ARG002
        self.opened.append(url)
        return self.works


def test_links_open_only_in_a_browser_beside_the_terminal(monkeypatch) -> None:  # noqa: ANN001
    """A browser that runs in the terminal (lynx) would draw over the explorer: refused."""
    monkeypatch.setattr(webbrowser, "get", lambda: webbrowser.GenericBrowser("lynx"))
    assert not open_in_browser("https://example.org")
    for works in (True, False):
        browser = _Background(works)
        monkeypatch.setattr(webbrowser, "get", lambda browser=browser: browser)
        assert open_in_browser("https://example.org") is works and browser.opened == ["https://example.org"]

    def nothing() -> None:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", nothing)
    assert not open_in_browser("https://example.org")


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 30)), min_size=1, max_size=20, unique=True),
       st.integers(0, 4), st.integers(-1, 30), st.sampled_from([1, -1]), st.booleans())
def test_a_step_goes_to_the_next_match_around_the_article(places: list[tuple[int, int]], paragraph: int,
                                                         offset: int, step: int, from_start: bool) -> None:
    """The plain rule: the first match after here (or from the paragraph's start), else the
    first of all (wrapped); back: the last match before here, else the last of all."""
    matches = [Match(p, s, s + 1) for p, s in sorted(places)]
    order = sorted(places)
    if step > 0:
        ahead = [i for i, k in enumerate(order) if (k[0] >= paragraph if from_start else k > (paragraph, offset))]
        expected = (ahead[0], False) if ahead else (0, True)
    else:
        before = [i for i, k in enumerate(order) if k < (paragraph, offset)]
        expected = (before[-1], False) if before else (len(order) - 1, True)
    assert next_match(matches, paragraph, offset, step, from_start if step > 0 else False) == expected


def test_a_step_goes_to_the_next_paragraph_around_the_article() -> None:
    assert next_paragraph([4, 5, 8], 4, 1) == (5, False)
    assert next_paragraph([4, 5, 8], 8, 1) == (4, True)
    assert next_paragraph([4, 5, 8], 16, 1) == (4, True)
    assert next_paragraph([4, 5, 8], 4, -1) == (8, True)
    assert next_paragraph([4, 5, 8], 6, -1) == (5, False)
