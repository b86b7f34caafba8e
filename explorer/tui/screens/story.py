"""The story screen: the article, its speakers, its quotes and its sources.

The panes (`explorer.tui.widgets`) only show and post messages; this screen
holds the shared state as reactives (pushed down with `data_bind`), routes
the panes' messages and runs the screen's keys (`explorer.tui.keys`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from explorer.model import Quote, Story
from explorer.review import is_attribution
from explorer.tui import keys
from explorer.tui.goto_commands import GoToProvider
from explorer.tui.history import History, Place
from explorer.tui.screens.story_keys import StoryKeys
from explorer.tui.screens.story_stepping import StoryStepping
from explorer.tui.story_index import (
    UNKNOWN_SPEAKER,
    UNKNOWN_SPEAKER_NAME,
    Match,
    StoryIndex,
)
from explorer.tui.story_search import StorySearch
from explorer.tui.widgets.key_footer import KeyFooter
from explorer.tui.widgets.pane_tabs import SIDE_PANES, PaneTabs
from explorer.tui.widgets.paragraph_view import ParagraphView
from explorer.tui.widgets.quote_list import QuoteList
from explorer.tui.widgets.search_bar import SearchBar
from explorer.tui.widgets.source_list import SourceList, no_sources_note
from explorer.tui.widgets.speaker_list import SpeakerList
from explorer.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from explorer.tui.dialogs.speaker_picker import PickerEntry

#: The panes in Tab order; keys 1-4 focus them.
PANES = ("paragraphs", "speakers", "quotes", "sources")
#: Below this many columns the side panes go under the article, one at a time.
NARROW_BELOW = 110
SHOWN = "-shown"


class StoryScreen(StoryKeys, StoryStepping, Screen[None]):
    """One story in four panes, a status line and the footer."""

    BINDINGS = keys.STORY_BINDINGS
    COMMANDS = {GoToProvider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]

    # The state is `var`s, not repainting reactives: the panes bound to it repaint
    # themselves; a repainting screen would redraw every pane on each cursor move.

    paragraph: reactive[int] = var(0)
    """Position of the selected paragraph."""
    speaker: reactive[str | None] = var(None)
    """The speaker id the quotes are filtered by."""
    search: reactive[str] = var("")
    matches: reactive[tuple[Match, ...]] = var(())
    current_match: reactive[int | None] = var(None)
    quote: reactive[str | None] = var(None)
    """The selected quote: the quotes pane's cursor (what `y` copies)."""
    highlight: reactive[str | None] = var(None)
    """The quote the last jump landed on, highlighted in the article."""
    marked: reactive[frozenset[int]] = var(frozenset())
    """Paragraphs marked by Enter on a source."""
    source_marks: reactive[frozenset[int]] = var(frozenset())
    """Sources selected by `s`."""
    side_pane: reactive[str] = var("speakers")
    """The side pane shown at narrow widths."""

    def __init__(
        self,
        story: Story,
        path: Path | None = None,
        *,
        can_leave: bool = False,
        speaker: str | None = None,
        paragraph: int | None = None,
        quote: str | None = None,
    ) -> None:
        """`speaker` (a name or alias, or part of one), `paragraph` (1-based) and `quote`
        (an id) say where to start; a value that fits nothing is reported, not fatal."""
        super().__init__()
        self.index = StoryIndex(story, show_rejected=False)
        self.searcher = StorySearch([paragraph.text for paragraph in story.paragraphs])
        self.path = path
        self.can_leave = can_leave
        """Escape may pop this screen (there is a library under it)."""
        self._start = (speaker, paragraph, quote)
        self.history: History[Place] = History()
        self._last_set = ""  # "filter" or "search": which one n and Escape act on first
        self._search_before = ""
        self._pane_before_search = "paragraphs"

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The breakpoint class now, from the terminal's size: Textual sets it on the first
        # resize, after a first layout and paint at the wide width (a third of start-up).
        width = self.app.size.width
        current = [name for least, name in self.HORIZONTAL_BREAKPOINTS if width >= least][-1]
        for _, name in self.HORIZONTAL_BREAKPOINTS:
            self.set_class(name == current, name)
        S = StoryScreen
        with Horizontal(id="panes"):
            yield ParagraphView(self.index, id="paragraphs", classes="pane").data_bind(
                cursor=S.paragraph, speaker=S.speaker, quote=S.highlight, matches=S.matches,
                current_match=S.current_match, marked=S.marked,
            )
            with Vertical(id="side"):
                yield PaneTabs(id="pane-tabs").data_bind(current=S.side_pane)
                yield SpeakerList(self.index, id="speakers", classes="pane side-pane").data_bind(active=S.speaker)
                yield QuoteList(self.index, id="quotes", classes="pane side-pane").data_bind(S.speaker, S.quote)
                yield SourceList(self.index, id="sources", classes="pane side-pane").data_bind(
                    marked=S.source_marks
                )
        yield SearchBar(id="search")
        yield StatusLine(self.index, id="status").data_bind(
            S.paragraph, S.speaker, S.search, S.matches, S.current_match
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        titles = {"paragraphs": "1 Paragraphs", "speakers": "2 Speakers", "quotes": "3 Quotes",
                  "sources": "4 Sources"}
        for pane, title in titles.items():
            self.pane(pane).border_title = title
        self.watch_side_pane(self.side_pane)
        self.set_focus(self.pane("paragraphs"))
        self.start_at(*self._start)

    def start_at(self, speaker: str | None, paragraph: int | None, quote: str | None) -> None:
        """Apply the command line's --speaker, --paragraph and --quote; notify what does not fit."""
        if speaker:
            found = self.index.find_speaker(speaker)
            if not found:
                self.notify(f"--speaker {speaker}: no speaker of this story matches", severity="error", markup=False)
            else:
                self.filter_by(found[0].id)
                if len(found) > 1:
                    names = ", ".join(s.name for s in found)
                    self.notify(f"--speaker {speaker} matches {names}; showing {found[0].name}", markup=False)
        count = len(self.index.story.paragraphs)
        if paragraph is not None:
            if 1 <= paragraph <= count:
                self.paragraph = paragraph - 1
            else:
                has = f"paragraphs 1 to {count}" if count else "no paragraphs"
                self.notify(f"--paragraph {paragraph}: the story has {has}", severity="error", markup=False)
        if quote:
            found_quote = self.index.quote_by_id.get(quote)
            if found_quote is None:
                self.notify(f"--quote {quote}: no quote has this id", severity="error", markup=False)
            else:
                self.go(Place(self.index.paragraph_of(found_quote), quote, "paragraphs"))
                if not (self.index.show_rejected or is_attribution(found_quote)):  # hidden: say why
                    self.notify(f"--quote {quote} was rejected: X shows rejected quotes", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the search box `/` is text: the footer stops offering "/ Search" there."""
        return not (action == "search" and isinstance(self.focused, SearchBar))

    def pane(self, name: str) -> Widget:
        """The pane called `name` (one of `PANES`)."""
        return self.query_one(f"#{name}")

    def focused_pane(self) -> str:
        """The name of the pane holding the focus (the paragraphs when none does)."""
        focused = self.focused
        return focused.id if focused is not None and focused.id in PANES else "paragraphs"

    def watch_side_pane(self, side_pane: str) -> None:
        for pane, _ in SIDE_PANES:
            self.pane(pane).set_class(pane == side_pane, SHOWN)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id in dict(SIDE_PANES):
            self.side_pane = event.widget.id

    # -- state ----------------------------------------------------------------------

    def watch_speaker(self, speaker: str | None) -> None:
        if speaker:
            self._last_set = "filter"
        self._state_changed()

    def watch_search(self, search: str) -> None:
        self.matches = self.searcher.matches(search)
        self.current_match = None
        if search:
            self._last_set = "search"
        self._state_changed()

    def here(self) -> Place:
        return Place(self.paragraph, self.highlight, self.focused_pane())

    def jump(self, there: Place) -> None:
        """Go to `there`, remembering where we were for `back`."""
        self.history.jump(self.here(), there)
        self.go(there)

    def go(self, place: Place) -> None:
        self.highlight = place.quote
        if place.quote is not None:
            self.quote = place.quote
        self.paragraph = place.paragraph
        self.action_focus_pane(place.pane)
        self._state_changed()  # back and forward may have become possible

    def filter_by(self, speaker_id: str) -> None:
        """Show only this speaker's quotes and dim the paragraphs where they do not speak.
        When the side panes take turns (narrow), the quotes pane comes up: it shows the filter."""
        self.speaker = speaker_id
        if self.has_class("-narrow"):
            in_side_pane = self.focused_pane() != "paragraphs"
            self.side_pane = "quotes"
            if in_side_pane:
                self.set_focus(self.pane("quotes"))

    def go_to_quote(self, quote_id: str) -> None:
        """Jump to a quote's paragraph with the quote highlighted."""
        quote = self.index.quote_by_id[quote_id]
        self.jump(Place(self.index.paragraph_of(quote), quote_id, self.focused_pane()))

    def go_to_source(self, position: int) -> None:
        """Focus the sources pane on one source."""
        self.source_marks = frozenset({position})
        self.jump(Place(self.paragraph, self.highlight, "sources"))
        self.query_one(SourceList).highlighted = position

    def first_quote_in(self, paragraph: int) -> Quote | None:
        """The paragraph's first quote (by the filtered speaker when a filter is on); None
        when it has none, or there is no such paragraph (a story of no paragraphs)."""
        if not 0 <= paragraph < len(self.index.paragraph_quotes):
            return None
        quotes = self.index.paragraph_quotes[paragraph]
        if self.speaker:
            quotes = [q for q in quotes if self.index.speaker_key(q) == self.speaker]
        return quotes[0] if quotes else None

    # -- messages from the panes ----------------------------------------------------------

    def on_paragraph_view_cursor_moved(self, message: ParagraphView.CursorMoved) -> None:
        self.paragraph = message.paragraph

    def on_paragraph_view_chosen(self, message: ParagraphView.Chosen) -> None:
        quote = self.first_quote_in(message.paragraph)
        if quote is None:
            self.notify(f"¶ {message.paragraph + 1} has no quotes", markup=False)
            return
        self.quote = quote.id
        self.action_focus_pane("quotes")

    def on_speaker_list_chosen(self, message: SpeakerList.Chosen) -> None:
        self.filter_by(message.speaker_id)

    def on_quote_list_highlighted(self, message: QuoteList.Highlighted) -> None:
        if message.quote_id == message.control.highlighted_id():  # not overtaken by a later move
            self.quote = message.quote_id

    def on_quote_list_chosen(self, message: QuoteList.Chosen) -> None:
        self.go_to_quote(message.quote_id)

    def on_source_list_chosen(self, message: SourceList.Chosen) -> None:
        self.marked = frozenset(self.index.source_paragraphs[message.source])
        if self.marked and self.paragraph not in self.marked:
            # Marks out of sight said nothing: the article shows the first of them.
            self.jump(Place(min(self.marked), None, "sources"))

    def on_pane_tabs_chosen(self, message: PaneTabs.Chosen) -> None:
        self.action_focus_pane(message.pane)

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        self.search = event.value

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self._close_search()
        if self.matches:
            self._go_to_match(*self._next_match(1, from_paragraph_start=True))
        elif self.search:
            self.notify(f"Not found: {self.search}", markup=False)

    # -- actions ------------------------------------------------------------------------------

    def action_focus_pane(self, name: str) -> None:
        if name in dict(SIDE_PANES):
            self.side_pane = name
        self.set_focus(self.pane(name))

    def action_cycle_pane(self, step: int) -> None:
        position = PANES.index(self.focused_pane())
        self.action_focus_pane(PANES[(position + step) % len(PANES)])

    def help_sections(self) -> list[keys.HelpSection]:
        """The keys of this screen, for the help screen (`?`, an app key)."""
        from explorer.tui.dialogs.speaker_picker import SpeakerPicker

        return [
            ("Story", keys.STORY_BINDINGS),
            ("In every pane", keys.PANE_BINDINGS),
            ("Search box", keys.SEARCH_BINDINGS),
            ("Speaker picker (f)", SpeakerPicker.BINDINGS),
        ]

    def action_pick_speaker(self) -> None:
        from explorer.tui.dialogs.speaker_picker import SpeakerPicker

        def chosen(speaker_id: str | None) -> None:
            if speaker_id:
                self.filter_by(speaker_id)

        self.app.push_screen(SpeakerPicker(self.index.speakers, self.index.quote_counts,
                                           entries=[self.unknown_speaker_entry()]), chosen)

    def unknown_speaker_entry(self) -> PickerEntry:
        """The picker's row for the quotes without a speaker, with their count."""
        from explorer.tui.dialogs.speaker_picker import PickerEntry

        count = len(self.index.speaker_quotes[UNKNOWN_SPEAKER])
        return PickerEntry(UNKNOWN_SPEAKER, UNKNOWN_SPEAKER_NAME, f"{count} quote{'s' if count != 1 else ''}")

    def action_jump_to_sources(self) -> None:
        paragraph = self.paragraph
        if self.focused_pane() == "quotes" and (quote := self.current_quote()) is not None:
            paragraph = self.index.paragraph_of(quote)
        sources = self.index.sources_of(paragraph)
        if not sources:
            self.notify(no_sources_note(self.index, paragraph), markup=False)
            return
        self.source_marks = frozenset(sources)
        self.jump(Place(paragraph, self.highlight, "sources"))
        self.query_one(SourceList).highlighted = sources[0]

    def action_back(self) -> None:
        place = self.history.back(self.here())
        if place is None:
            self.notify("Nothing to go back to", markup=False)
        else:
            self.go(place)

    def action_forward(self) -> None:
        place = self.history.forward(self.here())
        if place is None:
            self.notify("Nothing to go forward to", markup=False)
        else:
            self.go(place)

    def action_back_out(self) -> None:
        """Escape: clear the search or filter (the one set last first), then marks, then leave."""
        if self.search and (not self.speaker or self._last_set == "search"):
            self.search = ""
            self._last_set = "filter" if self.speaker else ""
        elif self.speaker:
            self.speaker = None
            self._last_set = "search" if self.search else ""
        elif self.marked or self.source_marks:
            self.marked = frozenset()
            self.source_marks = frozenset()
        elif self.can_leave:
            self.dismiss()
        else:
            self.notify("Nothing to clear; q quits", markup=False)
