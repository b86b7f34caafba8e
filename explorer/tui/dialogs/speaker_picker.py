"""`f`: pick a speaker to filter by, typing to narrow the list."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from explorer.model import Speaker
from explorer.tui.safe_text import shown
from explorer.tui.widgets.key_footer import KeyFooter


class SpeakerPicker(ModalScreen[str | None]):
    """A list of speakers with a filter box; dismisses with the chosen speaker id, or None."""

    DEFAULT_CSS = """
    SpeakerPicker {
        align: center middle;
        & > #picker {
            width: 60;
            max-width: 90%;
            height: auto;
            max-height: 80%;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
        & #picker-list { height: auto; max-height: 20; border: none; }
    }
    """
    BINDINGS = [
        # A priority key: the filter box would take Enter first, and the footer would not offer it.
        Binding("enter", "choose", "Filter", priority=True, id="picker.choose",
                tooltip="Filter by the speaker under the cursor"),
        Binding("down", "move(1)", "Down", priority=True, id="picker.down", tooltip="Next speaker"),
        Binding("up", "move(-1)", "Up", priority=True, id="picker.up", tooltip="Previous speaker"),
        Binding("escape", "cancel", "Cancel", id="picker.cancel", tooltip="Close without filtering"),
    ]

    def __init__(self, speakers: list[Speaker], counts: dict[str, int]) -> None:
        super().__init__()
        self.speakers = speakers
        self.counts = counts
        self._shown_for = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label("Filter quotes by speaker")
            yield Input(placeholder="type part of a name", id="picker-filter")
            yield OptionList(id="picker-list", markup=False)
        yield KeyFooter()  # the picker's keys, over the story screen's

    def on_mount(self) -> None:
        self.show_matching("")

    def _prompt(self, speaker: Speaker) -> Content:
        count = self.counts.get(speaker.id, 0)
        return Content.assemble(
            (shown(speaker.name), "bold"),
            (f"  {count} quote{'s' if count != 1 else ''}", "$readable-muted"),
            ("  " + shown(speaker.role), "$readable-muted") if speaker.role else "",
            strip_control_codes=False,
        )

    def show_matching(self, query: str) -> None:
        """List the speakers whose name or alias contains `query`."""
        self._shown_for = query
        options = self.query_one("#picker-list", OptionList)
        options.set_options(Option(self._prompt(s), id=s.id) for s in self.speakers if s.matches(query))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#picker-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.show_matching(event.value)

    def action_choose(self) -> None:
        """Enter: choose once the letters typed before it are in the filter box.  (A priority
        key runs as it arrives, while letters typed just ahead of it may still wait in the
        box's queue: the choice waits in that queue behind them.)"""
        self.query_one("#picker-filter", Input).call_later(self._choose_highlighted)

    def _choose_highlighted(self) -> None:
        query = self.query_one("#picker-filter", Input).value
        if query != self._shown_for:  # its Input.Changed is still on the way
            self.show_matching(query)
        option = self.query_one("#picker-list", OptionList).highlighted_option
        if option is not None:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
