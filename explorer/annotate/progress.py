"""The progress line of `annotate` on a terminal."""

from __future__ import annotations

import os
from typing import TextIO


class Progress:
    """A one-line progress bar on a terminal (nothing when `stream` is not one).

    With a known `total` (files) it is a bar; with none (JSON Lines archives,
    whose length is known only at their end) it counts the articles done.
    Messages printed while it shows clear the bar first, so they stand on
    lines of their own.  The line fits the terminal (`columns`, by default
    the stream's width): a wider one wraps, and `\r` goes back only to the
    start of its last row, leaving the others behind at every update.
    """

    WIDTH = 30

    def __init__(self, total: int | None, stream: TextIO, columns: int | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.live = (total is None or total > 1) and stream.isatty()
        self.shown = False
        self.columns = columns or (_terminal_columns(stream) if self.live else 80)

    def advance(self, count: int, failures: int) -> None:
        """`count` more articles are done; `failures` have failed so far."""
        self.done += count
        if not self.live:
            return
        failed = f", {failures:,} failed" if failures else ""
        room = self.columns - 1  # the last column would wrap on some terminals
        if self.total is None:
            line = f"{self.done:,} articles done{failed}"
        else:
            counts = f"{self.done:,}/{self.total:,} files{failed}"
            width = min(self.WIDTH, room - len(counts) - 3)
            filled = width * self.done // max(self.total, 1)
            line = f"[{'#' * filled}{'.' * (width - filled)}] {counts}" if width >= 5 else counts
        self.stream.write("\r" + line[:room])
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


def _terminal_columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80
