"""The story screen's footer offers the keys that apply now, as many as fit, and
the help screen and the speaker picker show their own keys there."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from explorer.tui import keys
from explorer.tui.app import make_app
from explorer.tui.screens.help import HelpScreen
from explorer.tui.widgets.key_footer import KeyFooter
from tests.tui.conftest import SEED_STORY, SMALL, WIDE, Notes

pytestmark = pytest.mark.anyio


def footer(app) -> str:  # noqa: ANN001
    """The footer line as the screen shows it."""
    return app.screen.query_one(KeyFooter).render().plain


def items(app) -> list[str]:  # noqa: ANN001
    """The footer's items ("⏎ Its quotes", "q Quit", ...)."""
    return [item.strip() for item in footer(app).split("  ") if item.strip()]


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "150x45"])
async def test_each_pane_offers_its_own_keys(size: tuple[int, int]) -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=size) as pilot:
        shown = {}
        for pane in "1234":
            await pilot.press(pane)
            shown[pane] = items(app)
        assert shown["1"][0] == "⏎ Its quotes" and "y Copy" in shown["1"] and "s Sources" in shown["1"]
        assert shown["2"][0] == "⏎ Their quotes"
        assert shown["3"][0] == "⏎ Go to ¶"
        assert shown["4"][0] == "⏎ Mark ¶s" and "o Open url" in shown["4"]
        assert "y Copy" not in shown["4"] and "s Sources" not in shown["4"]  # no quote, already there
        for pane, offered in shown.items():
            assert {"? Help", "q Quit", "f Filter", "/ Search"} <= set(offered), pane
            assert not {"n Next", "N Previous", "esc Clear"} & set(offered), pane  # nothing set yet
            if pane != "4":
                assert "o Open url" not in offered


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "150x45"])
@pytest.mark.parametrize("set_it", [["slash", *"drone", "enter"], ["2", "enter", "1"]], ids=["search", "filter"])
async def test_n_p_and_escape_are_offered_while_a_search_or_a_filter_is_set(size: tuple[int, int],
                                                                             set_it: list[str]) -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*set_it)
        offered = items(app)
        assert {"n Next", "N Previous", "esc Clear", "? Help", "q Quit"} <= set(offered)
        assert len(footer(app)) <= size[0]
        await pilot.press("escape")
        assert not {"n Next", "N Previous", "esc Clear"} & set(items(app))


async def test_at_80_columns_the_most_useful_keys_fit_and_the_wide_footer_shows_more() -> None:
    """With a search set at 80x24 the footer drops ⌫ Back and the palette before n, N, Escape,
    Enter, ? and q; at 150 columns they are all there."""
    for size, expected in ((SMALL, ["⏎ Its quotes", "f Filter", "/ Search", "n Next", "N Previous",
                                    "esc Clear", "? Help", "q Quit"]),
                           (WIDE, ["⏎ Its quotes", "f Filter", "/ Search", "n Next", "N Previous", "s Sources",
                                   "y Copy", "⌫ Back", "esc Clear", "? Help", "q Quit", "^p Palette"])):
        app = make_app(SEED_STORY)
        async with app.run_test(size=size) as pilot:
            await pilot.press("slash", *"patriot", "enter")
            assert items(app) == expected, size
            assert len(footer(app)) <= size[0]


def test_every_ranked_footer_key_exists_and_every_rule_names_a_real_state() -> None:
    """The tables name real bindings, and each state is a property of the story screen."""
    from explorer.tui.screens.story import StoryScreen

    every = [*keys.STORY_BINDINGS, *keys.PANE_BINDINGS, *keys.PANE_ENTER.values(), *keys.APP_BINDINGS,
             *keys.SEARCH_BINDINGS]
    ids = {binding.id for binding in every} | {"annotated.save"}
    assert set(keys.APPLIES) <= ids
    assert set(keys.FOOTER_RANK) <= ids
    for rule in keys.APPLIES.values():
        assert not rule.state or isinstance(getattr(StoryScreen, rule.state), property), rule.state


async def test_keys_not_offered_still_say_why_they_do_nothing() -> None:
    app = make_app(SEED_STORY)
    notes = Notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")
        assert notes.last == "n and p step through a search (/) or a speaker filter (f)"
        await pilot.press("o")
        assert notes.last == "o opens the link of the source selected in the sources pane (4)"


async def test_a_click_on_a_footer_key_presses_it() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        bar = app.screen.query_one(KeyFooter)
        x = footer(app).index("? Help")
        await pilot.click(KeyFooter, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert bar.screen is not app.screen


@pytest.mark.parametrize(("open_keys", "expected"), [
    (["question_mark"], ["esc Close", "pgdn Page down", "pgup Page up", "g Top", "G Bottom"]),
    (["f"], ["↑ Up", "↓ Down", "⏎ Filter", "esc Cancel"]),
])
async def test_under_the_help_and_the_picker_the_footer_shows_their_keys(open_keys: list[str],
                                                                         expected: list[str]) -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*open_keys)
        await pilot.pause()
        assert items(app) == expected
        bottom = app.screen._compositor.render_strips()[-1].text  # what the last line shows
        assert bottom.rstrip() == footer(app).rstrip()


def test_a_binding_without_a_rule_always_applies() -> None:
    from explorer.tui.screens.story import StoryScreen

    assert StoryScreen.offers(object.__new__(StoryScreen), Binding("z", "nothing", "Nothing", id="no.rule"))
