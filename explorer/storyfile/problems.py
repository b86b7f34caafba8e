"""What is wrong with a story file, and where: `Problem` prints as `path:line:column: message`."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.files import shown_path


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{shown_path(self.path)}:{self.line}:{self.column}: {self.message}"


class StoryFileError(Exception):
    """A story file that cannot be loaded; `problems` holds every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems[0]))
        self.problems = problems
