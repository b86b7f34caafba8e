"""Files from anywhere, read and written with care: text that may be binary, not
UTF-8, huge or unreadable; writes that no reader sees half done; and file names
fit for a one-line message.

No story format here: `explorer.storyfile` (story YAML) and the annotator
(article text) both read through `read_text_file`, and write through
`write_text_atomic`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def shown_path(path: str | Path) -> str:
    """A path for a one-line message: its control characters (a newline, an
    escape sequence in a file name) written as Python escapes, so that they
    neither break the line nor reach the terminal."""
    text = str(path)
    return text if text.isprintable() else "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


class UnreadableFile(Exception):
    """A file that cannot be read as text: a one-line `message`, at `line`:`column` when
    the problem has a place in the file (None when it is the whole file)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_text_file(path: Path, what: str, too_big: Callable[[int], str | None]) -> str:
    """The text of the file at `path`, which should hold `what` ("a story", "article text"),
    or `UnreadableFile`.  `too_big(size in bytes)` is the message refusing the file unread,
    or None to read it: a size limit is checked before a byte is read."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnreadableFile(f"is a folder, not {what}")
        refusal = too_big(size)
        if refusal:
            raise UnreadableFile(refusal)
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as error:
        raise UnreadableFile(f"cannot read: {error.strerror or error}") from None
    return decode_text(data, what)


def decode_text(data: bytes, what: str) -> str:
    """`data` as UTF-8 text (a byte-order mark dropped), or `UnreadableFile`: NUL bytes mean
    a binary file, not `what`; a byte that is not UTF-8 is reported where it stands."""
    if b"\x00" in data:
        raise UnreadableFile(f"binary file, not {what} (it holds NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise UnreadableFile(f"not UTF-8 text: byte 0x{data[error.start]:02x} cannot be decoded",
                             line, column) from None


def write_text_atomic(path: str | Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` so that no reader ever sees half a file.

    The text goes to a temporary file in the same folder first. Without
    `force` an existing file is never replaced (`FileExistsError`), and the
    check and the write are one step (a hard link), so two writers cannot
    both win.
    """
    target = Path(path)
    if target.exists() and not force:
        raise FileExistsError(f"{target} already exists (use --force to overwrite)")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise FileExistsError(f"{target} already exists (use --force to overwrite)") from None
            os.unlink(temporary)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
