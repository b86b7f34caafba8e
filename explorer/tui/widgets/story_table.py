"""The library's list of stories: a `VirtualTable` that knows stories.

Two things a list of titles alone cannot say, it says:

- Which file a row is.  When a title occurs more than once in the library (case
  and spacing ignored: `same_titles`), its rows show the file's path, relative
  to the folder and without its `.yaml` (`.yml`), after the title, dim; when the title is
  too long for both, the path keeps up to two thirds of the column, its first
  folder and its end (`wire/…-vote`, `…-corrected`: `cut_path`), the title its
  start.  The highlighted story's path, whole (any story's, broken or not), is
  in the list's bottom border, cut so only when it is wider than the list:
  that is where a name that only its suffix tells apart (`story.yaml`,
  `story.yml`) is told apart.
- Outlets whole.  The outlet column is as wide as the library's longest outlet,
  up to 32 cells and a third of the room the fixed columns leave, and never
  narrower than 18 cells when an outlet needs them (what it always was, and
  what it is at 80 columns); the title takes the rest.  The widths come from
  the whole library, not the rows on screen, so that they do not move while
  the list scrolls or is filtered.

Both are worked out when the stories are read from the index (`show_library`,
`show_story`), never while painting a row.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import events
from textual.content import Content

from explorer.files import shown_path
from explorer.library import StoryEntry
from explorer.tui.safe_text import printable
from explorer.tui.same_titles import SameTitles
from explorer.tui.widgets.virtual_table import Cell, Column, TableRow, VirtualTable, cut_path

STORY_COLUMNS = (
    Column("Title", ratio=1),
    Column("Outlet", width=18, fit=32),
    Column("Date", width=10),
    Column("Speakers", width=8, align="right"),
    Column("Quotes", width=6, align="right"),
    Column("Checked", width=7, align="right"),
)

BROKEN_MARK = "✗ "
#: Cells of the bottom border that its corners, its ends and the blanks around a label take.
BORDER_LABEL_MARGIN = 6


def review_progress(entry: StoryEntry) -> str:
    """"checked / quotes": of the story's quotes (the rejected left out), how many a person
    confirmed or corrected (`explorer.review.progress`, as the story's status line says)."""
    return f"{entry.checked:,}/{entry.quotes:,}" if entry.quotes else "–"


def story_row(entry: StoryEntry, file_aside: str = "") -> TableRow:
    """How the library table shows one story; `file_aside`: the file beside its title
    (`SameTitles.file_aside`)."""
    if entry.error_after_path is not None:
        return TableRow((BROKEN_MARK + entry.short_error,), look="error", span=True)
    title = Cell(entry.title, file_aside) if file_aside else entry.title
    if not entry.indexed:
        return TableRow((title, "…", "", "", "", ""), look="muted")
    return TableRow((title, entry.outlet or "", (entry.published or "")[:10], f"{entry.speaker_count:,}",
                     f"{entry.quotes:,}", review_progress(entry)))


class StoryTable(VirtualTable):
    """Stories, one a row (see the module's docstring); `show_library` and `show_story`
    tell it about every story of the library, `set_rows` which of them to list."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(STORY_COLUMNS, self.story_row, empty_text="No stories yet.", name=name, id=id,
                         classes=classes)
        self.same_titles = SameTitles()
        self._widest_outlet = 0

    def show_library(self, entries: Sequence[StoryEntry]) -> None:
        """Every story of the library, as just read (the rows listed may be fewer)."""
        self.same_titles.reset(entries)
        outlets = {entry.outlet for entry in entries if entry.outlet}
        self._widest_outlet = max((cell_len(printable(outlet)) for outlet in outlets), default=0)
        self.set_widest("Outlet", self._widest_outlet)
        self.refresh()

    def show_story(self, entry: StoryEntry) -> None:
        """The story of `entry`'s file is now `entry` (a refresh read it again)."""
        self.same_titles.update(entry)
        if entry.outlet:
            self._widest_outlet = max(self._widest_outlet, cell_len(printable(entry.outlet)))
            self.set_widest("Outlet", self._widest_outlet)
        self.refresh()

    def story_row(self, entry: StoryEntry) -> TableRow:
        return story_row(entry, self.same_titles.file_aside(entry))

    def on_virtual_table_highlighted(self, message: VirtualTable.Highlighted) -> None:
        if message.table is self:
            self._name_the_file()

    def on_resize(self, event: events.Resize) -> None:
        self._name_the_file()

    def _name_the_file(self) -> None:
        """The highlighted story's path in the bottom border, cut to fit (`cut_path`)."""
        entry = self.highlighted_row
        room = self.outer_size.width - BORDER_LABEL_MARGIN
        self.border_subtitle = Content(cut_path(shown_path(entry.key), room)) if entry and room > 0 else None
