"""`story-explorer annotate`: article text in, story files (brat .ann, JSON Lines shards) out.

The inputs are articles (.txt, .md), folders of them, stdin, and JSON Lines
archives (`explorer.annotate.inputs`); the outputs story files, brat files
or shards (`explorer.annotate.outputs`, `explorer.annotate.shards`).  The run
itself (`explorer.annotate.archive`) streams the articles in batches to
worker processes (`--jobs N`, `explorer.annotate.workers`) or to a Dask
cluster (`--scheduler`, `explorer.annotate.cluster`), holds each article to a
time budget, and keeps a manifest in the output folder so that the same
command run again after a crash or Ctrl-C does only what is left
(`explorer.annotate.manifest`).

Each article stands alone: one that cannot be read, is empty, or whose
output file already exists (without `--force`) gets a one-line `path:
message` on stderr and the others are still written; the exit status is 1
if any article failed.  Files are written atomically, so an interrupted run
leaves no half-written file.  spaCy is imported only when a run starts, and
Dask only with `--scheduler`, never by importing this module.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from explorer.annotate.archive import DEFAULT_TIME_BUDGET, LISTED_FILES, Run, Totals
from explorer.annotate.batch import BATCH_SIZE
from explorer.annotate.inputs import (
    MARKDOWN_SUFFIXES,
    STDIN_LABEL,
    ArticleInput,
    Fields,
    InputError,
    find_inputs,
    read_input,
)
from explorer.annotate.options import held_to_cpus, refuse_empty_names
from explorer.annotate.outputs import DEFAULT_OUTPUT, FORMATS, OutputPlan, slug
from explorer.annotate.progress import Progress
from explorer.annotate.shards import DEFAULT_SHARD_SIZE
from explorer.files import is_folder, shown_path

#: The names other parts of the program use from here.
__all__ = ["BATCH_SIZE", "DEFAULT_OUTPUT", "MARKDOWN_SUFFIXES", "STDIN_LABEL", "ArticleInput", "InputError", "Outputs", "Progress",
           "annotate", "find_inputs", "make_parser", "read_input", "run", "slug"]

Outputs = OutputPlan


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer annotate",
        description="Annotate article text with spaCy: paragraphs, direct, mixed and reported quotes "
        "with their speakers, speakers with roles, and sources. Writes one story per article "
        "(default: into stories/, named from the title, or from the id of a JSON Lines article). "
        "Existing files are never overwritten without --force; files are written atomically. "
        "Into a folder, a run keeps a manifest: the same command run again after a crash or Ctrl-C "
        "does only what is left. Exit status 0 when every article was written, 1 if any failed, 2 on bad usage, "
        "130 when interrupted.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help=".txt or .md files, JSON Lines archives (.jsonl, .jsonl.gz: one article per line), "
                        "folders of them, or - for stdin")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="output file (one input), folder (default: stories/ in the current folder; with "
                        "--format brat, beside each text), or - for stdout (one input)")
    parser.add_argument("--model", metavar="NAME", help="spaCy model package (default: an installed en_core_web_* package)")
    parser.add_argument("--jobs", metavar="N", type=int, default=1,
                        help="worker processes on this machine, at most one a CPU (default: 1)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run on a Dask cluster: a scheduler address (tcp://host:8786), or local:N for N worker "
                        "processes here (at most one a CPU); needs the [cluster] extra")
    parser.add_argument("--format", choices=FORMATS, default="story",
                        help="story YAML (default), brat standoff .ann, or jsonl: JSON Lines shards of stories")
    parser.add_argument("--shard-size", metavar="N", type=int,
                        help=f"articles per JSON Lines shard (default: {DEFAULT_SHARD_SIZE:,})")
    parser.add_argument("--batch-size", metavar="N", type=int,
                        help="articles per batch, the unit of work of a worker (default: up to 64)")
    parser.add_argument("--time-budget", metavar="SECONDS", type=float, default=DEFAULT_TIME_BUDGET,
                        help=f"skip an article that takes longer than this (default: {DEFAULT_TIME_BUDGET:g}; 0: no limit)")
    parser.add_argument("--force", action="store_true", help="overwrite existing output files")
    parser.add_argument("--title", help="title for the story (one input) instead of the derived one")
    parser.add_argument("--follow-links", action="store_true",
                        help="in a folder, follow links to files and folders outside it (not followed by default)")
    defaults = Fields()
    fields = parser.add_argument_group("JSON Lines fields", "the fields of each line an article is read from")
    for name, what in _FIELDS.items():
        fields.add_argument(f"--{name}-field", metavar="NAME", help=f"{what} (default: {getattr(defaults, name)})")
    return parser


#: What each JSON Lines field holds, for --help.
_FIELDS = {
    "text": "the article's text",
    "id": "its id, which names its story file",
    "title": "its title (else derived from the text)",
    "url": "its link",
    "outlet": "the outlet that published it",
    "published": "when it was published",
}


def run(args: argparse.Namespace) -> int:
    """Annotate every input; 0 when all were written, 1 if any failed, 2 on bad usage, 130 when interrupted."""
    from explorer.annotate.pipeline import AnnotateError

    if refuse_empty_names("annotate", {"INPUT": args.inputs, "-o": args.output}):
        return 2
    inputs, missing = find_inputs(args.inputs, follow_links=args.follow_links)
    for message in missing:
        print(message, file=sys.stderr)
    try:
        _check_options(args, inputs)
        outputs = OutputPlan(args.output, args.format, inputs, force=args.force, single=_single_input(args.inputs))
    except InputError as error:
        print(f"story-explorer annotate: {error}", file=sys.stderr)
        return 2
    if not inputs:
        print("story-explorer annotate: nothing to annotate", file=sys.stderr)
        return 1
    try:
        totals = annotate(inputs, outputs, args)
    except AnnotateError as error:
        print(f"story-explorer annotate: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if not outputs.resumable:
            raise
        print("story-explorer annotate: interrupted; the same command goes on where this one stopped", file=sys.stderr)
        return 130
    totals.failures += len(missing)
    for line in closing_lines(totals, outputs):
        print(line, file=sys.stderr)
    return 1 if totals.failures or totals.earlier_failures else 0


def _check_options(args: argparse.Namespace, inputs: list[ArticleInput]) -> None:
    for option, value, least in (("--jobs", args.jobs, 1), ("--batch-size", args.batch_size, 1),
                                 ("--shard-size", args.shard_size, 1), ("--time-budget", args.time_budget, 0)):
        if value is not None and not value >= least:  # not `<`: NaN is less than nothing
            raise InputError(f"{option} must be {least} or more, not {value:g}")
    if args.scheduler is not None:
        if args.jobs != 1:
            raise InputError("--jobs and --scheduler both say where to run: give one of them")
        kind, _, count = args.scheduler.partition(":")
        if kind == "local" and not (count.isdigit() and int(count) >= 1):
            raise InputError(f"--scheduler {args.scheduler}: a local cluster is local:N, N workers (1 or more)")
    archives = [item for item in inputs if item.jsonl]
    if args.title is not None and (len(inputs) > 1 or archives):
        many = f"{len(inputs)} inputs" if len(inputs) > 1 else f"{shown_path(archives[0].label)} holds many articles"
        raise InputError(f"--title names one story, but {many}")
    if args.format == "brat" and archives:
        raise InputError(f"--format brat writes offsets into the article's text file, which "
                         f"{shown_path(archives[0].label)} is not: use --format story or jsonl for JSON Lines")
    _hold_to_cpus(args)


def _hold_to_cpus(args: argparse.Namespace) -> None:
    """Hold `--jobs N` and `--scheduler local:N` to the CPUs here, and say so (`held_to_cpus`)."""
    kind, _, count = (args.scheduler or "").partition(":")
    if args.scheduler is None:
        args.jobs = held_to_cpus("annotate", args.jobs, f"--jobs {args.jobs:,}")
    elif kind == "local":
        workers = held_to_cpus("annotate", int(count), f"--scheduler {args.scheduler}")
        if workers != int(count):
            args.scheduler = f"local:{workers}"


def _single_input(arguments: list[str]) -> bool:
    """True when the arguments name one file (or stdin), not folders, archives or several."""
    return len(arguments) == 1 and not is_folder(Path(arguments[0])) and not ArticleInput(arguments[0], Path(arguments[0])).jsonl


def annotate(inputs: list[ArticleInput], outputs: OutputPlan, args: argparse.Namespace) -> Totals:
    """Read, parse, extract and write every input; the totals of the run."""
    return Run(inputs, outputs, args).execute()


def closing_lines(totals: Totals, plan: OutputPlan) -> list[str]:
    """What the run wrote, its summary, and how to open the stories in the explorer.

    Up to `LISTED_FILES` files are listed one by one, more as the folder and a
    count.  The last line names the command that opens what was written:
    plain `story-explorer` opens the bundled stories, not ./stories/.
    """

    def count(number: int, word: str) -> str:
        return f"{number:,} {word}{'' if number == 1 else 's'}"

    stories = f"{totals.files:,} stor{'y' if totals.files == 1 else 'ies'}"
    written = count(totals.files, "brat file") if plan.form == "brat" else stories
    lines = []
    if totals.shards:
        shown = ", ".join(Path(name).name for name in totals.shards[:LISTED_FILES])
        more = ", …" if len(totals.shards) > LISTED_FILES else ""
        lines.append(f"wrote {count(len(totals.shards), 'shard')} into {plan.shown('')}: {shown}{more}")
    elif totals.written and len(totals.written) <= LISTED_FILES:
        lines.extend(f"wrote {shown_path(path)}" for path in totals.written)
    elif totals.written:
        where = f"into {plan.shown('')}" if plan.folder is not None else "beside their texts"
        lines.append(f"wrote {written} {where}")
    lines.append(f"annotated {written}: {count(totals.quotes, 'quote')}, {count(totals.speakers, 'speaker')}; "
                 f"{count(totals.failures, 'failure')}")
    if totals.earlier:
        lines.append(f"and {count(totals.earlier, 'article')} done by an earlier run of this command"
                     + (f", {totals.earlier_failures:,} of them failed:" if totals.earlier_failures else ""))
        # which ones, so that the person can mend them: the manifest kept each one's problem
        lines.extend(f"  {problem}" for problem in totals.earlier_problems)
        if totals.earlier_failures > len(totals.earlier_problems):
            lines.append(f"  … and {totals.earlier_failures - len(totals.earlier_problems):,} more")
    if plan.form == "story" and (totals.written or (totals.earlier and plan.folder is not None)):
        one = len(totals.written) == 1 and not totals.earlier
        target = totals.written[0] if one or plan.folder is None else plan.named("")
        lines.append(f"open {'it' if one else 'them'} with: story-explorer {shell_word(target)}")
    return lines


def shell_word(text: str) -> str:
    """`text` as one word of a shell command that gives it back exactly, and that prints on
    one line: quoted as usual, or, when it holds a control character (a newline, an escape
    sequence), in bash's and zsh's $'...' with each such character as its escape."""
    if text.isprintable():
        return shlex.quote(text)
    return "$'" + shown_path(text).replace("'", "\\'") + "'"
