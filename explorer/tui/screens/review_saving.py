"""Saving a reviewed story, and never losing edits without a word.

`ctrl+s` saves into the story file (`save_edits`); a story without a file yet (fresh
from the annotator) asks where first.  When the file changed on disk since it was
opened, saving says so and offers to reload it (after asking: the edits are lost)
or to save elsewhere; it never overwrites it.  A file deleted since is said so, and
the edits can be saved there again.  Leaving the story (Escape, `q`,
ctrl+q, the palette's Quit) with unsaved changes asks: save, discard or cancel.

A part of `ReviewStoryScreen` (a mixin): it uses the screen's `session`, `index`,
`show_review_state` and `follow_current_quote`, and overrides `dismiss`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.await_complete import AwaitComplete

from explorer.files import shown_path
from explorer.storyfile import StoryFileError
from explorer.storyfile.editing import FileChanged, open_for_editing
from explorer.tui.history import History
from explorer.tui.review_session import ReviewSession
from explorer.tui.story_search import StorySearch
from explorer.tui.widgets.paragraph_view import ParagraphView
from explorer.tui.widgets.quote_details import QuoteDetails
from explorer.tui.widgets.quote_list import QuoteList
from explorer.tui.widgets.source_list import SourceList
from explorer.tui.widgets.speaker_list import SpeakerList

if TYPE_CHECKING:
    from explorer.tui.dialogs.save_story import SaveChoice

# The dialogs are imported where they open, as in review_dialogs: not before the first paint.

Then = Callable[[], object]


def _nothing() -> None:
    """What to do after a save when nothing waits for it."""


class ReviewSaving:
    """ctrl+s, the file-changed question and the unsaved-changes question."""

    _asking_before_leaving = False
    _discarded = False

    def save_suggestion(self) -> Path:
        """Where a story without a file is offered to be saved."""
        return Path("story.yaml")

    def action_save(self) -> None:
        self.save()

    def save(self, then: Then = _nothing) -> None:
        """Save the story (asking where when it has no file yet); `then` runs once saved."""
        from explorer.tui.dialogs.save_story import SaveStoryDialog

        session = self.session
        if session.opened is None:
            self.app.push_screen(SaveStoryDialog(self.path or self.save_suggestion()),
                                 lambda choice: self._save_to(choice, then))
            return
        if not session.unsaved:
            self.notify(f"No changes to save in {shown_path(session.path)}", markup=False)
            then()
            return
        try:
            layout_kept = session.save()
        except FileChanged:
            self._ask_file_changed(then)
            return
        except OSError as error:
            self._not_saved(session.path, error)
            return
        self._saved(then, layout_kept)

    def _save_to(self, choice: SaveChoice | None, then: Then) -> None:
        """Save into the file chosen in the save dialog (replacing it only when confirmed there)."""
        from explorer.tui.dialogs.save_story import SaveStoryDialog

        if choice is None:
            return
        try:
            choice.path.parent.mkdir(parents=True, exist_ok=True)
            layout_kept = self.session.save(choice.path, force=choice.overwrite)
        except FileExistsError:  # created since the dialog looked: ask again
            self.app.push_screen(SaveStoryDialog(choice.path), lambda again: self._save_to(again, then))
            return
        except (OSError, StoryFileError) as error:
            self._not_saved(choice.path, error)
            return
        self._saved(then, layout_kept)

    def _saved(self, then: Then, layout_kept: bool) -> None:
        self.path = self.session.path
        self.index.update(self.session.story)  # the story as the file now holds it
        self.show_review_state()
        if layout_kept:
            self.notify(shown_path(self.session.path), title="Saved", markup=False)
        else:
            self.notify(f"{shown_path(self.session.path)}: its own layout could not be kept, so the story was "
                        "written whole (comments and order as the explorer writes them)", title="Saved",
                        severity="warning", markup=False)
        then()

    def _not_saved(self, path: Path | None, error: Exception, title: str = "Not saved") -> None:
        if isinstance(error, StoryFileError):  # its message is `path:line:col: reason` already
            message = str(error)
        else:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            message = f"{shown_path(path or '')}: {reason}"
        self.notify(message, title=title, severity="error", markup=False)

    # -- the file changed on disk --------------------------------------------------------------

    def _ask_file_changed(self, then: Then) -> None:
        from explorer.tui.dialogs.choice import Answer, ChoiceDialog
        from explorer.tui.dialogs.save_story import SaveChoice, SaveStoryDialog

        path = shown_path(self.session.path)
        answers = [Answer("r", "Reload it", "reload"), Answer("e", "Save elsewhere", "elsewhere"),
                   Answer("c", "Cancel", "cancel")]

        def answered(answer: str | None) -> None:
            if answer == "reload":
                self._ask_reload()
            elif answer == "again":
                self._save_to(SaveChoice(self.session.path), then)
            elif answer == "elsewhere":
                suggested = self.session.path.with_name(f"{self.session.path.stem}-edited.yaml")
                self.app.push_screen(SaveStoryDialog(suggested), lambda choice: self._save_to(choice, then))

        if not self.session.path.exists():  # nothing to reload, nothing to overwrite
            self.app.push_screen(ChoiceDialog(
                f"{path} is gone: it was deleted or moved since you opened it",
                [Answer("s", "Save it there again", "again"), *answers[1:]],
                "Your edits are kept: save the story as a new file, there or elsewhere.", default="again"), answered)
            return
        self.app.push_screen(ChoiceDialog(
            f"{path} changed on disk since you opened it",
            answers,
            "Saving would overwrite those changes, so it was not saved. Reload the file (your edits are lost), "
            "or save your edits to another file.", default="elsewhere"), answered)

    def _ask_reload(self) -> None:
        from explorer.tui.dialogs.choice import Answer, ChoiceDialog

        count = self.session.edit_count
        answers = [Answer("y", "Reload, lose my edits", "reload"), Answer("n", "Keep editing", "keep")]
        self.app.push_screen(ChoiceDialog(
            f"Reload {shown_path(self.session.path)}?", answers,
            f"Your {count} edit{'s' if count != 1 else ''} since opening it will be lost.", default="keep"),
            lambda answer: self._reload() if answer == "reload" else None)

    def _reload(self) -> None:
        """Open the file again as it is now, in place of the edited story (the place in the
        article is kept as far as the new text allows)."""
        try:
            opened = open_for_editing(self.session.path)
        except (StoryFileError, OSError) as error:
            self._not_saved(self.session.path, error, title="Not reloaded")
            return
        self.session = ReviewSession(opened.story, opened)
        self.history = History()  # places in the old story may be gone
        self.selection = None
        self.index.update(opened.story)
        if self.speaker is not None and self.speaker not in self.index.speaker_quotes:
            self.speaker = None
        self.paragraph = min(self.paragraph, max(len(opened.story.paragraphs) - 1, 0))
        self.highlight = self.highlight if self.highlight in self.index.quote_position else None
        self.query_one(ParagraphView).show_story()
        for pane in (QuoteList, SpeakerList, SourceList):
            self.query_one(pane).rebuild()
        self.searcher = StorySearch([paragraph.text for paragraph in opened.story.paragraphs])
        self.matches = self.searcher.matches(self.search)
        self.query(QuoteDetails).refresh()
        self.follow_current_quote()
        self.show_review_state()
        self.notify(shown_path(opened.path), title="Reloaded", markup=False)

    # -- leaving with unsaved changes -----------------------------------------------------------

    def ask_before_leaving(self, then: Then) -> bool:
        """With unsaved changes: ask save, discard or cancel, run `then` after a save or a
        discard, and return True; without: return False (nothing to ask)."""
        from explorer.tui.dialogs.choice import Answer, ChoiceDialog

        if not self.session.unsaved or self._discarded:
            return False
        if self._asking_before_leaving:
            return True  # the question is on screen already
        self._asking_before_leaving = True
        path = self.session.path
        if path is None:
            question = "Save the story before leaving?"
            detail = "It has no file yet: discarding it loses it, and every edit."
        else:
            question = f"Save your changes to {shown_path(path.name)}?"
            detail = "Discarding loses every edit since the last save."
        answers = [Answer("s", "Save", "save"), Answer("d", "Discard", "discard"), Answer("c", "Cancel", "cancel")]

        def answered(answer: str | None) -> None:
            self._asking_before_leaving = False
            if answer == "save":
                self.save(then)
            elif answer == "discard":
                self._discarded = True
                then()

        self.app.push_screen(ChoiceDialog(question, answers, detail), answered)
        return True

    def dismiss(self, result: None = None) -> AwaitComplete:
        """Leave the story (Escape back to the library), asking first about unsaved changes."""
        leave = super().dismiss  # type: ignore[misc]
        if self.ask_before_leaving(lambda: leave(result)):
            return AwaitComplete.nothing()
        return leave(result)
