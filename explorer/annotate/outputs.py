"""Where `annotate` writes, and how: file names, collisions, idempotent writes.

`OutputPlan` decides from `-o` and `--format` where each article goes:

- story: `-o -` is stdout, `-o FILE.yaml` a file (one input), any other `-o`
  a folder; without `-o`, the folder stories/.  A story is named from the
  article's id (a JSON Lines line) or its title (a text file).
- brat: `-o FILE.ann` a file (one input), any other `-o` a folder (NAME.ann,
  keeping the sub-folders of an input folder); without `-o`, NAME.ann beside
  NAME.txt, and stdout for stdin.
- jsonl: `-o FOLDER`, where the stories go as JSON Lines shards
  (`explorer.annotate.shards`).

Names are given in input order, so every way of running (one process,
several, a cluster, a resumed run) gives each article the same file.  Two
articles of one run never share a file: the later one gets "-2" (then "-3"
...), and the run says so.  A file that exists already is never replaced
without `--force` -- unless it holds exactly what would be written (a run
interrupted after writing it, then run again), which counts as written.
"""

from __future__ import annotations

import errno
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from explorer.annotate.inputs import STDIN, STORY_SUFFIXES, ArticleInput, ArticleItem, InputError
from explorer.files import folder_making_problem, shown_path, write_text_atomic

#: Where stories go without `-o`.
DEFAULT_OUTPUT = Path("stories")
FORMATS = ("story", "brat", "jsonl")
_SLUG_CHARS = 60


def slug(title: str) -> str:
    """A file name stem from a title: lowercase words joined by "-", at most 60 characters."""
    plain = unicodedata.normalize("NFKD", title)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    words = [word for word in re.split(r"[\W_]+", plain) if word]
    stem = ""
    for word in words:
        if len(stem) + len(word) + 1 > _SLUG_CHARS:
            break
        stem = f"{stem}-{word}" if stem else word
    return stem or (words[0][:_SLUG_CHARS] if words else "story")


@dataclass(frozen=True)
class WriteSettings:
    """What a worker needs to write an article's output: picklable, paths absolute
    (a worker on a cluster does not share the command's working directory)."""

    form: str
    force: bool
    folder: str | None
    to_stdout: bool
    #: The folder as the user named it, for messages.
    shown_folder: str | None = None

    def path(self, target: str) -> Path:
        return Path(target) if self.folder is None else Path(self.folder, target)


