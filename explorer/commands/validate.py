"""`story-explorer validate PATH...`: check story files, print every problem."""

from __future__ import annotations

import argparse
import sys

from explorer.commands.loading import load_all


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer validate",
        description="Check story files: every problem is printed as path:line:column: message. "
        "Exit status 1 if any file has a problem, 0 otherwise.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="story files or folders of them (.yaml, .yml)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the problems, not the summary")
    return parser


def run(args: argparse.Namespace) -> int:
    files = problems = 0
    for _path, _story, error in load_all(args.paths):
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
