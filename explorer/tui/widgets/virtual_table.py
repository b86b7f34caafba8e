"""A table of thousands of rows that renders only the rows on screen.

Textual's DataTable and OptionList build every row up front (DataTable: 0.6 s
for 10,000 rows), and would rebuild at every keystroke of a filter.  This is a
Line-API `ScrollView`: it holds the caller's row objects, asks a `describe`
function for the cells of a row only when that row is painted, and redraws in
constant time whatever the number of rows.  Replacing the rows (a new filter)
costs nothing but the list itself.

The first line is the column header; it stays put while the rows scroll.

Columns are fixed, flexible (they share what is left) or fitted: as wide as
their widest value, which the caller tells (`set_widest`) from its data, once
for all the rows: never by describing them.  A cell may carry an aside, drawn
dim after its value, that tells the value apart from others like it (a story's
file beside a title other stories share).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, NamedTuple

from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from explorer.tui import keys
from explorer.tui.safe_text import printable

#: Cells between two columns.
COLUMN_GAP = 1
#: What comes between a cell's value and its aside (drawn dim, as the aside).
ASIDE_SEPARATOR = " · "
#: The part of a cell an aside may take when value and aside do not both fit: most of
#: it, as the aside is what tells the row apart (its value is one that others share).
ASIDE_SHARE = 2 / 3
#: The part of the width left by the fixed columns that a fitted column may take at most.
FITTED_SHARE = 1 / 3


def fitted(text: str, width: int, align: Literal["left", "right"] = "left") -> str:
    """`text` in exactly `width` cells: cut with "…" when longer, padded when shorter."""
    length = cell_len(text)
    if length > width:
        text = set_cell_size(text, width - 1) + "…" if width > 0 else ""
        length = cell_len(text)
    padding = " " * (width - length)
    return text + padding if align == "left" else padding + text


def cut_path(path: str, width: int) -> str:
    """`path` in at most `width` cells: when longer, its first folder (when it has one, in at
    most half the width), "…", and as much of its end as fits; for what tells two paths
    apart is most often there (`wire/…-vote`, `…-corrected`)."""
    if cell_len(path) <= width:
        return path
    if width < 1:
        return ""
    folder, slash, _ = path.partition("/")
    head = set_cell_size(folder + slash, min(cell_len(folder + slash), (width - 1) // 2)) if slash else ""
    room, cells, start = width - 1 - cell_len(head), 0, len(path)
    while start and cells + get_character_cell_size(path[start - 1]) <= room:
        start -= 1
        cells += get_character_cell_size(path[start])
    return head + "…" + path[start:]


def fitted_with_aside(text: str, aside: str, width: int) -> tuple[str, str]:
    """`text` and its aside (separator first) together in at most `width` cells.  When both
    do not fit, the aside keeps up to `ASIDE_SHARE` of the width, cut as a path is
    (`cut_path`), and the text the rest, cut at its end (`fitted`); in a cell too narrow
    for both, the text alone."""
    aside = ASIDE_SEPARATOR + aside
    text_cells, aside_cells = cell_len(text), cell_len(aside)
    if text_cells + aside_cells <= width:
        return text, aside
    room = min(aside_cells, max(width - text_cells, int(width * ASIDE_SHARE)))
    if room < len(ASIDE_SEPARATOR) + 2:  # not even a character of the aside after its "…"
        return fitted(text, width), ""
    aside = ASIDE_SEPARATOR + cut_path(aside[len(ASIDE_SEPARATOR):], room - len(ASIDE_SEPARATOR))
    text = text if text_cells <= width - room else fitted(text, width - room)
    return text, aside


@dataclass(frozen=True)
class Column:
    """A column: a fixed `width` in cells, or 0 to share the width left over (by `ratio`).

    With `fit`, the column is fitted: as wide as its widest value (`VirtualTable.set_widest`;
    its label's width at least), up to `fit` cells and up to `FITTED_SHARE` of the width
    the fixed columns leave, but that share is never less than `width` (so a narrow
    table gives it `width`, as to a fixed column, and the flexible columns the rest).
    """

    label: str
    width: int = 0
    ratio: int = 1
    align: Literal["left", "right"] = "left"
    fit: int = 0


class Cell(NamedTuple):
    """A cell's `text`, and an `aside` drawn dim after it, which stays in view when the
    text is cut (see `fitted_with_aside`): what tells the text apart from others like it,
    a path or a name (cut as a path is)."""

    text: str
    aside: str = ""


@dataclass(frozen=True)
class TableRow:
    """What one row shows: its cells, and `look` "" (plain), "muted" or "error".

    A cell is shown literally, control characters made visible (see
    `safe_text.printable`), in the row's style (a `Cell`'s aside dim).  A row
    with `span` shows its one cell across every column (a message, an error).
    """

    cells: Sequence[str | Cell]
    look: Literal["", "muted", "error"] = ""
    span: bool = False


class VirtualTable(ScrollView, can_focus=True):
    """Rows of any objects, shown through `describe(row) -> TableRow`, with a cursor.

    Posts `Highlighted` when the cursor lands on a row (also after `set_rows`)
    and `Selected` on Enter or a click on the cursor row.
    """

    BINDINGS: ClassVar[list[BindingType]] = keys.PANE_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--muted",
        "virtual-table--error",
        "virtual-table--empty",
        "virtual-table--aside",
    }

    DEFAULT_CSS = """
    VirtualTable {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        & > .virtual-table--header { text-style: bold; color: $text-accent; background: $panel; }
        & > .virtual-table--cursor { background: $block-cursor-blurred-background; text-style: bold; }
        &:focus > .virtual-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .virtual-table--muted { color: $text-muted; }
        & > .virtual-table--error { color: $text-error; text-style: dim; }
        & > .virtual-table--empty { color: $text-muted; text-style: italic; }
        & > .virtual-table--aside { text-style: dim; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)
    """Index of the highlighted row (0 when there are none)."""

    class Highlighted(Message):
        """The cursor is on `row` (None when the table is empty)."""

        def __init__(self, table: VirtualTable, index: int, row: Any) -> None:
            super().__init__()
            self.table = table
            self.index = index
            self.row = row

        @property
        def control(self) -> VirtualTable:
            return self.table

    class Selected(Highlighted):
        """The user chose `row` (Enter, or a click on the highlighted row)."""

    def __init__(self, columns: Sequence[Column], describe: Callable[[Any], TableRow], *,
                 empty_text: str = "Nothing to show.", name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = tuple(columns)
        self.describe = describe
        self.empty_text = empty_text
        self._rows: Sequence[Any] = ()
        self._widest: dict[str, int] = {}

    # --- rows -----------------------------------------------------------------

    @property
    def rows(self) -> Sequence[Any]:
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def highlighted_row(self) -> Any:
        """The row under the cursor, or None."""
        return self._rows[self.cursor] if self._rows else None

    def set_rows(self, rows: Sequence[Any], cursor: int = 0) -> None:
        """Show `rows` instead.  The table keeps the sequence without copying it:
        give a new one rather than change the old one in place.

        `Highlighted` is posted only when the row under the cursor changes, so
        rows added below it (a list filling in) cost one repaint and nothing more.
        """
        previous = self.highlighted_row
        self._rows = rows
        self._update_virtual_size()
        self.refresh()
        cursor = self.validate_cursor(cursor)
        if cursor != self.cursor:
            self.cursor = cursor
        elif self.highlighted_row is not previous:
            self._scroll_to_cursor()
            self.post_message(self.Highlighted(self, cursor, self.highlighted_row))

    def set_widest(self, label: str, cells: int) -> None:
        """The widest value of the fitted column `label`, in cells: what sizes it."""
        if self._widest.get(label) != cells:
            self._widest[label] = cells
            self.refresh()

    def refresh_rows(self) -> None:
        """Repaint after the row objects changed in place (same count)."""
        self.refresh()

    def _update_virtual_size(self) -> None:
        # Only the height is virtual: the rows are cut to the width, never scrolled sideways.
        # (A width here would change with every resize, and each change lays the screen out again.)
        self.virtual_size = Size(0, len(self._rows) + 1)

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_to_cursor()

    # --- cursor ---------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old + 1)  # row i is virtual line i + 1, under the header
        self.refresh_line(new + 1)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, new, self.highlighted_row))

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        """Keep the cursor row in view, below the header line."""
        visible = self._page_rows()
        top = round(self.scroll_y)
        if self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + visible:
            top = self.cursor - visible + 1
        if top != round(self.scroll_y):
            self.scroll_to(y=top, animate=False, force=True)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self._page_rows()

    def action_page_down(self) -> None:
        self.cursor += self._page_rows()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def action_select(self) -> None:
        if self._rows:
            self.post_message(self.Selected(self, self.cursor, self.highlighted_row))

    def on_click(self, event: events.Click) -> None:
        """A click on a row selects it (a second click opens it); the border, the header
        and the scroll bar select nothing.  (The event's y counts from the widget's
        edge, border included: the content offset is what names a row.)"""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = round(self.scroll_y) + offset.y - 1
        if index >= len(self._rows):
            return
        if index == self.cursor:
            self.action_select()
        else:
            self.cursor = index

    # --- painting -------------------------------------------------------------

    def column_widths(self, width: int) -> list[int]:
        """The cell width of each column when the table is `width` cells wide."""
        fixed = sum(c.width for c in self.columns if not c.fit) + COLUMN_GAP * (len(self.columns) - 1)
        left = max(0, width - fixed)
        fitted_widths = {index: self._fitted_width(column, left)
                         for index, column in enumerate(self.columns) if column.fit}
        spare = max(0, left - sum(fitted_widths.values()))
        flexible = [index for index, column in enumerate(self.columns) if not column.width and not column.fit]
        ratios = sum(self.columns[index].ratio for index in flexible)
        widths = []
        for index, column in enumerate(self.columns):
            if index in fitted_widths:
                widths.append(fitted_widths[index])
            elif column.width:
                widths.append(column.width)
            else:
                widths.append(spare * column.ratio // ratios)
        if flexible:  # rounding leftovers go to the first flexible column
            widths[flexible[0]] += spare - sum(widths[index] for index in flexible)
        return widths

    def _fitted_width(self, column: Column, left: int) -> int:
        wanted = max(self._widest.get(column.label, 0), cell_len(column.label))
        return min(wanted, column.fit, max(column.width, int(left * FITTED_SHARE)), left)

    def _line(self, cells: Sequence[str | Cell], style: Style, width: int, span: bool = False,
              aside_style: Style | None = None) -> Strip:
        layout = [(Column(""), width)] if span else zip(self.columns, self.column_widths(width))
        segments: list[Segment] = []
        for index, ((column, cell_width), cell) in enumerate(zip(layout, cells)):
            if index:
                segments.append(Segment(" " * COLUMN_GAP, style))
            if isinstance(cell, Cell) and cell.aside:
                text, aside = fitted_with_aside(printable(cell.text), printable(cell.aside), cell_width)
                padding = Segment(" " * (cell_width - cell_len(text) - cell_len(aside)), style)
                drawn = [Segment(text, style), Segment(aside, aside_style or style)]
                segments += [padding, *drawn] if column.align == "right" else [*drawn, padding]
            else:
                text = cell.text if isinstance(cell, Cell) else cell
                segments.append(Segment(fitted(printable(text), cell_width, column.align), style))
        return Strip(segments).adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            style = self.get_visual_style("virtual-table--header").rich_style
            return self._line([c.label for c in self.columns], style, width)
        index = round(self.scroll_y) + y - 1
        if not self._rows:
            if y == 1:
                style = self.get_visual_style("virtual-table--empty").rich_style
                return self._line([self.empty_text], style, width, span=True)
            return Strip.blank(width, self.get_visual_style().rich_style)
        if index >= len(self._rows):
            return Strip.blank(width, self.get_visual_style().rich_style)
        row = self.describe(self._rows[index])
        classes = [f"virtual-table--{row.look}"] if row.look else []
        if index == self.cursor:
            classes.append("virtual-table--cursor")
        return self._line(row.cells, self.get_visual_style(*classes).rich_style, width, row.span,
                          self.get_visual_style(*classes, "virtual-table--aside").rich_style)
