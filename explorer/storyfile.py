"""Story files: YAML in, `Story` out, every problem reported with its place.

Loading is safe by construction: the YAML is only *composed* into nodes
(libyaml's C parser when present), and this module turns the nodes into
plain values itself.  It knows the standard scalar tags and nothing else, so
a `!!python/object` tag is an error, never executed; anchors and aliases are
refused, so an alias bomb is never expanded; files over a size limit are
refused before they are read.

Every problem is collected, not just the first, as a `Problem` that prints
as `path:line:column: message` (1-based, as editors count).
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from explorer.model import (
    FORMAT_VERSION,
    QUOTE_KINDS,
    SOURCE_KINDS,
    SPEAKER_KINDS,
    Paragraph,
    Quote,
    QuotePlacer,
    Source,
    Speaker,
    Story,
)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: Story files bigger than this are refused before parsing (a story of
#: 2,000 paragraphs is about 1.5 MB); `STORY_EXPLORER_MAX_BYTES` overrides it.
DEFAULT_MAX_BYTES = 20_000_000
STORY_SUFFIXES = (".yaml", ".yml")


def max_bytes_from_env() -> int:
    """The size limit: `STORY_EXPLORER_MAX_BYTES` when set to a number, else the default."""
    value = os.environ.get("STORY_EXPLORER_MAX_BYTES", "")
    return int(value) if value.isdigit() else DEFAULT_MAX_BYTES


def shown_path(path: str | Path) -> str:
    """A path for a one-line message: its control characters (a newline, an
    escape sequence in a file name) written as Python escapes, so that they
    neither break the line nor reach the terminal."""
    text = str(path)
    return text if text.isprintable() else "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{shown_path(self.path)}:{self.line}:{self.column}: {self.message}"


class StoryFileError(Exception):
    """A story file that cannot be loaded; `problems` holds every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems[0]))
        self.problems = problems


# --- reading nodes -----------------------------------------------------------

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_scalars = yaml.constructor.SafeConstructor()

# Field types: "str", "id" (a string; a bare number is taken as its text),
# "int", "number", "strs" (a list of strings), "ids", "list" (of records).
_STORY_FIELDS = {
    "format": ("int", True),
    "title": ("str", True),
    "outlet": ("str", False),
    "published": ("str", False),
    "url": ("str", False),
    "language": ("str", False),
    "paragraphs": ("list", False),
    "speakers": ("list", False),
    "quotes": ("list", False),
    "sources": ("list", False),
}
_PARAGRAPH_FIELDS = {"id": ("id", True), "text": ("str", True)}
_SPEAKER_FIELDS = {
    "id": ("id", True),
    "name": ("str", True),
    "role": ("str", False),
    "kind": ("str", False),
    "aliases": ("strs", False),
}
_QUOTE_FIELDS = {
    "id": ("id", True),
    "paragraph": ("id", True),
    "text": ("str", True),
    "kind": ("str", False),
    "speaker": ("id", False),
    "cue": ("str", False),
    "mention": ("str", False),
    "start": ("int", False),
    "end": ("int", False),
    "method": ("str", False),
    "confidence": ("number", False),
}
_SOURCE_FIELDS = {
    "name": ("str", True),
    "kind": ("str", False),
    "url": ("str", False),
    "paragraphs": ("ids", False),
}
_TYPE_NAMES = {
    "str": "a string",
    "id": "an id (a string)",
    "int": "a whole number",
    "number": "a number",
    "strs": "a list of strings",
    "ids": "a list of ids",
    "list": "a list",
}


#: "did you mean" costs a difflib pass over the known names each time: it is
#: offered among at most `_HINT_MAX_KNOWN` names and for the first `_HINTS`
#: problems of a file (5,000 quotes naming unknown paragraphs among 5,000 took
#: 131 s to report).
_HINTS = 100
_HINT_MAX_KNOWN = 1_000


