"""`?`: every key of the screen, generated from its bindings.

The table is one widget that lays its lines out for the width (key, name,
and the explanation wrapped beside them), not a grid of a hundred labels:
building those made `?` take a second.  The box scrolls with the keys of any
pane (j k, g G, PgUp PgDn) and its bottom edge says when there is more below.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget

from explorer.tui.component_style import component_style
from explorer.tui.keys import HelpSection, key_names
from explorer.tui.widgets.key_footer import KeyFooter
from explorer.tui.wrapping import wrap_offsets

#: Below this width the explanation goes under the key and name, not beside them.
SIDE_BY_SIDE = 60
_KEY_COLUMN = 14
_NAME_COLUMN = 16
CLOSE_HINT = "Escape, ? or q closes"
MORE_HINT = "▼ more below (j, PgDn, G)"


class HelpTable(Widget):
    """Section headings, then a line for each key: keys, name, explanation."""

    DEFAULT_CSS = """
    HelpTable {
        height: auto;
        & > .help-table--heading { color: $readable-accent; text-style: bold; }
        & > .help-table--key { text-style: bold; }
        & > .help-table--explanation { color: $readable-muted; }
    }
    """
    COMPONENT_CLASSES = {"help-table--heading", "help-table--key", "help-table--explanation"}

    def __init__(self, rows: Sequence[tuple[str, Sequence[tuple[str, str, str]]]]) -> None:
        """`rows`: (heading, [(keys, name, explanation), ...]) for each section."""
        super().__init__()
        self.rows = rows
        self._laid_out: tuple[int, list[Content]] = (-1, [])

    def lines(self, width: int) -> list[Content]:
        """The table laid out for `width` cells (kept until the width changes)."""
        if self._laid_out[0] == width:
            return self._laid_out[1]
        heading, key_style, explanation_style = (
            component_style(self, f"help-table--{name}") for name in ("heading", "key", "explanation"))
        side_by_side = width >= SIDE_BY_SIDE
        indent = _KEY_COLUMN + _NAME_COLUMN if side_by_side else 4
        lines: list[Content] = []
        for number, (title, entries) in enumerate(self.rows):
            if number:
                lines.append(Content(""))
            lines.append(Content(title).stylize(heading))
            for keys, name, explanation in entries:
                first = Content.assemble((keys.ljust(_KEY_COLUMN - 1), key_style), " ", name.ljust(_NAME_COLUMN))
                text_width = max(width - indent, 10)
                wrapped = [explanation[start:end] for start, end in wrap_offsets(explanation, text_width)]
                if side_by_side and first.cell_length <= indent:
                    lines.append(first + Content(wrapped[0]).stylize(explanation_style))
                    wrapped = wrapped[1:]
                else:
                    lines.append(first)
                lines.extend(Content(" " * indent + part).stylize(explanation_style) for part in wrapped)
        self._laid_out = (width, lines)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width))

    def shown_text(self) -> str:
        """Every heading and key as plain text, one key to a line (explanations unwrapped)."""
        return "\n".join(
            "\n".join([title, *(f"{keys}  {name}  {explanation}" for keys, name, explanation in entries)])
            for title, entries in self.rows
        )


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
            border-subtitle-color: $readable-foreground;
            background: $surface;
            padding: 0 1;
        }
    }
    """
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close", tooltip="Close the help"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down", tooltip="Scroll down a line"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up", tooltip="Scroll up a line"),
        Binding("pagedown,space", "page(1)", "Page down", id="help.page_down", tooltip="Scroll down a page"),
        Binding("pageup", "page(-1)", "Page up", id="help.page_up", tooltip="Scroll up a page"),
        Binding("g,home", "top", "Top", id="help.top", tooltip="Go to the top"),
        Binding("G,end", "bottom", "Bottom", id="help.bottom", tooltip="Go to the bottom"),
    ]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        rows = [(title, [(self.keys_label(b), b.description, b.tooltip) for b in bindings])
                for title, bindings in self.sections]
        with VerticalScroll(id="help", can_focus=False) as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = CLOSE_HINT
            yield HelpTable(rows)
        yield KeyFooter()

    def on_mount(self) -> None:
        scroll = self.scroller
        for change in ("scroll_y", "virtual_size", "size"):  # a scroll, the table laid out, a resize
            self.watch(scroll, change, self._hint_after_layout)

    def _hint_after_layout(self) -> None:
        # The box's new size and virtual size are set before the size of what contains it,
        # from which `max_scroll_y` is worked out: the hint waits until all three are set.
        self.call_after_refresh(self._show_more_hint)

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#help", VerticalScroll)

    def _show_more_hint(self) -> None:
        scroll = self.scroller
        more = scroll.scroll_y < scroll.max_scroll_y
        scroll.border_subtitle = f"{MORE_HINT} · {CLOSE_HINT}" if more else CLOSE_HINT

    def keys_label(self, binding: Binding) -> str:
        """All the keys of a binding as the footer shows them: "j / ↓"."""
        return " / ".join(self.app.get_key_display(binding.with_key(key)) for key in key_names(binding))

    def shown_text(self) -> str:
        """Everything the help lists, as plain text."""
        return self.query_one(HelpTable).shown_text()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.scroller.scroll_relative(y=lines, animate=False, immediate=True)

    def action_page(self, pages: int) -> None:
        scroll = self.scroller
        scroll.scroll_relative(y=pages * max(scroll.scrollable_content_region.height - 1, 1), animate=False,
                               immediate=True)

    def action_top(self) -> None:
        self.scroller.scroll_home(animate=False, immediate=True)

    def action_bottom(self) -> None:
        self.scroller.scroll_end(animate=False, immediate=True)
