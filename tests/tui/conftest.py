"""Shared fixtures for the TUI tests: the seed story, small hand-made stories,
and helpers that read what a pane shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widget import Widget

from explorer.model import Paragraph, Quote, Source, Speaker, Story
from tests.bench.make_corpus import make_sample_library

ROOT = Path(__file__).resolve().parents[2]
SEED_STORY = ROOT / "stories" / "zelensky-trump-call.yaml"
#: A bundled story with an outlet and a date, whose sources are all cited ones; ¶2 has no quote.
LONDON_STORY = ROOT / "stories" / "london-s-muslim-mayor-rebuffs-trump-on-exception-to-ban.yaml"
#: A terminal size where the story screen shows all four panes side by side.
WIDE = (150, 45)
#: The smallest size the explorer supports (the panes stack).
SMALL = (80, 24)


async def settle_until(pilot, done: Callable[[], bool], pauses: int = 200) -> None:
    """Pause until `done()` holds, at most `pauses` times: keys held for after a refresh
    (typeahead.py) are pressed again only when the screen has refreshed, which on a busy
    machine may take more than one pause. Counted in pauses, never in seconds."""
    for _ in range(pauses):
        if done():
            return
        await pilot.pause()
    assert done(), f"still not so after {pauses} pauses"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A library of sample stories (`make_sample_library`), for the library's tests."""
    make_sample_library(tmp_path / "library")
    return tmp_path / "library"


def shown_lines(widget: Widget) -> list[str]:
    """The plain text of every visible line of a Line-API widget (ScrollView, OptionList)."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def shown_text(widget: Widget) -> str:
    """The visible lines of a Line-API widget joined by newlines."""
    return "\n".join(shown_lines(widget))


@pytest.fixture
def seed_path() -> Path:
    """The bundled, hand-checked seed story (17 paragraphs)."""
    return SEED_STORY


def hostile_story() -> Story:
    """A story whose text tries markup, actions and escape sequences."""
    text = "He said [bold]no[/bold] and [@click=app.quit]click me[/] then \x1b[31mred\x1b[0m\x07 done."
    return Story(
        title="[b]Title[/b] [@click=app.quit]quit[/]",
        paragraphs=[Paragraph("p1", text), Paragraph("p2", "Plain second paragraph.")],
        speakers=[Speaker("x", "[red]Mallory[/red]", role="[@click=app.bell]role")],
        quotes=[Quote("q1", "p1", "[@click=app.quit]click me[/]", speaker="x")],
        sources=[Source("[i]Wire[/i]", kind="listed")],
    )


@pytest.fixture
def tiny_story() -> Story:
    """Three paragraphs, two speakers, an unattributed quote, one cited source."""
    return Story(
        title="Tiny story",
        paragraphs=[
            Paragraph("a", "Alice said “we will win” and left."),
            Paragraph("b", "Nothing quoted here."),
            Paragraph("c", "Bob replied “maybe not” while critics said it was late."),
        ],
        speakers=[Speaker("alice", "Alice Smith", role="Mayor", aliases=["Alice"]), Speaker("bob", "Bob Jones")],
        quotes=[
            Quote("q1", "a", "we will win", speaker="alice"),
            Quote("q2", "c", "maybe not", speaker="bob"),
            Quote("q3", "c", "it was late", kind="reported", speaker=None),
        ],
        sources=[Source("Daily Wire", kind="cited", url="https://example.org/wire", paragraphs=["c"]),
                 Source("Agency", kind="listed")],
    )


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio (`@pytest.mark.anyio`)."""
    return "asyncio"


class Notes:
    """Records the app's notifications (the messages, in order)."""

    def __init__(self, app) -> None:  # noqa: ANN001 - any App
        self.messages: list[str] = []
        original = app.notify

        def notify(message: str, **kwargs: object) -> None:
            self.messages.append(message)
            original(message, **kwargs)

        app.notify = notify

    @property
    def last(self) -> str:
        return self.messages[-1] if self.messages else ""
