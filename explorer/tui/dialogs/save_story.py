"""Where to save an annotated story: a path to edit, and a second press to overwrite."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from explorer.tui.safe_text import plain


@dataclass(frozen=True)
class SaveChoice:
    """Save to `path`; `overwrite` when the user confirmed replacing an existing file."""

    path: Path
    overwrite: bool = False


class SaveStoryDialog(ModalScreen[SaveChoice | None]):
    """Ask for the file to save a story to; dismisses with a `SaveChoice`, or None.

    An existing file is never replaced silently: the first Save on it shows a
    warning and turns the button into "Overwrite", which must be pressed too.
    """

    DEFAULT_CSS = """
    SaveStoryDialog {
        align: center middle;
        & > #save-story {
            width: 70;
            max-width: 90%;
            height: auto;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
        & #save-story-warning { color: $text-warning; height: auto; }
        & #save-story-buttons { height: auto; align-horizontal: right; }
        & Button { margin-left: 1; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save.cancel", tooltip="Close without saving")]

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self.suggested = suggested
        self._confirming: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="save-story"):
            yield Label("Save the story as")
            yield Input(str(self.suggested), id="save-story-path")
            yield Label(id="save-story-warning")
            with Horizontal(id="save-story-buttons"):
                yield Button("Cancel", id="save-story-cancel")
                yield Button("Save", variant="primary", id="save-story-save")

    @on(Input.Changed, "#save-story-path")
    def _path_changed(self) -> None:
        """A new path needs its own confirmation."""
        self._confirming = None
        self.query_one("#save-story-warning", Label).update("")
        self.query_one("#save-story-save", Button).label = "Save"

    @on(Input.Submitted, "#save-story-path")
    @on(Button.Pressed, "#save-story-save")
    def _save(self) -> None:
        text = self.query_one("#save-story-path", Input).value.strip()
        if not text:
            self.query_one("#save-story-warning", Label).update("Give a file name.")
            return
        path = Path(text).expanduser()
        if path.exists() and path != self._confirming:
            self._confirming = path
            self.query_one("#save-story-warning", Label).update(
                plain(f"{path} already exists. Press Overwrite to replace it.")
            )
            self.query_one("#save-story-save", Button).label = "Overwrite"
            return
        self.dismiss(SaveChoice(path, overwrite=path == self._confirming))

    @on(Button.Pressed, "#save-story-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
