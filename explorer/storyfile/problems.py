"""What is wrong with a story file, and where: `Problem` prints as `path:line:column: message`."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.files import escaped, shown_path

#: How much of a value a message quotes.
QUOTED = 40
#: Problems kept for one file; past these they are only counted.  A file built to
#: fail (200,000 empty paragraphs) has 400,000 problems: making each of them an
#: object, sorting them and printing them would be the slow part of reading it.
PROBLEMS_KEPT = 200


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # The message quotes story text through repr() already; escaping what is left
        # makes sure, whatever a message holds, that it is one line and safe to print.
        return f"{shown_path(self.path)}:{self.line}:{self.column}: {escaped(self.message, backslashes=False)}"


def clip(text: str, width: int = QUOTED) -> str:
    """`text` cut to `width` characters, with "…" where it was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


class Problems:
    """The problems of one file as they are found: the first `PROBLEMS_KEPT` kept, the
    rest counted (`more`)."""

    def __init__(self) -> None:
        self.kept: list[Problem] = []
        self.more = 0

    def __bool__(self) -> bool:
        return bool(self.kept)

    @property
    def full(self) -> bool:
        """True once `PROBLEMS_KEPT` are kept: the next ones are only counted."""
        return len(self.kept) >= PROBLEMS_KEPT

    def add(self, path: str, line: int, column: int, message: str) -> None:
        """A problem at `line`:`column` (1-based) of the file at `path`."""
        if len(self.kept) < PROBLEMS_KEPT:
            self.kept.append(Problem(path, line, column, message))
        else:
            self.more += 1

    def error(self) -> StoryFileError:
        """The error these problems make, the kept ones in file order."""
        return StoryFileError(sorted(self.kept, key=lambda p: (p.line, p.column)), more=self.more)


class StoryFileError(Exception):
    """A story file that cannot be loaded: `problems` holds the reasons (every one, or the
    first `PROBLEMS_KEPT` found, in file order), `more` the count of those left out."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        super().__init__(str(problems[0]))
        self.problems = problems
        self.more = more

    @property
    def total(self) -> int:
        """How many problems the file has."""
        return len(self.problems) + self.more
