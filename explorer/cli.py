"""The `story-explorer` command line: thin argument parsing over the package.

`story-explorer [PATH]` opens the explorer; `validate`, `quotes`, `annotate`
and `eval` are subcommands.  Nothing heavy is imported at module level: the
TUI loads Textual only when it opens, and spaCy is imported only by the
annotator, so `--help`, `validate` and `quotes` start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from explorer.model import QUOTE_KINDS, Quote, Story
from explorer.storyfile import StoryFileError, find_story_files, load_story

#: The bundled stories: the repository's stories/ folder beside the package.
BUNDLED_STORIES = Path(__file__).resolve().parent.parent / "stories"

_EPILOG = """\
commands:
  validate PATH...   check story files and print every problem (exit 1 if any)
  quotes PATH...     list quotes as a table, JSON or CSV, filtered by speaker or kind
  annotate INPUT...  turn article text (.txt/.md) into story files with spaCy
  eval GOLD_DIR      score the annotator against brat gold attributions (PolNeAR layout)

Run `story-explorer COMMAND --help` for a command's options.

keys in the explorer: press ? for help, ctrl+p for every action, q to quit.
"""


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer",
        description="Explore who is quoted in news stories: open a folder of stories, one story "
        "file (.yaml), or an article (.txt/.md, annotated on the fly).",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", help=f"a folder of stories, a story file or an article (default: the bundled {BUNDLED_STORIES.name}/)")
    parser.add_argument("--speaker", metavar="NAME", help="start filtered by this speaker (name or alias, a part is enough)")
    parser.add_argument("--paragraph", metavar="N", type=int, help="start at paragraph N (1-based)")
    parser.add_argument("--quote", metavar="ID", help="start at the quote with this id")
    parser.add_argument("--model", metavar="NAME", help="spaCy model for annotating an article (default: an installed en_core_web_* package)")
    return parser


def _validate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer validate",
        description="Check story files: every problem is printed as path:line:column: message. "
        "Exit status 1 if any file has a problem, 0 otherwise.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="story files or folders of them (.yaml, .yml)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the problems, not the summary")
    return parser


def _quotes_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer quotes",
        description="List the quotes of stories in article order. JSON and CSV rows carry: story, file, "
        "paragraph (1-based), paragraph_id, id, text, kind, speaker (display name or null), "
        "speaker_id, mention, cue, start, end (character offsets into the paragraph).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="story files or folders of them")
    parser.add_argument("--speaker", metavar="NAME", help="only this speaker's quotes: name or alias, case-insensitive, a part is enough")
    parser.add_argument("--kind", choices=QUOTE_KINDS, help="only quotes of this kind")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table", help="output format (default: table)")
    return parser


def _annotate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer annotate",
        description="Annotate article text with spaCy: paragraphs, direct, mixed and reported quotes "
        "with their speakers, speakers with roles, and sources. Writes one story per input "
        "(default: into stories/, named from the title). Existing files are never overwritten "
        "without --force; files are written atomically. Exit status 1 if any input failed.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt or .md files, folders of them, or - for stdin")
    parser.add_argument("-o", "--output", metavar="OUT", help="output file (one input) or folder (default: stories/)")
    parser.add_argument("--model", metavar="NAME", help="spaCy model package (default: an installed en_core_web_* package)")
    parser.add_argument("--jobs", metavar="N", type=int, default=1, help="worker processes for many files (default: 1)")
    parser.add_argument("--format", choices=("story", "brat"), default="story", help="story YAML (default) or brat standoff .ann")
    parser.add_argument("--force", action="store_true", help="overwrite existing output files")
    parser.add_argument("--title", help="title for the story (one input) instead of the derived one")
    return parser


def _eval_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer eval",
        description="Score the annotator against gold attributions in PolNeAR's layout (GOLD_DIR/text/*.txt, "
        "GOLD_DIR/attributions/*.ann in brat standoff): precision, recall and F1 of quote content "
        "(at least 50%% character overlap, one to one) and the share of matched quotes whose source "
        "mention overlaps the gold one, for all attributions and for quoted speech only.",
    )
    parser.add_argument("gold", metavar="GOLD_DIR", help="folder with text/ and attributions/")
    parser.add_argument("--pred", metavar="DIR", help="score these predicted .ann files instead of running the annotator")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--worst", metavar="N", type=int, default=0, help="also list the N worst articles")
    parser.add_argument("--model", metavar="NAME", help="spaCy model package (default: an installed en_core_web_* package)")
    parser.add_argument("--limit", metavar="N", type=int, help="score only the first N articles")
    parser.add_argument("--jobs", metavar="N", type=int, default=1, help="worker processes for parsing (default: 1)")
    return parser


# --- commands ------------------------------------------------------------------


def _load_all(paths: list[str]) -> Iterator[tuple[Path, Story | None, StoryFileError | None]]:
    for path in find_story_files(paths):
        try:
            yield path, load_story(path), None
        except StoryFileError as error:
            yield path, None, error


def run_validate(args: argparse.Namespace) -> int:
    files = problems = 0
    for _path, _story, error in _load_all(args.paths):
        files += 1
        if error is not None:
            problems += len(error.problems)
            for problem in error.problems:
                print(problem)
    if not args.quiet:
        broken = "no problems" if not problems else f"{problems} problem{'s' * (problems != 1)}"
        print(f"{files} stor{'ies' if files != 1 else 'y'} checked, {broken}", file=sys.stderr)
    if files == 0:
        print("story-explorer: no story files (.yaml, .yml) found", file=sys.stderr)
        return 1
    return 1 if problems else 0


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
    }


def run_quotes(args: argparse.Namespace) -> int:
    rows: list[dict] = []
    failed = False
    for path, story, error in _load_all(args.paths):
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
            (_one_line(r["story"], 30), str(r["paragraph"]), _one_line(r["speaker"] or "(unknown)", 24), r["kind"], _one_line(r["text"]))
            for r in rows
        ]
        widths = [max(len(row[i]) for row in table) for i in range(4)]
        for row in table:
            out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4] + "\n")
        print(f"{len(rows)} quote{'s' * (len(rows) != 1)}", file=sys.stderr)


_ROW_FIELDS = ["story", "file", "paragraph", "paragraph_id", "id", "text", "kind", "speaker",
               "speaker_id", "mention", "cue", "start", "end"]


def _one_line(text: str, width: int | None = None) -> str:
    """Text for one table cell: control characters made visible, clipped to `width`."""
    flat = "".join(ch if ch.isprintable() else " " for ch in text)
    return flat if width is None or len(flat) <= width else flat[: width - 1] + "…"


def run_open(args: argparse.Namespace) -> int:
    from explorer.tui.app import run_explorer

    return run_explorer(args)


def run_annotate(args: argparse.Namespace) -> int:
    from explorer.annotate.commands import run_annotate as annotate

    return annotate(args)


def run_eval(args: argparse.Namespace) -> int:
    from explorer.annotate.evaluate import run_eval as evaluate

    return evaluate(args)


COMMANDS: dict[str, tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]] = {
    "validate": (_validate_parser, run_validate),
    "quotes": (_quotes_parser, run_quotes),
    "annotate": (_annotate_parser, run_annotate),
    "eval": (_eval_parser, run_eval),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        make_parser, run = COMMANDS[argv[0]]
        args = make_parser().parse_args(argv[1:])
    else:
        args = _open_parser().parse_args(argv)
        run = run_open
    try:
        return run(args)
    except KeyboardInterrupt:
        print("story-explorer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (`| head`) went away: stop quietly, as other Unix tools do.
        sys.stderr.close()
        return 0
