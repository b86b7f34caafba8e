"""Files from anywhere, read, walked and written with care: text that may be binary,
not UTF-8, huge, unreadable or not a file at all (a named pipe, a link to
/dev/zero); folders that are deep or link out of themselves; writes that no reader
sees half done; and file names fit for a one-line message.

No story format here: `explorer.storyfile` (story YAML) and the annotator
(article text) both read through `read_text_file`, find their files with
`walk_files`, and write through `write_text_atomic`.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

#: Bytes read at a time: a read is checked against its limit after each chunk.
_CHUNK = 1 << 20
#: What a file that is not a regular one is, for messages.
_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
               (stat.S_ISSOCK, "a socket"))


def shown_path(path: str | os.PathLike[str] | bytes) -> str:
    """A path for a one-line message, written so that it neither breaks the line nor
    reaches the terminal, and can still be told from any other (see `escaped`; a byte
    that is not UTF-8 is written `\\xe9`).  Plain names are shown as they are."""
    return escaped(os.fsdecode(path))


def escaped(text: str, *, backslashes: bool = True) -> str:
    """`text` for a one-line message: a control character (a newline, an escape sequence,
    a bidi override) is written as a Python escape (`\\x1b`, `\\u202e`), and so a backslash
    is written `\\\\` (unless `backslashes` is False: for text whose backslashes are
    escapes already); printable text stays as it is."""
    if text.isprintable() and not (backslashes and "\\" in text):
        return text
    return "".join(_shown_character(ch, backslashes) for ch in text)


def _shown_character(ch: str, backslashes: bool) -> str:
    if ch == "\\" and backslashes:
        return "\\\\"
    if ch.isprintable():
        return ch
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return ascii(ch)[1:-1]


class UnreadableFile(Exception):
    """A file that cannot be read as text: a one-line `message`, at `line`:`column` when
    the problem has a place in the file (None when it is the whole file)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def located(self) -> str:
        """The message, after `line:column: ` when the problem has a place in the file."""
        return f"{self.line}:{self.column}: {self.message}" if self.line is not None else self.message


#: What the system calls "Too many levels of symbolic links", said for what it is.
LINK_LOOP = "a link that leads back to itself (a loop of links)"


def os_error_message(error: OSError) -> str:
    """What went wrong, in a few words ("permission denied", "File name too long")."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return LINK_LOOP
    return error.strerror or str(error)


def _not_regular(mode: int) -> str | None:
    """What a file of this `st_mode` is when it is not a regular file or a folder, else None."""
    return next((kind for test, kind in _FILE_KINDS if test(mode)), None if stat.S_ISREG(mode) else "not a file")


def read_text_file(path: Path, what: str, too_big: Callable[[int], str | None]) -> str:
    """The text of the file at `path`, which should hold `what` ("a story", "article text"),
    or `UnreadableFile`.  `too_big(size in bytes)` is the message refusing the file unread,
    or None to read it: a size limit is checked before a byte is read.

    Only a regular file is read: a folder, a named pipe or a link to a device
    (/dev/zero, /dev/urandom) is refused from its `stat`, before it is opened, as
    none of them has a size to check.  The file is then opened without waiting
    (a pipe swapped in meanwhile is refused too) and read through the same limit,
    chunk by chunk, so a file that grows while it is read is cut off as well.
    """
    try:
        info = os.stat(path)
        refusal = _refusal(info.st_mode, what) or too_big(info.st_size)
        if refusal:
            raise UnreadableFile(refusal)
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with open(handle, "rb", buffering=0) as stream:
            refusal = _refusal(os.fstat(handle).st_mode, what)
            if refusal:
                raise UnreadableFile(refusal)
            data = read_stream(stream, too_big)
    except OSError as error:
        raise UnreadableFile(os_error_message(error)) from None
    return decode_text(data, what)


def _refusal(mode: int, what: str) -> str | None:
    if stat.S_ISDIR(mode):
        return f"is a folder, not {what}"
    kind = _not_regular(mode)
    return f"not a regular file ({kind}): not read" if kind else None


def read_stream(stream: BinaryIO, too_big: Callable[[int], str | None]) -> bytes:
    """All the bytes of `stream` (a file, stdin), or `UnreadableFile` with the message of
    `too_big(bytes read so far)` as soon as it gives one: an endless stream is cut off."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        refusal = too_big(size)
        if refusal:
            raise UnreadableFile(refusal)
        chunks.append(chunk)
    return b"".join(chunks)


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


