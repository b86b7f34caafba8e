"""The speakers pane: each speaker with role and number of quotes, most quoted first."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive, var
from textual.widgets.option_list import Option

from explorer.model import Speaker
from explorer.tui import keys
from explorer.tui.safe_text import shown
from explorer.tui.speaker_colours import speaker_style
from explorer.tui.widgets.pane_list import PaneList

SWATCH = "●"
FILTER_MARK = "  ◀ filter"


class SpeakerList(PaneList):
    """The story's speakers; the one the quotes are filtered by is marked."""

    BINDINGS = keys.pane_bindings("speakers")

    active: reactive[str | None] = var(None)
    """The speaker id of the active filter, or None."""

    class Chosen(Message):
        """Enter on a speaker: filter by them."""

        def __init__(self, speaker_id: str) -> None:
            super().__init__()
            self.speaker_id = speaker_id

    def prompt(self, speaker: Speaker) -> Content:
        """A speaker's two lines: colour swatch, name and count; role."""
        count = self.index.quote_counts[speaker.id]
        parts: list[str | tuple[str, str] | Content] = [
            Content(SWATCH).stylize(speaker_style(self, self.index.speaker_rank[speaker.id])),
            " ",
            (shown(speaker.name), "bold"),
            (f"  {count} quote{'s' if count != 1 else ''}", "$readable-muted"),
        ]
        if speaker.id == self.active:
            parts.append((FILTER_MARK, "$readable-accent bold"))
        if speaker.role:
            parts.append(("\n  " + shown(speaker.role), "$readable-muted"))
        return Content.assemble(*parts, strip_control_codes=False)

    def rebuild(self) -> None:
        highlighted = self.highlighted
        self.set_options(Option(self.prompt(s), id=s.id) for s in self.index.speakers)
        self.highlighted = highlighted if highlighted is not None else 0

    def watch_active(self, old: str | None, new: str | None) -> None:
        if not self.is_mounted:
            return
        for speaker_id in {old, new} - {None}:
            self.replace_option_prompt(speaker_id, self.prompt(self.index.story.speaker_by_id[speaker_id]))

    def option_chosen(self, option: Option) -> None:
        self.post_message(self.Chosen(option.id or ""))
