"""`?`: the help screen lists every key of the story screen, from the bindings themselves."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from explorer.tui import keys
from explorer.tui.app import make_app
from explorer.tui.screens.help import CLOSE_HINT, MORE_HINT, HelpScreen
from explorer.tui.screens.library import LibraryScreen
from explorer.tui.screens.speaker_quotes import SpeakerQuotesScreen
from explorer.tui.screens.story import StoryScreen
from tests.tui.conftest import SEED_STORY, SMALL, WIDE

pytestmark = pytest.mark.anyio


async def test_help_lists_every_binding_with_its_keys_and_explanation() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.shown_text()
        every = keys.STORY_BINDINGS + keys.PANE_BINDINGS + keys.SEARCH_BINDINGS + keys.APP_BINDINGS
        for binding in every:
            assert help_screen.keys_label(binding) in table
            assert binding.description in table and binding.tooltip in table
        assert "j / ↓" in table and "⌫ / [" in table and "^p" in table
        assert "n follows the one you set last" in table  # the n-with-both rule is documented


@pytest.mark.parametrize("close", ["escape", "question_mark", "q"])
async def test_help_scrolls_with_j_k_and_closes(close: str) -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        scroll = app.screen.query_one("#help", VerticalScroll)
        await pilot.press("j", "j", "down")
        assert scroll.scroll_y == 3
        await pilot.press("k", "up")
        assert scroll.scroll_y == 1
        await pilot.press(close)
        assert isinstance(app.screen, StoryScreen) and app.is_running


@pytest.mark.parametrize(("keys_before", "screen_type", "heading", "key_tooltip"), [
    ((), LibraryScreen, "Library", "Open the story under the cursor (a broken one shows its error)"),
    (("s",), SpeakerQuotesScreen, "Speakers across stories", "Move between the filter, the speakers and their quotes"),
])
async def test_every_screen_has_its_help(keys_before: tuple[str, ...], screen_type: type, heading: str,
                                         key_tooltip: str) -> None:
    """`?` is an app key: the library and the speakers-across-stories screens list their own keys."""
    app = make_app(SEED_STORY.parent)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*keys_before)
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.shown_text()
        assert heading in table and key_tooltip in table
        for binding in screen_type.BINDINGS + keys.APP_BINDINGS:
            assert binding.tooltip in table
        assert "a speaker filters by them" not in table  # Enter as the story's panes explain it
        await pilot.press("escape")
        assert isinstance(app.screen, screen_type)


async def test_the_annotated_story_help_lists_ctrl_s() -> None:
    from explorer.tui.screens.annotating import AnnotatedStoryScreen
    from explorer.storyfile import load_story

    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        app.push_screen(AnnotatedStoryScreen(load_story(SEED_STORY), None, can_leave=True))
        await pilot.pause()
        await pilot.press("question_mark")
        table = app.screen.shown_text()
        assert "Annotated story" in table and "^s" in table and "Save the annotated story" in table
        assert "Next pane" in table  # the story screen's keys follow


async def test_g_G_and_the_page_keys_scroll_the_help_and_its_edge_says_when_there_is_more() -> None:
    """At 80x24 the help is taller than its box: the bottom edge says "more below" until the end."""
    app = make_app(SEED_STORY)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        scroll = app.screen.query_one("#help", VerticalScroll)
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == 0
        assert str(scroll.border_subtitle).startswith(MORE_HINT)
        await pilot.press("pagedown")
        page = scroll.scrollable_content_region.height - 1
        assert scroll.scroll_y == min(page, scroll.max_scroll_y)
        await pilot.press("G")
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.pause()
        assert scroll.border_subtitle == CLOSE_HINT  # the end: no more below
        assert "Search box" in "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        await pilot.press("pageup")
        assert scroll.scroll_y == max(scroll.max_scroll_y - page, 0)
        await pilot.press("g")
        assert scroll.scroll_y == 0
        await pilot.pause()
        assert str(scroll.border_subtitle).startswith(MORE_HINT)


async def test_the_help_wraps_explanations_beside_their_keys() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        row = next(line for line in lines if "Next pane" in line)
        assert "tab" in row and "Focus the next pane" in row
        # A long explanation goes on under itself, not under the keys.
        start = next(i for i, line in enumerate(lines) if "Next search match" in line)
        column = lines[start].index("Next search match")
        assert lines[start + 1][column - 1] == " " and lines[start + 1][column] != " "


async def test_a_help_that_fits_its_box_does_not_say_there_is_more_below() -> None:
    """The charts' help is short: at 80x24 it fits, and the bottom edge says only how to close
    it. (The hint was worked out while the box's container still had no size, and stayed.)"""
    from tests.tui.test_library import settle

    app = make_app(SEED_STORY.parent)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        scroll = app.screen.query_one("#help", VerticalScroll)
        assert scroll.max_scroll_y == 0
        assert scroll.border_subtitle == CLOSE_HINT
        await pilot.press("j")
        assert scroll.scroll_y == 0 and scroll.border_subtitle == CLOSE_HINT
