"""What the explorer's small dialogs share: a box in the middle of the screen, over the
screen it was opened from, and Escape to close it without changing anything."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """A modal box (its outermost container has the class `dialog-box`); Escape dismisses
    it with None.  Subclasses set the box's width in their own CSS."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        & > .dialog-box {
            max-width: 95%;
            height: auto;
            max-height: 90%;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close, change nothing")]

    def action_cancel(self) -> None:
        self.dismiss(None)