class OutputPlan:
    """Where each article's output goes, decided from `-o` and `--format` (see the module docstring)."""

    def __init__(self, output: str | None, form: str, inputs: list[ArticleInput], *, force: bool, single: bool) -> None:
        self.form = form
        self.force = force
        self.single = single
        self.suffix = ".ann" if form == "brat" else ".yaml"
        file_suffixes = (".ann",) if form == "brat" else STORY_SUFFIXES
        self.to_stdout = output == STDIN
        self.file: Path | None = None
        self.folder: Path | None = None if form == "brat" else DEFAULT_OUTPUT
        #: file name (relative to the folder) -> the label of the article it is for
        self.taken: dict[str, str] = {}
        shown = "-o " + shown_path(output or "")
        if form == "jsonl":
            if output is None or self.to_stdout:
                raise InputError("--format jsonl writes shards into a folder: give -o FOLDER")
            if Path(output).exists() and not Path(output).is_dir():
                raise InputError(f"{shown} is a file, not a folder (--format jsonl writes shards into a folder)")
            self.folder = Path(output)
            self._check_folder()
            return
        if output is None or self.to_stdout:
            if self.to_stdout and not single:
                raise InputError(_one_only(f"{shown} writes one story to stdout", "-o - writes to stdout", inputs))
            self._check_folder()
            return
        target = Path(output)
        if target.suffix.lower() in file_suffixes and not target.is_dir():
            if not single:
                raise InputError(_one_only(f"{shown} is a file, which takes one article", f"{shown} is a file", inputs))
            self.file = target
        elif target.exists() and not target.is_dir():
            raise InputError(f"{shown} is a file, not a folder (a {form} file name ends in {' or '.join(file_suffixes)})")
        else:
            self.folder = target
        self._check_folder()

    def _check_folder(self) -> None:
        """Refuse, before any article is parsed, an output folder that cannot be
        made or written into; each article would otherwise fail on its own line."""
        folder = self.file.parent if self.file is not None else self.folder
        if folder is not None and not self.to_stdout and (problem := folder_making_problem(folder)):
            raise InputError(problem)

    def settings(self) -> WriteSettings:
        """The settings workers write with.  The folder is absolute (a worker on a cluster has
        a working directory of its own); targets are relative to it, and messages show them
        under the folder as the user named it.  One output file is a target in its folder;
        brat files beside their texts are targets as named, in the working directory."""
        if self.file is not None:
            named = os.path.dirname(self.file)
            return WriteSettings(self.form, self.force, os.path.abspath(named or "."), self.to_stdout, named)
        if self.folder is None:
            return WriteSettings(self.form, self.force, os.getcwd(), self.to_stdout, "")
        return WriteSettings(self.form, self.force, os.path.abspath(self.folder), self.to_stdout, str(self.folder))

    @property
    def resumable(self) -> bool:
        """True when many articles go into a folder, which then keeps the run's
        manifest (one article is done in one go: nothing to resume), and always
        for JSON Lines shards, which are joined from the parts the manifest lists."""
        many = not self.single or self.form == "jsonl"
        return self.folder is not None and self.file is None and not self.to_stdout and many

    def assign(self, item: ArticleItem) -> None:
        """Give `item` its target (None: stdout, or a jsonl shard) and, when its
        natural name was taken by an earlier article, a note saying so."""
        if self.form == "jsonl" or self.to_stdout or (self.form == "brat" and item.relative is None and self.folder is None):
            return
        if self.file is not None:
            item.target = self.file.name
            return
        if self.form == "brat":
            wanted = str(Path(item.relative or "stdin").with_suffix(self.suffix))
            if self.folder is None:  # beside the text it annotates
                item.target = str(Path(item.label).with_suffix(self.suffix))
                return
        else:
            wanted = slug(item.stem or "") + self.suffix
        name, number = wanted, 1
        while name in self.taken:
            number += 1
            stem, suffix = os.path.splitext(wanted)
            name = f"{stem}-{number}{suffix}"
        if name != wanted:
            item.note = (f"{shown_path(item.label)}: {shown_path(wanted)} is {shown_path(self.taken[wanted])}'s; "
                         f"written as {shown_path(name)}")
        self.taken[name] = item.label
        item.target = name

    def named(self, target: str) -> str:
        """A target as the user named it: under the folder as they named it."""
        if self.file is not None:
            return str(self.file)
        return str(target if self.folder is None else self.folder / target)

    def shown(self, target: str) -> str:
        """A target for a one-line message (see `shown_path`)."""
        return shown_path(self.named(target))


def _one_only(why: str, plural_why: str, inputs: list[ArticleInput]) -> str:
    """Why one output file cannot take these inputs: an archive holds many articles, or there are several."""
    archive = next((item for item in inputs if item.jsonl), None)
    if len(inputs) == 1 and archive is not None:
        return f"{why}, but {shown_path(archive.label)} holds many: give a folder"
    return f"{plural_why}, which takes one input; give a folder for {len(inputs)} inputs"


def write_output(path: Path, content: str, *, force: bool) -> bool:
    """Write `content` to `path` atomically; False when the file already held
    exactly `content` (nothing written).  `FileExistsError` when it holds
    something else and `force` is not given."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file stands where a folder must be: the output itself exists no more than it
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path.parent)) from None
    try:
        write_text_atomic(path, content, force=force)
    except FileExistsError:
        if _holds(path, content):
            return False
        raise
    return True


def _holds(path: Path, content: str) -> bool:
    expected = content.encode("utf-8")
    try:
        if path.stat().st_size != len(expected):
            return False
        return path.read_bytes() == expected
    except OSError:
        return False
