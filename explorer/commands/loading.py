"""Loading the story files a command names, one at a time, each with its error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from explorer.model import Story
from explorer.storyfile import StoryFileError, find_story_files, load_story


def load_all(paths: list[str]) -> Iterator[tuple[Path, Story | None, StoryFileError | None]]:
    """Each story file under `paths` with its story, or with the error that stopped it."""
    for path in find_story_files(paths):
        try:
            yield path, load_story(path), None
        except StoryFileError as error:
            yield path, None, error
