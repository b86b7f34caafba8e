"""Keys typed ahead of what the key before them did.

Textual hands each key press to the widget that has the focus when the key arrives; a
key that widget does not use comes back up, a queue at a time, to the app, which then
runs the binding it finds along the focus chain of that moment.  In a burst of keys (a
paste, a fast typist, `tmux send-keys`) every key arrives before the first one's action
has run: `/` opens the search box, `f` the speaker picker, `3` focuses the quotes — but
the keys typed after it already wait in the old widget's queue, and would be taken by
the bindings of whatever the focus chain is when they come back (`p` steps back, `r`
jumps in the review queue ...) instead of going into the box that was opened for them.
The other way round, in a text box a key bound by the box itself (ctrl+u, backspace) is
still on its way back to the bindings when the letters typed after it are already in the
box: ctrl+u would delete them.

`KeysFollowFocus` keeps the keys in the order they were typed:
- a key that comes back unused after an action has run since it arrived was typed ahead
  of that action: it is held;
- a key that arrives while a key that is not a character is on its way back to the
  bindings is held too, until that key has come back (or is known to have been used by
  the widget: a marker sent behind it reaches the app);
- held keys are pressed again, in the order they arrived, once the screen has refreshed —
  when the action's screen and focus are in place.
Keys typed one at a time never wait.
"""

from __future__ import annotations

from itertools import count

from textual import events
from textual.message import Message

#: Keys remembered at most (those a widget used never come back to the app).
_REMEMBERED = 256
#: Seconds after which keys stop waiting for a key whose way back was cut (its widget
#: removed on the way): they go on as if it had come back.
_WAIT_AT_MOST = 0.5


class KeyPassed(Message):
    """Sent to a key's widget right behind it: when it reaches the app, the key has either
    come back to the app before it or been used on the way (the widget stopped it)."""

    def __init__(self, key_id: int) -> None:
        super().__init__()
        self.key_id = key_id


class KeysFollowFocus:
    """Mixed into the App (first among its bases)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._actions_run = 0
        self._arrivals = count()
        #: For each key on its way: (when it arrived, the actions run by then).
        self._keys_out: dict[int, tuple[int, int]] = {}
        self._held: list[tuple[int, events.Key]] = []
        self._binding_key_out: int | None = None
        self._release_pending = False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not self._screen_stack:  # type: ignore[attr-defined]
            return  # a key replayed while the app closes: there is nothing left to press it on
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)  # type: ignore[misc]
            return
        arrived = next(self._arrivals)
        if self._held or self._binding_key_out is not None:  # behind the keys already waiting
            self._held.append((arrived, event))
            return
        if len(self._keys_out) >= _REMEMBERED:
            del self._keys_out[next(iter(self._keys_out))]
        self._keys_out[id(event)] = (arrived, self._actions_run)
        target = self.focused or self.screen  # type: ignore[attr-defined]
        await super().on_event(event)  # type: ignore[misc]
        if event.is_forwarded and not event.is_printable:  # not a priority binding's, nor text
            self._binding_key_out = id(event)
            if not target.post_message(KeyPassed(id(event))):
                self._key_back(id(event))
            else:
                self.set_timer(_WAIT_AT_MOST, lambda: self._key_back(id(event)))  # type: ignore[attr-defined]

    def on_key(self, event: events.Key) -> None:
        """A key back unused: hold it if an action ran since it arrived, else let the
        bindings have it (and count the action it may run)."""
        self._key_back(id(event))
        arrival = self._keys_out.pop(id(event), None)
        if arrival is not None and self._actions_run > arrival[1]:
            event.prevent_default()
            self._held.append((arrival[0], event))
            self._release_after_refresh()
            return
        self._actions_run += 1

    def on_key_passed(self, message: KeyPassed) -> None:
        message.stop()
        self._key_back(message.key_id)  # if it is still out, the widget used it: it is not coming back

    def _key_back(self, key_id: int) -> None:
        """The key the others wait for is back (or will not come): they may go on."""
        if key_id == self._binding_key_out:
            self._binding_key_out = None
            self._release_after_refresh()

    def _release_after_refresh(self) -> None:
        if self._held and self._binding_key_out is None and not self._release_pending:
            self._release_pending = True
            self.call_after_refresh(self._press_held)  # type: ignore[attr-defined]

    def _press_held(self) -> None:
        """Press the held keys again, in the order they arrived, as if they arrived now."""
        self._release_pending = False
        held, self._held = sorted(self._held, key=lambda pair: pair[0]), []
        for _, key in held:
            self.post_message(events.Key(key.key, key.character))  # type: ignore[attr-defined]
