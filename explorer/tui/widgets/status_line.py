"""The status line under the panes: story, active filter or search, position."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from explorer.tui.safe_text import shown
from explorer.tui.story_index import Match, StoryIndex

SEPARATOR = "  │  "


class StatusLine(Widget):
    """One line: the story's title on the left, the screen's state on the right."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $readable-on-panel;
    }
    """

    paragraph: reactive[int] = reactive(0)
    speaker: reactive[str | None] = reactive(None)
    search: reactive[str] = reactive("")
    matches: reactive[tuple[Match, ...]] = reactive(())
    current_match: reactive[int | None] = reactive(None)

    def __init__(self, index: StoryIndex, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index

    def state(self) -> Content:
        """The right-hand part: filter, search, position."""
        parts: list[Content] = []
        if self.speaker:
            speaker = self.index.story.speaker_by_id[self.speaker]
            count = len(self.index.speaker_paragraphs[self.speaker])
            parts.append(
                Content.assemble("filter ", (shown(speaker.name), "bold"), f" ({count} ¶)")
            )
        if self.search:
            found = len(self.matches)
            where = f"{self.current_match + 1}/{found}" if self.current_match is not None else f"{found} found"
            parts.append(
                Content.assemble("search ", (f"“{shown(self.search)}”", "bold"), f" {where}")
            )
        parts.append(Content(f"¶ {self.paragraph + 1}/{len(self.index.story.paragraphs)}"))
        return Content(SEPARATOR).join(parts)

    def render(self) -> Content:
        state = self.state()
        width = self.size.width
        room = max(width - state.cell_length - 2, 0)
        title = Content(" " + shown(self.index.story.title)).truncate(room, ellipsis=True)
        return Content.assemble(title, " " * max(width - title.cell_length - state.cell_length - 1, 1), state, " ")
