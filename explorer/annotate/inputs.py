"""What `annotate` reads: article files, folders of them, stdin, and JSON Lines archives.

An *input* is what a command-line argument names: a `.txt`/`.md` file, stdin
(`-`), or a JSON Lines file (`.jsonl`, `.jsonl.gz`) with one article per
line; a folder gives every such file under it (hidden ones skipped, sorted).
An *article* (`ArticleItem`) is one text to annotate: a whole file, or one
line of a JSON Lines file.  Articles are numbered in input order (`ordinal`),
every non-blank line of a JSON Lines file counting, a bad one too: that
number, not the order in which workers finish, decides file names, shards and
what a resumed run skips.

Everything is streamed: `iter_articles` reads one article at a time, and a
JSON Lines line is read through a size limit, so memory stays flat however
big the archive.  A line that cannot be used (not JSON, not an object, no
text, too long, not UTF-8) becomes an article with a `problem` -- reported
as `path:line: message` and skipped, while the rest go on.  A gzip file cut
short ends its input at the line it reached.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

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
_SKIP_CHUNK = 1 << 20
#: The first bytes of a gzip file.
GZIP_MAGIC = b"\x1f\x8b"


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
        unread = any(skipped == path for skipped, _ in walk.skipped)  # said above: whether it holds articles is not known
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
            if sys.stdin.isatty():  # else the command seems to hang, waiting for what it never said it wants
                print("reading the article from the terminal: type or paste it, then Ctrl-D on a line of its own",
                      file=sys.stderr, flush=True)
            data = read_stream(sys.stdin.buffer, too_big)
            start = data[:4]
            text = decode_text(data, what)
        else:
            text = read_text_file(item.path, what, too_big)
    except UnreadableFile as problem:
        wide = _wide_unicode(start if item.path is None else _first_bytes(item.path))
        if wide:
            raise InputError(wide) from None
        where = f"{problem.line}:{problem.column}: " if problem.line is not None else ""
        raise InputError(where + problem.message) from None
    return checked_text(text, max_chars)


#: Byte-order marks of the Unicode encodings that are not UTF-8 (UTF-32's first: UTF-32LE's
#: mark begins with UTF-16LE's).  Notepad and Word save "Unicode" text as UTF-16 with its mark.
_WIDE_MARKS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
               (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def _wide_unicode(start: bytes) -> str | None:
    """The message for text in UTF-16 or UTF-32 (which a byte-order mark at `start` says),
    else None: its NUL bytes would otherwise call it a binary file."""
    name = next((name for mark, name in _WIDE_MARKS if start.startswith(mark)), None)
    return f"{name} text, not UTF-8: convert it first (iconv -f {name} -t UTF-8)" if name else None


def _first_bytes(path: Path) -> bytes:
    """The first bytes of a regular file that could not be read as text (b"" if none can be read)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return b""
        with open(path, "rb") as stream:
            return stream.read(4)
    except OSError:
        return b""


def checked_text(text: str, max_chars: int) -> str:
    """`text`, or `InputError` when there is nothing to annotate or too much for the model."""
    if not text.strip():
        raise InputError("empty: no text to annotate")
    if len(text) > max_chars:
        raise InputError(f"{len(text):,} characters, too long for the spaCy model ({max_chars:,} at most)")
    return text


def iter_articles(inputs: Iterable[ArticleInput], fields: Fields, max_chars: int,
                  title: str | None = None) -> Iterator[ArticleItem]:
    """Every article of `inputs`, one at a time, numbered in order; `title`
    (the `--title` option) names the article of a single text input."""
    ordinal = 0
    for source in inputs:
        articles = _jsonl_articles(source, fields, max_chars) if source.jsonl else iter([_text_article(source, max_chars, title)])
        for item in articles:
            item.ordinal = ordinal
            ordinal += 1
            yield item


def _text_article(source: ArticleInput, max_chars: int, title: str | None) -> ArticleItem:
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
        item.problem = str(error)
    item.digest = _digest((item.relative or "").encode("utf-8", "surrogateescape"), item.text.encode("utf-8", "surrogatepass"))
    return item