class _Reader:
    """Turns composed YAML nodes into plain values, collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._hints_left = _HINTS

    def closest(self, value: str, known: Collection[str]) -> str | None:
        """The known name `value` is likely a typo of; None when there is none or
        when this file's hints are spent (see `_HINTS`)."""
        if self._hints_left <= 0 or len(known) > _HINT_MAX_KNOWN:
            return None
        self._hints_left -= 1
        near = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
        return near[0] if near else None

    def near(self, value: str, known: Collection[str]) -> str:
        """The ending "; did you mean 'x'?" for an unknown id, or nothing."""
        near = self.closest(value, known)
        return f"; did you mean {near!r}?" if near else ""

    def problem(self, node: yaml.Node | None, message: str) -> None:
        mark = node.start_mark if node is not None else None
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        self.problems.append(Problem(self.path, line, column, message))

    def scalar(self, node: yaml.Node) -> Any:
        """A scalar's value, or `_BAD` when the node is not a plain scalar."""
        if not isinstance(node, yaml.ScalarNode):
            return _BAD
        if node.tag in (_STR, _TIMESTAMP):
            return node.value  # a date stays as written
        if node.tag in (_INT, _FLOAT, _BOOL, _NULL):
            return _scalars.construct_object(node)
        self.problem(node, f"unsupported tag {_short_tag(node.tag)} (story files are plain YAML)")
        return _BAD

    def value(self, node: yaml.Node, kind: str, name: str) -> Any:
        """The value of field `name`, checked against its type; `_BAD` on a problem."""
        if kind in ("list", "strs", "ids"):
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
                return []
            if not isinstance(node, yaml.SequenceNode) or node.tag != _SEQ:
                self._type_problem(node, name, kind)
                return _BAD
            if kind == "list":
                return list(node.value)
            items = [self.value(item, "str" if kind == "strs" else "id", name) for item in node.value]
            return _BAD if _BAD in items else items
        value = self.scalar(node)
        if value is _BAD:
            if not isinstance(node, yaml.ScalarNode):
                self._type_problem(node, name, kind)
            return _BAD
        if value is None:
            return None
        ok = {
            "str": isinstance(value, str),
            "id": isinstance(value, (str, int)) and not isinstance(value, bool),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        }[kind]
        if not ok:
            self._type_problem(node, name, kind)
            return _BAD
        return str(value) if kind == "id" else value

    def _type_problem(self, node: yaml.Node, name: str, kind: str) -> None:
        self.problem(node, f"{name!r} must be {_TYPE_NAMES[kind]}, not {_describe(node)}")

    def record(self, node: yaml.Node, fields: dict[str, tuple[str, bool]], what: str) -> dict[str, tuple[Any, yaml.Node]] | None:
        """A mapping read against `fields`: name -> (value, value node).

        Reports unknown keys (with a "did you mean"), duplicate keys, missing
        required keys and wrong types; returns None when the node is not a
        mapping or a required field is unusable.
        """
        if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
            self.problem(node, f"{what} must be a mapping of keys to values, not {_describe(node)}")
            return None
        found: dict[str, tuple[Any, yaml.Node]] = {}
        usable = True
        for key_node, value_node in node.value:
            key = self.scalar(key_node)
            if not isinstance(key, str):
                self.problem(key_node, f"keys in {what} must be names, not {_describe(key_node)}")
                continue
            if key not in fields:
                near = self.closest(key, fields)
                hint = f"; did you mean {near!r}?" if near else f" (known keys: {', '.join(fields)})"
                self.problem(key_node, f"unknown key {key!r} in {what}{hint}")
                continue
            if key in found:
                self.problem(key_node, f"duplicate key {key!r} in {what}")
                continue
            kind, required = fields[key]
            value = self.value(value_node, kind, key)
            if value is _BAD or (required and value is None):
                if value is None:
                    self.problem(value_node, f"{key!r} in {what} must not be empty")
                usable = usable and not required
                # An optional field stays present but empty, so that later
                # checks know it was written and do not report it again.
                value = None
            found[key] = (value, value_node)
        for key, (_, required) in fields.items():
            if required and key not in found:
                self.problem(node, f"{what} has no {key!r}")
                usable = False
        return found if usable else None


class _Bad:
    def __repr__(self) -> str:
        return "<bad value>"


_BAD = _Bad()


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "empty"
    if node.tag in (_INT, _FLOAT):
        return f"the number {node.value}"
    if node.tag == _BOOL:
        return f"the boolean {node.value}"
    return f"the text {node.value[:40]!r}"


# --- building the story ------------------------------------------------------


