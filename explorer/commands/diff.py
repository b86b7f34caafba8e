"""`story-explorer diff OLD NEW`: what changed between two versions of a story, quote by quote."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from explorer.model import Quote
from explorer.review import progress
from explorer.story_diff import CHANGES, REATTRIBUTED, RESPANNED, REVIEWED, QuoteDiff, diff_stories
from explorer.storyfile import StoryFileError, load_story
from explorer.wording import table_cell

#: Quote text longer than this is cut in the table.
TEXT_CHARS = 60


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer diff",
        description="Compare two versions of a story (the annotator's and a corrected one, or two runs of "
        "the annotator) quote by quote: each quote added, removed, re-attributed (another speaker, by name), "
        "re-typed (another kind), re-spanned (other words) or reviewed (another review state or note). "
        "Quotes are paired by id, then by the most overlap within a paragraph. Exit status 0 when the "
        "quotes are the same, 1 when they differ, 2 when a file cannot be read.",
    )
    parser.add_argument("old", metavar="OLD", help="the earlier story file")
    parser.add_argument("new", metavar="NEW", help="the later story file")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    parser.add_argument("--ignore-review", action="store_true",
                        help="compare the attributions only, not review states and notes")
    return parser


def _quote_record(quote: Quote | None, speaker: str | None) -> dict | None:
    if quote is None:
        return None
    return {"id": quote.id, "paragraph_id": quote.paragraph, "text": quote.text, "kind": quote.kind,
            "speaker": speaker, "start": quote.start, "end": quote.end, "review": quote.review, "note": quote.note}


def diff_record(diff: QuoteDiff) -> dict:
    """One difference as the JSON output lists it."""
    return {"changes": list(diff.changes), "paragraph": diff.paragraph,
            "old": _quote_record(diff.old, diff.old_speaker), "new": _quote_record(diff.new, diff.new_speaker)}


def _what(diff: QuoteDiff) -> str:
    """The change in words: "Donald Trump → Vladimir Putin; reported → mixed"."""
    old, new = diff.old, diff.new
    if old is None or new is None:
        quote = new or old
        return f"{quote.kind}, {(diff.new_speaker if new else diff.old_speaker) or 'unknown speaker'}"
    parts = []
    if REATTRIBUTED in diff.changes:
        parts.append(f"{diff.old_speaker or 'unknown'} → {diff.new_speaker or 'unknown'}")
    if old.kind != new.kind:
        parts.append(f"{old.kind} → {new.kind}")
    if RESPANNED in diff.changes:
        parts.append(_respan(old, new))
    if REVIEWED in diff.changes and old.review != new.review:
        parts.append(f"{old.review or 'unchecked'} → {new.review or 'unchecked'}")
    if REVIEWED in diff.changes and old.note != new.note:
        parts.append("note changed")
    return "; ".join(parts)


#: How much of a quote's edge a re-spanned quote shows.
EDGE_CHARS = 24


def _respan(old: Quote, new: Quote) -> str:
    """Which edge of the quote moved, with the words there: starts “Trump was” (was “was”)."""
    parts = []
    if (old.start, old.text[:1]) != (new.start, new.text[:1]) or not new.text.startswith(old.text[:EDGE_CHARS]):
        parts.append(f"starts “{table_cell(new.text[:EDGE_CHARS])}…” (was “{table_cell(old.text[:EDGE_CHARS])}…”)")
    if not new.text.endswith(old.text[-EDGE_CHARS:]) or len(parts) == 0:
        parts.append(f"ends “…{table_cell(new.text[-EDGE_CHARS:])}” (was “…{table_cell(old.text[-EDGE_CHARS:])}”)")
    return ", ".join(parts)


def print_table(diffs: list[QuoteDiff]) -> None:
    rows = [(f"¶ {d.paragraph}", (d.new or d.old).id, ", ".join(d.changes), _what(d),
             f"“{table_cell((d.new or d.old).text, TEXT_CHARS)}”") for d in diffs]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4])


def summary(diffs: list[QuoteDiff]) -> str:
    """"3 quotes differ: 1 added, 2 re-attributed" (a quote may change in several ways)."""
    if not diffs:
        return "the quotes are the same"
    counts = Counter(change for d in diffs for change in d.changes)
    listed = ", ".join(f"{counts[change]} {change}" for change in CHANGES if counts[change])
    return f"{len(diffs)} quote{'s' * (len(diffs) != 1)} differ{'s' * (len(diffs) == 1)}: {listed}"


def run(args: argparse.Namespace) -> int:
    try:
        old, new = load_story(args.old), load_story(args.new)
    except StoryFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    diffs = diff_stories(old, new, review=not args.ignore_review)
    if args.format == "json":
        json.dump([diff_record(d) for d in diffs], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_table(diffs)
    checked, total = progress(new.quotes)
    print(f"{summary(diffs)} (the new version: {checked} of {total} quotes checked)", file=sys.stderr)
    return 1 if diffs else 0
