"""The progress line of `annotate` on a terminal."""

from __future__ import annotations

from typing import TextIO


class Progress:
    """A one-line progress bar on a terminal (nothing when `stream` is not one).

    With a known `total` (files) it is a bar; with none (JSON Lines archives,
    whose length is known only at their end) it counts the articles done.
    Messages printed while it shows clear the bar first, so they stand on
    lines of their own.
    """

    WIDTH = 30

    def __init__(self, total: int | None, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.live = (total is None or total > 1) and stream.isatty()
        self.shown = False

    def advance(self, count: int, failures: int) -> None:
        """`count` more articles are done; `failures` have failed so far."""
        self.done += count
        if not self.live:
            return
        failed = f", {failures:,} failed" if failures else ""
        if self.total is None:
            line = f"\r{self.done:,} articles done{failed}"
        else:
            filled = self.WIDTH * self.done // max(self.total, 1)
            line = f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done:,}/{self.total:,} files{failed}"
        self.stream.write(line)
        self.stream.flush()
        self.shown = True

    def message(self, line: str) -> None:
        self._clear()
        print(line, file=self.stream)

    def close(self) -> None:
        self._clear()

    def _clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False
