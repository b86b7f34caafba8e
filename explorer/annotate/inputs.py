"""What `annotate` reads: article files, folders of them, stdin, and JSON Lines archives.

An *input* is what a command-line argument names: a `.txt`/`.md` file, stdin
(`-`), or a JSON Lines file (`.jsonl`, `.jsonl.gz`) with one article per
line; a folder gives every such file under it (hidden ones skipped, sorted).
An *article* (`ArticleItem`) is one text to annotate: a whole file, or one
line of a JSON Lines file (read by `explorer.annotate.articles`, which gives
a run its articles one at a time).

A text is read whole, through a size limit; one that cannot be annotated
(missing, binary, not UTF-8, UTF-16, empty, too long, a pipe) becomes an
article with a one-line `problem`, reported and skipped while the rest go on.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.files import UnreadableFile, decode_text, is_folder, read_stream, read_text_file, shown_path, walk_files

if TYPE_CHECKING:  # pragma: no cover
    from explorer.annotate.article import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
STORY_SUFFIXES = (".yaml", ".yml")
STDIN = "-"
STDIN_LABEL = "<stdin>"
#: spaCy's default `nlp.max_length`: the limit used where no model is loaded (the
#: command on a Dask cluster); a loaded model's own limit is used otherwise.
MODEL_MAX_CHARS = 1_000_000
#: A file or line this many times bigger than the model's character limit is
#: refused unread (UTF-8 takes at most 4 bytes a character).
BYTES_PER_CHAR = 4


class InputError(Exception):
    """An input that cannot be annotated; the message is one line."""


@dataclass(frozen=True)
class ArticleInput:
    """One input: a file (found in folder `root`, if it came from a folder) or stdin."""

    label: str
    path: Path | None = None
    root: Path | None = None

    @property
    def markdown(self) -> bool:
        return self.path is not None and self.path.suffix.lower() in MARKDOWN_SUFFIXES

    @property
    def jsonl(self) -> bool:
        """True for a JSON Lines archive: one article per line."""
        return self.path is not None and self.path.name.lower().endswith(JSONL_SUFFIXES)

    @property
    def story(self) -> bool:
        """True for a story file (.yaml, .yml): no article, and refused as one."""
        return self.path is not None and self.path.suffix.lower() in STORY_SUFFIXES


@dataclass(frozen=True)
class Fields:
    """The JSON Lines fields an article is read from (`--text-field` and so on)."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    url: str = "url"
    outlet: str = "outlet"
    published: str = "published"

    def metadata(self) -> dict[str, str]:
        """Story field -> JSON field, for the optional metadata a story keeps."""
        return {"url": self.url, "outlet": self.outlet, "published": self.published}


@dataclass
class ArticleItem:
    """One article on its way through a run.

    `label` names it in messages (`path`, or `path:line` for a JSON Lines
    line); `digest` is a fingerprint of what was read, so that a resumed run
    can tell an unchanged article from a changed one.  `problem` is set when
    the article cannot be annotated at all (it is reported, never parsed).
    `stem` is what a story file is named from: the id of a JSON Lines article
    (`FILE-LINE` when it has none), the title of a text file (set once the
    article is read).  `target` (the output file, relative to the output
    folder or absolute) and `note` (how a file-name collision was resolved)
    are set by the run.
    """

    ordinal: int
    label: str
    text: str = ""
    title: str | None = None
    markdown: bool = False
    id: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    relative: str | None = None
    stem: str | None = None
    digest: bytes = b""
    problem: str | None = None
    target: str | None = None
    note: str | None = None
    article: "Article | None" = None


def find_inputs(arguments: list[str], *, follow_links: bool = False) -> tuple[list[ArticleInput], list[str]]:
    """The inputs the arguments name, in order, each once; and a message
    for each folder with no articles in it, or that cannot be read.

    A folder gives its .txt/.md/.jsonl/.jsonl.gz files (recursively, hidden
    files and folders skipped, sorted, links out of it not followed unless
    `follow_links`: `explorer.files.walk_files`); a file is taken whatever
    its name, so that a missing or odd one is reported when it is read.
    """
    inputs: list[ArticleInput] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(item: ArticleInput) -> None:
        key = STDIN if item.path is None else os.path.realpath(item.path)
        if key not in seen:
            seen.add(key)
            inputs.append(item)

    for argument in arguments:
        if argument == STDIN:
            add(ArticleInput(STDIN_LABEL))
            continue
        path = Path(argument)
        if not is_folder(path):
            add(ArticleInput(argument, path))
            continue
        walk = walk_files(path, ARTICLE_SUFFIXES + JSONL_SUFFIXES, follow_links=follow_links)
        problems.extend(f"{shown_path(skipped)}: {reason}" for skipped, reason in walk.skipped)
        found = walk.files
        # A folder that cannot be read is said above: whether it holds articles is not known.
        unread = any(skipped == path for skipped, _ in walk.skipped)
        if not found and not unread:
            problems.append(f"{shown_path(argument)}: no articles (.txt, .md, .jsonl) in this folder")
        for file in found:
            add(ArticleInput(str(file), file, path))
    return inputs, problems


