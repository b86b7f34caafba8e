"""Story YAML composed into nodes from the parser's events, with bounds on what a file
may cost.

PyYAML's `yaml.compose` cannot stop: a file of a million zeros is composed
whole before a single check, and that took minutes.  Here libyaml's C parser
(when present) gives the events and this module builds the same `yaml.Node`
tree (the events' own marks reused, so the editor can splice into the text
where each node stands), counting as it goes: past `max_values` values the file
is refused where the limit was crossed, whatever its size in bytes.  Plain
scalars get their tags from YAML 1.1's rules for the standard scalar tags only.

Nothing is constructed from a tag or expanded from an alias: every tag that is
not one of the standard plain ones is a problem, and so is the first anchor or
alias (only the first: an alias bomb holds hundreds); an alias stands as an
empty node tagged `ALIAS`, never as what it would expand to.
"""

from __future__ import annotations

import re

import yaml
from yaml import events

from explorer.files import escaped
from explorer.storyfile.problems import Problem, Problems, StoryFileError, clip

#: libyaml's C parser when present: the same events, ten times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP})
PLAIN_TAGS = SCALAR_TAGS | {SEQ, MAP}
#: The tag of the stand-in for an alias (refused): no value is read from it.
ALIAS = "alias"
#: The non-specific tag `!`: "a string, a list or a mapping, as written".
_NON_SPECIFIC = "!"

#: What the YAML reader refuses: control characters but tab and line breaks, U+FFFE, U+FFFF,
#: lone surrogates (YAML 1.1's printable set).
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: How a plain scalar's tag is found from its first character (YAML 1.1's rules, as
#: PyYAML has them), keeping the standard scalar tags only: a plain `<<` or `=` is text.
_IMPLICIT = {first: [(tag, pattern) for tag, pattern in rules if tag in SCALAR_TAGS]
             for first, rules in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}


