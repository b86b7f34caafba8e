"""`story-explorer quotes PATH...`: the quotes of stories as a table, JSON or CSV.

What reaches the terminal is safe whatever the stories hold: the table shows
control characters as spaces and fits the terminal's width (the text column
wrapped inside itself); JSON escapes them; CSV, which has no escapes, gets
visible stand-ins, and a cell a spreadsheet would run as a formula a leading
apostrophe (as the explorer's exports do), unless `--raw`.  File names are written escaped
(`explorer.files.shown_path`) in every format.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from explorer.commands.loading import NO_STORY_FILES, load_all, report_skipped
from explorer.commands.output import fit_table, json_text, neutralised
from explorer.files import shown_path
from explorer.model import QUOTE_KINDS, REVIEW_STATES, Quote, Story
from explorer.review import is_attribution, is_checked
from explorer.storyfile import story_paths
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
        "corrected, rejected, or null while unchecked), note, method and confidence (the annotator's). "
        "The table fits the terminal's width (COLUMNS when set), the text wrapped in its column; piped, a quote "
        "is one line. File names are written with escapes (\\xe9 for a byte that is not UTF-8, \\x1b for a "
        "control character, \\\\ for a backslash). JSON escapes control characters itself; CSV cannot, so "
        "control characters in story text are written as visible stand-ins (\u241b for ESC), and a cell that "
        "starts with =, +, -, @ or a tab gets a leading apostrophe (a spreadsheet would run it as a formula), "
        "unless --raw.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="story files or folders of them")
    parser.add_argument("--speaker", metavar="NAME", help="only this speaker's quotes: name or alias, case-insensitive, a part is enough")
    parser.add_argument("--kind", choices=QUOTE_KINDS, help="only quotes of this kind")
    parser.add_argument("--review", metavar="STATE", choices=REVIEW_FILTERS,
                        help="only quotes in this review state: " + ", ".join(REVIEW_FILTERS) + " (checked: confirmed "
                        "or corrected; any: every quote, rejected ones too; default: every quote but the rejected)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table", help="output format (default: table)")
    parser.add_argument("--raw", action="store_true",
                        help="CSV: write story text exactly, control characters, escape sequences and formula starts "
                        "included (unsafe to print on a terminal or to open in a spreadsheet)")
    parser.add_argument("--follow-links", action="store_true",
                        help="in folders, follow links to files and folders outside them (not followed by default)")
    parser.add_argument("--search", metavar="WORDS", help='only quotes with these words ("a phrase" as written, '
                        "-word to exclude), best match first, through the library's index of each folder")
    index_only = parser.add_argument_group(
        "filters of the library's index", "These, like --search, go through the index of each folder (built or "
        "refreshed first, as the explorer does); without --search the newest story comes first, its quotes in "
        "article order.")
    index_only.add_argument("--outlet", metavar="NAME", help="only stories of this outlet (a part is enough, case ignored)")
    index_only.add_argument("--from", dest="since", metavar="DATE",
                            help="only stories published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    index_only.add_argument("--to", dest="until", metavar="DATE",
                            help="only stories published on or before DATE (--to 2024-05 takes all of May)")
    index_only.add_argument("--verb", metavar="VERB", help="only quotes whose cue has this verb, any form "
                            "(--verb warned: warn, warns, warning)")
    index_only.add_argument("--story", metavar="TITLE", help="only stories whose title has this (a part, case ignored)")
    return parser


#: The filters only the index answers (`--search` aside), as QuoteFilter fields.
_INDEX_FILTERS = ("outlet", "since", "until", "verb", "story")


def _index_filters(args: argparse.Namespace) -> dict[str, str]:
    """The index-only filters given on the command line, by QuoteFilter field."""
    return {name: getattr(args, name) for name in _INDEX_FILTERS if getattr(args, name) is not None}


def quote_row(path: Path, story: Story, quote: Quote) -> dict:
    """One quote as the flat record the `quotes` command prints."""
    return {
        "story": story.title,
        "file": shown_path(path),
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
    anything but rejected, as the explorer hides rejected quotes unless asked; checked:
    confirmed or corrected, as the library's Checked column counts)."""
    if wanted is None:
        return is_attribution(quote)
    if wanted in REVIEW_STATES:
        return quote.review == wanted
    return {"unchecked": not quote.decided, "checked": is_checked(quote), "any": True}[wanted]


def run(args: argparse.Namespace) -> int:
    if args.search is not None or _index_filters(args):
        return _run_search(args)
    rows: list[dict] = []
    found = story_paths(args.paths, follow_links=args.follow_links)
    failed = report_skipped(found.skipped, "story-explorer: skipped ")
    for path, story, error in load_all(found.files):
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
    _print_rows(rows, args.format, raw=args.raw)
    if not found.files and not found.skipped:
        print(NO_STORY_FILES, file=sys.stderr)
        return 1
    return 1 if failed else 0


def _run_search(args: argparse.Namespace) -> int:
    from explorer.index.command import FilterError, search_records

    try:
        rows, problems = search_records(args.paths, args.search or "", speaker=args.speaker, kind=args.kind,
                                        review=args.review, **_index_filters(args))
    except FilterError as error:  # it names the field as the search box does ("to:2024-5: ..."): name the option
        field, _, problem = str(error).partition(":")
        print(f"story-explorer quotes: --{field} {problem}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"story-explorer: {problem}", file=sys.stderr)
    _print_rows(rows, args.format, raw=args.raw)
    if not rows and not problems and not story_paths(args.paths, follow_links=args.follow_links).files:
        print(NO_STORY_FILES, file=sys.stderr)
        return 1
    return 1 if problems else 0


def _print_rows(rows: list[dict], form: str, *, raw: bool = False) -> None:
    out = sys.stdout
    if form == "json":
        out.write(json_text(rows) + "\n")
    elif form == "csv":
        import csv  # here, not at the top: the other formats do not need it

        from explorer.export import spreadsheet_safe

        writer = csv.DictWriter(out, fieldnames=_ROW_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows if raw else ({key: spreadsheet_safe(neutralised(value)) if isinstance(value, str) else value
                                            for key, value in row.items()} for row in rows))
    else:
        table = [("story", "¶", "speaker", "kind", "text")] + [
            (table_cell(r["story"]), str(r["paragraph"]), table_cell(r["speaker"] or "(unknown)"), r["kind"], table_cell(r["text"]))
            for r in rows
        ]
        for line in fit_table(table, terminal_width(), limits=(30, 4, 24, 8)):
            out.write(line + "\n")
        print(f"{len(rows)} quote{'s' * (len(rows) != 1)}", file=sys.stderr)


def terminal_width() -> int | None:
    """The width to fit the table to: `COLUMNS` when set, else the terminal's when the
    output is one; None for a pipe or a file (no wrapping: a quote a line)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and 0 < int(columns) < 100_000:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError):
        return None


_ROW_FIELDS = ["story", "file", "paragraph", "paragraph_id", "id", "text", "kind", "speaker",
               "speaker_id", "mention", "cue", "start", "end", "review", "note", "method", "confidence"]

