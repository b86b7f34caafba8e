"""`story-explorer quotes PATH... --search WORDS` (or --outlet, --from, --to, --verb, --story):
the quote search of the library, on the command line.

Each folder named is searched through its index (refreshed first, as the
explorer would: only new and changed files are parsed); a story file is
searched through its folder's index, keeping its own quotes.  The rows are
those of `quotes` (same keys, same formats), best match first.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from explorer.files import path_problem, shown_path
from explorer.index.records import QuoteHit
from explorer.index.refresh import PARSING_JOBS, RefreshFailed
from explorer.index.search import FilterError, QuoteFilter, check_filter
from explorer.library import LibraryIndex

def quote_record(hit: QuoteHit) -> dict:
    """A search hit as the flat record the `quotes` command prints (its keys, its order)."""
    return {"story": hit.story_title, "file": shown_path(hit.path), "paragraph": hit.paragraph_number,
            "paragraph_id": hit.paragraph_id, "id": hit.id, "text": hit.text, "kind": hit.kind,
            "speaker": hit.speaker, "speaker_id": hit.speaker_id, "mention": hit.mention, "cue": hit.cue,
            "start": hit.start, "end": hit.end, "review": hit.review, "note": hit.note or "",
            "method": hit.method, "confidence": hit.confidence}


def _progress(folder: Path):  # noqa: ANN202 - a report callback
    """Indexing progress on stderr, when it is a terminal (a big cold folder takes a while)."""
    if not sys.stderr.isatty():
        return lambda event: None

    def report(event: dict) -> None:
        if event.get("event") == "batch":
            sys.stderr.write(f"\rindexing {shown_path(folder)}: {event['done']:,}/{event['total']:,}")
            if event["done"] == event["total"]:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return report


def search_records(paths: list[str], words: str, **filters: str | None) -> tuple[list[dict], list[str]]:
    """The records of the quotes the search finds under `paths` (`filters`: the other
    fields of a `QuoteFilter`, None for any), and the one-line problems met (a missing
    path, a story that does not load, an index that cannot be written); `FilterError`
    for filters the search cannot use."""
    # `quotes --review` takes the search's review filters (no --review: all but the rejected).
    found = check_filter(QuoteFilter(words=words, **filters))
    folders: dict[Path, set[bytes] | None] = {}
    problems: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            folders[path] = None
        elif path.is_file():
            wanted = folders.setdefault(path.parent, set())
            if wanted is not None:
                wanted.add(os.fsencode(path.name))
        else:
            problems.append(f"{shown_path(path)}: {path_problem(path) or 'not a file or folder'}")
    records: list[dict] = []
    for folder, keys in folders.items():
        index = LibraryIndex(folder)
        try:
            index.refresh(report=_progress(folder), jobs=PARSING_JOBS)  # a command has no threads: it may fork
            hits = index.search(found, limit=-1).hits
            broken = [entry for entry in index.stories() if entry.error is not None]
        except RefreshFailed as error:
            problems.append(f"{shown_path(folder)}: the index cannot be written ({error})")
            continue
        finally:
            index.discard()
        problems += [f"skipped {entry.error}" for entry in broken if keys is None or entry.key in keys]
        records += [quote_record(hit) for hit in hits if keys is None or hit.key in keys]
    return records, problems


__all__ = ["FilterError", "quote_record", "search_records"]
