"""The articles of a run's inputs, one at a time: a text file is one article, a
JSON Lines file (`.jsonl`, `.jsonl.gz`) one a line.

Articles are numbered in input order (`ordinal`), every non-blank line of a
JSON Lines file counting, a bad one too: that number, not the order in which
workers finish, decides file names, shards and what a resumed run skips.

A JSON Lines file is streamed, each line read through a size limit, so memory
stays flat however big the archive; it is read compressed or not whatever its
name says (by its first bytes).  A line that cannot be used (not JSON, not an
object, no text, too long, not UTF-8) becomes an article with a `problem` --
reported as `path:line: message` and skipped, while the rest go on; a file that
is not JSON Lines at all (empty, binary, UTF-16, a pipe) is one such article
for the whole file.  A gzip file cut short ends its input at the line it reached.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from typing import IO

from explorer.annotate.inputs import (
    BYTES_PER_CHAR,
    ArticleInput,
    ArticleItem,
    Fields,
    InputError,
    checked_text,
    digest,
    text_article,
    wide_unicode,
)
from explorer.files import UnreadableFile, decode_text, shown_path

_SKIP_CHUNK = 1 << 20
#: The first bytes of a gzip file.
GZIP_MAGIC = b"\x1f\x8b"


def iter_articles(inputs: Iterable[ArticleInput], fields: Fields, max_chars: int,
                  title: str | None = None) -> Iterator[ArticleItem]:
    """Every article of `inputs`, one at a time, numbered in order; `title`
    (the `--title` option) names the article of a single text input."""
    ordinal = 0
    for source in inputs:
        articles = _jsonl_articles(source, fields, max_chars) if source.jsonl else iter([text_article(source, max_chars, title)])
        for item in articles:
            item.ordinal = ordinal
            ordinal += 1
            yield item


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
                problem = wide_unicode(line, whole=False) or "binary file, not JSON Lines (it holds NUL bytes)"
                yield ArticleItem(0, label, problem=problem)
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
    item = ArticleItem(0, label, digest=digest(line))
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
