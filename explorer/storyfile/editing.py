"""A story file opened for editing, and saving the edits made to it.

`open_for_editing` loads a story as `load_story` does and remembers what the
file held; `save_edits` writes the edited story atomically, and refuses
(`FileChanged`) when the file changed on disk since it was opened, so that
nobody's work is overwritten without a word.  This version writes the whole
story again (as `write_story` does).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from explorer.files import write_text_atomic
from explorer.model import Story
from explorer.storyfile.loading import load_story
from explorer.storyfile.writing import dump_story


class FileChanged(Exception):
    """The file on disk changed since it was opened (or is gone)."""


def _fingerprint(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class EditableStory:
    """A story file as opened for editing."""

    path: Path
    story: Story
    """The story as the file holds it now."""
    fingerprint: str | None = field(default=None, compare=False, repr=False)


def open_for_editing(path: str | Path) -> EditableStory:
    """The story file at `path`, ready to edit; raises `StoryFileError` as `load_story` does."""
    path = Path(path)
    fingerprint = _fingerprint(path)
    return EditableStory(path, load_story(path), fingerprint)


def save_edits(opened: EditableStory, edited: Story, path: str | Path | None = None, *,
               force: bool = False) -> EditableStory:
    """Write `edited` atomically into `opened.path`, or into `path` (a new file:
    `FileExistsError` if it exists, unless `force`).  Raises `FileChanged` when
    `opened.path` changed on disk since it was opened (unless `force`).  Returns the
    `EditableStory` to go on editing from."""
    if path is not None:
        target = Path(path)
        write_text_atomic(target, dump_story(edited), force=force)
    else:
        target = opened.path
        if not force and _fingerprint(target) != opened.fingerprint:
            raise FileChanged(f"{target} changed on disk since it was opened")
        write_text_atomic(target, dump_story(edited), force=True)
    return EditableStory(target, edited, _fingerprint(target))
