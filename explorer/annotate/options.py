"""Option values the annotator's commands (annotate, eval, train) check alike.

Each command says what is wrong with an option on one line of stderr, as
`story-explorer COMMAND: ...`, and a usage error exits with status 2.  What can
be taken in a form that cannot harm the machine (more worker processes than
CPUs) is taken so, and said.
"""

from __future__ import annotations

import argparse
import os
import sys


def at_least(minimum: int):
    """An argparse type: a whole number, `minimum` or more."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {number}")
        return number

    return parse


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, where the system says; else all of them)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def held_to_cpus(command: str, workers: int, asked: str) -> int:
    """`workers` worker processes, held to the CPUs here; when they are more, the
    command says so on stderr, quoting the option as asked (`--jobs 1,000`).

    A worker parses on a CPU of its own and holds its own parse in memory: more of
    them than CPUs only wait their turn, and a million of them would take all the
    memory there is.
    """
    cpus = usable_cpus()
    if workers <= cpus:
        return workers
    many = cpus > 1
    print(f"story-explorer {command}: {asked} is more than the {cpus:,} CPU{'s' if many else ''} here: "
          f"running {cpus:,} worker process{'es' if many else ''}", file=sys.stderr)
    return cpus


def refuse_empty_names(command: str, named: dict[str, str | list[str] | None]) -> bool:
    """True, said on stderr, when an argument that names a file or folder was given
    as an empty name; `named` maps what each is called ("INPUT", "-o") to what was
    given, checked in that order.

    An empty name is the current folder to pathlib: `annotate "$ARTICLE"` with the
    variable unset would annotate every article under it, `-o "$OUT"` write into it,
    and `train -o "$MODEL"` replace the package's own model.
    """
    for what, given in named.items():
        if "" in ([given] if isinstance(given, str) else given or []):
            print(f"story-explorer {command}: an empty {what} names no file or folder", file=sys.stderr)
            return True
    return False


def say(line: str) -> None:
    """A line for the person running the command, on stderr at once (an article left out, a note)."""
    print(line, file=sys.stderr, flush=True)
