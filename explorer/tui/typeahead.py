"""Keys typed ahead of what the key before them did.

Textual hands each key press to the widget that has the focus when the key arrives; a
key that widget does not use comes back up, a queue at a time, to the app, which then
runs the binding it finds along the focus chain of that moment.  In a burst of keys (a
paste, a fast typist, `tmux send-keys`) every key arrives before the first one's action
has run: `/` opens the search box, `f` the speaker picker, `3` focuses the quotes — but
the keys typed after it already wait in the old widget's queue, and would be taken by
the bindings of whatever the focus chain is when they come back (`p` steps back, `r`
jumps in the review queue ...) instead of going into the box that was opened for them.

`KeysFollowFocus` counts the actions the keys run.  A key that comes back unused after
an action has run since it arrived was typed ahead of that action: it is held, with any
others like it, and pressed again, in order, once the screen has refreshed — when the
action's screen and focus are in place.  Keys typed one at a time never wait.
"""

from __future__ import annotations

from textual import events

#: Keys remembered at most (those a widget used never come back to the app).
_REMEMBERED = 256


class KeysFollowFocus:
    """Mixed into the App (first among its bases)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._actions_run = 0
        self._actions_when_arrived: dict[int, int] = {}
        self._held: list[events.Key] = []

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not self._screen_stack:  # type: ignore[attr-defined]
            return  # a key replayed while the app closes: there is nothing left to press it on
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held:  # behind the keys already held, in the order they were typed
                self._held.append(event)
                return
            if len(self._actions_when_arrived) >= _REMEMBERED:
                del self._actions_when_arrived[next(iter(self._actions_when_arrived))]
            self._actions_when_arrived[id(event)] = self._actions_run
        await super().on_event(event)  # type: ignore[misc]

    def on_key(self, event: events.Key) -> None:
        """A key back unused: hold it if an action ran since it arrived, else let the
        bindings have it (and count the action it may run)."""
        arrived = self._actions_when_arrived.pop(id(event), None)
        if arrived is not None and self._actions_run > arrived:
            event.prevent_default()
            self._held.append(event)
            if len(self._held) == 1:
                self.call_after_refresh(self._press_held)  # type: ignore[attr-defined]
            return
        self._actions_run += 1

    def _press_held(self) -> None:
        """Press the held keys again, in order, as if they arrived now."""
        held, self._held = self._held, []
        for key in held:
            self.post_message(events.Key(key.key, key.character))  # type: ignore[attr-defined]
