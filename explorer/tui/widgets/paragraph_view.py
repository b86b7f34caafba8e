"""The article pane: every paragraph numbered and wrapped, quotes in their speaker's colour.

A Line-API `ScrollView`: the wrap of every paragraph is computed once per
width (plain offsets, no styling), and only the visible lines are styled and
drawn.  So a story of thousands of paragraphs costs the same per key press as
a short one, and a change of filter, search or selection only re-styles what
is on the screen.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from rich.cells import cell_len, get_character_cell_size
from textual import events
from textual.content import Content, Span
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from explorer.tui import keys
from explorer.tui.component_style import component_style
from explorer.tui.safe_text import printable
from explorer.tui.speaker_colours import speaker_style
from explorer.tui.story_index import Match, StoryIndex

#: Text is wrapped at most this wide, however wide the pane: long lines are hard to read.
READABLE_WIDTH = 80

CURSOR_BAR = "▌"
SPEAKER_MARK = "●"
SOURCE_MARK = "◆"

_WORD = re.compile(r"\S+")

_NUMBER = "paragraph-view--number"
_CURSOR = "paragraph-view--cursor"
_CURSOR_BAR = "paragraph-view--cursor-bar"
_DIMMED = "paragraph-view--dimmed"
_SOURCE_MARK = "paragraph-view--source-mark"
_MATCH = "paragraph-view--match"
_CURRENT_MATCH = "paragraph-view--current-match"
#: The quote a jump landed on: reversed, so it shows in its speaker's colour as a block.
#: (Component classes cannot carry `reverse` into a `Style`, so it is set here.)
HIGHLIGHTED_QUOTE = Style(reverse=True, bold=True)
_UNKNOWN_SPEAKER = "paragraph-view--unknown-speaker"


def _fold(text: str, start: int, end: int, width: int) -> int:
    """The offset where a word `text[start:end]` too long for `width` cells is cut."""
    used = 0
    for offset in range(start, end):
        used += get_character_cell_size(text[offset])
        if used > width:
            return max(offset, start + 1)
    return end


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap by terminal cells: the (start, end) offsets of each line.

    Lines exclude the spaces they break at; a word longer than `width` is cut.
    An empty text is one empty line.
    """
    width = max(width, 1)
    measure = len if text.isascii() else cell_len
    lines: list[tuple[int, int]] = []
    line_start, line_end, used = -1, 0, 0
    for word in _WORD.finditer(text):
        start, end = word.span()
        cells = measure(word.group())
        if line_start >= 0 and used + (start - line_end) + cells <= width:
            used += (start - line_end) + cells
            line_end = end
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
        while cells > width and start < end:
            cut = _fold(text, start, end, width)
            lines.append((start, cut))
            # Take off what was cut: measuring the rest again would be quadratic in a long word.
            cells -= measure(text[start:cut])
            start = cut
        line_start, line_end, used = start, end, cells
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines or [(0, 0)]


