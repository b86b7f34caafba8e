"""Story files: YAML in, `Story` out, every problem reported with its place.

Loading is safe by construction: the YAML is only *composed* into nodes
(libyaml's C parser when present), and this module turns the nodes into
plain values itself.  It knows the standard scalar tags and nothing else, so
a `!!python/object` tag is an error, never executed; anchors and aliases are
refused, so an alias bomb is never expanded; files over a size limit are
refused before they are read.

Every problem is collected, not just the first, as a `Problem` that prints
as `path:line:column: message` (1-based, as editors count).

The package's parts: `loading` (size limit, text, YAML, checks; finding story
files), `nodes` (YAML nodes to plain values), `schema` (the keys and their
types), `building` (records checked against each other, built into a `Story`),
`problems` (`Problem`, `StoryFileError`) and `writing` (the model as YAML).
"""

from explorer.storyfile.loading import (
    DEFAULT_MAX_BYTES,
    STORY_SUFFIXES,
    find_story_files,
    load_story,
    max_bytes_from_env,
    parse_story,
    read_story_text,
)
from explorer.storyfile.problems import Problem, StoryFileError
from explorer.storyfile.writing import dump_story, story_to_data, write_story

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STORY_SUFFIXES",
    "Problem",
    "StoryFileError",
    "dump_story",
    "find_story_files",
    "load_story",
    "max_bytes_from_env",
    "parse_story",
    "read_story_text",
    "story_to_data",
    "write_story",
]