# --- finding files ------------------------------------------------------------------


@dataclass
class Walk:
    """What `walk_files` found: the `files` (sorted), and what it passed over with the
    reason, (path, message), for the caller to say: links out of the folder, folders
    it cannot read, files that are not regular files."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


#: Why a link is not followed, for messages.
LINK_OUT = "a link to outside the folder: not followed (--follow-links follows it)"


def is_folder(path: Path) -> bool:
    """True when `path` is a folder (or a link to one); False for anything else, including a
    path that cannot be looked at (too long, no permission): reading it then says why."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def path_problem(path: Path) -> str | None:
    """Why nothing can be opened at `path` ("no such file or folder", "a link to
    nothing", a loop of links, "permission denied"...), or None when something
    is there to open (what it is, each command checks)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return "a link to nothing (its target is missing)" if os.path.islink(path) else "no such file or folder"
    except OSError as error:
        return os_error_message(error)
    except ValueError:  # a NUL byte in the name
        return "not a path"
    return None


def folder_problem(path: Path) -> str | None:
    """Why `path` is no folder to read from ("no such folder", "is a file, not a folder",
    a loop of links...), or None when it is one (or a link to one)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such folder"
    except OSError as error:
        return os_error_message(error)
    except ValueError:  # a NUL byte in the name
        return "not a path"
    if stat.S_ISDIR(mode):
        return None
    kind = _not_regular(mode)
    return f"{kind or 'is a file'}, not a folder"


def walk_files(root: Path, suffixes: Collection[str], *, follow_links: bool = False) -> Walk:
    """The regular files under folder `root` whose names end in one of `suffixes` (any
    case), sorted; hidden files and folders (a name starting with ".") are passed over,
    and hidden folders never entered.

    The walk keeps its own stack, so a folder 1,100 levels deep is no deeper for it
    than one level.  A link is followed when it points inside `root` (each folder is
    entered once, so a link loop ends), but not out of it unless `follow_links`: a
    folder of stories must not read a file elsewhere on the machine because someone
    put a link in it.  Folders that cannot be read, links not followed and files of
    the right name that are not regular files are listed in `Walk.skipped`.
    """
    wanted = tuple(suffix.lower() for suffix in suffixes)
    walk = Walk()
    top = os.path.realpath(root)
    inside = os.path.join(top, "")
    entered: set[tuple[int, int]] = set()
    pending = [str(root)]
    while pending:
        folder = pending.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in entered:
                continue
            entered.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as error:
            walk.skipped.append((Path(folder), f"cannot read the folder: {os_error_message(error)}"))
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            try:
                linked = entry.is_symlink()
                if linked and not follow_links:
                    target = os.path.realpath(entry.path)
                    if target != top and not target.startswith(inside):
                        if entry.name.lower().endswith(wanted) or is_folder(Path(entry.path)):
                            walk.skipped.append((Path(entry.path), LINK_OUT))
                        continue
                mode = entry.stat().st_mode  # follows a link (one found inside the folder)
            except OSError as error:
                if error.errno == errno.ELOOP and entry.name.lower().endswith(wanted):
                    walk.skipped.append((Path(entry.path), LINK_LOOP))
                continue  # else a dangling link, or gone since listed: nothing to read
            if stat.S_ISDIR(mode):
                pending.append(entry.path)
            elif entry.name.lower().endswith(wanted):
                if stat.S_ISREG(mode):
                    walk.files.append(Path(entry.path))
                else:
                    walk.skipped.append((Path(entry.path), f"not a regular file ({_not_regular(mode)}): not read"))
    walk.files.sort()
    return walk


