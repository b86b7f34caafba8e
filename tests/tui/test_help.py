"""`?`: the help screen lists every key of the story screen, from the bindings themselves."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from explorer.tui import keys
from explorer.tui.app import make_app
from explorer.tui.screens.help import HelpScreen
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
