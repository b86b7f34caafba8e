"""Writing a story file: the model as YAML in the format's key order, atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from explorer.files import write_text_atomic
from explorer.model import FORMAT_VERSION, Quote, Speaker, Story

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _compact(pairs: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """`pairs` without its empty optional values (None, "", []), but for the keys in `keep`."""
    return {k: v for k, v in pairs.items() if k in keep or v not in (None, "", [])}


def speaker_data(speaker: Speaker) -> dict[str, Any]:
    """A speaker record as the file holds it, in the format's key order."""
    return _compact({"id": speaker.id, "name": speaker.name, "role": speaker.role, "kind": speaker.kind,
                     "aliases": list(speaker.aliases)}, keep=("role",))


def quote_data(quote: Quote) -> dict[str, Any]:
    """A quote record as the file holds it, in the format's key order (the evidence and
    the review after what the quote is)."""
    resolution = quote.resolution
    return _compact({
        "id": quote.id, "paragraph": quote.paragraph, "text": quote.text, "kind": quote.kind,
        "speaker": quote.speaker, "cue": quote.cue, "mention": quote.mention,
        "start": quote.start, "end": quote.end, "method": quote.method, "confidence": quote.confidence,
        "resolution": _compact({"rule": resolution.rule, "paragraph": resolution.paragraph,
                                "text": resolution.text}) if resolution else None,
        "review": quote.review, "note": quote.note,
    }, keep=("speaker",))


def story_to_data(story: Story) -> dict[str, Any]:
    """The story as plain data in the file's key order; empty optionals left out."""
    data: dict[str, Any] = {"format": FORMAT_VERSION}
    data.update(_compact({"title": story.title, "outlet": story.outlet, "published": story.published,
                          "url": story.url, "language": story.language}, keep=("title",)))
    data["paragraphs"] = [{"id": p.id, "text": p.text} for p in story.paragraphs]
    data["speakers"] = [speaker_data(s) for s in story.speakers]
    data["quotes"] = [quote_data(q) for q in story.quotes]
    data["sources"] = [_compact({"name": s.name, "kind": s.kind, "url": s.url, "paragraphs": list(s.paragraphs)})
                       for s in story.sources]
    return data


def dump_story(story: Story) -> str:
    """The story as YAML: readable key order, unicode kept as is."""
    return yaml.dump(story_to_data(story), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)


def write_story(story: Story, path: str | Path, *, force: bool = False) -> None:
    """Write a story file atomically; an existing file needs `force`."""
    write_text_atomic(path, dump_story(story), force=force)