def parse_story(text: str, path: str = "<story>") -> Story:
    """Parse and check story YAML; raise `StoryFileError` listing every problem."""
    reader = _Reader(path)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise StoryFileError([_yaml_problem(path, error)]) from None
    if root is None:
        raise StoryFileError([Problem(path, 1, 1, "empty story file: it needs at least 'format' and 'title'")])
    refused = _refuse_aliases_and_tags(root, path)
    if refused:
        raise StoryFileError([refused])
    top = reader.record(root, _STORY_FIELDS, "the story")
    story = _build_story(reader, top) if top is not None else None
    if reader.problems or story is None:
        raise StoryFileError(sorted(reader.problems, key=lambda p: (p.line, p.column)))
    return story


_PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _SEQ, _MAP}


def _refuse_aliases_and_tags(root: yaml.Node, path: str) -> Problem | None:
    """The first node that is reached twice (an alias: refused, so that an
    alias bomb is never expanded) or carries a non-plain tag, if any.

    Each node is visited once, so this is linear in the size of the file
    whatever the aliases would have expanded to.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        mark = node.start_mark
        if id(node) in seen:
            return Problem(path, mark.line + 1, mark.column + 1, "anchors and aliases (& and *) are not allowed in story files")
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            return Problem(path, mark.line + 1, mark.column + 1,
                           f"unsupported tag {_short_tag(node.tag)} (story files are plain YAML; nothing in them is executed)")
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
    return None


def _yaml_problem(path: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"invalid YAML: {context + ', ' if context else ''}{problem}"
    if mark is None:
        return Problem(path, 1, 1, message)
    return Problem(path, mark.line + 1, mark.column + 1, message)


def _get(record: dict[str, tuple[Any, yaml.Node]], key: str, default: Any = None) -> Any:
    value = record.get(key, (None, None))[0]
    return default if value is None else value


def _build_story(reader: _Reader, top: dict[str, tuple[Any, yaml.Node]]) -> Story | None:
    version, version_node = top["format"]
    if version != FORMAT_VERSION:
        reader.problem(version_node, f"format {version} is not one this program reads (it reads format {FORMAT_VERSION})")
    if not top["title"][0].strip():
        reader.problem(top["title"][1], "'title' must not be blank")

    def records(key: str, fields: dict[str, tuple[str, bool]], what: str) -> list[dict[str, tuple[Any, yaml.Node]]]:
        rows = []
        for index, node in enumerate(_get(top, key, [])):
            row = reader.record(node, fields, f"{what} {index + 1}")
            if row is not None:
                rows.append(row)
        return rows

    paragraphs = [_paragraph(row) for row in _unique(reader, records("paragraphs", _PARAGRAPH_FIELDS, "paragraph"), "paragraph")]
    speaker_rows = _unique(reader, records("speakers", _SPEAKER_FIELDS, "speaker"), "speaker")
    quote_rows = _unique(reader, records("quotes", _QUOTE_FIELDS, "quote"), "quote")
    source_rows = records("sources", _SOURCE_FIELDS, "source")

    speakers = []
    for row in speaker_rows:
        kind = _choice(reader, row, "kind", SPEAKER_KINDS, "person")
        speakers.append(Speaker(row["id"][0], row["name"][0], _get(row, "role", ""), kind, _get(row, "aliases", [])))

    text_of = {p.id: p.text for p in paragraphs}
    speaker_ids = {s.id for s in speakers}
    quotes = _quotes(reader, quote_rows, text_of, speaker_ids)

    sources = []
    for row in source_rows:
        kind = _choice(reader, row, "kind", SOURCE_KINDS, "listed")
        ids = _get(row, "paragraphs", [])
        for pid in ids:
            if pid not in text_of:
                reader.problem(row["paragraphs"][1], f"source {row['name'][0]!r} names unknown paragraph {pid!r}{reader.near(pid, text_of)}")
        sources.append(Source(row["name"][0], kind, _get(row, "url"), ids))

    return Story(
        title=top["title"][0],
        paragraphs=paragraphs,
        speakers=speakers,
        quotes=quotes,
        sources=sources,
        outlet=_get(top, "outlet"),
        published=_get(top, "published"),
        url=_get(top, "url"),
        language=_get(top, "language"),
    )


def _paragraph(row: dict[str, tuple[Any, yaml.Node]]) -> Paragraph:
    return Paragraph(row["id"][0], row["text"][0])


def _unique(reader: _Reader, rows: list[dict], what: str) -> list[dict]:
    """Rows with a first-seen id; later duplicates are reported and dropped."""
    seen: dict[str, int] = {}
    kept = []
    for row in rows:
        value, node = row["id"]
        if value in seen:
            reader.problem(node, f"duplicate {what} id {value!r} (first used on line {seen[value]})")
            continue
        seen[value] = node.start_mark.line + 1
        kept.append(row)
    return kept


def _choice(reader: _Reader, row: dict, key: str, allowed: tuple[str, ...], default: str) -> str:
    value = _get(row, key, default)
    if value not in allowed:
        reader.problem(row[key][1], f"{key} {value!r} is not one of {', '.join(allowed)}")
        return default
    return value


def _quotes(reader: _Reader, rows: list[dict], text_of: dict[str, str], speaker_ids: set[str]) -> list[Quote]:
    """Quotes with their offsets checked, or found when the file leaves them out.

    Quotes with offsets are placed first, so a hand-added quote without
    offsets takes the first occurrence that no other quote already holds.
    """
    quotes: list[Quote] = []
    placers = {pid: QuotePlacer(text) for pid, text in text_of.items()}
    for row in rows:
        qid, pid, text = row["id"][0], row["paragraph"][0], row["text"][0]
        kind = _choice(reader, row, "kind", QUOTE_KINDS, "direct")
        speaker = _get(row, "speaker")
        if speaker is not None and speaker not in speaker_ids:
            reader.problem(row["speaker"][1], f"quote {qid!r} names unknown speaker {speaker!r}{reader.near(speaker, speaker_ids)}")
        confidence = _get(row, "confidence")
        if confidence is not None and not 0 <= confidence <= 1:
            reader.problem(row["confidence"][1], f"confidence must be between 0 and 1, not {confidence}")
        if pid not in text_of:
            reader.problem(row["paragraph"][1], f"quote {qid!r} names unknown paragraph {pid!r}{reader.near(pid, text_of)}")
        quotes.append(Quote(qid, pid, text, kind, speaker, _get(row, "cue", ""), _get(row, "mention", ""),
                            _get(row, "start"), _get(row, "end"), _get(row, "method"), confidence))

    by_id = {q.id: (q, row) for q, row in zip(quotes, rows)}
    with_offsets = [q for q in quotes if "start" in by_id[q.id][1] or "end" in by_id[q.id][1]]
    offset_ids = {q.id for q in with_offsets}
    for quote in with_offsets:
        row = by_id[quote.id][1]
        paragraph = text_of.get(quote.paragraph)
        node = (row.get("start") or row.get("end"))[1]
        if "start" not in row or "end" not in row:
            reader.problem(node, f"quote {quote.id!r} gives only one of 'start' and 'end': give both or neither")
        elif quote.start is None or quote.end is None:
            continue  # a bad offset, already reported
        elif paragraph is not None:
            held = paragraph[quote.start:quote.end] if 0 <= quote.start <= quote.end else ""
            if held != quote.text:
                reader.problem(node, f"quote {quote.id!r}: offsets {quote.start}..{quote.end} hold {_clip(held)}, not the quote text {_clip(quote.text)}")
            else:
                placers[quote.paragraph].take((quote.start, quote.end))
    for quote in quotes:
        if quote.id in offset_ids or quote.paragraph not in text_of:
            continue
        span = placers[quote.paragraph].place(quote.text)
        if span is None:
            reader.problem(by_id[quote.id][1]["text"][1], f"quote {quote.id!r}: text {_clip(quote.text)} is not in paragraph {quote.paragraph!r}")
            continue
        quote.start, quote.end = span
    return quotes


def _clip(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


# --- files ---------------------------------------------------------------------


class UnreadableFile(Exception):
    """A file that cannot be read as text: a one-line `message`, at `line`:`column` when
    the problem has a place in the file (None when it is the whole file)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_text_file(path: Path, what: str, too_big: Callable[[int], str | None]) -> str:
    """The text of the file at `path`, which should hold `what` ("a story", "article text"),
    or `UnreadableFile`.  `too_big(size in bytes)` is the message refusing the file unread,
    or None to read it: a size limit is checked before a byte is read."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnreadableFile(f"is a folder, not {what}")
        refusal = too_big(size)
        if refusal:
            raise UnreadableFile(refusal)
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as error:
        raise UnreadableFile(f"cannot read: {error.strerror or error}") from None
    return decode_text(data, what)


def decode_text(data: bytes, what: str) -> str:
    """`data` as UTF-8 text (a byte-order mark dropped), or `UnreadableFile`: NUL bytes mean
    a binary file, not `what`; a byte that is not UTF-8 is reported where it stands."""
    if b"\x00" in data:
        raise UnreadableFile(f"binary file, not {what} (it holds NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise UnreadableFile(f"not UTF-8 text: byte 0x{data[error.start]:02x} cannot be decoded",
                             line, column) from None


def read_story_text(path: str | Path, max_bytes: int | None = None) -> str:
    """The text of a story file, refused (as `StoryFileError`) when it is too
    big, binary, not UTF-8 or unreadable."""
    limit = max_bytes_from_env() if max_bytes is None else max_bytes

    def too_big(size: int) -> str | None:
        return f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit for story files" if size > limit else None

    try:
        return read_text_file(Path(path), "a story", too_big)
    except UnreadableFile as problem:
        raise StoryFileError([Problem(str(path), problem.line or 1, problem.column or 1, problem.message)]) from None


def load_story(path: str | Path, max_bytes: int | None = None) -> Story:
    """Load and check one story file; raise `StoryFileError` with every problem."""
    return parse_story(read_story_text(path, max_bytes), str(path))


def find_story_files(paths: Iterable[str | Path]) -> list[Path]:
    """Story files under `paths`: a folder gives its `.yaml`/`.yml` files
    (recursively, hidden folders skipped, sorted); anything else is taken as
    given, so a missing or odd file is reported by `load_story`."""
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        in_folder = []
        # os.walk, pruned: a hidden folder (.git, .venv) is never entered, not just filtered.
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            in_folder.extend(Path(folder, name) for name in files
                             if not name.startswith(".") and Path(name).suffix.lower() in STORY_SUFFIXES)
        found.extend(sorted(p for p in in_folder if p.is_file()))
    return found


# --- writing -----------------------------------------------------------------


def story_to_data(story: Story) -> dict[str, Any]:
    """The story as plain data in the file's key order; empty optionals left out."""

    def compact(pairs: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
        return {k: v for k, v in pairs.items() if k in keep or v not in (None, "", [])}

    data: dict[str, Any] = {"format": FORMAT_VERSION}
    data.update(compact({"title": story.title, "outlet": story.outlet, "published": story.published,
                         "url": story.url, "language": story.language}, keep=("title",)))
    data["paragraphs"] = [{"id": p.id, "text": p.text} for p in story.paragraphs]
    data["speakers"] = [
        compact({"id": s.id, "name": s.name, "role": s.role, "kind": s.kind, "aliases": list(s.aliases)}, keep=("role",))
        for s in story.speakers
    ]
    data["quotes"] = [
        compact({"id": q.id, "paragraph": q.paragraph, "text": q.text, "kind": q.kind, "speaker": q.speaker,
                 "cue": q.cue, "mention": q.mention, "start": q.start, "end": q.end,
                 "method": q.method, "confidence": q.confidence}, keep=("speaker",))
        for q in story.quotes
    ]
    data["sources"] = [compact({"name": s.name, "kind": s.kind, "url": s.url, "paragraphs": list(s.paragraphs)})
                       for s in story.sources]
    return data


def dump_story(story: Story) -> str:
    """The story as YAML: readable key order, unicode kept as is."""
    return yaml.dump(story_to_data(story), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)


def write_text_atomic(path: str | Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` so that no reader ever sees half a file.

    The text goes to a temporary file in the same folder first. Without
    `force` an existing file is never replaced (`FileExistsError`), and the
    check and the write are one step (a hard link), so two writers cannot
    both win.
    """
    target = Path(path)
    if target.exists() and not force:
        raise FileExistsError(f"{target} already exists (use --force to overwrite)")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise FileExistsError(f"{target} already exists (use --force to overwrite)") from None
            os.unlink(temporary)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def write_story(story: Story, path: str | Path, *, force: bool = False) -> None:
    """Write a story file atomically; an existing file needs `force`."""
    write_text_atomic(path, dump_story(story), force=force)
