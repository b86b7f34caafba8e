"""Ask for one line of text (a note on a quote): Enter keeps it, Escape cancels."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label

from explorer.tui.dialogs.dialog import Dialog
from explorer.tui.safe_text import printable
from explorer.tui.widgets.key_footer import KeyFooter


class TextPrompt(Dialog[str | None]):
    """A title, an explanation and a box holding `value`; dismisses with the text, or None."""

    DEFAULT_CSS = """
    TextPrompt {
        & > #prompt { width: 80; }
        & #prompt-title { text-style: bold; }
        & #prompt-help { color: $readable-muted; }
    }
    """

    def __init__(self, title: str, value: str = "", help_text: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.help_text = help_text
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt", classes="dialog-box"):
            yield Label(Content(printable(self.title_text)), id="prompt-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(Content(self.help_text), id="prompt-help")
        yield KeyFooter()  # the dialog's keys, over the story screen's

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