def _digest(*parts: bytes) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


def _jsonl_articles(source: ArticleInput, fields: Fields, max_chars: int) -> Iterator[ArticleItem]:
    assert source.path is not None
    label = shown_path(source.label)
    limit = max_chars * BYTES_PER_CHAR
    try:
        if not stat.S_ISREG(os.stat(source.path).st_mode):  # a named pipe would block the run, a device never end
            yield ArticleItem(0, label, problem="not a regular file: not read")
            return
        raw = open(source.path, "rb")
    except OSError as error:
        yield ArticleItem(0, label, problem=_os_problem(error))
        return
    number = 0
    seen_json = False
    with raw:
        try:
            # Compressed or not whatever the name says: dumps named .jsonl are often gzipped.
            stream: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if raw.peek(2)[:2] == GZIP_MAGIC else raw
        except OSError as error:
            yield ArticleItem(0, label, problem=_os_problem(error))
            return
        while True:
            try:
                line = stream.readline(limit + 1)
                if len(line) > limit and not line.endswith(b"\n"):
                    size = len(line) + _skip_line(stream)
                    number += 1
                    seen_json = True
                    yield ArticleItem(0, f"{label}:{number}", problem=(
                        f"line is {size / 1e6:.1f} MB, too long for the spaCy model ({max_chars:,} characters at most)"))
                    continue
            except (OSError, EOFError, zlib.error) as error:
                yield ArticleItem(0, f"{label}:{number + 1}", problem=f"cannot read further: {_os_problem(error)}")
                return
            if not line:
                if not seen_json:
                    yield ArticleItem(0, label, problem="empty: no articles in this JSON Lines file")
                return
            number += 1
            if not line.strip():
                continue
            if not seen_json and b"\x00" in line:  # not JSON Lines at all: one line says so, not one a line
                yield ArticleItem(0, label, problem=_wide_unicode(line) or "binary file, not JSON Lines (it holds NUL bytes)")
                return
            seen_json = True
            item = _line_article(line, f"{label}:{number}", fields, max_chars)
            item.stem = item.id if item.id is not None else f"{source.path.name.split('.')[0]}-{number}"
            yield item


def _skip_line(stream: IO[bytes]) -> int:
    """Read past the rest of an over-long line; the number of bytes skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _os_problem(error: BaseException) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not article text"
    if isinstance(error, EOFError):
        return "the gzip file is cut short"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _line_article(line: bytes, label: str, fields: Fields, max_chars: int) -> ArticleItem:
    item = ArticleItem(0, label, digest=_digest(line))
    try:
        record = json.loads(decode_text(line, "JSON"))
    except UnreadableFile as problem:
        item.problem = problem.message
        return item
    except json.JSONDecodeError as error:
        item.problem = f"not JSON: {error.msg} (column {error.colno})"
        return item
    except RecursionError:
        item.problem = "not JSON that can be read: nested too deep"
        return item
    if not isinstance(record, dict):
        item.problem = f"not a JSON object but {_json_type(record)}"
        return item
    try:
        text = record.get(fields.text)
        if text is None:
            raise InputError(f"no {fields.text!r} field (name the text's field with --text-field)")
        item.text = checked_text(_string(text, fields.text, scalar=False), max_chars)
        item.id = _optional_string(record, fields.id)
        item.title = _optional_string(record, fields.title)
        for key, name in fields.metadata().items():
            value = _optional_string(record, name)
            if value:
                item.metadata[key] = value
    except InputError as error:
        item.problem = str(error)
    return item


def _optional_string(record: dict, name: str) -> str | None:
    value = record.get(name)
    return None if value is None else _string(value, name)


def _string(value: object, name: str, *, scalar: bool = True) -> str:
    """A field's value as text: a string, or (for ids, titles and dates) a number."""
    if isinstance(value, str):
        return value
    if scalar and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    wanted = "a string or a number" if scalar else "a string"
    raise InputError(f"{name!r} must be {wanted}, not {_json_type(value)}")


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
