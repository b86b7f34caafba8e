"""The status line under the panes: story, unsaved changes, review progress, active
filter or search, position."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from explorer.tui.safe_text import shown
from explorer.tui.story_index import Match, StoryIndex

SEPARATOR = "  │  "
#: Between the parts when they do not all fit with `SEPARATOR`.
NARROW_SEPARATOR = " │ "
#: Reversed, in the line's own colours: it stands out and reads in every theme.
UNSAVED = " ● unsaved "


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
    checked: reactive[str] = reactive("")
    """The review's progress, "checked 12/42" (empty: not shown)."""
    unsaved: reactive[bool] = reactive(False)
    """The story has edits not saved yet."""

    def __init__(self, index: StoryIndex, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index

    def state(self, room: int | None = None) -> Content:
        """The right-hand part: unsaved, progress, filter, search, position.  Within `room`
        cells when given: the filtered speaker's name and the query are cut to fit, so that
        the position ("¶ n/N") stays in view."""
        name = self.index.speaker_label(self.speaker) if self.speaker else ""
        query = self.search
        state = self._state(name, query)
        if room is not None and state.cell_length > room:
            # Closer separators first, then the name and the query share what room is left.
            flexible = [text for text in (name, query) if text]
            fitted = iter(_shares(flexible, room - self._state("", "", NARROW_SEPARATOR).cell_length))
            state = self._state(next(fitted) if name else "", next(fitted) if query else "", NARROW_SEPARATOR,
                                cut=False)
        return state

    def _state(self, name: str, query: str, separator: str = SEPARATOR, *, cut: bool = True) -> Content:
        parts: list[Content] = []
        if self.unsaved:
            parts.append(Content.styled(UNSAVED, "bold reverse"))
        if self.checked:
            parts.append(Content(self.checked))
        if self.speaker:
            count = len(self.index.speaker_paragraphs.get(self.speaker, ()))
            parts.append(
                Content.assemble("filter ", (shown(name) if cut else name, "bold"), f" ({count} ¶)")
            )
        if self.search:
            found = len(self.matches)
            where = f"{self.current_match + 1}/{found}" if self.current_match is not None else f"{found} found"
            parts.append(
                Content.assemble("search ", (f"“{shown(query) if cut else query}”", "bold"), f" {where}")
            )
        count = len(self.index.story.paragraphs)
        parts.append(Content(f"¶ {self.paragraph + 1}/{count}" if count else "no paragraphs"))
        return Content(separator).join(parts)

    def render(self) -> Content:
        width = self.size.width
        state = self.state(max(width - 2, 0))
        room = max(width - state.cell_length - 2, 0)
        title = Content(" " + shown(self.index.story.title)).truncate(room, ellipsis=True)
        return Content.assemble(title, " " * max(width - title.cell_length - state.cell_length - 1, 1), state, " ")


def _shares(texts: list[str], room: int) -> list[str]:
    """`texts` cut (the last character "…") to share `room` characters between them, each
    keeping at least one; a text shorter than its share leaves the rest to the others."""
    fitted = list(texts)
    left = len(texts)
    for position in sorted(range(len(texts)), key=lambda position: len(texts[position])):
        share = max(room // left, 1)
        fitted[position] = shown(texts[position], share)
        room -= len(fitted[position])
        left -= 1
    return fitted
