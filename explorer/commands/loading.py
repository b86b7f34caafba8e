"""Loading the story files a command names, one at a time, each with its error."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from explorer.files import shown_path
from explorer.model import Story
from explorer.storyfile import StoryFileError, load_story


#: Said (on stderr, exit status 1) when the paths given hold no story file at all.
NO_STORY_FILES = "story-explorer: no story files (.yaml, .yml) found"


def load_all(paths: Iterable[Path]) -> Iterator[tuple[Path, Story | None, StoryFileError | None]]:
    """Each story file of `paths` with its story, or with the error that stopped it."""
    for path in paths:
        try:
            yield path, load_story(path), None
        except StoryFileError as error:
            yield path, None, error


def report_skipped(skipped: list[tuple[Path, str]], prefix: str = "") -> bool:
    """Print each path passed over with its reason (`prefix`, the path escaped, the reason)
    on stderr; True when there was any."""
    for path, reason in skipped:
        print(f"{prefix}{shown_path(path)}: {reason}", file=sys.stderr)
    return bool(skipped)
