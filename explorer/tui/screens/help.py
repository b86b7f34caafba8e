"""`?`: every key of the screen, generated from its bindings."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
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
            yield Static(self.key_table(), id="help-table")

    def keys_label(self, binding: Binding) -> str:
        """All the keys of a binding as the footer shows them: "j / ↓"."""
        return " / ".join(self.app.get_key_display(binding.with_key(key)) for key in key_names(binding))

    def key_table(self) -> Content:
        """The sections as aligned text: a heading, then key, name and explanation per line."""
        rows = [(title, [(self.keys_label(b), b.description, b.tooltip) for b in bindings])
                for title, bindings in self.sections]
        key_width = max((len(keys) for _, lines in rows for keys, _, _ in lines), default=0) + 2
        name_width = max((len(name) for _, lines in rows for _, name, _ in lines), default=0) + 2
        parts: list[str | tuple[str, str]] = []
        for title, lines in rows:
            parts.append((f"\n{title}\n", "bold $text-accent"))
            for keys, name, explanation in lines:
                parts += [(keys.ljust(key_width), "bold"), name.ljust(name_width), (explanation + "\n", "$text-muted")]
        return Content.assemble(*parts)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=lines, animate=False)
