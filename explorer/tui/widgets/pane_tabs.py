"""At narrow widths only one side pane shows: this line names all three and
marks the one shown (keys 2 3 4 or Tab switch; a click works too)."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from explorer.tui.component_style import component_style

#: (pane id, label) of the side panes in order.
SIDE_PANES: tuple[tuple[str, str], ...] = (("speakers", "2 Speakers"), ("quotes", "3 Quotes"), ("sources", "4 Sources"))
_GAP = "   "


class PaneTabs(Widget):
    """A one-line tab strip for the side panes."""

    DEFAULT_CSS = """
    PaneTabs {
        height: 1;
        padding: 0 1;
        & > .pane-tabs--current { color: $readable-accent; text-style: bold underline; }
        & > .pane-tabs--other { color: $readable-muted; }
    }
    """
    COMPONENT_CLASSES = {"pane-tabs--current", "pane-tabs--other"}

    current: reactive[str] = reactive("speakers")

    class Chosen(Message):
        """A click on a tab."""

        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for position, (pane, label) in enumerate(SIDE_PANES):
            if position:
                parts.append(_GAP)
            style = "pane-tabs--current" if pane == self.current else "pane-tabs--other"
            parts.append((label, component_style(self, style)))
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        x = 0
        for pane, label in SIDE_PANES:
            if x <= event.x - 1 < x + len(label):
                self.post_message(self.Chosen(pane))
            x += len(label) + len(_GAP)
