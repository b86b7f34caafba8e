"""Opening an article (.txt/.md): annotate it with spaCy, then show the story.

spaCy costs a second to import and load, so it runs in a thread worker and
is imported only there (through `explorer.annotate`): the screen shows each
step ("loading the spaCy model…", "parsing…") as the worker posts it.  The
result opens in the story screen, with ctrl+s to save it as a story file.
A missing model or an unreadable file is a message on this screen.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static

from explorer.model import Story
from explorer.tui import keys
from explorer.tui.safe_text import plain, printable
from explorer.tui.screens.review_story import ReviewStoryScreen


#: How often the worker waiting for the annotator looks whether it was cancelled.
CANCEL_CHECK_SECONDS = 0.1
#: The name of the annotator's thread (`still_annotating`).
ANNOTATOR_THREAD = "story-explorer annotator"


def still_annotating() -> bool:
    """True while an annotator's thread is still at work (a parse cannot be stopped)."""
    return any(thread.name == ANNOTATOR_THREAD and thread.is_alive() for thread in threading.enumerate())


class AnnotateFailed(Exception):
    """Annotating could not be done; the message is one line for the screen."""


def annotate_article(path: Path, model: str | None, step: Callable[[str], None]) -> Story:
    """Read the article at `path` and annotate it with spaCy `model` (None: the default),
    as `story-explorer annotate` does.

    `step` is told what is happening, for the progress line.  Every expected
    failure (unreadable file, no model) is `AnnotateFailed` with one line.
    """
    from explorer.annotate.commands import (
        MARKDOWN_SUFFIXES,
        ArticleInput,
        InputError,
        read_input,
    )

    step("reading the article…")
    item = ArticleInput(str(path), path)
    try:
        text = read_input(item, max_chars=sys.maxsize)  # the model's own limit is checked once it is loaded
    except InputError as error:
        raise AnnotateFailed(f"{path}: {error}") from None

    from explorer.annotate.article import read_article
    from explorer.annotate.build import build_story
    from explorer.annotate.extract import extract
    from explorer.annotate.pipeline import AnnotateError, load_pipeline

    step(f"loading the spaCy model{' ' + model if model else ''}…")
    try:
        nlp = load_pipeline(model)
    except AnnotateError as error:
        raise AnnotateFailed(str(error)) from None
    if len(text) > nlp.max_length:
        raise AnnotateFailed(f"{path}: {len(text):,} characters, too long for the spaCy model "
                             f"({nlp.max_length:,} at most)")
    article = read_article(text, markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)
    step(f"parsing {len(article.text.split()):,} words…")
    doc = nlp(article.analysis_text)
    step("finding the quotes and their speakers…")
    return build_story(article, extract(doc, article.paragraphs), language=nlp.lang)


def suggested_path(story: Story) -> Path:
    """Where `story-explorer annotate` would write the story: stories/<slug of the title>.yaml."""
    from explorer.annotate.commands import DEFAULT_OUTPUT, slug

    return DEFAULT_OUTPUT / f"{slug(story.title)}.yaml"


class AnnotatingScreen(Screen):
    """Annotates the article at `path` in a worker, then replaces itself with the story."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back", id="annotating.back",
                tooltip="Stop waiting and go back (when something is open below)"),
    ]

    class Step(Message):
        """The worker is now doing `what`."""

        def __init__(self, what: str) -> None:
            super().__init__()
            self.what = what

    class Done(Message):
        """The worker finished: a `story`, or an `error` to show."""

        def __init__(self, story: Story | None, error: str | None = None) -> None:
            super().__init__()
            self.story = story
            self.error = error

    def __init__(self, path: Path, model: str | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.model = model

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="annotating"):
            yield Static(plain(f"Annotating {self.path.name}", "bold"), id="annotating-title")
            yield LoadingIndicator(id="annotating-spinner")
            yield Static("starting…", id="annotating-step")
            yield Static(id="annotating-error")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = printable(str(self.path))
        self.annotate()

    @work(thread=True, exclusive=True, group="annotate")
    def annotate(self) -> None:
        """Run the annotator in a thread of its own, and wait for it here until it is done
        or the worker is cancelled (Escape, quitting).  spaCy cannot be stopped in the middle
        of a parse: its thread is a daemon, which the process does not wait for at exit (and
        `run_explorer` ends the process without tearing spaCy down under it); the worker's
        own thread, which the app does wait for, returns at once."""
        finished = threading.Event()
        thread = threading.Thread(target=self._annotate, args=(finished,), name=ANNOTATOR_THREAD, daemon=True)
        thread.start()
        worker = get_current_worker()
        while not finished.wait(CANCEL_CHECK_SECONDS):
            if worker.is_cancelled:
                return

    def _annotate(self, finished: threading.Event) -> None:
        """The annotator's run; spaCy is imported here, in its thread, never at start."""
        try:
            story = annotate_article(self.path, self.model, lambda what: self.post_message(self.Step(what)))
        except AnnotateFailed as error:
            self.post_message(self.Done(None, str(error)))
        except ImportError as error:  # part of the annotator is not installed
            self.post_message(self.Done(None, f"the annotator is not available: {error}"))
        except Exception as error:  # noqa: BLE001 - a bug in the annotator is shown, the explorer stays up
            self.post_message(self.Done(None, f"the annotator failed: {type(error).__name__}: {error}"))
        else:
            self.post_message(self.Done(story))
        finally:
            finished.set()

    def on_annotating_screen_step(self, message: Step) -> None:
        self.query_one("#annotating-step", Static).update(plain(message.what))

    def on_annotating_screen_done(self, message: Done) -> None:
        if message.story is None:
            self.query_one("#annotating-spinner").display = False
            self.query_one("#annotating-step", Static).update(plain("Could not annotate the article:", "bold"))
            self.query_one("#annotating-error", Static).update(plain(message.error or ""))
            return
        story = message.story
        self.notify(f"{len(story.quotes):,} quotes, {len(story.speakers):,} speakers found. "
                    "Check them, and press ctrl+s to save the story.", title="Annotated", markup=False)
        self.app.switch_screen(AnnotatedStoryScreen(story, None, can_leave=self._has_screen_below()))

    def _has_screen_below(self) -> bool:
        """True when something other than the app's blank default screen is under this one."""
        return len(self.app.screen_stack) > 2

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape (and its footer key) only when there is somewhere to go back to."""
        return self._has_screen_below() if action == "leave" else True

    def action_leave(self) -> None:
        self.workers.cancel_group(self, "annotate")
        self.dismiss()


#: The annotated story's own key (the story screen's keys follow it in the help).
ANNOTATED_BINDINGS: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", id="annotated.save",
            tooltip="Save the annotated story as a story file (asks where, and before replacing a file); "
            "leaving without saving asks first"),
]


class AnnotatedStoryScreen(ReviewStoryScreen):
    """The story screen for a story fresh from the annotator: it has no file until
    ctrl+s saves it (then it is edited and saved as any story file)."""

    BINDINGS: ClassVar[list[BindingType]] = [*ReviewStoryScreen.BINDINGS, *ANNOTATED_BINDINGS]
    STARTS_UNSAVED = True

    def help_sections(self) -> list[keys.HelpSection]:
        """The story screen's keys, after the one to save the annotated story."""
        return [("Annotated story", ANNOTATED_BINDINGS), *super().help_sections()]

    def save_suggestion(self) -> Path:
        return suggested_path(self.session.story)
