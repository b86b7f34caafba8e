"""What the review tests share: an annotated copy of the seed story to edit, and ways
to read what the screen shows (text and the styles it is drawn in)."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.style import Style
from textual.app import App
from textual.widget import Widget

from explorer.model import Quote, Story
from explorer.tui.screens.review_story import ReviewStoryScreen
from explorer.tui.widgets.quote_list import QuoteList
from explorer.tui.widgets.status_line import StatusLine

FILES = Path(__file__).resolve().parents[1] / "files"
#: The seed article as `story-explorer annotate` wrote it (42 quotes, 5 speakers), a few
#: `resolution` entries added by hand.
SEED_ANNOTATED = FILES / "seed-annotated.yaml"


def annotated_copy(folder: Path) -> Path:
    """A copy of the annotated seed story in `folder`, to edit and save."""
    path = folder / "seed.yaml"
    shutil.copy(SEED_ANNOTATED, path)
    return path


def review_screen(app: App) -> ReviewStoryScreen:
    screen = app.screen
    assert isinstance(screen, ReviewStoryScreen), type(screen).__name__
    return screen


def quote_of(story: Story, quote_id: str) -> Quote:
    return next(q for q in story.quotes if q.id == quote_id)


def edited(app: App, quote_id: str) -> Quote:
    """The quote as the screen's edited story holds it now."""
    return quote_of(review_screen(app).session.story, quote_id)


def listed_ids(app: App) -> list[str]:
    """The quote ids the quotes pane lists, in its order."""
    return [option.id or "" for option in app.screen.query_one(QuoteList).options]


def status(app: App) -> str:
    """The right-hand part of the status line, as shown, its spaces made single."""
    return " ".join(app.screen.query_one(StatusLine).state().plain.split())


def styled_cells(widget: Widget) -> list[tuple[str, Style]]:
    """Every visible character of a Line-API widget with its style, line by line."""
    cells = []
    for y in range(widget.scrollable_content_region.height):
        for segment in widget.render_line(y):
            cells.extend((character, segment.style or Style()) for character in segment.text)
        cells.append(("\n", Style()))
    return cells


def text_drawn(widget: Widget, *, reverse: bool | None = None, underline: bool | None = None,
               strike: bool | None = None) -> str:
    """The visible words drawn with the given attributes, in screen order; a run that goes
    on at the next line (after the gutter) reads as one text."""
    words, run = [], ""
    for character, style in styled_cells(widget):
        wanted = ((reverse is None or bool(style.reverse) == reverse)
                  and (underline is None or bool(style.underline) == underline)
                  and (strike is None or bool(style.strike) == strike))
        if wanted and character != "\n":
            run += character
        elif run:
            words.extend(run.split())
            run = ""
    return " ".join(words + run.split())


def style_of(widget: Widget, words: str) -> Style:
    """The style of the first character of `words` where the widget shows them (on one line)."""
    for y in range(widget.scrollable_content_region.height):
        strip = widget.render_line(y)
        column = strip.text.find(words)
        if column >= 0:
            return styled_cells_of_line(strip)[column]
    raise AssertionError(f"{words!r} is not shown")


def styled_cells_of_line(strip) -> list[Style]:  # noqa: ANN001 - a Strip
    return [segment.style or Style() for segment in strip for _ in segment.text]
