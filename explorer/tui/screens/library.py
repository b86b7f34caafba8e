"""The library: every story of a folder, filterable, one Enter away.

The first paint lists every story the index knows (one query: 5,000 rows in
milliseconds), or, with no index yet, the folder's files by name.  Then the
index is refreshed in a child process (`explorer.tui.index_refresh`): new
and changed files are parsed, posting "indexing 1,200/5,000" progress, and
the rows they change are read back by id.  The table is a `StoryTable` (a
`VirtualTable`), so 5,000 rows cost no more to show or to filter than 50; it
names the file of a story whose title others share, and the highlighted one's.

From here: `f` searches every quote, `v` counts them by reporting verb, `c`
draws the library's charts, `s` lists speakers across stories.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, Static

from explorer.index.database import BUSY_TIMEOUT_MS, IndexUnusable
from explorer.library import LibraryIndex, StoryEntry, StoryFilter, index_story
from explorer.tui import keys
from explorer.tui.index_refresh import refresh_events
from explorer.tui.library_commands import StoryProvider
from explorer.tui.safe_text import printable
from explorer.tui.same_titles import SameTitles
from explorer.tui.widgets.key_footer import KeyFooter
from explorer.tui.widgets.story_table import StoryTable
from explorer.tui.widgets.virtual_table import VirtualTable
from explorer.wording import counted

if TYPE_CHECKING:
    from explorer.tui.screens.speaker_quotes import SpeakerQuotesScreen  # imported when first shown

#: Stories read for the first paint of a big library: more rows than any terminal shows.
FIRST_SCREENFUL = 200


def _position_of(rows: Sequence[StoryEntry], key: bytes) -> int:
    """Where the story with file `key` is in `rows` (0 when absent)."""
    return next((i for i, entry in enumerate(rows) if entry.key == key), 0)


class LibraryScreen(Screen):
    """The stories of `folder`: type `/` to filter by title, outlet, speaker or file, Enter to open one."""

    COMMANDS = {StoryProvider}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter", id="library.filter",
                tooltip="Filter the stories by title, outlet, speaker or file (every word must match)"),
        Binding("f", "find_quotes", "Find quotes", id="library.find",
                tooltip="Search every quote of every story, with filters (speaker:, kind:, outlet:, from:, to:, "
                "review:, verb:, story:)"),
        Binding("s", "speakers", "Speakers", id="library.speakers",
                tooltip="Speakers across stories: every quote of a person from every story"),
        Binding("v", "verbs", "Verbs", id="library.verbs",
                tooltip="The reporting-verb lens: every quote of the library counted by its cue verb"),
        Binding("c", "charts", "Charts", id="library.charts",
                tooltip="The library in charts: quotes per speaker, per outlet, over time, by kind"),
        Binding("r", "reindex", "Reload", id="library.reload",
                tooltip="Look for new, changed and removed story files again"),
        Binding("escape", "clear_filter", "Clear filter", id="library.clear", tooltip="Clear the filter"),
        # The table binds the arrows itself: this one only acts in the filter box.
        Binding("down", "focus_list", "To the list", show=False, id="library.to_list",
                tooltip="From the filter box, go to the list"),
    ]

    #: How long a refresh waits for another explorer's write (tests make it short).
    busy_timeout_ms = BUSY_TIMEOUT_MS

    def __init__(self, folder: Path, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.folder = Path(folder)
        self.index = LibraryIndex(self.folder)
        self.entries: list[StoryEntry] = []
        self.story_filter = StoryFilter(self.entries)
        self.indexing = False
        self.parsed = 0
        """Story files parsed by the refreshes of this screen so far."""
        self.refresh_pid: int | None = None
        """The process id of the last refresh started (the tests see it killed)."""
        self.refreshes = 0
        """Refreshes finished (done or failed)."""
        self._position: dict[int, int] = {}
        self._progress = ""
        self._broken = 0
        self._away = False
        self._refresh_again = False
        self._when_refreshed: list[Callable[[], None]] = []
        self._listing = 0
        """While only the first screenful is listed: how many stories there are in all."""
        self._speakers_screen: SpeakerQuotesScreen | None = None
        self._building_speakers = False
        self._index_reads = 0
        """Times this screen read the index anew (a refresh's batches and end)."""
        self._speakers_read = 0
        """`_index_reads` when the speakers screen last read the index."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="/ to filter by title, outlet, speaker or file", id="library-filter", compact=True)
        yield StoryTable(id="library-stories", classes="pane")
        yield Static(id="library-status")
        yield KeyFooter()  # ours, as on every other screen: Textual's stays blank in a browser page not focused yet

    def on_mount(self) -> None:
        self.sub_title = printable(str(self.folder))
        table = self.query_one(StoryTable)
        table.border_title = "Stories"
        table.focus()
        first = self.index.first_stories(FIRST_SCREENFUL) if self.index.open(check_rows=False) else None
        self._progress = "indexing…"
        if first is not None and first[1] > len(first[0]):
            # A screenful first, the whole list right after the first paint: reading and
            # checking every row is most of a big library's start (20,000 rows: 0.1 s).
            self._listing = first[1]
            self._show_entries(first[0])
            self.call_after_refresh(self._reload)
        else:
            self._show_entries(self.index.stories())
        self.call_after_refresh(self.refresh_index)  # after the first paint: start-up is one screen, no child

    def on_unmount(self) -> None:
        self.index.discard()

    def on_screen_suspend(self) -> None:
        # (the screen pushed is on top by now) The help, the palette and the dialogs
        # change no story file: coming back from them needs no refresh; nor does the
        # speakers screen built ahead (`_build_speakers_screen`), never shown.
        self._away = not isinstance(self.app.screen, ModalScreen) and not self._building_speakers

    def on_screen_resume(self) -> None:
        """Back from a story (or a search): a story saved there, or a file changed meanwhile,
        shows at once (its checked count above all), as `r` would; the refresh re-reads only
        the files whose size or time changed.  A refresh still running goes on, and runs
        again once it is done, rather than being restarted from the beginning."""
        self._building_speakers = False
        if not self._away or not self.app.is_running:
            return  # (closing, the app pops the screens above this one: no refresh then)
        self._away = False
        if self.indexing:
            self._refresh_again = True
        else:
            self.refresh_index()

    # --- indexing ---------------------------------------------------------------

    @work(exclusive=True, group="library-index")
    async def refresh_index(self) -> None:
        """Refresh the index in a child process, showing its progress; read back what it changed."""
        self.indexing = True
        try:
            async for event in refresh_events(self.index.database, self.folder, busy_timeout_ms=self.busy_timeout_ms):
                try:
                    self._on_refresh_event(event)
                except NoMatches:  # the app is quitting: this screen's widgets are already gone
                    return
        finally:
            self.indexing = False
        if self._refresh_again:
            self._refresh_again = False
            self.refresh_index()
        else:
            self.call_after_refresh(self._build_speakers_screen)
            waiting, self._when_refreshed = self._when_refreshed, []
            for done in waiting:
                done()

    def refresh_for(self, done: Callable[[], None]) -> None:
        """Refresh the index for a screen over this one (the quote search), back from a story
        that may have been saved there: `done` runs once the index has what was saved."""
        self._when_refreshed.append(done)
        if self.indexing:
            self._refresh_again = True
        else:
            self.refresh_index()

    def _on_refresh_event(self, event: dict) -> None:
        kind = event["event"]
        if kind == "started":
            self.refresh_pid = event["pid"]
        elif kind == "waiting":
            self._progress = "waiting for another explorer indexing this folder"
        elif kind == "listed":
            self._reload()  # the files as the walk found them (the child may have rebuilt the index)
            stale = event.get("stale") if isinstance(event.get("stale"), int) else 0
            self._progress = f"indexing 0/{stale:,}" if stale else ""
        elif kind == "batch":
            self._apply_changes(event.get("changed"))
            done, total = event.get("done"), event.get("total")
            if isinstance(done, int) and isinstance(total, int):
                self._progress = f"indexing {done:,}/{total:,}" if done < total else ""
        elif kind == "done":
            self._progress = ""
            self.parsed += event["parsed"] if isinstance(event.get("parsed"), int) else 0
            self.refreshes += 1
            self._reload()
        elif kind == "failed":
            self._progress = "not indexed"
            self.refreshes += 1
            self.notify(f"The index of this folder could not be written: {event.get('message', '')}. The stories "
                        "are listed; quote search and speakers need the index.", title="Library index",
                        severity="warning", markup=False)
        self._show_status()

    def _reload(self) -> None:
        """Everything again from the index (reopened: a refresh may have rebuilt it)."""
        self._index_reads += 1
        self.index.open()
        self._listing = 0
        self._show_entries(self.index.stories())

    def _apply_changes(self, changed: object) -> None:
        """Read back the stories a refresh batch wrote; the list keeps its order."""
        self._index_reads += 1
        if not isinstance(changed, list) or not all(isinstance(i, int) for i in changed):
            return
        try:
            if self.index.connection is None:
                self.index.open()
            fresh = self.index.stories_by_id(changed)
        except IndexUnusable:
            return  # the rest comes with the refresh's end
        table = self.query_one(StoryTable)
        for entry in fresh:
            position = self._position.get(entry.id)
            if position is None:
                continue
            self._broken += (entry.error_after_path is not None) - (self.entries[position].error_after_path is not None)
            self.entries[position] = entry
            table.show_story(entry)
        self.story_filter.reset(self.entries)
        self._apply_filter()

    def _show_entries(self, entries: list[StoryEntry]) -> None:
        self.entries = entries
        self._position = {entry.id: i for i, entry in enumerate(entries) if entry.id}
        self._broken = sum(1 for entry in entries if entry.error_after_path is not None)
        self.query_one(StoryTable).show_library(entries)
        self.story_filter.reset(entries)
        self._apply_filter()

    @property
    def same_titles(self) -> SameTitles:
        """Which stories share their title (kept by the table as the stories are read)."""
        return self.query_one(StoryTable).same_titles

    def action_reindex(self) -> None:
        self.refresh_index()

    # --- filtering ------------------------------------------------------------

    @property
    def filter_text(self) -> str:
        return self.query_one("#library-filter", Input).value.strip()

    def _apply_filter(self) -> None:
        """Show the stories matching the filter, keeping the cursor on the same story."""
        table = self.query_one(VirtualTable)
        current = table.highlighted_row
        query = self.filter_text
        rows = self.story_filter.apply(query)
        table.empty_text = f"No story matches {query!r}." if query else "No story files in this folder."
        table.set_rows(rows, _position_of(rows, current.key) if current is not None else 0)
        self._show_status()

    def _show_status(self) -> None:
        if self._listing:  # only the first screenful is read yet: the totals come with the rest
            self.query_one("#library-status", Static).update(
                f"{counted(self._listing, 'story', 'stories')} · listing…", layout=False)
            return
        listed: Sequence[StoryEntry] = self.query_one(VirtualTable).rows
        total = counted(len(self.entries), "story", "stories")
        parts = [f"{len(listed):,} of {total}" if self.filter_text else total]
        # Of the stories listed, as the count before it: "3 of 4 stories · checked 1/76 quotes".
        checked, quotes = sum(e.checked for e in listed), sum(e.quotes for e in listed)
        if checked:
            parts.append(f"checked {checked:,}/{quotes:,} quotes")
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

    def help_sections(self) -> list[keys.HelpSection]:
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
        self.open_entry(message.row)

    def open_entry(self, entry: StoryEntry) -> None:
        """Open the story of `entry`; a broken one is looked at again first (it may have been fixed)."""
        if entry.error_after_path is not None:
            fresh = index_story(self.index.root, entry.path)._replace(id=entry.id)
            position = self._position.get(entry.id)
            if position is not None:
                self._broken += (fresh.error_after_path is not None) - 1
                self.entries[position] = fresh
                self.query_one(StoryTable).show_story(fresh)
                self.story_filter.reset(self.entries)
                self._apply_filter()
            if fresh.error is not None:
                self.notify(fresh.error, title="This story does not load", severity="error", markup=False)
                return
        self.app.open_story(entry.path)

    def action_speakers(self) -> None:
        """Speakers across stories: one screen, built once (ahead, see `_build_speakers_screen`)
        and installed, then shown with the index as it is now (`SpeakerQuotesScreen.start_over`)."""
        if self._speakers_screen is None:
            self.app.push_screen(self._new_speakers_screen())
        else:
            self._speakers_screen.start_over(reread=self._speakers_read != self._index_reads)
            self._speakers_read = self._index_reads
            self.app.push_screen(self._speakers_screen)

    def _new_speakers_screen(self) -> SpeakerQuotesScreen:
        from explorer.tui.screens.speaker_quotes import SpeakerQuotesScreen

        self._speakers_screen = SpeakerQuotesScreen(self.index, lambda: self.indexing)
        self._speakers_read = self._index_reads
        self.app.install_screen(self._speakers_screen, f"speakers-{id(self)}")
        return self._speakers_screen

    def _build_speakers_screen(self) -> None:
        """Compose and mount the speakers screen once the library is indexed and shown, so that
        `s` only lays it out and paints it (composing and mounting it took half of the time to
        its first paint): pushed and popped in one batch of updates, it is never painted."""
        if self._speakers_screen is not None or self.indexing or not self.is_current or not self.app.is_running:
            return
        self._building_speakers = True
        with self.app.batch_update():
            self.app.push_screen(self._new_speakers_screen())
            self.app.pop_screen()

    def action_find_quotes(self) -> None:
        from explorer.tui.screens.quote_search import QuoteSearchScreen

        self.app.push_screen(QuoteSearchScreen(self.index, lambda: self.indexing))

    def action_verbs(self) -> None:
        from explorer.tui.screens.quote_search import QuoteSearchScreen

        self.app.push_screen(QuoteSearchScreen(self.index, lambda: self.indexing, verbs=True))

    def action_charts(self) -> None:
        from explorer.tui.screens.library_charts import LibraryChartsScreen

        self.app.push_screen(LibraryChartsScreen(self.index, lambda: self.indexing))