class ParagraphView(ScrollView, can_focus=True):
    """The paragraphs of one story, with a cursor on one of them."""

    DEFAULT_CSS = """
    ParagraphView {
        overflow-y: scroll;
        overflow-x: hidden;
        & > .paragraph-view--number { color: $readable-muted; }
        & > .paragraph-view--cursor { background: $boost; }
        & > .paragraph-view--cursor-bar { color: $readable-accent; text-style: bold; }
        & > .paragraph-view--dimmed { color: $readable-dimmed; }
        & > .paragraph-view--source-mark { color: $readable-secondary; }
        & > .paragraph-view--match { background: $match-background; color: $match-foreground; }
        & > .paragraph-view--current-match {
            background: $current-match-background; color: $current-match-foreground; text-style: bold;
        }
        & > .paragraph-view--unknown-speaker { color: $readable-muted; text-style: italic; }
    }
    """
    COMPONENT_CLASSES = {
        _NUMBER, _CURSOR, _CURSOR_BAR, _DIMMED, _SOURCE_MARK, _MATCH, _CURRENT_MATCH, _UNKNOWN_SPEAKER,
    }
    BINDINGS = keys.pane_bindings("paragraphs")

    cursor: reactive[int] = reactive(0, always_update=True)
    """Position of the selected paragraph."""
    speaker: reactive[str | None] = reactive(None)
    """Filter: paragraphs where this speaker id does not speak are dimmed."""
    quote: reactive[str | None] = reactive(None)
    """The id of the quote the last jump landed on, drawn reversed."""
    matches: reactive[tuple[Match, ...]] = reactive(())
    """Search matches, highlighted."""
    current_match: reactive[int | None] = reactive(None)
    """Position in `matches` of the match n/N last went to."""
    marked: reactive[frozenset[int]] = reactive(frozenset())
    """Paragraphs marked by the chosen source."""

    class CursorMoved(Message):
        """The user moved the cursor to another paragraph."""

        def __init__(self, paragraph: int) -> None:
            super().__init__()
            self.paragraph = paragraph

    class Chosen(Message):
        """Enter on a paragraph."""

        def __init__(self, paragraph: int) -> None:
            super().__init__()
            self.paragraph = paragraph

    def __init__(self, index: StoryIndex, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.index = index
        self._texts = [printable(p.text) for p in index.story.paragraphs]
        self._digits = len(str(len(self._texts)))
        self._layout_width = -1
        self._text_width = -1
        self._line_paragraph: list[int] = []  # paragraph of each line, -1 between paragraphs
        self._line_span: list[tuple[int, int]] = []
        self._paragraph_top: list[int] = []
        self._speaking: frozenset[int] = frozenset()
        self._paragraph_matches: dict[int, list[int]] = {}
        self._styles: dict[str, Style] = {}

    # -- layout -----------------------------------------------------------------

    @property
    def gutter_width(self) -> int:
        """Cells left of the text: cursor bar, number, mark."""
        return self._digits + 4

    def _ensure_layout(self) -> None:
        """Wrap every paragraph for the current width (only when the width of the text
        changed: a pane wider than `READABLE_WIDTH` needs no new wrap when it widens)."""
        width = self.scrollable_content_region.width
        if width == self._layout_width or width <= 0:
            return
        self._layout_width = width
        text_width = max(min(width - self.gutter_width, READABLE_WIDTH), 8)
        if text_width == self._text_width:
            self.virtual_size = Size(width, len(self._line_paragraph))
            return
        self._text_width = text_width
        line_paragraph: list[int] = []
        line_span: list[tuple[int, int]] = []
        tops: list[int] = []
        for position, text in enumerate(self._texts):
            if position:
                line_paragraph.append(-1)
                line_span.append((0, 0))
            tops.append(len(line_paragraph))
            spans = wrap_offsets(text, text_width)
            line_span.extend(spans)
            line_paragraph.extend([position] * len(spans))
        self._line_paragraph, self._line_span, self._paragraph_top = line_paragraph, line_span, tops
        self.virtual_size = Size(width, len(line_paragraph))

    def on_resize(self, _event: events.Resize) -> None:
        self._ensure_layout()
        self.reveal()

    def paragraph_lines(self, paragraph: int) -> tuple[int, int]:
        """The first line and the line count of `paragraph` in the current layout."""
        self._ensure_layout()
        top = self._paragraph_top[paragraph]
        following = self._paragraph_top[paragraph + 1] - 1 if paragraph + 1 < len(self._paragraph_top) else len(
            self._line_paragraph
        )
        return top, following - top

    def _line_of_offset(self, paragraph: int, offset: int) -> int:
        """The line showing character `offset` of `paragraph`."""
        top, height = self.paragraph_lines(paragraph)
        starts = [self._line_span[line][0] for line in range(top, top + height)]
        return top + max(bisect_right(starts, offset) - 1, 0)

    def reveal(self) -> None:
        """Scroll so the cursor paragraph shows from its top, down to its current match
        or highlighted quote if it has one (that line alone when both do not fit)."""
        if not self._texts or self._layout_width <= 0:
            return
        top, height = self.paragraph_lines(self.cursor)
        view_height = max(self.scrollable_content_region.height, 1)
        bottom = top + min(height, view_height)
        focus = self._focus_offset()
        if focus is not None:
            line = self._line_of_offset(self.cursor, focus)
            top, bottom = (top, max(bottom, line + 1)) if line + 1 - top <= view_height else (line, line + 1)
        self.scroll_to_region(Region(0, top, 1, bottom - top), animate=False, force=True, immediate=True)

    def _focus_offset(self) -> int | None:
        """Where in the cursor paragraph the eye should go: the current match, else the highlighted quote."""
        if self.current_match is not None and self.current_match < len(self.matches):
            match = self.matches[self.current_match]
            if match.paragraph == self.cursor:
                return match.start
        if self.quote is not None and self.quote in self.index.spans:
            quote = self.index.quote_by_id[self.quote]
            if self.index.paragraph_of(quote) == self.cursor:
                return self.index.spans[self.quote][0]
        return None

    # -- state --------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return min(max(cursor, 0), max(len(self._texts) - 1, 0))

    def watch_cursor(self) -> None:
        self.reveal()
        self.refresh()

    def watch_quote(self) -> None:
        self.reveal()
        self.refresh()

    def watch_speaker(self, speaker: str | None) -> None:
        self._speaking = frozenset(self.index.speaker_paragraphs.get(speaker, ())) if speaker else frozenset()
        self.refresh()

    def watch_matches(self, matches: tuple[Match, ...]) -> None:
        grouped: dict[int, list[int]] = {}
        for position, match in enumerate(matches):
            grouped.setdefault(match.paragraph, []).append(position)
        self._paragraph_matches = grouped
        self.refresh()

    def watch_current_match(self) -> None:
        self.reveal()
        self.refresh()

    def watch_marked(self) -> None:
        self.refresh()

    # -- actions --------------------------------------------------------------------

    def move_to(self, paragraph: int) -> None:
        """Move the cursor as the user asked, and tell the screen."""
        self.cursor = paragraph
        self.post_message(self.CursorMoved(self.cursor))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self._texts) - 1)

    def _paragraph_at_line(self, line: int) -> int:
        line = min(max(line, 0), len(self._line_paragraph) - 1)
        paragraph = self._line_paragraph[line]
        return paragraph if paragraph >= 0 else self._line_paragraph[line + 1]

    def action_page_down(self) -> None:
        top, _ = self.paragraph_lines(self.cursor)
        self.move_to(max(self._paragraph_at_line(top + self.scrollable_content_region.height), self.cursor + 1))

    def action_page_up(self) -> None:
        top, _ = self.paragraph_lines(self.cursor)
        self.move_to(min(self._paragraph_at_line(top - self.scrollable_content_region.height), self.cursor - 1))

    def action_select(self) -> None:
        self.post_message(self.Chosen(self.cursor))

    def on_click(self, event: events.Click) -> None:
        self._ensure_layout()
        line = event.y + self.scroll_offset.y
        if 0 <= line < len(self._line_paragraph):
            self.move_to(self._paragraph_at_line(line))

    # -- drawing ----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        """Component class `name` as a span style (see `component_style`), cached until
        the styles change (a theme change)."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = component_style(self, name)
        return style

    def _speaker_style(self, speaker: str | None) -> Style:
        """Foreground in the speaker's colour, legible on this pane and on its cursor line."""
        if speaker is None or speaker not in self.index.speaker_rank:
            return self._style(_UNKNOWN_SPEAKER)
        key = f"speaker {speaker}"
        style = self._styles.get(key)
        if style is None:
            cursor_background = self.get_component_styles(_CURSOR).background
            style = speaker_style(self, self.index.speaker_rank[speaker], cursor_background)
            self._styles[key] = style
        return style

    def _body(self, paragraph: int, start: int, end: int, dimmed: bool) -> Content:
        """One line of paragraph text with its quote and match highlights."""
        spans: list[Span] = []

        def add(span_start: int, span_end: int, style: Style) -> None:
            low, high = max(span_start, start), min(span_end, end)
            if low < high:
                spans.append(Span(low - start, high - start, style))

        if not dimmed:
            for quote in self.index.paragraph_quotes[paragraph]:
                span = self.index.spans.get(quote.id)
                if span is not None and span[0] < end and start < span[1]:
                    add(*span, self._speaker_style(quote.speaker))
                    if quote.id == self.quote:
                        add(*span, HIGHLIGHTED_QUOTE)
        # A paragraph's matches are in text order and do not overlap: start at the
        # first one that reaches this line (a long paragraph can hold thousands).
        positions = self._paragraph_matches.get(paragraph, [])
        first = bisect_right(positions, start, key=lambda position: self.matches[position].end)
        for position in positions[first:]:
            match = self.matches[position]
            if match.start >= end:
                break
            style_name = _CURRENT_MATCH if position == self.current_match else _MATCH
            add(match.start, match.end, self._style(style_name))
        return Content(self._texts[paragraph][start:end], spans, strip_control_codes=False)

    def _gutter(self, paragraph: int, first_line: bool, on_cursor: bool) -> Content:
        number = str(paragraph + 1).rjust(self._digits) if first_line else " " * self._digits
        if paragraph in self.marked:
            mark = (SOURCE_MARK, self._style(_SOURCE_MARK))
        elif paragraph in self._speaking:
            mark = (SPEAKER_MARK, self._speaker_style(self.speaker))
        else:
            mark = (" ", "")
        bar_style = self._style(_CURSOR_BAR)
        return Content.assemble(
            (CURSOR_BAR if on_cursor else " ", bar_style),
            (number, bar_style if on_cursor else self._style(_NUMBER)),
            " ",
            mark if first_line else " ",
            " ",
        )

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        base = self.get_visual_style()
        if line >= len(self._line_paragraph) or self._line_paragraph[line] < 0:
            return Strip.blank(width, base.rich_style)
        paragraph = self._line_paragraph[line]
        start, end = self._line_span[line]
        on_cursor = paragraph == self.cursor
        if on_cursor:
            base = self.get_visual_style(_CURSOR)
        dimmed = bool(self.speaker) and paragraph not in self._speaking
        body = self._body(paragraph, start, end, dimmed)
        if dimmed:
            body = body.stylize_before(self._style(_DIMMED))
        content = self._gutter(paragraph, line == self._paragraph_top[paragraph], on_cursor) + body
        segments = content.render_segments(base)
        return Strip(segments).adjust_cell_length(width, base.rich_style)
