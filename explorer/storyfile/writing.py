"""Writing a story file: the model as YAML in the format's key order, atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from explorer.files import write_text_atomic
from explorer.model import FORMAT_VERSION, Story

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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


def write_story(story: Story, path: str | Path, *, force: bool = False) -> None:
    """Write a story file atomically; an existing file needs `force`."""
    write_text_atomic(path, dump_story(story), force=force)
