"""The story screen's parts on their own: wrapping, history, speaker colours, look-ups."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from explorer.tui.history import History
from explorer.tui.speaker_colours import HUES, MIN_CONTRAST, contrast_ratio, opaque_background, speaker_colour
from explorer.tui.story_index import UNKNOWN_SPEAKER, StoryIndex
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


@pytest.mark.parametrize("theme", sorted(BUILTIN_THEMES))
def test_speaker_colours_are_legible_and_distinct_on_every_theme(theme: str) -> None:
    spec = BUILTIN_THEMES[theme]
    background = opaque_background(Color.parse(spec.background or ("#000000" if spec.dark else "#ffffff")),
                                   spec.dark)
    colours = [speaker_colour(rank, background) for rank in range(len(HUES))]
    for colour in colours:
        assert contrast_ratio(colour, background) >= MIN_CONTRAST - 0.3, (theme, colour)
    assert len({c.hex for c in colours}) == len(HUES)


def test_story_index_finds_spans_speakers_and_matches(tiny_story) -> None:  # noqa: ANN001
    index = StoryIndex(tiny_story)
    assert index.spans["q1"] == (12, 23)
    assert [s.id for s in index.speakers] == ["alice", "bob"]
    assert index.speaker_paragraphs == {"alice": [0], "bob": [2], UNKNOWN_SPEAKER: [2]}
    assert [(m.paragraph, m.start) for m in index.search("SAID")] == [(0, 6), (2, 38)]
    assert index.source_paragraphs == [[2], [0, 1, 2]]
    assert index.sources_of(2) == [0, 1] and index.sources_of(0) == [1]
    assert index.source_label(0) == "¶ 3" and index.source_label(1) == "whole article"
    assert [s.id for s in index.find_speaker("alice")] == ["alice"]
    assert [s.id for s in index.find_speaker("o")] == ["bob"]
