"""Composed YAML nodes to plain values, every problem collected with its place.

Only the standard scalar tags are known; anchors and aliases are refused
before anything is expanded; a value of the wrong type is a `Problem`, never
an exception.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import Any

import yaml

from explorer.storyfile.problems import Problem
from explorer.storyfile.schema import TYPE_NAMES

#: libyaml's C parser when present: the same nodes, ten times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_scalars = yaml.constructor.SafeConstructor()


#: problems of a file (5,000 quotes naming unknown paragraphs among 5,000 took
#: 131 s to report).
_HINTS = 100
_HINT_MAX_KNOWN = 1_000


class NodeReader:
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
        """A scalar's value, or `BAD` when the node is not a plain scalar."""
        if not isinstance(node, yaml.ScalarNode):
            return BAD
        if node.tag in (_STR, _TIMESTAMP):
            return node.value  # a date stays as written
        if node.tag in (_INT, _FLOAT, _BOOL, _NULL):
            return _scalars.construct_object(node)
        self.problem(node, f"unsupported tag {_short_tag(node.tag)} (story files are plain YAML)")
        return BAD

    def value(self, node: yaml.Node, kind: str, name: str) -> Any:
        """The value of field `name`, checked against its type; `BAD` on a problem."""
        if kind in ("list", "strs", "ids"):
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
                return []
            if not isinstance(node, yaml.SequenceNode) or node.tag != _SEQ:
                self._type_problem(node, name, kind)
                return BAD
            if kind == "list":
                return list(node.value)
            items = [self.value(item, "str" if kind == "strs" else "id", name) for item in node.value]
            return BAD if BAD in items else items
        if kind == "record":
            if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
                return None
            if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
                self._type_problem(node, name, kind)
                return BAD
            return node  # read by the caller, against the record's own fields
        value = self.scalar(node)
        if value is BAD:
            if not isinstance(node, yaml.ScalarNode):
                self._type_problem(node, name, kind)
            return BAD
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
            return BAD
        return str(value) if kind == "id" else value

    def _type_problem(self, node: yaml.Node, name: str, kind: str) -> None:
        self.problem(node, f"{name!r} must be {TYPE_NAMES[kind]}, not {_describe(node)}")

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
            if value is BAD or (required and value is None):
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


BAD = _Bad()


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


_PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _SEQ, _MAP}


def refuse_aliases_and_tags(root: yaml.Node, path: str) -> Problem | None:
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


def yaml_problem(path: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"invalid YAML: {context + ', ' if context else ''}{problem}"
    if mark is None:
        return Problem(path, 1, 1, message)
    return Problem(path, mark.line + 1, mark.column + 1, message)
