"""`?`: every key of the screen, generated from its bindings."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from explorer.tui.keys import key_names

#: A titled group of bindings, as the help screen lists them.
HelpSection = tuple[str, Sequence[Binding]]


class HelpScreen(ModalScreen[None]):
    """The keys, section by section: keys, name, what it does (the binding's tooltip)."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > #help {
            width: 100;
            max-width: 100%;
            height: 90%;
            border: thick $primary;
            border-title-align: center;
            background: $surface;
            padding: 0 1;
        }
        & .help-heading { color: $text-accent; text-style: bold; margin-top: 1; }
        & .help-keys { grid-size: 3; grid-columns: 12 16 1fr; height: auto; }
        & .help-key { text-style: bold; }
        & .help-explanation { color: $text-muted; }
        & .help-keys > Static { height: auto; }
    }
    """
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close", tooltip="Close the help"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down", tooltip="Scroll down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up", tooltip="Scroll up"),
    ]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "Escape, ? or q closes"
            for title, bindings in self.sections:
                yield Static(Content(title), classes="help-heading")
                with Grid(classes="help-keys"):
                    for binding in bindings:
                        yield Static(Content(self.keys_label(binding)), classes="help-key")
                        yield Static(Content(binding.description), classes="help-name")
                        yield Static(Content(binding.tooltip), classes="help-explanation")

    def keys_label(self, binding: Binding) -> str:
        """All the keys of a binding as the footer shows them: "j / ↓"."""
        return " / ".join(self.app.get_key_display(binding.with_key(key)) for key in key_names(binding))

    def shown_text(self) -> str:
        """Everything the help lists, as plain text (one cell per line)."""
        return "\n".join(str(cell.content) for cell in self.query(Static))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=lines, animate=False)
