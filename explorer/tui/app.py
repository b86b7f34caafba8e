"""The explorer application: what to open at start, and opening a story.

`make_app` builds the app for the CLI, the tests and the snapshot modules
alike; `run_explorer` is what `story-explorer [PATH]` runs.  At start a folder
opens the library, a story file (.yaml/.yml) the story screen, an article
(.txt/.md) the annotating screen.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from explorer.files import path_problem, shown_path
from explorer.locations import BUNDLED_STORIES
from explorer.model import Story
from explorer.tui import keys
from explorer.tui.readable_theme import readable_variables
from explorer.tui.safe_text import printable, shown
from explorer.tui.typeahead import KeysFollowFocus

if TYPE_CHECKING:  # the story file modules load with the first story, not at start
    from explorer.storyfile.editing import EditableStory

STORY_SUFFIXES = (".yaml", ".yml")
ARTICLE_SUFFIXES = (".txt", ".md")
#: A notification shows at most this many characters (story data can be megabytes).
NOTIFICATION_CHARS = 600
#: Set (to anything) to quit as soon as the first screen is painted: the start-up benchmark.
EXIT_AFTER_FIRST_PAINT = "STORY_EXPLORER_EXIT_AFTER_FIRST_PAINT"


class StoryExplorerApp(KeysFollowFocus, App[None]):
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
        self.start_error: str | None = None
        """Why the story file to start with could not be opened: the explorer then ends at once
        (there is nothing to show), and `run_explorer` says it on one line."""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The explorer's colour variables (`$readable-muted`, `$match-background`, ...):
        the current theme's colours made readable on its backgrounds."""
        return readable_variables(self.current_theme)

    def get_default_screen(self) -> Screen:
        """The screen the start path asks for, at the bottom of the stack: no blank default
        screen under it, so start-up builds and paints one screen (the start-up benchmark)."""
        start = self.start
        if isinstance(start, Story):
            return self.story_screen(start, **self.start_place)
        if start.is_dir():
            from explorer.tui.screens.library import LibraryScreen

            return LibraryScreen(start)
        if self.article is not None:
            return super().get_default_screen()
        opened = self.load_story(start)
        if opened is None:  # the reason is notified, and the explorer ends on mount
            return super().get_default_screen()
        return self.story_screen(opened, **self.start_place)

    def on_mount(self) -> None:
        from explorer.tui.settings import load_settings

        theme = load_settings().get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._keep_theme)
        if self.start_error is not None:
            self.exit(return_code=1)
            return
        if self.article is not None:
            from explorer.tui.screens.annotating import AnnotatingScreen

            self.push_screen(AnnotatingScreen(self.article, self.model))
        if not gc.isenabled():  # paused for the start (`story-explorer` does): on again after it
            self.call_after_refresh(self._collect_from_now_on)
        if os.environ.get(EXIT_AFTER_FIRST_PAINT):
            self.call_after_refresh(self._exit_after_first_paint)

    @staticmethod
    def _collect_from_now_on() -> None:
        """Garbage collection on again once the first screen is up; what the start made is
        moved out of its reach (`gc.freeze`), so later collections do not walk it again."""
        gc.freeze()
        gc.enable()

    def _exit_after_first_paint(self) -> None:
        """Say when the first paint was done (on standard error, the wall clock: the benchmark
        compares it with its own from the launch), and quit.  The time is taken here, as
        what a screen defers until after its first paint may still run before the exit."""
        # sys.__stderr__: while the app runs Textual captures sys.stderr for its log.
        print(f"first paint at {time.time():.6f}", file=sys.__stderr__, flush=True)
        self.exit()

    def _keep_theme(self, theme: object) -> None:
        """The theme chosen is the next start's theme."""
        from explorer.tui.settings import save_setting

        save_setting("theme", self.theme)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG of the screen into ~/Downloads when there is one, else the current folder
        (Textual's default is ~/Downloads, and it failed without a word where that is missing);
        a browser gets it as a download."""
        if path is None:
            downloads = Path.home() / "Downloads"
            path = str(downloads if downloads.is_dir() else Path.cwd())
        self.deliver_screenshot(filename, path)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        """Say why a screenshot could not be saved (Textual's own message does not)."""
        if event.name == "screenshot":
            event.prevent_default()
            error = event.exception
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            where = getattr(error, "filename", None)
            self.notify(f"The screenshot could not be saved{f' to {where}' if where else ''}: {reason}.",
                        title="Screenshot", severity="error", markup=False)

    def open_story(
        self,
        path: Path,
        *,
        quote: str | None = None,
        speaker: str | None = None,
        paragraph: int | None = None,
    ) -> None:
        """Load the story file at `path` and show it over the current screen (Escape comes
        back to it); a bad file is a notification, not a crash.  A `--speaker` given with a
        folder filters every story opened from it (unless the caller names a speaker)."""
        if speaker is None and isinstance(self.start, Path) and self.start.is_dir():
            speaker = self.start_place["speaker"]  # type: ignore[assignment]
        opened = self.load_story(path)
        if opened is not None:
            self.push_screen(self.story_screen(opened, speaker=speaker, paragraph=paragraph, quote=quote))

    def load_story(self, path: Path) -> EditableStory | None:
        """The story file at `path` opened for editing, or None once the reason is notified:
        whatever opening it raises (the library's own rule for one file), the app does not die of it."""
        from explorer.index.rows import parse
        from explorer.storyfile.editing import open_for_editing

        opened: list[EditableStory] = []

        def open_file(file: Path) -> Story:
            editable = open_for_editing(file)
            if file.is_symlink():
                # Saved into the file the link points to: an atomic write to the link's own
                # name would replace the link with a file of its own.
                editable = replace(editable, path=file.resolve())
            opened.append(editable)
            return editable.story

        parsed = parse(path, open_file)
        if parsed.story is not None:
            return opened[-1]
        reason = shown_path(path) + ":" + (parsed.error or "")
        if not self.screen_stack:  # the story to start with: there is nothing to show
            self.start_error = reason
        # Before the app runs (the start screen) a notification waits for the first screen.
        self.call_later(self.notify, reason, title="Cannot open the story", severity="error", markup=False,
                        timeout=10)
        return None

    def story_screen(self, story: Story | EditableStory, **place: str | int | None) -> Screen:
        """The story screen for a story file opened for editing (or a `Story` without a file);
        Escape there leaves it when a screen is below it."""
        from explorer.tui.screens.review_story import ReviewStoryScreen

        can_leave = bool(self.screen_stack)  # the start screen has nothing below it
        if isinstance(story, Story):
            return ReviewStoryScreen(story, can_leave=can_leave, **place)
        return ReviewStoryScreen(story.story, opened=story, can_leave=can_leave, **place)

    async def action_quit(self) -> None:
        """Quit; a screen with unsaved edits asks first (save, discard or cancel)."""
        for screen in reversed(self.screen_stack):
            ask = getattr(screen, "ask_before_leaving", None)
            if ask is not None and ask(lambda: self.call_later(self.action_quit)):
                return
        self.exit()

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
        """Textual's notification, with control characters made visible and the text cut to
        `NOTIFICATION_CHARS`: messages carry story data (speaker names, source names, file
        names and keys in errors), and a toast writes its text to the terminal as it is."""
        super().notify(shown(message, NOTIFICATION_CHARS), title=shown(title), severity=severity,
                       timeout=timeout, markup=markup)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands but its "Keys" panel (`?` Help is the one help, and it is here),
        plus every key of the current screen and of the app by name that can act now: one its
        screen refuses (`check_action`: the word selection's keys while not selecting, the
        others while selecting) would do nothing, and say nothing, if chosen."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        seen: set[str] = {"quit", "command_palette"}  # Textual's Quit is there; the palette is open
        for target, bindings in ((screen, getattr(screen, "BINDINGS", [])), (self, self.BINDINGS)):
            for binding in Binding.make_bindings(bindings):
                if binding.description and binding.action not in seen and self._can_act(binding.action, target):
                    seen.add(binding.action)
                    yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                        partial(target.run_action, binding.action))

    def _can_act(self, action: str, target: Screen | App) -> bool:
        """Whether `action` would run now (what `run_action` asks before it runs one)."""
        namespace, name, parameters = self._parse_action(action, target)
        return bool(namespace.check_action(name, parameters))


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
    if (problem := path_problem(path)) is not None:
        print(f"{shown_path(path)}: {problem}", file=sys.stderr)
        return 2
    if path.is_file() and path.suffix.lower() not in STORY_SUFFIXES + ARTICLE_SUFFIXES:
        print(f"{shown_path(path)}: not a story (.yaml, .yml) or an article (.txt, .md)", file=sys.stderr)
        return 2
    if path.is_dir() and (args.paragraph is not None or args.quote is not None):
        # --speaker applies to every story opened from a folder; a paragraph or a quote id names a place
        # in one story, and a folder's stories have none in common.
        option = "--paragraph" if args.paragraph is not None else "--quote"
        print(f"story-explorer: {option} needs a story file, not a folder ({shown_path(path)})", file=sys.stderr)
        return 2
    app = make_app(path, speaker=args.speaker, paragraph=args.paragraph, quote=args.quote,
                   model=getattr(args, "model", None))
    app.run()
    if app.start_error is not None:
        print(printable(app.start_error), file=sys.stderr)
    code = app.return_code or 0
    if app.article is not None:
        from explorer.tui.screens.annotating import still_annotating

        if still_annotating():
            # Quit while spaCy parses: the parse cannot be stopped, and the interpreter's
            # own exit would wait for it, or tear its libraries down under it (an abort).
            # Everything the explorer writes is written by now.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return code
