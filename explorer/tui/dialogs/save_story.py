"""Where to save an annotated story: a path to edit, its folder, and a second press to overwrite.

The path box shows the end of a long name, so the folder the story goes to
is written out under it, whole.  A name that cannot be a story file is
answered in the dialog, before anything is written: a folder, a link to
nothing, a NUL character, a name that does not end in .yaml or .yml, a
folder part that is a file.  (A dangling link used to pass the "exists"
check, fail to be written and reopen the dialog silently, again and again.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from explorer.tui.safe_text import plain
from explorer.tui.widgets.key_footer import KeyFooter

STORY_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class SaveChoice:
    """Save to `path`; `overwrite` when the user confirmed replacing an existing file."""

    path: Path
    overwrite: bool = False


@dataclass(frozen=True)
class PathCheck:
    """What the dialog makes of the path typed: where it leads, and what to say."""

    path: Path | None
    """The file to write; None when the text cannot be one."""
    problem: str = ""
    """Why it cannot be saved there (path None), or "" ."""
    exists: bool = False
    """A file is there already (saving replaces it)."""
    folder: str = ""
    """The folder it goes to, as the dialog shows it."""


def check_path(text: str) -> PathCheck:
    """Check the path typed in the dialog, touching nothing but `stat`."""
    text = text.strip()
    if not text:
        return PathCheck(None, "Give a file name.")
    if "\0" in text:
        return PathCheck(None, "A file name cannot hold a NUL character.")
    path = Path(text).expanduser()
    folder = path.parent.absolute()
    try:
        if text.endswith(os.sep) or path.is_dir():
            return PathCheck(None, f"{path} is a folder: add a file name (…/{path.name or 'story'}.yaml).")
        if path.is_symlink() and not path.exists():
            return PathCheck(None, f"{path} is a link to {os.readlink(path)}, which does not exist: "
                                   "give another name.")
        if path.suffix.lower() not in STORY_SUFFIXES:
            return PathCheck(None, "A story file's name ends in .yaml or .yml (the explorer opens no other).")
        parent = next((p for p in (path.parent.absolute(), *path.parent.absolute().parents) if p.exists()), None)
        if parent is not None and not parent.is_dir():
            return PathCheck(None, f"{parent} is a file, not a folder.")
        exists = path.exists()
    except OSError as error:
        return PathCheck(None, f"{path}: {error.strerror or error}.")
    new = "" if folder.is_dir() else " (a new folder)"
    return PathCheck(path, exists=exists, folder=f"{folder}{new}")


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
        & #save-story-folder { color: $readable-muted; width: 1fr; height: auto; }
        & #save-story-warning { color: $readable-warning; width: 1fr; height: auto; }
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
            yield Label(id="save-story-folder")
            yield Label(id="save-story-warning")
            with Horizontal(id="save-story-buttons"):
                yield Button("Cancel", id="save-story-cancel")
                yield Button("Save", variant="primary", id="save-story-save")
        yield KeyFooter()  # the dialog's keys, over the story screen's

    def on_mount(self) -> None:
        self._show(check_path(str(self.suggested)))

    def _say(self, warning: str) -> None:
        self.query_one("#save-story-warning", Label).update(plain(warning))

    def _show(self, check: PathCheck) -> None:
        """The folder line and what is wrong or already there."""
        self.query_one("#save-story-folder", Label).update(plain(f"in {check.folder}" if check.folder else ""))
        if check.path is None:
            self._say(check.problem)
        elif check.exists:
            self._say(f"{check.path} already exists{self._link_note(check.path)}.")
        else:
            self._say("")

    @staticmethod
    def _link_note(path: Path) -> str:
        """For a link: that saving replaces the link, not the file it points to."""
        if not path.is_symlink():
            return ""
        return f" (a link to {os.readlink(path)}: saving replaces the link, not that file)"

    @on(Input.Changed, "#save-story-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A new path needs its own confirmation."""
        self._confirming = None
        self.query_one("#save-story-save", Button).label = "Save"
        self._show(check_path(event.value))

    @on(Input.Submitted, "#save-story-path")
    @on(Button.Pressed, "#save-story-save")
    def _save(self) -> None:
        check = check_path(self.query_one("#save-story-path", Input).value)
        self._show(check)
        path = check.path
        if path is None:
            return
        if check.exists and path != self._confirming:
            self._confirming = path
            self._say(f"{path} already exists{self._link_note(path)}. Press Overwrite to replace it.")
            self.query_one("#save-story-save", Button).label = "Overwrite"
            return
        self.dismiss(SaveChoice(path, overwrite=path == self._confirming))

    @on(Button.Pressed, "#save-story-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
