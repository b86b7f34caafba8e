"""Speakers across stories: pick a person, read every quote of theirs from every story.

Speakers are merged across stories by display name, ignoring case
(`explorer.library.speakers_across`), from the library index alone.  Their
quotes are not in the index: a thread worker loads the stories they appear
in (newest first) when the cursor lands on them, posting what it finds as it
goes.  Enter on a quote opens its story at that quote.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from explorer.library import QuoteAcross, SpeakerAcross, StoryEntry, matching, quotes_across, speakers_across
from explorer.tui import keys
from explorer.tui.safe_text import plain
from explorer.tui.screens.help import HelpSection
from explorer.tui.widgets.quote_list import quoted
from explorer.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from explorer.wording import counted

#: How often the loading worker sends the quotes found so far (seconds), and
#: how long the cursor must rest on a speaker before their stories are read.
BATCH_SECONDS = 0.1
LOAD_DELAY = 0.1

NO_QUOTES = "No quotes."
READING = "Reading their stories…"

SPEAKER_COLUMNS = (
    Column("Speaker", ratio=1),
    Column("Stories", width=7, align="right"),
    Column("Quotes", width=6, align="right"),
)
QUOTE_COLUMNS = (
    Column("Date", width=10),
    Column("Story", ratio=1),
    Column("¶", width=3, align="right"),
    Column("Quote", ratio=2),
)


def speaker_row(speaker: SpeakerAcross) -> TableRow:
    return TableRow((speaker.name, f"{speaker.stories:,}", f"{speaker.quotes:,}"))


def quote_row(quote: QuoteAcross) -> TableRow:
    return TableRow(((quote.published or "")[:10], quote.story_title, str(quote.paragraph_number), quote.quote.text))


def quote_detail(quote: QuoteAcross) -> Content:
    """The highlighted quote in full, with where it comes from."""
    return Content.assemble(
        plain(quoted(quote.quote)),
        "\n",
        plain(f"{quote.quote.kind} quote · paragraph {quote.paragraph_number} · {quote.story_title}"
              f"{' · ' + quote.published if quote.published else ''}", "dim"),
    )


class SpeakerQuotesScreen(Screen):
    """Every speaker of the library (left) and every quote of the highlighted one (right)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter", id="speakers.filter",
                tooltip="Filter the speakers by name"),
        Binding("escape", "back", "Back", id="speakers.back",
                tooltip="Clear the filter, else go back to the library"),
        Binding("tab", "app.focus_next", "Next list", show=False, id="speakers.next",
                tooltip="Move between the filter, the speakers and their quotes"),
        # The tables bind the arrows themselves: this one only acts in the filter box.
        Binding("down", "focus_speakers", "To the list", show=False, id="speakers.to_list",
                tooltip="From the filter box, go to the speakers"),
    ]

    class QuotesFound(Message):
        """The worker's news for load number `load`: more `quotes`, the stories
        that failed to load, and `done` of `total` stories read."""

        def __init__(self, load: int, quotes: list[QuoteAcross], errors: list[str], done: int, total: int) -> None:
            super().__init__()
            self.load = load
            self.quotes = quotes
            self.errors = errors
            self.done = done
            self.total = total

    def __init__(self, entries: Sequence[StoryEntry], *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.speakers = speakers_across(entries)
        self.partial = any(not entry.indexed for entry in entries)
        self.quotes: list[QuoteAcross] = []
        self.errors: list[str] = []
        self._speaker: SpeakerAcross | None = None
        self._load_timer: Timer | None = None
        self._load = 0  # numbers each load, so news from one the cursor has left is dropped
        self._progress = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="speakers-body"):
            with Vertical(id="speakers-side"):
                yield Input(placeholder="/ to filter speakers", id="speakers-filter", compact=True)
                yield VirtualTable(SPEAKER_COLUMNS, speaker_row, empty_text="No speakers.", id="speakers-table",
                                   classes="pane")
            with Vertical(id="speaker-quotes-side"):
                yield VirtualTable(QUOTE_COLUMNS, quote_row, empty_text=NO_QUOTES, id="speaker-quotes-table",
                                   classes="pane")
                yield Static(id="speaker-quote-detail", classes="pane")
        yield Static(id="speakers-status")
        yield Footer()

    def help_sections(self) -> list[HelpSection]:
        """The keys of this screen, for the help screen (`?`, an app key)."""
        return [("Speakers across stories", self.BINDINGS),
                ("In the lists", keys.list_keys("On a quote: open it in its story, at its paragraph"))]

    def on_mount(self) -> None:
        self.sub_title = "Speakers across stories"
        table = self.query_one("#speakers-table", VirtualTable)
        table.border_title = "Speakers"
        self.query_one("#speaker-quotes-table").border_title = "Their quotes"
        table.set_rows(self.speakers)
        table.focus()

    # --- speakers ----------------------------------------------------------------

    @on(Input.Changed, "#speakers-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        rows = matching(self.speakers, query)
        table = self.query_one("#speakers-table", VirtualTable)
        table.empty_text = f"No speaker matches {query!r}." if query else "No speakers."
        table.set_rows(rows)

    @on(Input.Submitted, "#speakers-filter")
    def action_focus_speakers(self) -> None:
        self.set_focus(self.query_one("#speakers-table", VirtualTable))

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#speakers-filter", Input))  # set_focus: at once, not after keys already queued

    def action_back(self) -> None:
        search = self.query_one("#speakers-filter", Input)
        if search.value:
            search.value = ""
            self.action_focus_speakers()
        else:
            self.dismiss()

    @on(VirtualTable.Highlighted, "#speakers-table")
    def _speaker_highlighted(self, message: VirtualTable.Highlighted) -> None:
        speaker: SpeakerAcross | None = message.row
        if speaker is self._speaker:
            return
        self._speaker = speaker
        self.quotes, self.errors = [], []
        self._progress = ""
        table = self.query_one("#speaker-quotes-table", VirtualTable)
        table.empty_text = READING if speaker is not None else NO_QUOTES
        table.set_rows(self.quotes)
        self.workers.cancel_group(self, "speaker-quotes")
        if self._load_timer is not None:
            self._load_timer.stop()
        self._load += 1
        if speaker is not None:
            # Wait for the cursor to rest (j held down) and for this screen to paint first.
            self._load_timer = self.set_timer(LOAD_DELAY, partial(self.load_quotes, speaker, self._load))
        self._show_status()

    @on(VirtualTable.Selected, "#speakers-table")
    def _speaker_chosen(self) -> None:
        self.set_focus(self.query_one("#speaker-quotes-table", VirtualTable))

    # --- quotes ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="speaker-quotes")
    def load_quotes(self, speaker: SpeakerAcross, load: int) -> None:
        """Read the speaker's stories and post their quotes in batches."""
        worker = get_current_worker()
        quotes: list[QuoteAcross] = []
        errors: list[str] = []
        sent = time.monotonic()
        total = speaker.stories
        for done, (found, error) in enumerate(quotes_across(speaker), 1):
            if worker.is_cancelled:
                return
            time.sleep(0)  # hand the GIL to the UI thread between stories: keys stay quick
            quotes.extend(found)
            if error:
                errors.append(error)
            if time.monotonic() - sent >= BATCH_SECONDS or done == total:
                self.post_message(self.QuotesFound(load, quotes, errors, done, total))
                quotes, errors, sent = [], [], time.monotonic()

    def on_speaker_quotes_screen_quotes_found(self, message: QuotesFound) -> None:
        if message.load != self._load:
            return  # news about a speaker the cursor has left
        table = self.query_one("#speaker-quotes-table", VirtualTable)
        self.quotes = [*self.quotes, *message.quotes]  # a new list: the table compares rows with its old ones
        self.errors.extend(message.errors)
        for error in message.errors:
            self.notify(error, title="A story changed and no longer loads", severity="warning", markup=False)
        self._progress = f"reading stories {message.done:,}/{message.total:,}" if message.done < message.total else ""
        if not self._progress:
            table.empty_text = NO_QUOTES
        table.set_rows(self.quotes, table.cursor)
        self._show_status()

    @on(VirtualTable.Highlighted, "#speaker-quotes-table")
    def _quote_highlighted(self, message: VirtualTable.Highlighted) -> None:
        detail = self.query_one("#speaker-quote-detail", Static)
        detail.update(quote_detail(message.row) if message.row is not None else "")

    @on(VirtualTable.Selected, "#speaker-quotes-table")
    def _quote_chosen(self, message: VirtualTable.Selected) -> None:
        quote: QuoteAcross = message.row
        self.app.open_story(quote.path, quote=quote.quote.id)

    def _show_status(self) -> None:
        parts = [counted(len(self.speakers), "speaker", "speakers")]
        if self.partial:
            parts.append("the library is still indexing: some are missing")
        if self._speaker is not None:
            speaker = self._speaker
            parts.append(f"{speaker.name}: {counted(speaker.quotes, 'quote', 'quotes')} in "
                         f"{counted(speaker.stories, 'story', 'stories')}")
        if self._progress:
            parts.append(self._progress)
        if self.errors:
            parts.append(f"cannot read {counted(len(self.errors), 'story', 'stories')} of theirs")
        self.query_one("#speakers-status", Static).update(plain(" · ".join(parts)), layout=False)
