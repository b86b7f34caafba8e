"""The footer: the keys that apply now, as many as the width holds.

Textual's `Footer` shows every binding marked `show`, always, and cuts
what does not fit.  This one asks its screen which keys apply now (a screen
with an `offers(binding)` method: the story screen's follows
`keys.APPLIES`), and when they do not all fit it leaves out first the keys
`keys.FOOTER_RANK` ranks lowest (a screen's own unranked keys from the last),
keeping the order of the rest.  It is one
line of text, so a change of state repaints it without building widgets.
A click on a key presses it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from explorer.tui.component_style import component_style
from explorer.tui.keys import FOOTER_RANK, key_names

_GAP = "  "
#: The key that opens the command palette (shown last, when there is room).
_PALETTE_ACTION = "command_palette"
_UNNAMED_CHARACTERS = {"slash": "/"}


def footer_rank(binding: Binding) -> int:
    """Where `binding` stands in `FOOTER_RANK`: lower is kept longer; unranked keys last."""
    try:
        return FOOTER_RANK.index(binding.id or "")
    except ValueError:
        return len(FOOTER_RANK)


def _typed(binding: Binding) -> bool:
    """Whether every key of `binding` is a character that a text box takes as typed text."""
    # (Textual names "/" "slash", a name its key_to_character does not know.)
    characters = [key_to_character(key) or _UNNAMED_CHARACTERS.get(key) for key in key_names(binding)]
    return all(character is not None and character.isprintable() for character in characters)


class KeyFooter(Widget):
    """One line at the bottom of a screen: key and name of each key that applies."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $readable-footer-description;
        & > .key-footer--key { color: $readable-footer-key; text-style: bold; }
    }
    """
    COMPONENT_CLASSES = {"key-footer--key"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._placed: list[tuple[int, int, str]] = []  # (first cell, end cell, key) of each item drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen) -> None:
        self.refresh()

    def offered(self) -> list[Binding]:
        """The keys that apply now, in the screen's order, one per action."""
        screen = self.screen
        offers: Callable[[Binding], bool] = getattr(screen, "offers", lambda _binding: True)
        typing = isinstance(screen.focused, Input)
        found: dict[str, Binding] = {}
        palette: Binding | None = None
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.action == _PALETTE_ACTION and self.app.ENABLE_COMMAND_PALETTE:
                palette = binding
            elif typing and not binding.priority and _typed(binding):
                continue  # in a text box a character is typed into it ("/" is a slash there)
            elif active.enabled and binding.show and binding.action not in found and offers(binding):
                found[binding.action] = binding
        return [*found.values(), *([palette] if palette else [])]

    def label(self, binding: Binding) -> tuple[str, str]:
        """(key, name) as the footer shows them: "⏎", "Go to ¶"."""
        return self.app.get_key_display(binding.with_key(key_names(binding)[0])), binding.description

    def fitted(self, width: int) -> list[Binding]:
        """The offered keys that fit in `width` cells, the lowest ranked left out first."""
        offered = self.offered()
        cells = {id(b): len(_GAP) + sum(Content(part).cell_length for part in self.label(b)) + 1 for b in offered}
        kept = set(map(id, offered))
        total = 1 - len(_GAP) + sum(cells.values())
        # Lowest ranked first; among keys of one rank (a screen's own keys, unranked) the
        # last of the screen's order goes first, so its first keys stay longest.
        ranked = sorted(range(len(offered)), key=lambda position: (footer_rank(offered[position]), position))
        for binding in (offered[position] for position in reversed(ranked)):
            if total <= width:
                break
            kept.discard(id(binding))
            total -= cells[id(binding)]
        return [binding for binding in offered if id(binding) in kept]

    def render(self) -> Content:
        key_style = component_style(self, "key-footer--key")
        parts: list[Content | str | tuple[str, object]] = [" "]
        placed: list[tuple[int, int, str]] = []
        x = 1
        for position, binding in enumerate(self.fitted(self.size.width)):
            if position:
                parts.append(_GAP)
                x += len(_GAP)
            key, name = self.label(binding)
            item = Content.assemble((key, key_style), " ", name)
            placed.append((x, x + item.cell_length, key_names(binding)[0]))
            parts.append(item)
            x += item.cell_length
        self._placed = placed
        return Content.assemble(*parts)

    def on_resize(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._placed:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
