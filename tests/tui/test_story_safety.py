"""Story text is shown, never run; the TUI never loads spaCy; bad start options are reported."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from explorer.tui.app import make_app
from explorer.tui.safe_text import printable
from explorer.tui.screens.story import StoryScreen
from explorer.tui.widgets.paragraph_view import ParagraphView
from explorer.tui.widgets.quote_list import QuoteList
from explorer.tui.widgets.source_list import SourceList
from explorer.tui.widgets.speaker_list import SpeakerList
from tests.tui.conftest import ROOT, SEED_STORY, WIDE, Notes, hostile_story, shown_text

pytestmark = pytest.mark.anyio


def test_printable_keeps_length_and_shows_control_characters() -> None:
    text = "a\x1b[31mb\x07c\td\x9be\u202ef"
    shown = printable(text)
    assert len(shown) == len(text)
    assert shown == "a␛[31mb␇c d\ufffde\ufffdf"
    assert all(ch.isprintable() for ch in shown)


async def test_markup_and_actions_in_story_text_are_shown_literally() -> None:
    app = make_app(hostile_story())
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        article = shown_text(screen.query_one(ParagraphView))
        assert "[bold]no[/bold]" in article
        assert "[@click=app.quit]click me[/]" in article
        assert "␛[31mred␛[0m␇" in article
        assert "\x1b" not in article
        assert "[red]Mallory[/red]" in shown_text(screen.query_one(SpeakerList))
        assert "[@click=app.bell]role" in shown_text(screen.query_one(SpeakerList))
        assert "[@click=app.quit]click me[/]" in shown_text(screen.query_one(QuoteList))
        assert "[i]Wire[/i]" in shown_text(screen.query_one(SourceList))
        assert "[b]Title[/b] [@click=app.quit]quit[/]" in screen.query_one("#status").render().plain
        # Clicking the text that looks like an action does nothing but move the cursor.
        await pilot.click(ParagraphView, offset=(30, 1))
        await pilot.pause()
        assert app.is_running
        # Copying and searching show the text literally in notifications.
        notes = Notes(app)
        copied: list[str] = []
        app.copy_to_clipboard = copied.append
        await pilot.press("3", "y")
        assert copied == ["“[@click=app.quit]click me[/]” — [red]Mallory[/red], ¶ 1"]
        assert notes.last == copied[0]
        await pilot.press("slash", *"[@click", "enter")
        assert app.is_running and screen.search == "[@click"


def test_the_explorer_never_imports_spacy() -> None:
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        from explorer.tui.app import make_app

        async def main():
            app = make_app({str(SEED_STORY)!r})
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.press("f", "escape", "slash", "x", "enter", "question_mark", "escape")
        asyncio.run(main())
        print("spacy" in sys.modules, any(name.startswith("explorer.annotate") for name in sys.modules))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


async def test_start_at_speaker_paragraph_and_quote() -> None:
    app = make_app(SEED_STORY, speaker="rutte", paragraph=3)
    async with app.run_test(size=WIDE):
        screen = app.screen
        assert screen.speaker == "rutte" and screen.paragraph == 2
    app = make_app(SEED_STORY, quote="q35")
    async with app.run_test(size=WIDE):
        screen = app.screen
        assert (screen.paragraph, screen.highlight, screen.quote) == (12, "q35", "q35")


async def test_bad_start_values_are_notified_not_fatal() -> None:
    app = make_app(SEED_STORY, speaker="nobody", paragraph=99, quote="q999")
    messages: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (messages.append(message), original(message, **kw))[1]
    async with app.run_test(size=WIDE):
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert (screen.speaker, screen.paragraph, screen.highlight) == (None, 0, None)
    assert messages == [
        "--speaker nobody: no speaker of this story matches",
        "--paragraph 99: the story has paragraphs 1 to 17",
        "--quote q999: no quote has this id",
    ]


async def test_an_ambiguous_speaker_takes_the_most_quoted_and_says_so() -> None:
    app = make_app(SEED_STORY, speaker="president")
    messages: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (messages.append(message), original(message, **kw))[1]
    async with app.run_test(size=WIDE):
        assert app.screen.speaker == "trump"
    assert messages and messages[0].startswith("--speaker president matches Donald Trump, ")


async def test_a_broken_story_file_is_a_notification(tmp_path) -> None:  # noqa: ANN001
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\ntitle: [unclosed\n")
    app = make_app(broken)
    messages: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (messages.append(message), original(message, **kw))[1]
    async with app.run_test(size=WIDE):
        assert not isinstance(app.screen, StoryScreen)
    assert len(messages) == 1
    assert re.match(rf"{re.escape(str(broken))}:\d+:\d+: invalid YAML", messages[0])
    # Nothing to show: the explorer ends, and the command line says why (test_cli.py).
    assert app.return_code == 1 and app.start_error == messages[0]


@pytest.mark.parametrize("size", [WIDE, (80, 24)], ids=["wide", "80x24"])
async def test_a_story_without_paragraphs_opens_and_every_key_answers(size: tuple[int, int], tmp_path) -> None:  # noqa: ANN001
    """`paragraphs: []` is a valid story (validate finds no problem), yet opening it killed
    the explorer before its first paint: IndexError in the footer, which asked for the first
    quote of a cursor paragraph that does not exist."""
    path = tmp_path / "empty.yaml"
    path.write_text("format: 1\ntitle: Nothing yet\nparagraphs: []\n", encoding="utf-8")
    app = make_app(path, paragraph=1)
    notes = Notes(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        assert notes.messages[0] == "--paragraph 1: the story has no paragraphs"
        assert app.screen.query_one("StatusLine").render().plain.rstrip().endswith("no paragraphs")
        for key in ["enter", "j", "G", "a", "x", "u", "e", "escape", "K", "escape", "m", "escape", "i", "y", "s",
                    "v", "r", "n", "p", "U", "X", "less_than_sign", "full_stop", "ctrl+z", "ctrl+y", "backspace",
                    "2", "enter", "M", "escape", "3", "enter", "4", "enter", "o", "1", "f", "escape",
                    "slash", "x", "enter", "question_mark", "escape"]:
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running, key
