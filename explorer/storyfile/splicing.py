"""Edits spliced into a story file's own text: only the changed keys and records are rewritten.

The composed YAML of the file says where every record and every key stands
(node marks are character offsets into the text).  For a record that changed,
each changed key's text is replaced by the new `key: value`, a new key goes in
after the key before it in the format's order, a removed key's lines go; a new
record goes in where the edited story has it, with the indentation of the
records around it; a removed record's lines go.  Nothing else is touched: a
comment beside an unchanged key, the quoting and wrapping of the paragraphs,
blank lines, the order the person gave the keys — all stay as written.

Layouts this does not handle raise `CannotSplice` (the caller falls back): a
flow-style list of records, a key sharing its line with another in a block
record, a story that changed outside its speakers and quotes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

import yaml

from explorer.model import Story
from explorer.storyfile.writing import quote_data, speaker_data

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: New values are wrapped as `dump_story` wraps them.
WIDTH = 100
_UNWRAPPED = 1 << 30


class CannotSplice(Exception):
    """The edits cannot be spliced into this file's layout (the caller falls back)."""


def _dump(value: Any, flow: bool) -> str:
    """`value` as YAML: in flow style on one line, or in block style wrapped at `WIDTH`."""
    text = yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=flow,
                     width=_UNWRAPPED if flow else WIDTH)
    return text.rstrip("\n").removesuffix("\n...")


def _plain_list(value: Any) -> bool:
    return isinstance(value, list) and all(not isinstance(item, (list, dict)) for item in value)


def render_pair(name: str, value: Any, column: int, flow: bool) -> str:
    """`name: value` as it goes into a record whose keys stand at `column` (block) or
    inside a flow mapping (`flow`): lists of plain values in flow style (`aliases: [A, B]`),
    mappings in block style, long text wrapped at `WIDTH`."""
    if flow:
        return _dump({name: value}, True)[1:-1]
    if _plain_list(value):
        lines = [f"{_dump(name, True)}: {_dump(value, True)}"]
    else:
        lines = _dump({name: value}, False).split("\n")
    return "\n".join([lines[0], *(" " * column + line for line in lines[1:])])


def render_record(data: dict[str, Any], dash_column: int, key_column: int) -> str:
    """A new record, as a block sequence item: `- id: q4` at `dash_column`, keys at `key_column`."""
    lines = "\n".join(render_pair(name, value, 0, False) for name, value in data.items()).split("\n")
    first = " " * dash_column + "-" + " " * max(key_column - dash_column - 1, 1) + lines[0]
    return "\n".join([first, *(" " * key_column + line for line in lines[1:])])


def content_end(text: str, node: yaml.Node) -> int:
    """Where `node`'s own text ends: block collections and block scalars end at their
    last character, not at the next token the parser's mark points to."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark.index
        if node.style in ("|", ">"):
            while end > node.start_mark.index and text[end - 1] in "\r\n":
                end -= 1
        return end
    if node.flow_style or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return content_end(text, last[1] if isinstance(node, yaml.MappingNode) else last)


class _Text:
    """The file's text and the replacements to make in it, made all at once at the end."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self._changes: list[tuple[int, int, str]] = []

    def replace(self, start: int, end: int, new: str) -> None:
        self._changes.append((start, end, new.replace("\n", self.newline)))

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """The end of the line holding `index` (before its line break)."""
        found = self.text.find("\n", index)
        end = len(self.text) if found < 0 else found
        return end - 1 if end > 0 and self.text[end - 1] == "\r" and found >= 0 else end

    def after_line(self, index: int) -> int:
        """The start of the line after the one holding `index` (the end of the text at the last)."""
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def result(self) -> str:
        out, done = [], 0
        for start, end, new in sorted(self._changes, key=lambda change: (change[0], change[1])):
            if start < done:
                raise CannotSplice("two changes overlap")
            out.extend((self.text[done:start], new))
            done = end
        out.append(self.text[done:])
        return "".join(out)


