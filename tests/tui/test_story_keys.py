"""Every key of the story screen, pressed on the seed story, and what the screen shows after it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from explorer.tui.app import make_app
from explorer.tui.screens.help import HelpScreen
from explorer.tui.screens.story import StoryScreen
from explorer.tui.widgets.paragraph_view import ParagraphView
from explorer.tui.widgets.quote_list import QuoteList
from explorer.tui.widgets.source_list import SourceList
from explorer.tui.widgets.speaker_list import SpeakerList
from tests.conftest import SEED_TRUMP_DIRECT
from tests.tui.conftest import LONDON_STORY, SEED_STORY, SMALL, WIDE, Notes, settle_until, shown_text

pytestmark = pytest.mark.anyio

TRUMP_DIRECT = set(SEED_TRUMP_DIRECT)


def story_screen(app) -> StoryScreen:  # noqa: ANN001
    assert isinstance(app.screen, StoryScreen)
    return app.screen


async def test_tab_and_number_keys_move_the_focus_between_the_four_panes() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        assert screen.focused_pane() == "paragraphs"
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(screen.focused_pane())
        assert seen == ["speakers", "quotes", "sources", "paragraphs"]
        await pilot.press("shift+tab")
        assert screen.focused_pane() == "sources"
        for key, pane in (("1", "paragraphs"), ("2", "speakers"), ("3", "quotes"), ("4", "sources")):
            await pilot.press(key)
            assert screen.focused_pane() == pane


async def test_j_k_arrows_g_and_G_move_the_paragraph_cursor() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        view = app.screen.query_one(ParagraphView)
        await pilot.press("j", "j", "down")
        assert screen.paragraph == 3
        await pilot.press("k", "up")
        assert screen.paragraph == 1
        await pilot.press("G")
        assert screen.paragraph == 16
        assert "17" in shown_text(view)  # the last paragraph scrolled into view
        assert app.screen.query_one("#status").state().plain.endswith("¶ 17/17")
        await pilot.press("g")
        assert screen.paragraph == 0
        assert shown_text(view).splitlines()[0].startswith("▌ 1 ")


async def test_the_lists_move_with_j_k_g_G_too() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press("3", "j", "j")
        assert screen.quote == "q3"
        await pilot.press("G")
        assert screen.quote == "q46"
        await pilot.press("k", "g")
        assert screen.quote == "q1"


async def test_speakers_are_most_quoted_first_with_role_and_count() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE):
        lines = shown_text(app.screen.query_one(SpeakerList)).splitlines()
        assert lines[0].startswith("● Donald Trump  13 quotes")
        assert lines[1].strip() == "U.S. President"
        assert lines[2].startswith("● Mark Rutte  11 quotes")


async def test_enter_on_trump_filters_the_quotes_to_his_and_dims_the_rest() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press("2", "enter")  # Trump is the most quoted: first in the list
        assert screen.speaker == "trump"
        quotes = app.screen.query_one(QuoteList)
        shown = [screen.index.quote_by_id[option.id] for option in quotes.options]
        assert {q.speaker for q in shown} == {"trump"}
        assert {q.text for q in shown if q.kind == "direct"} == TRUMP_DIRECT
        assert [q.id for q in shown if q.kind == "reported"] == ["q12", "q15", "q18", "q19", "q21", "q24", "q25"]
        assert "◀ filter" in shown_text(app.screen.query_one(SpeakerList)).splitlines()[0]
        assert "filter Donald Trump (5 ¶)" in app.screen.query_one("#status").state().plain
        # His paragraphs are marked with a dot, the others are dimmed.
        view = app.screen.query_one(ParagraphView)
        first_line = view.render_line(0)
        assert not any(segment.style and segment.style.color and "Patriot" in segment.text for segment in first_line)
        await pilot.press("1", "n")
        assert screen.paragraph == 4  # ¶5, his first
        assert "● " in shown_text(view).split("\n 5 ")[0] or view.render_line(0).text
        await pilot.press("n", "n")
        assert screen.paragraph == 6
        await pilot.press("p")
        assert screen.paragraph == 5
        await pilot.press("escape")
        assert screen.speaker is None
        assert len(quotes.options) == 46


async def test_f_picks_a_speaker_by_typing_part_of_a_name() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press("f")
        await pilot.press(*"rut")
        await pilot.press("enter")
        assert screen.speaker == "rutte"
        await pilot.press("f", "escape")
        assert isinstance(app.screen, StoryScreen)
        assert screen.speaker == "rutte"  # cancelling the picker keeps the filter


async def test_enter_on_ruttes_the_only_one_lands_on_paragraph_13_highlighted() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        quotes = app.screen.query_one(QuoteList)
        await pilot.press("3")
        quotes.highlighted = quotes.get_option_index("q35")
        await pilot.press("enter")
        assert screen.paragraph == 12
        assert screen.quote == "q35"
        view = app.screen.query_one(ParagraphView)
        reversed_text = "".join(
            segment.text
            for y in range(view.scrollable_content_region.height)
            for segment in view.render_line(y)
            if segment.style is not None and segment.style.reverse
        )
        assert "the only one" in reversed_text
        assert "13" in shown_text(view)


async def test_s_from_paragraph_1_selects_the_articles_own_sources() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press("s")
        assert screen.focused_pane() == "sources"
        assert screen.source_marks == {0, 1, 2}
        text = shown_text(app.screen.query_one(SourceList))
        for name in ("Ukrainska Pravda", "The Kyiv Independent", "RBC-Ukraine"):
            assert f"◆ {name} · listed" in text
        assert "◆ The New York Times" not in text
        assert "whole article" in text and "¶ 13" in text


async def test_s_from_a_quote_uses_its_paragraph_and_enter_marks_a_sources_paragraphs() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        quotes = app.screen.query_one(QuoteList)
        await pilot.press("3")
        quotes.highlighted = quotes.get_option_index("q35")
        await pilot.press("s")
        assert screen.source_marks == {0, 1, 2, 3}  # the listed ones and The New York Times
        sources = app.screen.query_one(SourceList)
        sources.highlighted = 4  # New York Post
        await pilot.press("enter")
        assert screen.marked == {9, 10, 11}
        assert "◆" in shown_text(app.screen.query_one(ParagraphView)) or screen.marked
        await pilot.press("escape")
        assert screen.marked == frozenset() and screen.source_marks == frozenset()


async def test_enter_on_a_source_shows_the_first_of_its_paragraphs() -> None:
    """Enter on a source marked its paragraphs and left the article where it was: at 80x24,
    on ¶ 1, the marks of The New York Times (¶ 3, 4) were out of sight and the key seemed to
    do nothing. The article goes to the first marked paragraph (a jump: Backspace comes back),
    and stays where it is when it is already on one of them."""
    app = make_app(LONDON_STORY)
    async with app.run_test(size=SMALL) as pilot:
        screen = story_screen(app)
        await pilot.press("4", "enter")
        assert screen.marked == {2, 3} and screen.paragraph == 2
        assert screen.focused_pane() == "sources"
        article = app.screen.query_one(ParagraphView)
        top, _ = article.paragraph_lines(2)
        assert article.scroll_y <= top < article.scroll_y + article.scrollable_content_region.height
        await pilot.press("j", "enter")  # Time magazine: ¶ 8, 9
        assert screen.marked == {7, 8} and screen.paragraph == 7
        await pilot.press("backspace")
        assert screen.paragraph == 2
        await pilot.press("1", "j", "4", "k", "enter")  # on ¶ 4, one of The New York Times's: it stays
        assert screen.marked == {2, 3} and screen.paragraph == 3


async def test_o_without_a_url_says_so() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        notes = Notes(app)
        await pilot.press("4", "o")
        assert notes.last == "Ukrainska Pravda has no url"


def story_with_a_linked_source():  # noqa: ANN201
    from explorer.model import Paragraph, Source, Story

    return Story(title="Linked", paragraphs=[Paragraph("p1", "Text.")],
                 sources=[Source("Wire", kind="listed", url="https://example.org/wire")])


@pytest.mark.parametrize("browser", [True, False], ids=["a browser", "no browser"])
async def test_o_opens_the_link_or_says_nothing_could_and_copies_it(browser: bool,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("explorer.tui.screens.story_keys.open_in_browser", lambda url: opened.append(url) or browser)
    app = make_app(story_with_a_linked_source())
    async with app.run_test(size=WIDE) as pilot:
        copied: list[str] = []
        app.copy_to_clipboard = copied.append
        notes = Notes(app)
        await pilot.press("4", "o")
        assert opened == ["https://example.org/wire"]
        if browser:
            assert notes.last == "Opening https://example.org/wire" and not copied
        else:
            assert copied == ["https://example.org/wire"]
            assert notes.last == "No browser could open it here; the link is copied: https://example.org/wire"


async def test_s_in_a_story_of_cited_sources_says_where_they_are_cited() -> None:
    app = make_app(LONDON_STORY)
    async with app.run_test(size=WIDE) as pilot:
        notes = Notes(app)
        await pilot.press("s")
        assert notes.last == "¶ 1 draws on none of the story's 2 sources: they are cited in ¶ 3, 4, 8, 9"
        assert "listed" not in notes.last


def test_a_story_without_sources_says_so(tiny_story) -> None:  # noqa: ANN001
    from dataclasses import replace

    from explorer.model import Source
    from explorer.tui.story_index import StoryIndex
    from explorer.tui.widgets.source_list import no_sources_note

    assert no_sources_note(StoryIndex(replace(tiny_story, sources=[])), 0) == "This story names no sources"
    one = replace(tiny_story, sources=[Source("Wire", kind="listed", paragraphs=["c"])])
    assert no_sources_note(StoryIndex(one), 0) == "¶ 1 draws on none of the story's one source: it is drawn on in ¶ 3"


async def test_search_patriot_finds_paragraphs_2_5_and_9_and_n_N_step() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press("slash", *"patriot", "enter")
        assert screen.search == "patriot"
        assert sorted({m.paragraph for m in screen.matches}) == [1, 4, 8]
        assert screen.paragraph == 1
        assert screen.focused_pane() == "paragraphs"
        visited = [screen.paragraph]
        for _ in range(3):
            await pilot.press("n")
            visited.append(screen.paragraph)
        assert visited == [1, 1, 4, 8]  # ¶2 holds two matches
        await pilot.press("N")
        assert screen.paragraph == 4
        assert "search “patriot” 3/4" in app.screen.query_one("#status").state().plain
        await pilot.press("escape")
        assert screen.search == "" and screen.matches == ()


async def test_enter_in_the_search_box_goes_to_the_first_match_from_the_cursor_on() -> None:
    """The help and the README said Enter "goes to the first match"; from ¶ 3 it went to the
    third of four (in ¶ 5), the first from the cursor's paragraph on, which is what a reader
    further down wants. The words now say so."""
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press("j", "j", "slash", *"patriot", "enter")
        assert screen.paragraph == 4 and screen.current_match == 2
        await pilot.press("question_mark")
        assert "Enter goes to the first match from the cursor's paragraph on" in app.screen.shown_text()


async def test_n_and_N_say_when_they_wrap_around() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        notes = Notes(app)
        await pilot.press("slash", *"patriot", "enter", "n", "n", "n")
        assert screen.current_match == 3 and not any("Wrapped" in m or "wrapped" in m for m in notes.messages)
        await pilot.press("n")
        assert screen.current_match == 0
        assert notes.last == "Search wrapped around to the first match (1/4)"
        await pilot.press("N")
        assert screen.current_match == 3 and notes.last == "Search wrapped around to the last match (4/4)"
        await pilot.press("escape", "2", "enter", "1", "G", "n")  # Trump speaks in ¶5-9: from ¶17 on
        assert screen.paragraph == 4
        assert notes.last == "Wrapped around to Donald Trump's first paragraph (¶ 5)"


async def test_notifications_leave_the_status_line_in_view() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("j")
        app.notify("A message of three lines, as long as a citation of a quote is, or longer", title="Copied",
                   timeout=60)  # a minute: a busy machine must not take the toast away first
        await pilot.pause()
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        assert any("Copied" in line for line in lines)  # the toast is up
        assert lines[-2].rstrip().endswith("¶ 2/17")  # and the status line shows under it


async def test_escape_in_the_search_box_keeps_the_old_search() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press("slash", *"drone", "enter", "slash", *"xyz", "escape")
        assert screen.search == "drone"
        assert not app.screen.query_one("#search").has_class("-visible")


@pytest.mark.parametrize("pane", ["2", "3", "4"])
async def test_escape_in_the_search_box_gives_the_focus_back_to_the_pane_it_came_from(pane: str) -> None:
    """`/` from the quotes pane, then Escape ("Close the search box, keep the old search"):
    the focus went to the article, not back to the quotes; the next j moved the article."""
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press(pane)
        before = screen.focused_pane()
        await pilot.press("slash", *"xyz", "escape")
        assert screen.focused_pane() == before != "paragraphs"


async def test_in_the_search_box_slash_is_text_and_the_footer_offers_go_and_cancel() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)

        def offered() -> set[str]:
            return {key for key, active in screen.active_bindings.items() if active.enabled and active.binding.show}

        assert "slash" in offered()
        await pilot.press("slash", "a", "slash", "b")
        assert app.screen.query_one("#search").value == "a/b"
        assert {"enter", "escape"} <= offered() and "slash" not in offered()
        await pilot.press("enter")
        assert screen.search == "a/b" and "slash" in offered()


async def test_with_a_filter_and_a_search_n_follows_the_one_set_last() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press("2", "enter")  # filter: Trump (¶5-9)
        await pilot.press("slash", *"rutte", "enter")  # search: ¶13-17
        await pilot.press("n")
        assert screen.paragraph >= 12  # the search
        await pilot.press("escape")  # clears the search first (set last)
        assert screen.search == "" and screen.speaker == "trump"
        await pilot.press("n")
        assert screen.paragraph == 4  # wraps to Trump's first paragraph


async def test_back_and_forward_return_to_where_you_were() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press("j", "j")  # ¶3, by hand: not a jump
        quotes = app.screen.query_one(QuoteList)
        await pilot.press("3")
        quotes.highlighted = quotes.get_option_index("q35")
        await pilot.press("enter")  # jump to ¶13
        assert screen.paragraph == 12
        await pilot.press("s")  # jump to the sources
        await pilot.press("backspace")
        assert (screen.paragraph, screen.focused_pane()) == (12, "quotes")
        await pilot.press("left_square_bracket")
        assert (screen.paragraph, screen.focused_pane()) == (2, "quotes")
        await pilot.press("right_square_bracket")
        assert screen.paragraph == 12
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.focused_pane() == "sources"


async def test_y_copies_the_current_quote_of_each_pane_as_a_citation() -> None:
    """The quotes pane: its highlighted quote; the paragraphs pane: the quote highlighted in
    the cursor paragraph, else its first; the speakers pane: the speaker's first quote; the
    sources pane: none, and it says so. The toast says what was copied."""
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        copied: list[str] = []
        app.copy_to_clipboard = copied.append
        notes = Notes(app)
        quotes = app.screen.query_one(QuoteList)
        await pilot.press("3")
        quotes.highlighted = quotes.get_option_index("q13")
        await pilot.press("y")
        assert copied == ["“Yeah, we might,” — Donald Trump, ¶ 5"]
        assert notes.last == copied[-1]
        await pilot.press("1", "y")  # the cursor paragraph (¶1) has no highlighted quote: its first
        assert copied[-1] == "“the best conversation in all this time.” — Volodymyr Zelensky, ¶ 1"
        await pilot.press("3")
        quotes.highlighted = quotes.get_option_index("q35")
        await pilot.press("enter", "1", "y")  # the jump highlighted Rutte's mixed quote in ¶13
        assert screen.current_quote().id == "q35"
        assert copied[-1] == "Trump was “the only one” able to break the initial stalemate and start direct " \
                             "talks with Putin — Mark Rutte, ¶ 13"
        await pilot.press("2", "y")  # Donald Trump is under the cursor: his first quote
        assert copied[-1] == "“very strategic.” — Donald Trump, ¶ 5"
        await pilot.press("4", "y")
        assert screen.current_quote() is None and len(copied) == 4
        assert notes.last == "The sources pane has no quotes: y copies from the paragraphs, speakers or quotes pane"


async def test_y_cites_outlet_and_date_and_says_when_a_paragraph_has_no_quote() -> None:
    app = make_app(LONDON_STORY)
    async with app.run_test(size=WIDE) as pilot:
        copied: list[str] = []
        app.copy_to_clipboard = copied.append
        notes = Notes(app)
        await pilot.press("y")
        assert copied == ["Republican presidential candidate Donald Trump's offer — Sadiq Khan (reported), USA Today, "
                          "2016-05-11, ¶ 1"]
        await pilot.press("j", "y")
        assert len(copied) == 1 and notes.last == "¶ 2 has no quotes"


async def test_enter_on_a_paragraph_selects_its_first_quote() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        screen = story_screen(app)
        await pilot.press("j", "j", "enter")
        assert screen.quote == "q6" and screen.focused_pane() == "quotes"


async def test_question_mark_opens_the_help_and_q_quits() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, StoryScreen)
        await pilot.press("q")
        assert app.return_code == 0 and not app.is_running


async def test_escape_with_nothing_to_clear_stays_when_there_is_no_library() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        notes = Notes(app)
        await pilot.press("escape")
        assert isinstance(app.screen, StoryScreen)
        assert notes.last == "Nothing to clear; q quits"


async def test_keys_typed_ahead_act_on_the_quote_and_source_the_panes_show() -> None:
    """"3 j j y" typed faster than the screen handles the lists' messages (as tmux sends
    them) copies the third quote, not the first; "4 j j o" looks at the third source."""
    from textual import events

    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        copied: list[str] = []
        app.copy_to_clipboard = copied.append
        notes = Notes(app)

        async def type_ahead(*keys: str, until: Callable[[], bool]) -> None:
            for key in keys:
                app.post_message(events.Key(key, key))  # all queued before any is handled
            await settle_until(pilot, until)

        await pilot.press("3")
        await type_ahead("j", "j", "y", until=lambda: bool(copied))
        third = story_screen(app).index.quotes[2]
        assert app.screen.query_one(QuoteList).highlighted == 2
        assert len(copied) == 1 and copied[0].startswith(f"{third.text}")
        await pilot.press("4")
        await type_ahead("j", "j", "o", until=lambda: "url" in notes.last)
        assert notes.last == "RBC-Ukraine has no url"