def short_tag(tag: str) -> str:
    """`!!int` for the standard tag:yaml.org,2002:int; any other tag as written."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def compose(text: str, path: str, max_values: int, problems: Problems) -> yaml.Node | None:
    """The root node of the one YAML document in `text` (None when there is none); the
    problems of its tags and aliases go to `problems`.  `StoryFileError` (one problem)
    when the YAML is broken, holds two documents or more than `max_values` values."""
    # The hot path of loading: one pass, the commonest events first, no calls it can
    # avoid.  `filling` is the list the next node goes in (a mapping's children stay
    # flat, key, value, key, value, until it ends); `open_nodes` the collections
    # being filled with their lists, innermost last.
    root: list[yaml.Node] = []
    filling = root
    open_nodes: list[tuple[yaml.CollectionNode, list[yaml.Node]]] = []
    values = 0
    documents = 0
    refused_alias = False
    scalar_event, mapping_start, sequence_start = events.ScalarEvent, events.MappingStartEvent, events.SequenceStartEvent
    ends = (events.MappingEndEvent, events.SequenceEndEvent)
    scalar_node, mapping_node, sequence_node = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
    loader = LOADER(text)
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is scalar_event or kind is mapping_start or kind is sequence_start:
                values += 1
                mark = event.start_mark
                if values > max_values:
                    raise StoryFileError([Problem(path, mark.line + 1, mark.column + 1,
                                                  f"more than {max_values:,} YAML values: over the limit for story "
                                                  "files (STORY_EXPLORER_MAX_VALUES changes it)")])
                tag = event.tag
                node: yaml.Node
                if kind is scalar_event:
                    if tag is None:
                        tag = _resolve(event.value) if event.implicit[0] else STR
                    elif tag == _NON_SPECIFIC:
                        tag = STR
                    node = scalar_node(tag, event.value, mark, event.end_mark, event.style)
                elif kind is mapping_start:
                    if tag is None or tag == _NON_SPECIFIC:
                        tag = MAP
                    node = mapping_node(tag, [], mark, None, event.flow_style)
                else:
                    if tag is None or tag == _NON_SPECIFIC:
                        tag = SEQ
                    node = sequence_node(tag, [], mark, None, event.flow_style)
                if tag not in PLAIN_TAGS:
                    problems.add(path, mark.line + 1, mark.column + 1,
                                 f"unsupported tag {escaped(clip(short_tag(tag)))} (story files are plain YAML; "
                                 "nothing in them is executed)")
                if event.anchor is not None and not refused_alias:
                    refused_alias = True
                    _refuse_alias(problems, path, mark)
                filling.append(node)
                if kind is not scalar_event:
                    filling = []
                    open_nodes.append((node, filling))  # type: ignore[arg-type]
            elif kind in ends:
                node, children = open_nodes.pop()
                node.end_mark = event.end_mark
                if kind is events.MappingEndEvent:
                    node.value = list(zip(children[::2], children[1::2])) if children else children
                else:
                    node.value = children
                filling = open_nodes[-1][1] if open_nodes else root
            elif kind is events.AliasEvent:
                mark = event.start_mark
                if not refused_alias:
                    refused_alias = True
                    _refuse_alias(problems, path, mark)
                filling.append(scalar_node(ALIAS, "", mark, event.end_mark, None))
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise StoryFileError([Problem(path, mark.line + 1, mark.column + 1,
                                                  "a second YAML document ('---'): a story file holds one")])
            elif kind is events.StreamEndEvent or event is None:
                break
    except yaml.YAMLError as error:
        raise StoryFileError([yaml_problem(path, text, error)]) from None
    finally:
        loader.dispose()
    return root[0] if root else None


def _resolve(value: str) -> str:
    """The tag of a plain scalar (`true` is a boolean, `12` a number, `p1` text).  Short
    values repeat (keys, kinds, ids, `0`): their tags are remembered, which halves what
    resolving costs a story, as the regular expressions are the slow part."""
    tag = _resolved.get(value)
    if tag is None:
        tag = next((tag for tag, pattern in _IMPLICIT.get(value[:1], ()) if pattern.match(value)), STR)
        if len(value) <= _REMEMBERED_LENGTH:
            if len(_resolved) >= _REMEMBERED:
                _resolved.clear()
            _resolved[value] = tag
    return tag


#: Plain values whose tags `_resolve` remembers: this many, of at most this length.
_REMEMBERED, _REMEMBERED_LENGTH = 50_000, 24
_resolved: dict[str, str] = {}


def _refuse_alias(problems: Problems, path: str, mark: yaml.Mark) -> None:
    problems.add(path, mark.line + 1, mark.column + 1, "anchors and aliases (& and *) are not allowed in story files")


def yaml_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    """The YAML error as a problem where it stands.  A character the YAML reader
    refuses is found in the text itself: the C reader gives its place as a byte
    offset and no line."""
    if isinstance(error, yaml.reader.ReaderError):
        found = _NOT_PRINTABLE.search(text)
        if found is not None:
            before = text[: found.start()]
            line = before.count("\n") + 1
            column = found.start() - (before.rfind("\n") + 1) + 1
            return Problem(path, line, column, f"invalid YAML: the character U+{ord(found.group()):04X} is not "
                                               "allowed in YAML text (write it as an escape in a double-quoted string)")
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"invalid YAML: {context + ', ' if context else ''}{problem}"
    started = getattr(error, "context_mark", None)
    if context and started is not None and mark is not None and started.line < mark.line:
        # An unclosed quote or bracket is noticed lines later, where the file ends or the
        # next key starts; the mistake is where it opened, so that is the place given.
        message = (f"invalid YAML: {context.removeprefix('while ')} that starts here, {problem} "
                   f"(line {mark.line + 1}, column {mark.column + 1})")
        mark = started
    if mark is None:
        return Problem(path, 1, 1, message)
    return Problem(path, mark.line + 1, mark.column + 1, message)
