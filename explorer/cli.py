"""The `story-explorer` command line: a registry of subcommands over the package.

`story-explorer [PATH]` opens the explorer; `validate`, `quotes`, `annotate`,
`eval` ... are subcommands, each a module with `make_parser()` and `run(args)`,
imported only when it is the one asked for.  Nothing heavy is imported here:
the TUI loads Textual only when it opens, and spaCy is imported only by the
annotator, so `--help`, `validate` and `quotes` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NamedTuple

from explorer.locations import BUNDLED_STORIES


class Command(NamedTuple):
    """A subcommand: the module that has its `make_parser()` and `run(args)`, and what it does."""

    module: str
    summary: str
    usage: str


COMMANDS: dict[str, Command] = {
    "validate": Command("explorer.commands.validate", "check story files and print every problem (exit 1 if any)",
                        "validate PATH..."),
    "quotes": Command("explorer.commands.quotes", "list quotes as a table, JSON or CSV, filtered by speaker or kind",
                      "quotes PATH..."),
    "annotate": Command("explorer.annotate.commands", "turn article text (.txt/.md) into story files with spaCy",
                        "annotate INPUT..."),
    "diff": Command("explorer.commands.diff", "compare two versions of a story quote by quote (exit 1 if they differ)",
                    "diff OLD NEW"),
    "eval": Command("explorer.annotate.evaluate",
                    "score the annotator against a PolNeAR-style corpus or checked stories", "eval GOLD_DIR"),
    "train": Command("explorer.annotate.train", "rebuild the annotator's model from a PolNeAR-style corpus",
                     "train CORPUS"),
}


def _epilog() -> str:
    width = max(len(command.usage) for command in COMMANDS.values())
    lines = [f"  {command.usage.ljust(width)}  {command.summary}" for command in COMMANDS.values()]
    return ("commands:\n" + "\n".join(lines) + "\n\nRun `story-explorer COMMAND --help` for a command's options.\n\n"
            "keys in the explorer: press ? for help, ctrl+p for every action, q to quit.\n")


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer",
        description="Explore who is quoted in news stories: open a folder of stories, one story "
        "file (.yaml), or an article (.txt/.md, annotated on the fly).",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", help=f"a folder of stories, a story file or an article (default: the bundled {BUNDLED_STORIES.name}/)")
    parser.add_argument("--speaker", metavar="NAME", help="start filtered by this speaker (name or alias, a part is enough)")
    parser.add_argument("--paragraph", metavar="N", type=int, help="start at paragraph N (1-based)")
    parser.add_argument("--quote", metavar="ID", help="start at the quote with this id")
    parser.add_argument("--model", metavar="NAME", help="spaCy model for annotating an article (default: an installed en_core_web_* package)")
    return parser


def run_open(args: argparse.Namespace) -> int:
    from explorer.tui.app import run_explorer

    return run_explorer(args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        module = importlib.import_module(COMMANDS[argv[0]].module)
        args = module.make_parser().parse_args(argv[1:])
        run = module.run
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
