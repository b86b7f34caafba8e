"""Saving a person's edits into their story file without losing what they wrote.

`open_for_editing` loads a story as `load_story` does and keeps the file's text
and composed YAML; `save_edits` writes an edited story back so that the diff of
the file shows only what changed: the keys of the quotes and speakers that were
edited, the records that were added or removed.  Comments, key order, blank
lines, quoting and wrapping everywhere else stay byte for byte
(`explorer.storyfile.splicing` does that, from the places the YAML nodes give).

Every save is checked: the new text is read back and must give exactly the
edited story.  A layout the splicer cannot handle (a flow-style list of
records, say) goes through ruamel.yaml's round-trip mode instead, which keeps
comments and key order but may re-wrap long lines; if that cannot give the
story either, the story is written whole in the canonical layout and
`Saved.layout_kept` says so.  (ruamel.yaml is not the first choice: a round
trip of a 2,000-paragraph story takes about 4 s, and it re-flows every long
plain scalar, so every save would touch lines the person never edited.)

A file changed on disk since it was opened (by another editor, another
explorer) is never overwritten silently: `FileChanged`, unless `force`.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from explorer.files import shown_path, write_text_atomic
from explorer.model import Story
from explorer.storyfile.loading import parse_story_nodes, read_story_text
from explorer.storyfile.problems import StoryFileError
from explorer.storyfile.splicing import CannotSplice, splice_edits
from explorer.storyfile.writing import dump_story, quote_data, speaker_data


class FileChanged(Exception):
    """The story file changed on disk since it was opened; the message is one line."""


@dataclass(frozen=True)
class FileStamp:
    """What a file looked like when read: enough to tell that someone wrote it since."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return cls(stat.st_mtime_ns, stat.st_size, stat.st_ino)


@dataclass(frozen=True)
class EditableStory:
    """A story file as opened for editing: the story, the text it was read from and
    the composed YAML of that text (where each record stands)."""

    path: Path
    story: Story
    text: str
    stamp: FileStamp | None
    root: yaml.Node = field(repr=False, compare=False)


@dataclass(frozen=True)
class Saved:
    """The outcome of `save_edits`: the file to go on editing, and whether the file's own
    layout (comments, order, quoting) could be kept."""

    opened: EditableStory
    layout_kept: bool = True


def open_for_editing(path: str | Path, max_bytes: int | None = None) -> EditableStory:
    """Load and check the story file at `path`, as `load_story` does (`StoryFileError`
    with every problem), keeping what saving edits into it needs."""
    path = Path(path)
    for _ in range(3):  # a file rewritten while it is read is read again
        stamp = FileStamp.of(path)
        text = read_story_text(path, max_bytes)
        if FileStamp.of(path) == stamp:
            break
    story, root = parse_story_nodes(text, str(path))
    return EditableStory(path, story, text, stamp, root)


def _unchanged_on_disk(opened: EditableStory) -> bool:
    """True when the file still holds what was opened (same stamp, or the same text)."""
    if FileStamp.of(opened.path) == opened.stamp:
        return True
    try:
        return read_story_text(opened.path) == opened.text
    except StoryFileError:
        return False


def edited_text(opened: EditableStory, edited: Story) -> tuple[str, yaml.Node, bool]:
    """The text of the file with `edited` saved into it, its composed YAML, and whether the
    file's layout was kept.  Each candidate is read back and must give `edited` exactly."""
    path = str(opened.path)
    for make in (lambda: splice_edits(opened.text, opened.root, opened.story, edited),
                 lambda: round_trip_edits(opened.text, opened.story, edited)):
        try:
            text = make()
            story, root = parse_story_nodes(text, path)
        except (CannotSplice, StoryFileError):
            continue
        if story == edited:
            return text, root, True
    text = dump_story(edited)
    return text, parse_story_nodes(text, path)[1], False


def save_edits(opened: EditableStory, edited: Story, path: str | Path | None = None, *,
               force: bool = False) -> Saved:
    """Write `edited` into the file it was opened from (or to `path`, a new file).

    Only what changed is rewritten (see the module's docstring).  Raises `FileChanged`
    when the file changed on disk since it was opened, and `FileExistsError` when `path`
    names an existing file — unless `force`.  The write is atomic.
    """
    target = Path(path) if path is not None else opened.path
    if path is None and not force and not _unchanged_on_disk(opened):
        raise FileChanged(f"{shown_path(target)} changed on disk since it was opened")
    text, root, layout_kept = edited_text(opened, edited)
    write_text_atomic(target, text, force=force or path is None)
    return Saved(EditableStory(target, edited, text, FileStamp.of(target), root), layout_kept)


# --- the fallback: ruamel.yaml's round trip ----------------------------------------------


def round_trip_edits(text: str, base: Story, edited: Story) -> str:
    """The edits of `edited` over `base` applied to `text` through ruamel.yaml's round-trip
    mode (comments and key order kept; long lines may be re-wrapped)."""
    from ruamel.yaml import YAML  # only here: the fallback is rare and ruamel is slow to import
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml_rt = YAML()
    yaml_rt.preserve_quotes = True
    yaml_rt.width = 1 << 30  # never wrap: a re-flowed paragraph must not gain trailing spaces
    try:
        document = yaml_rt.load(text)
    except Exception as error:  # noqa: BLE001 - any reason ruamel cannot read it: fall back again
        raise CannotSplice(f"ruamel.yaml cannot read it: {error}") from None
    if not isinstance(document, CommentedMap):
        raise CannotSplice("the story is not a mapping")
    for key, records, data_of, before in (("speakers", edited.speakers, speaker_data, base.speakers),
                                          ("quotes", edited.quotes, quote_data, base.quotes)):
        old_maps = {str(item.get("id")): item for item in document.get(key) or [] if isinstance(item, CommentedMap)}
        old_data = {record.id: data_of(record) for record in before}
        new_list = CommentedSeq()
        for record in records:
            data = data_of(record)
            item = old_maps.get(record.id)
            if item is None:
                item = CommentedMap(data)
            elif data != old_data.get(record.id):
                for name in [name for name in item if name not in data and name in old_data.get(record.id, {})]:
                    del item[name]
                for position, (name, value) in enumerate(data.items()):
                    if old_data.get(record.id, {}).get(name) != value or name not in item:
                        if name in item:
                            item[name] = value
                        else:
                            item.insert(min(position, len(item)), name, value)
            new_list.append(item)
        if key in document or records:
            document[key] = new_list
    out = io.StringIO()
    yaml_rt.dump(document, out)
    return out.getvalue()
