"""Back and forward through jumps, as in a browser: a list and a cursor.

Only jumps are recorded (a quote to its paragraph, `s` to the sources, a
search or filter step); moving the cursor by hand is not.  Before each jump
and each step back or forward the caller hands over where it is now, so going
back returns to the exact place it left, not to where the last jump landed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar


@dataclass(frozen=True)
class Place:
    """Where the reader of a story is, for back and forward."""

    paragraph: int
    quote: str | None
    """The highlighted quote."""
    pane: str


P = TypeVar("P")


class History(Generic[P]):
    """The places visited by jumps, with a cursor at the current one."""

    def __init__(self) -> None:
        self._places: list[P] = []
        self._cursor = -1

    def jump(self, here: P, there: P) -> None:
        """Record a jump from `here` to `there`; forward history is dropped."""
        del self._places[self._cursor + 1 :]
        if self._places:
            self._places[self._cursor] = here
        else:
            self._places.append(here)
        self._places.append(there)
        self._cursor = len(self._places) - 1

    def back(self, here: P) -> P | None:
        """The place before the current one (remembering `here`), or None at the start."""
        if self._cursor <= 0:
            return None
        self._places[self._cursor] = here
        self._cursor -= 1
        return self._places[self._cursor]

    def forward(self, here: P) -> P | None:
        """The place after the current one (remembering `here`), or None at the end."""
        if self._cursor < 0 or self._cursor >= len(self._places) - 1:
            return None
        self._places[self._cursor] = here
        self._cursor += 1
        return self._places[self._cursor]

    @property
    def can_go_back(self) -> bool:
        return self._cursor > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self._cursor < len(self._places) - 1