def _keys(record: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {str(key.value): (key, value) for key, value in record.value if isinstance(key, yaml.ScalarNode)}


def _record_id(record: yaml.Node) -> str | None:
    if not isinstance(record, yaml.MappingNode):
        return None
    found = _keys(record).get("id")
    return str(found[1].value) if found and isinstance(found[1], yaml.ScalarNode) else None


def _dash(text: _Text, record: yaml.Node) -> int:
    """Where the `-` of a block sequence item stands."""
    index = record.start_mark.index - 1
    while index >= 0 and text.text[index] in " \t\r\n":
        index -= 1
    if index < 0 or text.text[index] != "-":
        raise CannotSplice("a record without its dash")
    return index


def _edit_record(text: _Text, record: yaml.MappingNode, old: dict[str, Any], new: dict[str, Any]) -> None:
    """Rewrite the keys of `record` whose value differs between `old` and `new`."""
    keys = _keys(record)
    flow = bool(record.flow_style)
    column = record.start_mark.column
    changed = {name for name in new if old.get(name) != new[name]}
    if changed & {"text", "start", "end"}:
        # Offsets go in pairs, and a new text is placed by them: the loader would otherwise
        # look for it, and could find it earlier in the paragraph.
        changed |= {"start", "end"} & set(new)
    for position, (key, value) in enumerate(record.value):
        name = str(key.value)
        if name in old and name not in new:
            if flow:
                if position == 0:
                    raise CannotSplice("removing the first key of a flow record")
                text.replace(content_end(text.text, record.value[position - 1][1]), content_end(text.text, value), "")
                continue
            start = text.line_start(key.start_mark.index)
            if text.text[start:key.start_mark.index].strip():
                raise CannotSplice(f"key {name!r} shares its line")
            text.replace(start, text.after_line(content_end(text.text, value)), "")
        elif name in changed:
            text.replace(key.start_mark.index, content_end(text.text, value), render_pair(name, new[name], column, flow))
    for position, name in enumerate(new):
        if name in keys or name not in changed:
            continue
        before = [other for other in list(new)[:position] if other in keys]
        if not before:
            raise CannotSplice(f"no key before {name!r}")
        anchor = content_end(text.text, keys[before[-1]][1])
        if flow:
            text.replace(anchor, anchor, ", " + render_pair(name, new[name], column, True))
        else:
            at = text.line_end(anchor)
            text.replace(at, at, "\n" + " " * column + render_pair(name, new[name], column, False))


def _edit_list(text: _Text, root: yaml.MappingNode, key_name: str, old_records: list, new_records: list,
               data_of: Callable[[Any], dict[str, Any]]) -> None:
    """Splice the changes between two versions of the story's list `key_name` into the text."""
    # Edits share the records they did not touch: only the others need comparing.
    before = {record.id: record for record in old_records}
    touched = [record for record in new_records if before.get(record.id) is not record]
    if not touched and len(old_records) == len(new_records):
        return
    old = {record_id: data_of(before[record_id]) for record_id in {r.id for r in touched} & before.keys()}
    new = [(record.id, data_of(record) if before.get(record.id) is not record else None) for record in new_records]
    entry = _keys(root).get(key_name)
    sequence = entry[1] if entry else None
    items = list(sequence.value) if isinstance(sequence, yaml.SequenceNode) else []
    if sequence is not None and not isinstance(sequence, yaml.SequenceNode):
        if not (isinstance(sequence, yaml.ScalarNode) and sequence.tag.endswith(":null")):
            raise CannotSplice(f"{key_name!r} is not a list")
    if isinstance(sequence, yaml.SequenceNode) and sequence.flow_style and items:
        raise CannotSplice(f"a flow-style list of {key_name}")
    by_id = {_record_id(item): item for item in items}
    if None in by_id or len(by_id) != len(items) or set(by_id) != set(before):
        raise CannotSplice(f"the {key_name} of the file are not the story's")
    new_ids = {record_id for record_id, _ in new}
    if [i for i, _ in new if i in by_id] != [i for i in by_id if i in new_ids]:
        raise CannotSplice(f"the {key_name} changed order")
    for record_id, item in by_id.items():
        if record_id not in new_ids:
            dash = _dash(text, item)
            start = text.line_start(dash)
            if text.text[start:dash].strip():
                raise CannotSplice("a record sharing its line")
            text.replace(start, text.after_line(content_end(text.text, item)), "")
    if items:
        first_dash = _dash(text, items[0])
        dash_column = first_dash - text.line_start(first_dash)
        key_column = items[0].start_mark.column
    else:
        dash_column = (entry[0].start_mark.column if entry else 0) + 2
        key_column = dash_column + 2
    # A new record goes in before the next record (in the edited order) that the file has.
    added: dict[str | None, list[str]] = {}
    following: str | None = None
    for record_id, data in reversed(new):
        if record_id in by_id:
            following = record_id
            if data is not None and data != old[record_id]:
                _edit_record(text, by_id[record_id], old[record_id], data)
        else:
            added.setdefault(following, []).insert(0, render_record(data, dash_column, key_column))
    for record_id, rendered in added.items():
        if record_id is not None:
            at = text.line_start(_dash(text, by_id[record_id]))
            text.replace(at, at, "".join(f"{record}\n" for record in rendered))
    block = "\n".join(added.get(None, []))
    if not block:
        return
    kept = [item for record_id, item in by_id.items() if record_id in new_ids]
    if kept:
        at = text.line_end(content_end(text.text, kept[-1]))
        text.replace(at, at, "\n" + block)
    elif items:  # every record of the file goes: the new ones take the place of the first
        at = text.line_start(_dash(text, items[0]))
        text.replace(at, at, block + "\n")
    elif entry is not None:
        key, value = entry
        text.replace(key.start_mark.index, text.line_end(content_end(text.text, value)), f"{key_name}:\n{block}")
    else:
        ending = "" if text.text.endswith("\n") or not text.text else "\n"
        text.replace(len(text.text), len(text.text), f"{ending}{key_name}:\n{block}\n")


def splice_edits(text: str, root: yaml.Node, base: Story, edited: Story) -> str:
    """`text` (the file `base` was read from, composed as `root`) with the changes from
    `base` to `edited` spliced in; raises `CannotSplice` for a layout it does not handle."""
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise CannotSplice("the story is not a block mapping")
    for name in (f.name for f in fields(Story)):
        if name not in ("speakers", "quotes") and getattr(base, name) != getattr(edited, name):
            raise CannotSplice(f"the story's {name} changed")
    spliced = _Text(text)
    _edit_list(spliced, root, "speakers", base.speakers, edited.speakers, speaker_data)
    _edit_list(spliced, root, "quotes", base.quotes, edited.quotes, quote_data)
    return spliced.result()
