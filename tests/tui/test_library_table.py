"""VirtualTable, the library's list: only visible rows are described, keys move the cursor,
fitted columns take their widest value, an aside stays in view."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from rich.cells import cell_len

from explorer.tui.widgets.virtual_table import Cell, Column, TableRow, VirtualTable, cut_path, fitted_with_aside
from tests.tui.conftest import shown_lines

pytestmark = pytest.mark.anyio
ROWS = 100_000
COLUMNS = (Column("Name", ratio=2), Column("Number", width=8, align="right"), Column("Note", ratio=1))


class TableApp(App[None]):
    """One table over `ROWS` numbers, counting how many rows it asks to be described."""

    def __init__(self) -> None:
        super().__init__()
        self.described: list[int] = []
        self.selected: list[int] = []
        self.highlighted: list[object] = []

    def describe(self, number: int) -> TableRow:
        if not isinstance(number, int):  # a test's own row objects
            return TableRow(("an object",))
        self.described.append(number)
        if number == 3:
            return TableRow(("\x1b[31mred\x1b[0m [b]not bold[/b]", "3", ""))
        if number == 5:
            return TableRow(("an error that runs across every column of the row",), look="error", span=True)
        if number == 7:
            return TableRow((Cell("row 7 has a long name", "wire/row-7"), "7", "note"))
        return TableRow((f"row {number}", f"{number:,}", "note"), look="muted" if number % 2 else "")

    def compose(self) -> ComposeResult:
        yield VirtualTable(COLUMNS, self.describe)

    def on_mount(self) -> None:
        table = self.query_one(VirtualTable)
        table.set_rows(range(ROWS))
        table.focus()

    def on_virtual_table_selected(self, message: VirtualTable.Selected) -> None:
        self.selected.append(message.row)

    def on_virtual_table_highlighted(self, message: VirtualTable.Highlighted) -> None:
        if not isinstance(message, VirtualTable.Selected):
            self.highlighted.append(message.row)


async def test_only_the_rows_on_screen_are_described() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        assert set(app.described) <= set(range(11))  # 12 lines: the header and 11 rows
        lines = shown_lines(app.query_one(VirtualTable))
        assert lines[0].split() == ["Name", "Number", "Note"]
        assert lines[1].split() == ["row", "0", "0", "note"]


async def test_keys_move_the_cursor_and_the_view_follows() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.press("G")
        assert table.cursor == ROWS - 1
        assert shown_lines(table)[-1].split()[:2] == ["row", str(ROWS - 1)]
        app.described.clear()
        await pilot.press("pageup")
        assert table.cursor == ROWS - 1 - 11  # a page: the 11 rows under the header
        await pilot.press("g", "j", "j", "k")
        assert table.cursor == 1
        assert shown_lines(table)[1].split()[:2] == ["row", "0"]
        await pilot.press("pagedown", "enter")
        assert app.selected == [12]
        assert len(set(app.described)) < 60  # a few screens' worth, never the 100,000


async def test_story_text_is_shown_literally_and_an_error_spans_the_row() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        lines = shown_lines(app.query_one(VirtualTable))
        assert lines[4].startswith("␛[31mred␛[0m [b]not bold[/b]")
        assert lines[6].rstrip() == "an error that runs across every column of the row"


async def test_a_click_moves_the_cursor_and_a_second_click_selects() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.click(VirtualTable, offset=(2, 3))
        assert table.cursor == 2
        await pilot.click(VirtualTable, offset=(2, 3))
        assert app.selected == [2]
        await pilot.click(VirtualTable, offset=(2, 0))  # the header: nothing
        assert (table.cursor, app.selected) == (2, [2])


async def test_columns_share_the_width_left_by_fixed_ones() -> None:
    table = VirtualTable(COLUMNS, lambda row: TableRow(()))
    assert table.column_widths(60) == [34, 8, 16]  # 60 - 8 - 2 gaps = 50: 2 parts to 1, rounding to the first
    assert sum(table.column_widths(60)) + 2 == 60
    assert table.column_widths(5) == [0, 8, 0]


def test_a_fitted_column_takes_its_widest_value_up_to_a_third_and_its_cap() -> None:
    table = VirtualTable((Column("Name", ratio=1), Column("Place", width=10, fit=20), Column("N", width=3)),
                         lambda row: TableRow(()))
    assert table.column_widths(60) == [50, 5, 3]  # nothing told yet: its label's width
    table.set_widest("Place", 14)
    assert table.column_widths(60) == [41, 14, 3]  # 60 - 3 - 2 gaps = 55 left: 14 of them
    table.set_widest("Place", 30)
    assert table.column_widths(60) == [37, 18, 3]  # a third of the 55
    assert table.column_widths(120) == [95, 20, 3]  # its cap
    assert table.column_widths(30) == [15, 10, 3]  # narrow: its `width`, as a fixed column


def test_an_aside_keeps_most_of_a_cell_too_narrow_for_both_and_a_path_keeps_both_ends() -> None:
    assert fitted_with_aside("A title", "file", 30) == ("A title", " · file")
    assert fitted_with_aside("A rather long title", "wire/the-file", 24) == ("A rathe…", " · wire/the-file")
    assert fitted_with_aside("A rather long title", "wire/the-file", 15) == ("A ra…", " · wir…ile")
    assert fitted_with_aside("A rather long title", "wire/the-file", 5) == ("A ra…", "")  # no room: the text
    assert cut_path("wire/bridge-vote", 16) == "wire/bridge-vote"
    assert cut_path("wire/bridge-vote", 11) == "wire/…-vote"
    assert cut_path("bridge-vote-corrected", 11) == "…-corrected"
    assert cut_path("a/b", 0) == ""
    assert all(cell_len(cut_path("世界/新闻报道.yaml", width)) <= width for width in range(20))


async def test_an_aside_is_drawn_dim_after_its_text() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        strip = app.query_one(VirtualTable).render_line(8)  # row 7, under the header
        assert strip.text.startswith("row 7 has a long n… · wire/row-7 ")
        assert "".join(segment.text for segment in strip if segment.style and segment.style.dim) == " · wire/row-7"



async def test_highlighted_is_posted_only_when_the_row_under_the_cursor_changes() -> None:
    app = TableApp()
    first, second, third = object(), object(), object()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(VirtualTable)
        table.set_rows([first, second])
        await pilot.pause()
        app.highlighted.clear()
        table.set_rows([first, second, third], table.cursor)  # a row added below the cursor
        await pilot.pause()
        assert app.highlighted == []
        table.set_rows([third, first])  # another row under the cursor
        table.set_rows([])
        await pilot.pause()
        assert app.highlighted == [third, None]