# --- writing ------------------------------------------------------------------------


def write_text_atomic(path: str | Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` in UTF-8 so that no reader ever sees half a file (see `write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"), force=force)


def write_bytes_atomic(path: str | Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` so that no reader ever sees half a file.

    The data go to a temporary file in the same folder first. Without
    `force` an existing file is never replaced (`FileExistsError`), and the
    check and the write are one step (a hard link), so two writers cannot
    both win.  A file that is replaced keeps its permissions; a new one gets
    those the user's umask gives (as an editor's would), not the 0600 of a
    temporary file.  What is there and is not a regular file (a folder, a
    named pipe, a device: an export to /dev/null) is never replaced, even
    with `force`: an `OSError` says what it is.
    """
    target = Path(path)
    try:
        there = os.stat(target).st_mode
    except (OSError, ValueError):
        there = None  # nothing there, or nothing that can be looked at: the write says why
    if there is not None and not stat.S_ISREG(there):
        kind = "a folder" if stat.S_ISDIR(there) else _not_regular(there)
        # not a FileExistsError: a caller that meets one may read what is there
        raise OSError(errno.EINVAL, f"{kind}, not a file: not replaced", str(target))
    if target.exists() and not force:
        raise FileExistsError(f"{target} already exists (use --force to overwrite)")
    kept_mode = _mode_of(target) if force else None
    handle, temporary = _create_temporary(target)
    try:
        if kept_mode is not None:
            os.fchmod(handle, kept_mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
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
        if os.path.lexists(temporary):
            os.unlink(temporary)
        raise


def _writable_folder_problem(folder: Path) -> str | None:
    """Why files cannot be made in `folder` (`folder_problem`, or "permission denied"), or None."""
    problem = folder_problem(folder)
    if problem is None and not os.access(folder, os.W_OK | os.X_OK):
        return "permission denied"
    return problem


def folder_making_problem(folder: Path) -> str | None:
    """Why files cannot be written into `folder`, making it if need be, as one
    line ("cannot write into out/stories: out: is a file, not a folder"), or
    None when they can: asked before a run, so that it does not fail article
    after article."""
    existing = Path(folder)
    while not os.path.lexists(existing) and existing.parent != existing:
        existing = existing.parent
    problem = _writable_folder_problem(existing)
    if problem is None:
        return None
    where = "" if existing == Path(folder) else f"{shown_path(existing)}: "
    return f"cannot write into {shown_path(folder)}: {where}{problem}"


def write_problem(path: Path, *, force: bool) -> str | None:
    """Why a file cannot be written at `path`, as one line naming it, or None when it can.

    Asked before the work that makes the file, so that a long run does not end in
    "cannot write": its folder missing, not a folder, or not writable; a folder or
    something that is not a regular file (a device, a pipe) where the file would go;
    and, without `force`, a file there already.
    """
    folder = path.parent
    problem = _writable_folder_problem(folder)
    if problem is not None:
        return f"cannot write {shown_path(path)}: {shown_path(folder)}: {problem}"
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot write {shown_path(path)}: {os_error_message(error)}"
    except ValueError:  # a NUL byte in the name
        return f"cannot write {shown_path(path)}: not a path"
    if stat.S_ISDIR(mode):
        return f"cannot write {shown_path(path)}: is a folder, not a file"
    kind = _not_regular(mode)
    if kind:
        return f"cannot write {shown_path(path)}: {kind}, not a file: not replaced"
    return None if force else f"{shown_path(path)} already exists (use --force to overwrite)"


def _mode_of(path: Path) -> int | None:
    """The permission bits of the regular file at `path`, or None when there is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def _create_temporary(target: Path) -> tuple[int, str]:
    """A new, empty temporary file beside `target`: (descriptor, path).  Created with
    mode 0666, which the kernel narrows by the umask, as for any new file."""
    folder = target.parent
    for _ in range(100):
        # The name is cut so that a target name near the 255-byte limit leaves room.
        temporary = os.path.join(folder, f".{target.name[:40]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name beside {shown_path(target)}")
