"""The library: every story of a folder, filterable, one Enter away.

The screen lists every story file at its first paint (from the index cache
of `explorer.library`; files not in it yet show their name), then fills in:
a thread worker parses the new and changed files, posting batches of entries
and "indexing 1,200/5,000" progress.
The table is a `VirtualTable`, so 5,000 rows cost no more to show or to
filter than 50.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from explorer.library import LibraryIndex, StoryEntry, index_story, matching
from explorer.files import shown_path
from explorer.tui import keys
from explorer.tui.safe_text import printable
from explorer.tui.screens.help import HelpSection
from explorer.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from explorer.wording import counted

#: How often the indexing worker sends what it has parsed (seconds), and
#: after how many parsed files it saves the cache, so quitting half-way keeps the work.
BATCH_SECONDS = 0.1
SAVE_EVERY = 500

STORY_COLUMNS = (
    Column("Title", ratio=1),
    Column("Outlet", width=20),
    Column("Date", width=10),
    Column("Speakers", width=8, align="right"),
    Column("Quotes", width=6, align="right"),
)

BROKEN_MARK = "✗ "


def _position_of(rows: Sequence[StoryEntry], path: Path) -> int:
    """Where the story at `path` is in `rows` (0 when absent); identity first, as the
    entries of one scan share their Path objects and Path equality is slow."""
    found = next((i for i, entry in enumerate(rows) if entry.path is path), None)
    if found is None:
        found = next((i for i, entry in enumerate(rows) if entry.path == path), 0)
    return found


def short_error(entry: StoryEntry) -> str:
    """The entry's error without its (long) path: `name:line:col: message`."""
    error = entry.error or ""
    prefix = shown_path(entry.path)  # as the error writes it
    return shown_path(entry.path.name) + error[len(prefix):] if error.startswith(prefix) else error


def story_row(entry: StoryEntry) -> TableRow:
    """How the library table shows one story."""
    if entry.error:
        return TableRow((BROKEN_MARK + short_error(entry),), look="error", span=True)
    if not entry.indexed:
        return TableRow((entry.title, "…", "", "", ""), look="muted")
    return TableRow((entry.title, entry.outlet or "", (entry.published or "")[:10],
                     f"{entry.speaker_count:,}", f"{entry.quotes:,}"))