def read_input(item: ArticleInput, max_chars: int) -> str:
    """The text of a file or stdin input, or `InputError` (binary, not UTF-8, empty, too long...)."""

    def too_big(size: int) -> str | None:
        if size > max_chars * BYTES_PER_CHAR:
            return f"file is {size / 1e6:.1f} MB, too long for the spaCy model ({max_chars:,} characters at most)"
        return None

    what = "article text"
    start = b""
    try:
        if item.path is None:
            if sys.stdin is None:  # the command was started with stdin closed (`<&-`)
                raise InputError("standard input is closed")
            terminal = getattr(sys.stdin, "isatty", None)  # a stand-in for stdin (a test's) may have none
            if terminal is not None and terminal():  # else the command seems to hang, waiting unannounced
                print("reading the article from the terminal: type or paste it, then Ctrl-D on a line of its own",
                      file=sys.stderr, flush=True)
            data = read_stream(sys.stdin.buffer, too_big)
            start = data[:SNIFFED + 1]
            text = decode_text(data, what)
        else:
            text = read_text_file(item.path, what, too_big)
    except UnreadableFile as problem:
        start = start if item.path is None else _first_bytes(item.path)
        wide = wide_unicode(start[:SNIFFED], whole=len(start) <= SNIFFED)
        if wide:
            raise InputError(wide) from None
        raise InputError(problem.located()) from None
    return checked_text(text, max_chars)


#: What to do instead of naming a pipe (`annotate <(curl ...)`), which is not read: with
#: no writer it would block the run for ever.  Said by the command, not by `read_input`,
#: which the explorer uses too.
PIPE_HINT = "; to annotate what a command writes, pipe it: COMMAND | story-explorer annotate -"


def _is_pipe(path: Path) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


#: Bytes of a text that cannot be read looked at to tell UTF-16 or UTF-32 from binary.
SNIFFED = 1 << 16
#: Byte-order marks of the Unicode encodings that are not UTF-8 (UTF-32's first: UTF-32LE's
#: mark begins with UTF-16LE's).  Notepad and Word save "Unicode" text as UTF-16 with its mark.
_WIDE_MARKS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
               (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def wide_unicode(data: bytes, whole: bool) -> str | None:
    """The message for text in UTF-16 or UTF-32, else None: its NUL bytes would otherwise call
    it a binary file.  `data` is the text's first bytes (`whole`: all of them); it is such a
    text when it starts with the encoding's byte-order mark and decodes in it."""
    for mark, name in _WIDE_MARKS:
        if data.startswith(mark):
            try:
                codecs.getincrementaldecoder(name)().decode(data, final=whole)  # the codec reads the mark
            except UnicodeDecodeError:
                continue  # binary that happens to start like a mark
            return f"{name} text, not UTF-8: convert it first (iconv -f {name} -t UTF-8)"
    return None


def _first_bytes(path: Path) -> bytes:
    """The first `SNIFFED + 1` bytes of a regular file that could not be read as text (b"" if none can be)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return b""
        with open(path, "rb") as stream:
            return stream.read(SNIFFED + 1)
    except OSError:
        return b""


def checked_text(text: str, max_chars: int) -> str:
    """`text`, or `InputError` when there is nothing to annotate or too much for the model."""
    if not text.strip():
        raise InputError("empty: no text to annotate")
    if len(text) > max_chars:
        raise InputError(f"{len(text):,} characters, too long for the spaCy model ({max_chars:,} at most)")
    return text


def text_article(source: ArticleInput, max_chars: int, title: str | None) -> ArticleItem:
    item = ArticleItem(0, source.label, title=title, markdown=source.markdown)
    if source.path is not None:
        item.relative = str(source.path.relative_to(source.root)) if source.root is not None else source.path.name
    if source.story:
        item.problem = (f"a story file, not an article (check it with: story-explorer validate "
                        f"{shown_path(source.label)})")
        return item
    try:
        item.text = read_input(source, max_chars)
    except InputError as error:
        item.problem = str(error) + (PIPE_HINT if source.path is not None and _is_pipe(source.path) else "")
    item.digest = digest((item.relative or "").encode("utf-8", "surrogateescape"), item.text.encode("utf-8", "surrogatepass"))
    return item


def digest(*parts: bytes) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()
