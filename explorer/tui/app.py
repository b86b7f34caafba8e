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

from explorer.locations import BUNDLED_STORIES
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
        self.article = start if isinstance(start, Path) and start.suffix.lower() in ARTICLE_SUFFIXES else None
        """An article to annotate at start (its screen is pushed on mount: it switches itself for the story)."""

    def get_default_screen(self) -> Screen:
        """The screen the start path asks for, at the bottom of the stack: no blank default
        screen under it, so start-up builds and paints one screen (the start-up benchmark)."""
        start = self.start
        if isinstance(start, Story):
            return self.story_screen(start, None, **self.start_place)
        if start.is_dir():
            from explorer.tui.screens.library import LibraryScreen

            return LibraryScreen(start)
        if self.article is not None:
            return super().get_default_screen()
        story = self.load_story(start)
        if story is None:  # notified on mount, over a blank screen
            return super().get_default_screen()
        return self.story_screen(story, start, **self.start_place)

    def on_mount(self) -> None:
        if self.article is not None:
            from explorer.tui.screens.annotating import AnnotatingScreen

            self.push_screen(AnnotatingScreen(self.article, self.model))
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
        """Load the story file at `path` and show it over the current screen (Escape comes
        back to it); a bad file is a notification, not a crash."""
        story = self.load_story(path)
        if story is not None:
            self.push_screen(self.story_screen(story, path, speaker=speaker, paragraph=paragraph, quote=quote))

    def load_story(self, path: Path) -> Story | None:
        """The story file at `path`, or None once the reason is notified."""
        from explorer.storyfile import StoryFileError, load_story

        try:
            return load_story(path)
        except StoryFileError as error:
            reason = str(error)
        except OSError as error:
            reason = f"{path}: {error.strerror or error}"
        # Before the app runs (the start screen) a notification waits for the first screen.
        self.call_later(self.notify, reason, title="Cannot open the story", severity="error", markup=False,
                        timeout=10)
        return None

    def story_screen(self, story: Story, path: Path | None, **place: str | int | None) -> Screen:
        """The story screen for `story`; Escape there leaves it when a screen is below it."""
        from explorer.tui.screens.story import StoryScreen

        can_leave = bool(self.screen_stack)  # the start screen has nothing below it
        return StoryScreen(story, path, can_leave=can_leave, **place)  # type: ignore[arg-type]

    def action_help(self) -> None:
        """`?` on any screen: the keys of that screen, from its `help_sections()` when it has
        one, else from its bindings; the app-wide keys last."""
        from explorer.tui.screens.help import HelpScreen

        screen = self.screen
        sections = getattr(screen, "help_sections", None)
        found = sections() if sections is not None else [(screen.title or "This screen", screen.BINDINGS)]
        self.push_screen(HelpScreen([*found, ("Everywhere", keys.APP_BINDINGS)]))

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
