"""`story-explorer validate PATH...`: check story files, print every problem.

Problems go to stdout, one `path:line:column: message` a line (at most
`PRINTED` a file, then a line saying how many more); paths that could not be
checked (missing, not a story file's name, links out of a folder) and the
summary go to stderr.
"""

from __future__ import annotations

import argparse
import sys

from explorer.commands.loading import NO_STORY_FILES, load_all, report_skipped
from explorer.files import shown_path
from explorer.storyfile import story_paths
from explorer.wording import counted

#: Problems printed for one file; the rest are counted.
PRINTED = 50


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer validate",
        description="Check story files: every problem is printed as path:line:column: message (at most "
        f"{PRINTED} a file, then how many more). Paths that cannot be checked (missing, not .yaml/.yml, links "
        "out of a folder) are said on stderr. Exit status 1 if any file has a problem or any path could not "
        "be checked, 0 otherwise.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="story files or folders of them (.yaml, .yml)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the problems, not the summary")
    parser.add_argument("--follow-links", action="store_true",
                        help="in folders, follow links to files and folders outside them (not followed by default)")
    return parser


def run(args: argparse.Namespace) -> int:
    found = story_paths(args.paths, follow_links=args.follow_links)
    report_skipped(found.skipped)
    files = problems = 0
    for path, _story, error in load_all(found.files):
        files += 1
        if error is None:
            continue
        problems += error.total
        for problem in error.problems[:PRINTED]:
            print(problem)
        if error.total > PRINTED:
            print(f"{shown_path(path)}: and {counted(error.total - PRINTED, 'more problem', 'more problems')}")
    if not args.quiet:
        print(_summary(files, problems, len(found.skipped)), file=sys.stderr)
    if files == 0 and not found.skipped:
        print(NO_STORY_FILES, file=sys.stderr)
        return 1
    return 1 if problems or found.skipped else 0


def _summary(files: int, problems: int, skipped: int) -> str:
    """"2 stories checked, 3 problems; 1 path skipped"."""
    summary = f"{counted(files, 'story', 'stories')} checked"
    if files:
        summary += f", {counted(problems, 'problem', 'problems') if problems else 'no problems'}"
    if skipped:
        summary += f"; {counted(skipped, 'path', 'paths')} skipped"
    return summary
