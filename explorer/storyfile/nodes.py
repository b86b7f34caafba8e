"""Composed YAML nodes to plain values, every problem collected with its place.

Only the standard scalar tags are read; a value of the wrong type, or one its tag
cannot hold (`!!bool maybe`, `!!int abc`, a number of 5,000 digits), is a
`Problem` at that value, never an exception.  Messages quote a value clipped, so
that a 3 MB key gives a short line.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Collection
from typing import Any

import yaml

from explorer.storyfile.composing import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    NULL,
    PLAIN_TAGS,
    SCALAR_TAGS,
    SEQ,
    STR,
    TIMESTAMP,
    short_tag,
)
from explorer.files import escaped
from explorer.storyfile.problems import Problems, clip
from explorer.storyfile.schema import TYPE_NAMES

#: "did you mean" costs a difflib pass over the known names each time: it is
#: offered among at most `_HINT_MAX_KNOWN` names and for the first `_HINTS`
#: problems of a file (5,000 quotes naming unknown paragraphs among 5,000 took
#: 131 s to report).
_HINTS = 100
_HINT_MAX_KNOWN = 1_000

_scalars = yaml.constructor.SafeConstructor()
_CONVERTERS = {INT: _scalars.construct_yaml_int, FLOAT: _scalars.construct_yaml_float,
               BOOL: _scalars.construct_yaml_bool}
_NULL_TEXT = re.compile(r"~|null|Null|NULL|")
_TIMESTAMP_TEXT = next(pattern for tag, pattern in yaml.resolver.Resolver.yaml_implicit_resolvers["2"] if tag == TIMESTAMP)
_WHAT_TAG_HOLDS = {INT: "a whole number", FLOAT: "a number", BOOL: "true or false", NULL: "null or nothing",
                   TIMESTAMP: "a date"}


class NodeReader:
    """Turns composed YAML nodes into plain values, collecting `problems`."""

    def __init__(self, path: str, problems: Problems | None = None) -> None:
        self.path = path
        self.problems = Problems() if problems is None else problems
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
        """The ending "; did you mean 'x'?" for an unknown name, or nothing."""
        near = self.closest(value, known)
        return f"; did you mean {near!r}?" if near else ""

    def problem(self, node: yaml.Node | None, message: str) -> None:
        if self.problems.full:
            self.problems.more += 1
            return
        mark = node.start_mark if node is not None else None
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.problems.add(self.path, line, column, message)

    def scalar(self, node: yaml.Node) -> Any:
        """A scalar's value, or `BAD` when the node is not a plain scalar or its text is
        not what its tag says (reported here)."""
        if not isinstance(node, yaml.ScalarNode) or node.tag not in SCALAR_TAGS:
            return BAD  # a collection, or a tag already refused when composing
        tag, text = node.tag, node.value
        if tag in (STR, TIMESTAMP):
            if tag == TIMESTAMP and not _TIMESTAMP_TEXT.fullmatch(text):
                return self._not_valid(node)
            return text  # a date stays as written
        if tag == NULL:
            return None if _NULL_TEXT.fullmatch(text) else self._not_valid(node)
        if tag == INT and text.isascii() and text.isdigit() and (text[0] != "0" or len(text) == 1) and len(text) < 19:
            return int(text)  # the common case, without building a node for PyYAML (a leading 0 is octal)
        if tag == INT and _decimal_digits(text) > sys.get_int_max_str_digits() > 0:
            self.problem(node, f"a number of {_decimal_digits(text):,} digits is too long to read (at most "
                               f"{sys.get_int_max_str_digits():,})")
            return BAD
        try:
            return _CONVERTERS[tag](yaml.ScalarNode(tag, text))
        except (ValueError, KeyError, IndexError, OverflowError, TypeError):
            return self._not_valid(node)

    def _not_valid(self, node: yaml.ScalarNode) -> Any:
        self.problem(node, f"{clip(node.value)!r} is not a valid {short_tag(node.tag)} value "
                           f"({short_tag(node.tag)} holds {_WHAT_TAG_HOLDS[node.tag]})")
        return BAD

    def value(self, node: yaml.Node, kind: str, name: str) -> Any:
        """The value of field `name`, checked against its type; `BAD` on a problem."""
        if node.tag not in PLAIN_TAGS:
            return BAD  # refused when composing
        if kind in ("list", "strs", "ids", "record") and isinstance(node, yaml.ScalarNode) and node.tag == NULL:
            empty = self.scalar(node)  # None, or BAD for `!!null text`
            return BAD if empty is BAD else [] if kind != "record" else None
        if kind in ("list", "strs", "ids"):
            if not isinstance(node, yaml.SequenceNode) or node.tag != SEQ:
                return self._type_problem(node, name, kind)
            if kind == "list":
                return list(node.value)
            items = [self.value(item, "str" if kind == "strs" else "id", name) for item in node.value]
            return BAD if BAD in items else items
        if kind == "record":
            if not isinstance(node, yaml.MappingNode) or node.tag != MAP:
                return self._type_problem(node, name, kind)
            return node  # read by the caller, against the record's own fields
        if not isinstance(node, yaml.ScalarNode) or node.tag not in SCALAR_TAGS:
            return self._type_problem(node, name, kind)
        value = self.scalar(node)
        if value is BAD or value is None:
            return value
        if kind == "str":
            ok = type(value) is str
        elif kind == "id":
            ok = type(value) in (str, int)
        elif kind == "int":
            ok = type(value) is int
        else:
            ok = type(value) in (int, float)
        if not ok:
            return self._type_problem(node, name, kind)
        if kind == "id":
            value = str(value)
            if not value.strip():
                self.problem(node, f"{name!r} must not be empty")
                return BAD
        return value

    def _type_problem(self, node: yaml.Node, name: str, kind: str) -> Any:
        self.problem(node, f"{name!r} must be {TYPE_NAMES[kind]}, not {describe(node)}")
        return BAD

    def record(self, node: yaml.Node, fields: dict[str, tuple[str, bool]], what: str) -> dict[str, tuple[Any, yaml.Node]] | None:
        """A mapping read against `fields`: name -> (value, value node).

        Reports unknown keys (with a "did you mean"), duplicate keys, missing
        required keys and wrong types, and goes on: a field with a bad value is
        in the record with the value None (so that later checks know it was
        written and do not report it again), a missing one is not.  None when
        the node is not a mapping at all.
        """
        if not isinstance(node, yaml.MappingNode) or node.tag != MAP:
            if node.tag in PLAIN_TAGS:
                self.problem(node, f"{what} must be a mapping of keys to values, not {describe(node)}")
            return None
        found: dict[str, tuple[Any, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if key_node.tag not in PLAIN_TAGS:
                continue  # refused when composing
            key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) and key_node.tag in SCALAR_TAGS else None
            if key is BAD:
                continue  # its text is not what its tag says: reported
            if not isinstance(key, str):
                self.problem(key_node, f"keys in {what} must be names, not {describe(key_node)}")
                continue
            if key not in fields:
                near = self.closest(key, fields)
                hint = f"; did you mean {near!r}?" if near else f" (known keys: {', '.join(fields)})"
                self.problem(key_node, f"unknown key {clip(key)!r} in {what}{hint}")
                continue
            if key in found:
                self.problem(key_node, f"duplicate key {clip(key)!r} in {what}")
                continue
            kind, required = fields[key]
            value = self.value(value_node, kind, key)
            if value is None and required:
                self.problem(value_node, f"{key!r} in {what} must not be empty")
            found[key] = (None if value is BAD else value, value_node)
        for key, (_, required) in fields.items():
            if required and key not in found:
                self.problem(node, f"{what} has no {key!r}")
        return found


class _Bad:
    def __repr__(self) -> str:
        return "<bad value>"


BAD = _Bad()


def _decimal_digits(text: str) -> int:
    """How many digits an integer written in base 10 has (0 for other bases: no limit there)."""
    body = text.lstrip("+-").replace("_", "")
    if body[:2].lower() in ("0x", "0b", "0o") or ":" in body:
        return 0
    return len(body)


def describe(node: yaml.Node, *, quote: bool = True) -> str:
    """What a node is, for "must be X, not Y": "a list", "the number 3", "the text 'abc'"
    (`quote` False: "text", no value quoted).  A standard tag that does not fit the
    node's kind is named: "a list tagged !!null"."""
    if isinstance(node, yaml.MappingNode):
        described, fitting = "a mapping", MAP
    elif isinstance(node, yaml.SequenceNode):
        described, fitting = "a list", SEQ
    else:
        value = node.value if isinstance(node, yaml.ScalarNode) else ""
        fitting = node.tag if node.tag in SCALAR_TAGS else STR
        if node.tag == NULL:
            described = "empty"
        elif node.tag in (INT, FLOAT):
            described = f"the number {escaped(clip(value))}" if quote else "a number"
        elif node.tag == BOOL:
            described = f"the boolean {escaped(clip(value))}" if quote else "a boolean"
        else:
            described = f"the text {clip(value)!r}" if quote else "text"
    return described if node.tag == fitting else f"{described} tagged {escaped(clip(short_tag(node.tag)))}"
