"""A story being checked and corrected in the explorer: the edited story, undo and
redo, whether there are unsaved changes, and saving them.

No Textual here: the story screen keeps one `ReviewSession`, hands it the
edits a person makes (`explorer.edits`), and shows each `Change` it returns.
Every edit goes on the undo stack as its inverse; undoing moves it to the redo
stack; a new edit clears the redo stack.  "Unsaved" means the story differs
from what the file holds: undoing back to the saved state makes it saved again,
and a story annotated from an article has unsaved changes until its first save.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explorer import edits
from explorer.edits import Edit
from explorer.model import Story
from explorer.storyfile import write_story
from explorer.storyfile.editing import EditableStory, open_for_editing, save_edits


@dataclass(frozen=True)
class Change:
    """What one step (an edit, an undo or a redo) changed, so that the panes redraw
    only that.  `label` says what it was ("confirmed q3")."""

    label: str
    quotes: frozenset[str]
    """Ids of the quotes set, added or removed."""
    speakers: frozenset[str]
    """Ids of the speakers set, added or removed."""
    counts: frozenset[str]
    """Ids of the speakers whose quotes changed (before or after the step)."""
    structure: bool
    """A quote or a speaker was added or removed: the lists change length."""


def change_of(edit: Edit, before: Story, after: Story) -> Change:
    """The `Change` that `edit` made, turning `before` into `after`."""
    quotes: set[str] = set()
    speakers: set[str] = set()
    structure = False
    pending = [edit]
    while pending:
        part = pending.pop()
        if isinstance(part, edits.Batch):
            pending.extend(part.edits)
            continue
        (quotes if part.collection == edits.QUOTES else speakers).add(part.record_id)
        structure = structure or not isinstance(part, edits.SetFields)
    counts = {quote.speaker for story in (before, after) for quote in story.quotes
              if quote.id in quotes and quote.speaker is not None}
    return Change(edit.label, frozenset(quotes), frozenset(speakers), frozenset(counts), structure)


class ReviewSession:
    """One story under review, with its file (`opened`; None until a story made from
    an article is first saved)."""

    def __init__(self, story: Story, opened: EditableStory | None = None, *, saved: bool | None = None) -> None:
        """`saved`: whether there is nothing to lose yet (by default: when there is a file).
        A story made from an article is not saved; one given by a program may be."""
        self.story = story
        self.opened = opened
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []
        # The number of edits on the undo stack when the story was last saved (None:
        # that state cannot come back, or there never was one).
        self._saved_depth: int | None = 0 if (opened is not None if saved is None else saved) else None

    @classmethod
    def open(cls, path: str | Path) -> ReviewSession:
        """A session on the story file at `path` (raises `StoryFileError` as `load_story`)."""
        opened = open_for_editing(path)
        return cls(opened.story, opened)

    @property
    def path(self) -> Path | None:
        """The story file, or None before a first save."""
        return self.opened.path if self.opened is not None else None

    @property
    def unsaved(self) -> bool:
        """True when the story differs from the one last saved (or was never saved)."""
        return self._saved_depth != len(self._undo)

    @property
    def can_redo(self) -> bool:
        """True when an undone edit can be made again."""
        return bool(self._redo)

    @property
    def edit_count(self) -> int:
        """How many edits undo could take back."""
        return len(self._undo)

    def apply(self, edit: Edit) -> Change:
        """Make `edit` (raises `EditError` when it does not fit the story, which then
        stays as it was); the redo stack is cleared."""
        before = self.story
        self.story, inverse = edits.apply(before, edit)
        if self._saved_depth is not None and self._saved_depth > len(self._undo):
            self._saved_depth = None  # the saved state was on the redo stack, which goes
        self._undo.append(inverse)
        self._redo.clear()
        return change_of(edit, before, self.story)

    def undo(self) -> Change | None:
        """Take back the last edit; None when there is none."""
        return self._step(self._undo, self._redo)

    def redo(self) -> Change | None:
        """Make again the last edit undone; None when there is none."""
        return self._step(self._redo, self._undo)

    def _step(self, take: list[Edit], put: list[Edit]) -> Change | None:
        if not take:
            return None
        edit = take.pop()
        before = self.story
        self.story, inverse = edits.apply(before, edit)
        put.append(inverse)
        return change_of(edit, before, self.story)

    def save(self, path: str | Path | None = None, *, force: bool = False) -> bool:
        """Write the story into its file, or into `path` (a new file; `FileExistsError`
        when it exists, unless `force`); from then on the session edits that file.
        Only what changed is rewritten (`save_edits`); returns False when the file's own
        layout could not be kept and the story was written whole.  Raises `FileChanged`
        when the file changed on disk since it was opened (unless `force`), `OSError`
        when it cannot be written."""
        layout_kept = True
        if self.opened is None:
            if path is None:
                raise ValueError("a story that has no file yet needs a path to be saved to")
            write_story(self.story, path, force=force)
            self.opened = open_for_editing(path)
            # Go on from the story as the file holds it (the loader fills in what the
            # writer may leave out, such as offsets): the next save compares with it.
            self.story = self.opened.story
        else:
            saved = save_edits(self.opened, self.story, path, force=force)
            self.opened, layout_kept = saved.opened, saved.layout_kept
        self._saved_depth = len(self._undo)
        return layout_kept
