"""Story files: YAML in, `Story` out, every problem reported with its place.

Loading is safe by construction: the YAML is only *composed* into nodes of
our own (from libyaml's C parser's events when present), and this package
turns the nodes into plain values itself.  It knows the standard scalar tags
and nothing else, so a `!!python/object` tag is an error, never executed;
anchors and aliases are refused, so an alias bomb is never expanded; files
over a size limit are refused before they are read, and files holding too
many values as soon as the count is passed.  Whatever a file holds,
`load_story` raises nothing but `StoryFileError`.

Every problem is collected, not just the first, as a `Problem` that prints
as `path:line:column: message` (1-based, as editors count).

The package's parts: `loading` (limits, text, checks; finding story files),
`composing` (YAML events to nodes, bounded), `nodes` (nodes to plain values), `schema` (the keys and their
types), `building` (records checked against each other, built into a `Story`),
`problems` (`Problem`, `StoryFileError`) and `writing` (the model as YAML).
"""

from explorer.storyfile.loading import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_VALUES,
    FOLLOW_LINKS_VARIABLE,
    STORY_SUFFIXES,
    StoryPaths,
    find_story_files,
    load_story,
    max_bytes_from_env,
    max_values_from_env,
    parse_story,
    read_story_text,
    story_paths,
)
from explorer.storyfile.problems import Problem, StoryFileError
from explorer.storyfile.writing import dump_story, story_to_data, write_story

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_VALUES",
    "FOLLOW_LINKS_VARIABLE",
    "STORY_SUFFIXES",
    "StoryPaths",
    "Problem",
    "StoryFileError",
    "dump_story",
    "find_story_files",
    "load_story",
    "max_bytes_from_env",
    "max_values_from_env",
    "parse_story",
    "read_story_text",
    "story_paths",
    "story_to_data",
    "write_story",
]
