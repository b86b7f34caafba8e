"""Keys typed in a burst (a paste, a fast typist, `tmux send-keys`) reach the box that the
first of them opened: the keys after `/` go into the search box, not to the pane that
had the focus when they arrived."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from explorer.tui.app import make_app
from tests.tui.conftest import ROOT, SEED_STORY, WIDE, settle_until

pytestmark = pytest.mark.anyio


def burst(app, keys: list[str]) -> None:  # noqa: ANN001
    """Post key presses the way the terminal driver does, all at once, without waiting."""
    names = {"/": "slash", "\r": "enter", " ": "space", "\x15": "ctrl+u", "\x7f": "backspace"}
    for key in keys:
        app.post_message(events.Key(names.get(key, key), key))


async def test_a_search_typed_in_one_burst_is_the_search() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        burst(app, [*"/patriot", "\r"])
        await settle_until(pilot, lambda: getattr(app.screen, "paragraph", None) == 1)
        assert app.screen.search == "patriot"
        assert app.screen.paragraph == 1  # Enter went to the first match, in ¶ 2


async def test_a_speaker_picked_in_one_burst_is_the_filter() -> None:
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        burst(app, [*"frutte", "\r"])
        await settle_until(pilot, lambda: getattr(app.screen, "speaker", None) is not None)  # the picker first
        assert app.screen.speaker == "rutte"


async def test_the_library_filter_typed_in_one_burst() -> None:
    app = make_app(ROOT / "stories")
    async with app.run_test(size=WIDE) as pilot:
        await settle_until(pilot, lambda: app.screen.query("#library-filter"))
        burst(app, [*"/mayor"])
        await settle_until(pilot, lambda: app.screen.query_one("#library-filter", Input).value == "mayor")
        assert app.screen.query_one("#library-filter", Input).value == "mayor"


async def test_a_box_s_own_key_in_a_burst_acts_before_the_letters_after_it() -> None:
    """ctrl+u (the box's own binding: delete to the start) and backspace come back to the
    app's bindings a queue at a time, while the letters after them go straight into the box;
    the letters wait for them, so the box ends as typed: emptied, then the new words."""
    app = make_app(ROOT / "stories")
    async with app.run_test(size=WIDE) as pilot:
        await settle_until(pilot, lambda: app.screen.query("#library-filter"))
        box = app.screen.query_one("#library-filter", Input)
        burst(app, [*"/mayor"])
        await settle_until(pilot, lambda: box.value == "mayor")
        burst(app, ["\x15", *"city", "\x7f", "\x7f", *"ouncil"])
        await settle_until(pilot, lambda: box.value.endswith("ouncil"))
        assert box.value == "ciouncil"


async def test_a_key_pressed_again_after_the_screens_are_gone_is_dropped() -> None:
    """Keys held for after a refresh can come back while the app closes (seen on a busy
    machine: a burst still waiting when the app quit), when it has no screens left;
    they are dropped, not a ScreenStackError."""
    app = make_app(SEED_STORY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        stack = app._screen_stack
        screens = list(stack)
        stack.clear()  # as at the end of App._close_all
        try:
            await app.on_event(events.Key("j", "j"))
        finally:
            stack.extend(screens)


async def test_keys_behind_a_key_a_widget_used_go_on_without_waiting_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key that is not a character and that the focused widget uses itself never comes back
    to the app; the keys behind it go on when the marker sent after it arrives (the time limit
    for a key whose way back was cut is set out of reach here, so only the marker can free them)."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widget import Widget

    from explorer.tui import typeahead

    monkeypatch.setattr(typeahead, "_WAIT_AT_MOST", 3600)

    class TakesCtrlX(Widget, can_focus=True):
        taken = 0

        def on_key(self, event: events.Key) -> None:
            if event.key == "ctrl+x":
                event.stop()
                TakesCtrlX.taken += 1

    class Keys(typeahead.KeysFollowFocus, App):
        BINDINGS = [Binding("a", "note('a')")]
        noted: list[str] = []

        def compose(self) -> ComposeResult:
            yield TakesCtrlX()

        def action_note(self, what: str) -> None:
            self.noted.append(what)

    app = Keys()
    async with app.run_test() as pilot:
        app.query_one(TakesCtrlX).focus()
        await pilot.pause()
        app.post_message(events.Key("ctrl+x", "\x18"))
        app.post_message(events.Key("a", "a"))
        await settle_until(pilot, lambda: app.noted == ["a"])
        assert TakesCtrlX.taken == 1
