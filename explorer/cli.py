"""The `story-explorer` command line: a registry of subcommands over the package.

`story-explorer [PATH]` opens the explorer; `validate`, `quotes`, `annotate`,
`eval` ... are subcommands, each a module with `make_parser()` and `run(args)`,
imported only when it is the one asked for.  Nothing heavy is imported here:
the TUI loads Textual only when it opens, and spaCy is imported only by the
annotator, so `--help`, `validate` and `quotes` start fast.

Whatever goes wrong outside a command's own checks ends in one line, never a
traceback: a first argument that is neither a path nor a command but near one
gets "did you mean"; an OS error (a name too long, a full disk) is one line
with exit status 1; output that cannot be written (standard output closed or
full) is one line and exit status 1; a reader that goes away (`| head`) ends
the run quietly.
"""

from __future__ import annotations

import argparse
import difflib
import errno
import gc
import importlib
import os
import sys
import textwrap
from typing import NamedTuple

from explorer.files import os_error_message, shown_path
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
    "annotate": Command("explorer.annotate.commands", "turn articles (.txt, .md, JSON Lines) into story files with spaCy",
                        "annotate INPUT..."),
    "serve": Command("explorer.commands.serve", "serve the explorer to a web browser (textual-serve)",
                     "serve [PATH]"),
    "diff": Command("explorer.commands.diff", "compare two versions of a story quote by quote (exit 1 if they differ)",
                    "diff OLD NEW"),
    "eval": Command("explorer.annotate.evaluate",
                    "score the annotator against a PolNeAR-style corpus or checked stories", "eval GOLD_DIR"),
    "train": Command("explorer.annotate.train", "rebuild the annotator's model from a PolNeAR-style corpus "
                     "(replaces the model the annotator uses unless -o FILE)",
                     "train CORPUS"),
}


#: The width the main help's own text is wrapped to (argparse wraps the options itself,
#: but not raw text): an 80-column terminal broke longer lines mid-word.
HELP_WIDTH = 79


def _epilog() -> str:
    width = max(len(command.usage) for command in COMMANDS.values())
    indent = " " * (width + 4)
    lines = [textwrap.fill(command.summary, HELP_WIDTH, initial_indent=f"  {command.usage.ljust(width)}  ",
                           subsequent_indent=indent) for command in COMMANDS.values()]
    return ("commands:\n" + "\n".join(lines) + "\n\nRun `story-explorer COMMAND --help` for a command's options.\n\n"
            "keys in the explorer: press ? for help, ctrl+p for every action, q to quit.\n")


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer",
        description=textwrap.fill("Explore who is quoted in news stories: open a folder of stories, one story "
                                  "file (.yaml), or an article (.txt/.md, annotated on the fly).", HELP_WIDTH),
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", help=f"a folder of stories, a story file or an article (default: the bundled {BUNDLED_STORIES.name}/)")
    parser.add_argument("--speaker", metavar="NAME", help="start filtered by this speaker (name or alias, a part is enough); with a folder, every story opened from the library")
    parser.add_argument("--paragraph", metavar="N", type=int, help="start at paragraph N (1-based)")
    parser.add_argument("--quote", metavar="ID", help="start at the quote with this id")
    parser.add_argument("--model", metavar="NAME", help="spaCy model for annotating an article (default: an installed en_core_web_* package)")
    parser.add_argument("--follow-links", action="store_true",
                        help="in a folder, follow links to files and folders outside it (not followed by default)")
    parser.add_argument("--version", action=_PrintVersion, help="show the version and exit")
    return parser


def run_open(args: argparse.Namespace) -> int:
    # No cyclic garbage collection until the first screen is up (the app turns it on
    # again then): starting the explorer allocates hundreds of thousands of long-lived
    # objects, and each full collection on the way walks them all again.
    gc.disable()
    from explorer.tui.app import run_explorer

    if args.follow_links:
        # The explorer reads the folder in more than one place (the library, its index,
        # a worker process): the walker's default reaches them all.
        from explorer.storyfile import FOLLOW_LINKS_VARIABLE

        os.environ[FOLLOW_LINKS_VARIABLE] = "1"
    return run_explorer(args)


class _PrintVersion(argparse.Action):
    """`--version`: the installed package's version, looked up only when asked for
    (importlib.metadata and its lookup cost every start of the explorer a few
    hundredths of a second, argparse's own version action needs the text up front)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("story-explorer")
        except PackageNotFoundError:
            found = "(not installed)"
        print(f"story-explorer {found}")  # on standard output, as argparse's own action does
        parser.exit()


def _unknown_command(argv: list[str]) -> str | None:
    """The message for a first argument that is no path and no command but near one
    (`quote` for `quotes`), else None."""
    first = argv[0] if argv else ""
    # Only a bare word can be a command mistyped: a missing `quotes.yaml` is a missing file.
    if not first.isalpha() or os.path.lexists(first):
        return None
    near = difflib.get_close_matches(first, list(COMMANDS), n=1, cutoff=0.6)
    if not near:
        return None
    return f"story-explorer: '{shown_path(first)}' is neither a command nor a file or folder; did you mean '{near[0]}'?"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        print("story-explorer: standard output is closed", file=sys.stderr)
        return 1
    command = argv[0] if argv and argv[0] in COMMANDS else None
    unknown = None if command else _unknown_command(argv)
    if unknown:
        print(unknown, file=sys.stderr)
        return 2
    if command:
        module = importlib.import_module(COMMANDS[command].module)
        args = module.make_parser().parse_args(argv[1:])
        run = module.run
    else:
        parser = _open_parser()
        args = parser.parse_args(argv)
        run = run_open
    name = f"story-explorer {command}" if command else "story-explorer"
    try:
        code = run(args)
        sys.stdout.flush()  # here, not at exit: a full disk is a message, not "Exception ignored"
        return code
    except KeyboardInterrupt:
        print("story-explorer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (`| head`) went away: stop quietly, as other Unix tools do.
        _silence_stdout()
        return 0
    except OSError as error:
        if error.filename is None and error.errno in _OUTPUT_ERRORS:
            _silence_stdout()
            print(f"{name}: cannot write the output: {os_error_message(error)}", file=sys.stderr)
        else:
            where = f"{shown_path(error.filename)}: " if error.filename is not None else ""
            print(f"{name}: {where}{os_error_message(error)}", file=sys.stderr)
        return 1


#: What writing to standard output fails with (a full disk, a closed descriptor ...).
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF, errno.EFBIG, errno.EPIPE}


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that what is still buffered is dropped at exit
    instead of failing again ("Exception ignored ...")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