class LibraryScreen(Screen):
    """The stories of `folder`: type `/` to filter by title, outlet or speaker, Enter to open one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter", id="library.filter",
                tooltip="Filter the stories by title, outlet or speaker (every word must match)"),
        Binding("s", "speakers", "Speakers", id="library.speakers",
                tooltip="Speakers across stories: every quote of a person from every story"),
        Binding("r", "reindex", "Reload", id="library.reload",
                tooltip="Look for new, changed and removed story files again"),
        Binding("escape", "clear_filter", "Clear filter", id="library.clear", tooltip="Clear the filter"),
        # The table binds the arrows itself: this one only acts in the filter box.
        Binding("down", "focus_list", "To the list", show=False, id="library.to_list",
                tooltip="From the filter box, go to the list"),
    ]

    class Indexed(Message):
        """The worker's news: the `entries` parsed since its last message, and `done` of `total` files."""

        def __init__(self, entries: list[StoryEntry], done: int, total: int) -> None:
            super().__init__()
            self.entries = entries
            self.done = done
            self.total = total

    def __init__(self, folder: Path, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.folder = Path(folder)
        self.entries: list[StoryEntry] = []
        self._position: dict[Path, int] = {}
        self._progress = ""
        self._broken = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="/ to filter by title, outlet or speaker", id="library-filter", compact=True)
        yield VirtualTable(STORY_COLUMNS, story_row, empty_text="No stories yet.", id="library-stories",
                           classes="pane")
        yield Static(id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = printable(str(self.folder))
        table = self.query_one(VirtualTable)
        table.border_title = "Stories"
        table.focus()
        self.index_folder()

    # --- indexing ---------------------------------------------------------------

    def index_folder(self) -> None:
        """List the folder at once (the cache and a directory walk: 0.2 s for 5,000
        stories), so the first paint shows every story; parse the rest in a worker."""
        index = LibraryIndex(self.folder)
        stale = index.scan()
        self.entries = index.entries()
        self._position = {entry.path: i for i, entry in enumerate(self.entries)}
        self._broken = sum(1 for entry in self.entries if entry.error)
        self._progress = f"indexing 0/{len(stale):,}" if stale else ""
        self._apply_filter()
        if stale:
            self.parse_stale(index, stale)

    @work(thread=True, exclusive=True, group="library-index")
    def parse_stale(self, index: LibraryIndex, stale: list[Path]) -> None:
        """Parse the new and changed files, posting them in batches; save the cache as it goes."""
        worker = get_current_worker()
        batch: list[StoryEntry] = []
        sent = time.monotonic()
        for done, path in enumerate(stale, 1):
            if worker.is_cancelled:
                break
            batch.append(index.update(path))
            time.sleep(0)  # hand the GIL to the UI thread between files: keys stay quick
            if done % SAVE_EVERY == 0:
                index.save()
            if time.monotonic() - sent >= BATCH_SECONDS or done == len(stale):
                self.post_message(self.Indexed(batch, done, len(stale)))
                batch, sent = [], time.monotonic()
        index.save()

    def on_library_screen_indexed(self, message: Indexed) -> None:
        for entry in message.entries:
            self._replace(entry)
        self._progress = f"indexing {message.done:,}/{message.total:,}" if message.done < message.total else ""
        self._apply_filter()

    def _replace(self, entry: StoryEntry) -> None:
        position = self._position.get(entry.path)
        if position is not None:
            self._broken += bool(entry.error) - bool(self.entries[position].error)
            self.entries[position] = entry

    def action_reindex(self) -> None:
        self.index_folder()

    # --- filtering ------------------------------------------------------------

    @property
    def filter_text(self) -> str:
        return self.query_one("#library-filter", Input).value.strip()

    def _apply_filter(self) -> None:
        """Show the stories matching the filter, keeping the cursor on the same story."""
        table = self.query_one(VirtualTable)
        current = table.highlighted_row
        query = self.filter_text
        rows = matching(self.entries, query)
        table.empty_text = f"No story matches {query!r}." if query else "No story files in this folder."
        table.set_rows(rows, _position_of(rows, current.path) if current is not None else 0)
        self._show_status()

    def _show_status(self) -> None:
        shown = self.query_one(VirtualTable).row_count
        total = counted(len(self.entries), "story", "stories")
        parts = [f"{shown:,} of {total}" if self.filter_text else total]
        if self._broken:
            parts.append(f"{self._broken:,} broken")
        if self._progress:
            parts.append(self._progress)
        self.query_one("#library-status", Static).update(" · ".join(parts), layout=False)

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self) -> None:
        self._apply_filter()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape is offered (in the footer) only while there is a filter to clear."""
        if action == "clear_filter":
            return bool(self.filter_text)
        return True

    @on(Input.Submitted, "#library-filter")
    def _filter_done(self) -> None:
        self.action_focus_list()

    def help_sections(self) -> list[HelpSection]:
        """The keys of this screen, for the help screen (`?`, an app key)."""
        return [("Library", self.BINDINGS),
                ("In the list", keys.list_keys("Open the story under the cursor (a broken one shows its error)"))]

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#library-filter", Input))  # set_focus: at once, not after keys already queued

    def action_clear_filter(self) -> None:
        self.query_one("#library-filter", Input).value = ""
        self.action_focus_list()

    def action_focus_list(self) -> None:
        self.set_focus(self.query_one(VirtualTable))

    # --- opening --------------------------------------------------------------

    @on(VirtualTable.Selected, "#library-stories")
    def _open(self, message: VirtualTable.Selected) -> None:
        entry: StoryEntry = message.row
        if entry.error:
            # The file may have been fixed since it was indexed: look again (a few ms).
            entry = index_story(entry.path)
            self._replace(entry)
            self.query_one(VirtualTable).refresh_rows()
            if entry.error:
                self.notify(entry.error, title="This story does not load", severity="error", markup=False)
                return
        self.app.open_story(entry.path)

    def action_speakers(self) -> None:
        from explorer.tui.screens.speaker_quotes import SpeakerQuotesScreen

        self.app.push_screen(SpeakerQuotesScreen(self.entries))
