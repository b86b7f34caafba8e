"""Reading a story file: the size limit, the text, the YAML, the checks; and
finding the story files that paths name."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from explorer.files import UnreadableFile, is_folder, path_problem, read_text_file, walk_files
from explorer.model import Story
from explorer.storyfile.building import build_story
from explorer.storyfile.composing import compose
from explorer.storyfile.nodes import NodeReader, describe
from explorer.storyfile.problems import Problem, Problems, StoryFileError
from explorer.storyfile.schema import STORY_FIELDS

#: Story files bigger than this are refused before parsing (a story of
#: 2,000 paragraphs is about 1.5 MB); `STORY_EXPLORER_MAX_BYTES` overrides it.
DEFAULT_MAX_BYTES = 20_000_000
#: Story files holding more YAML values than this (every scalar, list and
#: mapping counts) are refused as soon as the count is passed, so that no file
#: under the size limit costs more than a second or two: a story of 2,000
#: paragraphs and 1,000 quotes holds about 25,000, the annotator's story of an
#: article at the model's limit about 100,000.  `STORY_EXPLORER_MAX_VALUES`
#: overrides it.
DEFAULT_MAX_VALUES = 200_000
STORY_SUFFIXES = (".yaml", ".yml")
#: Set to 1 to follow links out of a folder by default (what `--follow-links` asks for).
FOLLOW_LINKS_VARIABLE = "STORY_EXPLORER_FOLLOW_LINKS"


def _limit_from_env(variable: str, default: int) -> int:
    value = os.environ.get(variable, "")
    return int(value) if value.isdigit() and len(value) < 20 else default


def max_bytes_from_env() -> int:
    """The size limit: `STORY_EXPLORER_MAX_BYTES` when set to a number, else the default."""
    return _limit_from_env("STORY_EXPLORER_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_values_from_env() -> int:
    """The limit on YAML values: `STORY_EXPLORER_MAX_VALUES` when set to a number, else the default."""
    return _limit_from_env("STORY_EXPLORER_MAX_VALUES", DEFAULT_MAX_VALUES)


def follow_links_from_env() -> bool:
    """True when `STORY_EXPLORER_FOLLOW_LINKS` is set to 1."""
    return os.environ.get(FOLLOW_LINKS_VARIABLE, "") == "1"


def parse_story(text: str, path: str = "<story>", max_values: int | None = None) -> Story:
    """Parse and check story YAML; raise `StoryFileError` listing every problem, and
    nothing else whatever `text` holds."""
    # The YAML nodes are dropped before the collector is back on: turned on while they
    # were alive, its next pass went over every one of them, a tenth of each load.
    with _collector_paused():
        return parse_story_nodes(text, path, max_values)[0]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: composing a story makes a node per YAML value and
    no reference cycle, and the collector's passes over those nodes took half the time of
    loading a big story (0.33 s against 0.17 s for 2,000 paragraphs)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_story_nodes(text: str, path: str = "<story>", max_values: int | None = None) -> tuple[Story, yaml.Node]:
    """`parse_story`, and the composed YAML it was read from: its nodes know where each
    record stands in `text` (the editor saves changes into those places)."""
    limit = max_values_from_env() if max_values is None else max_values
    try:
        with _collector_paused():
            return _parse(text, path, limit)
    except StoryFileError:
        raise
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        # A guard: each kind of bad value has its own message, but a file must never
        # take a caller down with it.
        raise StoryFileError([Problem(path, 1, 1, f"cannot check this file ({type(error).__name__}); "
                                                  "please report it as a bug")]) from None


def _parse(text: str, path: str, max_values: int) -> tuple[Story, yaml.Node]:
    problems = Problems()
    root = compose(text, path, max_values, problems)
    if root is None:
        raise StoryFileError([Problem(path, 1, 1, "empty story file: it needs at least 'format' and 'title'")])
    refusal = _not_a_story(root)
    if refusal:
        # Nothing of a file that is not a story is quoted: it may be anything (a link
        # to a secrets file), and what its keys or values say is not ours to print.
        mark = root.start_mark
        raise StoryFileError([Problem(path, mark.line + 1, mark.column + 1, refusal)])
    reader = NodeReader(path, problems)
    top = reader.record(root, STORY_FIELDS, "the story")
    story = build_story(reader, top) if top is not None else None
    if problems or story is None:
        raise problems.error()
    return story, root


def _not_a_story(root: yaml.Node) -> str | None:
    """Why the document is not a story at all (not a mapping; a mapping with none of a
    story's keys), in words that quote nothing from it; None when it may be one."""
    if not isinstance(root, yaml.MappingNode):
        return f"the story must be a mapping of keys to values, not {describe(root, quote=False)}"
    if not any(isinstance(key, yaml.ScalarNode) and key.value in STORY_FIELDS for key, _ in root.value):
        return "not a story file: it has none of the keys of a story (format, title, paragraphs ...)"
    return None


def read_story_text(path: str | Path, max_bytes: int | None = None) -> str:
    """The text of a story file, refused (as `StoryFileError`) when it is too
    big, binary, not UTF-8, not a regular file or unreadable."""
    limit = max_bytes_from_env() if max_bytes is None else max_bytes

    def too_big(size: int) -> str | None:
        return f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit for story files" if size > limit else None

    try:
        return read_text_file(Path(path), "a story", too_big)
    except UnreadableFile as problem:
        raise StoryFileError([Problem(str(path), problem.line or 1, problem.column or 1, problem.message)]) from None


def load_story(path: str | Path, max_bytes: int | None = None) -> Story:
    """Load and check one story file; raise `StoryFileError` with every problem (and
    nothing else, whatever the file holds)."""
    return parse_story(read_story_text(path, max_bytes), str(path))


@dataclass
class StoryPaths:
    """The story files that paths name (`files`, in order), and the paths passed over
    with the reason (`skipped`: (path, message)): missing, not a story file's name,
    links out of a folder, folders that cannot be read."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def story_paths(paths: Iterable[str | Path], *, follow_links: bool | None = None) -> StoryPaths:
    """The story files under `paths`: a folder gives its `.yaml`/`.yml` files
    (recursively, hidden ones skipped, sorted; links out of the folder only with
    `follow_links`, which defaults to `STORY_EXPLORER_FOLLOW_LINKS`); a file is
    taken when its name ends in .yaml or .yml, so that an odd one (a pipe, a
    binary file) is reported by `load_story`."""
    follow = follow_links_from_env() if follow_links is None else follow_links
    found = StoryPaths()
    for path in map(Path, paths):
        if is_folder(path):
            walk = walk_files(path, STORY_SUFFIXES, follow_links=follow)
            found.files.extend(walk.files)
            found.skipped.extend(walk.skipped)
            continue
        if (problem := path_problem(path)) is not None:
            found.skipped.append((path, problem))
            continue
        if path.suffix.lower() in STORY_SUFFIXES:
            found.files.append(path)
        else:
            found.skipped.append((path, "not a story file (.yaml or .yml expected)"))
    return found


def find_story_files(paths: Iterable[str | Path], *, follow_links: bool | None = None) -> list[Path]:
    """The story files under `paths` (see `story_paths`, which also says what was passed over)."""
    return story_paths(paths, follow_links=follow_links).files
