"""`e`: export the quote list on screen as CSV, JSON or Markdown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from explorer.export import FORMATS, export_quotes
from explorer.files import shown_path
from explorer.tui.widgets.key_footer import KeyFooter
from explorer.wording import counted


class ExportDialog(ModalScreen[str | None]):
    """Pick a format: dismisses with "csv", "json" or "md", or None."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
        & > #export {
            width: 50;
            max-width: 90%;
            height: auto;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
        & #export-formats { height: auto; border: none; }
    }
    """
    BINDINGS = [
        Binding("c", "choose('csv')", "CSV", id="export.csv", tooltip="Export as CSV (a spreadsheet)"),
        Binding("j", "choose('json')", "JSON", id="export.json", tooltip="Export as JSON (every field)"),
        Binding("m", "choose('md')", "Markdown", id="export.md", tooltip="Export as Markdown: a cited list to paste"),
        Binding("escape", "choose('')", "Cancel", id="export.cancel", tooltip="Close without exporting"),
    ]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Label(f"Export {self.what} as", markup=False)
            yield OptionList(*(Option(f"{name}  ({key[0]})", id=key) for key, name in FORMATS.items()),
                             id="export-formats", markup=False)
        yield KeyFooter()  # the dialog's keys, over the list's

    def action_choose(self, form: str) -> None:
        self.dismiss(form or None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def ask_and_export(app: App, records: Callable[[], Sequence[dict[str, object]]], title: str, near: Path) -> None:
    """Ask for a format, write the export next to the library (`near`), and say where
    it went (or why it could not be written)."""
    rows = records()
    if not rows:
        app.notify("There are no quotes to export.", title="Export", severity="warning")
        return

    def write(form: str | None) -> None:
        if form is None:
            return
        try:
            path = export_quotes(rows, form, title, near)
        except OSError as error:
            app.notify(f"Nothing was written: {error.strerror or error}.", title="Export failed", severity="error",
                       markup=False)
            return
        app.notify(f"{counted(len(rows), 'quote', 'quotes')} written to {shown_path(path)}",
                   title=f"Exported as {FORMATS[form]}", markup=False, timeout=10)

    app.push_screen(ExportDialog(f"{counted(len(rows), 'quote', 'quotes')}"), write)
