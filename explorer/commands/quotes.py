"""`story-explorer quotes PATH...`: the quotes of stories as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.commands.loading import load_all
from explorer.model import QUOTE_KINDS, REVIEW_STATES, Quote, Story
from explorer.wording import table_cell

#: What --review takes: a review state, or a group of them.
REVIEW_FILTERS = ("unchecked", *REVIEW_STATES, "checked", "any")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer quotes",
        description="List the quotes of stories in article order (rejected quotes only when asked for with "
        "--review rejected or --review any). JSON and CSV rows carry: story, file, "
        "paragraph (1-based), paragraph_id, id, text, kind, speaker (display name or null), "
        "speaker_id, mention, cue, start, end (character offsets into the paragraph), review (confirmed, "
        "corrected, rejected, or null while unchecked), note, method and confidence (the annotator's).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="story files or folders of them")
    parser.add_argument("--speaker", metavar="NAME", help="only this speaker's quotes: name or alias, case-insensitive, a part is enough")
    parser.add_argument("--kind", choices=QUOTE_KINDS, help="only quotes of this kind")
    parser.add_argument("--review", metavar="STATE", choices=REVIEW_FILTERS,
                        help="only quotes in this review state: " + ", ".join(REVIEW_FILTERS) + " (checked: any "
                        "decision; any: every quote, rejected ones too; default: every quote but the rejected)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table", help="output format (default: table)")
    return parser


def quote_row(path: Path, story: Story, quote: Quote) -> dict:
    """One quote as the flat record the `quotes` command prints."""
    return {
        "story": story.title,
        "file": str(path),
        "paragraph": story.paragraph_position[quote.paragraph] + 1,
        "paragraph_id": quote.paragraph,
        "id": quote.id,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": story.speaker_name(quote),
        "speaker_id": quote.speaker,
        "mention": quote.mention,
        "cue": quote.cue,
        "start": quote.start,
        "end": quote.end,
        "review": quote.review,
        "note": quote.note,
        "method": quote.method,
        "confidence": quote.confidence,
    }


def review_matches(quote: Quote, wanted: str | None) -> bool:
    """True when `quote` is in the review state `wanted` (one of `REVIEW_FILTERS`; None:
    anything but rejected, as the explorer hides rejected quotes unless asked)."""
    if wanted is None:
        return quote.review != "rejected"
    if wanted in REVIEW_STATES:
        return quote.review == wanted
    return {"unchecked": not quote.checked, "checked": quote.checked, "any": True}[wanted]


def run(args: argparse.Namespace) -> int:
    rows: list[dict] = []
    failed = False
    for path, story, error in load_all(args.paths):
        if story is None:
            print(f"story-explorer: skipped {error}", file=sys.stderr)
            failed = True
            continue
        wanted = {s.id for s in story.speakers if args.speaker is None or s.matches(args.speaker)}
        for quote in story.quotes_in_order():
            if args.kind and quote.kind != args.kind:
                continue
            if args.speaker is not None and quote.speaker not in wanted:
                continue
            if not review_matches(quote, args.review):
                continue
            rows.append(quote_row(path, story, quote))
    _print_rows(rows, args.format)
    return 1 if failed else 0


def _print_rows(rows: list[dict], form: str) -> None:
    out = sys.stdout
    if form == "json":
        import json  # here, not at the top: the explorer's start-up does not need it

        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif form == "csv":
        import csv

        writer = csv.DictWriter(out, fieldnames=_ROW_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = [("story", "¶", "speaker", "kind", "text")] + [
            (table_cell(r["story"], 30), str(r["paragraph"]), table_cell(r["speaker"] or "(unknown)", 24), r["kind"], table_cell(r["text"]))
            for r in rows
        ]
        widths = [max(len(row[i]) for row in table) for i in range(4)]
        for row in table:
            out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4] + "\n")
        print(f"{len(rows)} quote{'s' * (len(rows) != 1)}", file=sys.stderr)


_ROW_FIELDS = ["story", "file", "paragraph", "paragraph_id", "id", "text", "kind", "speaker",
               "speaker_id", "mention", "cue", "start", "end", "review", "note", "method", "confidence"]
