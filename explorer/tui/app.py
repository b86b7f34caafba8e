"""The explorer application: what to open at start, and opening a story.

`make_app` builds the app for the CLI, the tests and the snapshot modules
alike; `run_explorer` is what `story-explorer [PATH]` runs.  At start a folder
opens the library, a story file (.yaml/.yml) the story screen, an article
(.txt/.md) the annotating screen.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from explorer.model import Story
from explorer.tui import keys
from explorer.tui.safe_text import printable

STORY_SUFFIXES = (".yaml", ".yml")
ARTICLE_SUFFIXES = (".txt", ".md")
#: Set (to anything) to quit as soon as the first screen is painted: the start-up benchmark.
EXIT_AFTER_FIRST_PAINT = "STORY_EXPLORER_EXIT_AFTER_FIRST_PAINT"


class StoryExplorerApp(App[None]):
    """Story Explorer: a library of stories, one story in four panes."""

    CSS_PATH = "app.tcss"
    TITLE = "Story Explorer"
    BINDINGS = keys.APP_BINDINGS

    def __init__(
        self,
        start: Path | Story,
        *,
        speaker: str | None = None,
        paragraph: int | None = None,
        quote: str | None = None,
        model: str | None = None,
    ) -> None:
        """`start`: a folder, a story file, an article, or a `Story` already loaded
        (tests, benchmarks).  `speaker`, `paragraph` and `quote` say where the first
        story opens; `model` is the spaCy model for annotating an article."""
        super().__init__()
        self.start = start
        self.start_place = {"speaker": speaker, "paragraph": paragraph, "quote": quote}
        self.model = model

    def on_mount(self) -> None:
        start = self.start
        if isinstance(start, Story):
            self.show_story(start, **self.start_place)
        elif start.is_dir():
            from explorer.tui.screens.library import LibraryScreen

            self.push_screen(LibraryScreen(start))
        elif start.suffix.lower() in ARTICLE_SUFFIXES:
            from explorer.tui.screens.annotating import AnnotatingScreen

            self.push_screen(AnnotatingScreen(start, self.model))
        else:
            self.open_story(start, **self.start_place)
        if os.environ.get(EXIT_AFTER_FIRST_PAINT):
            self.call_after_refresh(self.exit)

    def open_story(
        self,
        path: Path,
        *,
        quote: str | None = None,
        speaker: str | None = None,
        paragraph: int | None = None,
    ) -> None:
        """Load the story file at `path` and show it; a bad file is a notification, not a crash."""
        from explorer.storyfile import StoryFileError, load_story

        try:
            story = load_story(path)
        except StoryFileError as error:
            self.notify(str(error), title="Cannot open the story", severity="error", markup=False, timeout=10)
            return
        except OSError as error:
            self.notify(f"{path}: {error.strerror or error}", title="Cannot open the story", severity="error",
                        markup=False, timeout=10)
            return
        self.show_story(story, path, speaker=speaker, paragraph=paragraph, quote=quote)

    def show_story(self, story: Story, path: Path | None = None, **place: str | int | None) -> None:
        """Push the story screen for `story`; Escape there returns to whatever screen is below."""
        from explorer.tui.screens.story import StoryScreen

        can_leave = len(self.screen_stack) > 1  # a library (or another screen) is under it
        self.push_screen(StoryScreen(story, path, can_leave=can_leave, **place))  # type: ignore[arg-type]

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Textual's notification, with control characters made visible: messages carry
        story data (speaker names, source names, file names in errors), and a toast
        writes its text to the terminal as it is."""
        super().notify(printable(message), title=printable(title), severity=severity, timeout=timeout,
                       markup=markup)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, plus every key of the current screen by name."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for binding in Binding.make_bindings(getattr(screen, "BINDINGS", [])):
            if binding.description and binding.action not in seen:
                seen.add(binding.action)
                yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                    partial(screen.run_action, binding.action))


def make_app(
    path: Path | str | Story,
    *,
    speaker: str | None = None,
    paragraph: int | None = None,
    quote: str | None = None,
    model: str | None = None,
) -> StoryExplorerApp:
    """The explorer opened on `path` (a folder, story file or article) or on a `Story`."""
    start = path if isinstance(path, Story) else Path(path)
    return StoryExplorerApp(start, speaker=speaker, paragraph=paragraph, quote=quote, model=model)


def run_explorer(args: argparse.Namespace) -> int:
    """`story-explorer [PATH]`: open the explorer (no PATH: the bundled stories/ folder beside
    the package); a missing path is a one-line error and exit status 2."""
    from explorer.cli import BUNDLED_STORIES

    path = Path(args.path) if args.path else BUNDLED_STORIES
    if not path.exists():
        print(f"{path}: no such file or folder", file=sys.stderr)
        return 2
    if path.is_file() and path.suffix.lower() not in STORY_SUFFIXES + ARTICLE_SUFFIXES:
        print(f"{path}: not a story (.yaml, .yml) or an article (.txt, .md)", file=sys.stderr)
        return 2
    app = make_app(path, speaker=args.speaker, paragraph=args.paragraph, quote=args.quote,
                   model=getattr(args, "model", None))
    app.run()
    return app.return_code or 0
