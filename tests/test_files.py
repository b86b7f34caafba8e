"""Files from anywhere (explorer/files.py): what is read, how far, what a folder walk
enters, how names are shown and with what permissions files are written."""

from __future__ import annotations

import io
import os
import signal
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.files import (
    LINK_LOOP,
    LINK_OUT,
    UnreadableFile,
    os_error_message,
    read_stream,
    read_text_file,
    shown_path,
    walk_files,
    write_problem,
    write_text_atomic,
)
from tests.folders import DEEP_LEVELS, deep_folder  # noqa: F401 (a fixture)


@pytest.fixture
def watchdog() -> Iterator[None]:
    """Fail a test that blocks (an open or a read that never returns) instead of hanging the suite."""
    def hung(_signal: int, _frame: object) -> None:
        raise TimeoutError("blocked: the file was opened or read as if it were a regular file")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def no_limit(_size: int) -> None:
    return None


def test_names_are_shown_escaped_and_can_be_told_apart() -> None:
    assert shown_path("stories/a b.yaml") == "stories/a b.yaml"
    assert shown_path("x\x1b]0;pwned\x07.yaml") == "x\\x1b]0;pwned\\x07.yaml"
    assert shown_path(os.fsdecode(b"caf\xe9.yaml")) == "caf\\xe9.yaml"  # a byte that is not UTF-8
    assert shown_path(b"caf\xe9.yaml") == "caf\\xe9.yaml"
    assert shown_path("a\\x1b.yaml") == "a\\\\x1b.yaml"  # a real backslash is not an escape
    assert shown_path("line\nbreak\u202e.yaml") == "line\\nbreak\\u202e.yaml"
    assert shown_path("Zoë — “quoted”.yaml") == "Zoë — “quoted”.yaml"


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "dev-urandom", "socket"])
def test_things_that_are_not_files_are_refused_before_they_are_opened(tmp_path: Path, kind: str,
                                                                    watchdog: None) -> None:
    path = tmp_path / "x.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    else:
        path.symlink_to(f"/dev/{kind.removeprefix('dev-')}")
    with pytest.raises(UnreadableFile) as caught:
        read_text_file(path, "a story", no_limit)
    kinds = {"fifo": "a named pipe", "socket": "a socket"}
    assert caught.value.message == f"not a regular file ({kinds.get(kind, 'a device')}): not read"


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_text_file(tmp_path, "article text", no_limit)
    assert caught.value.message == "is a folder, not article text"


def test_every_read_goes_through_the_limit() -> None:
    """A stream that never ends (stdin from /dev/zero) is cut off at the limit."""
    class Endless(io.RawIOBase):
        chunks = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            Endless.chunks += 1
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    def at_most_5_mb(size: int) -> str | None:
        return f"over 5 MB ({size:,} bytes read)" if size > 5_000_000 else None

    with pytest.raises(UnreadableFile) as caught:
        read_stream(Endless(), at_most_5_mb)
    assert caught.value.message == "over 5 MB (5,242,880 bytes read)"
    assert Endless.chunks == 5  # read a megabyte at a time, and no further


def test_too_long_names_and_missing_files_are_one_line(tmp_path: Path) -> None:
    for path, message in [(tmp_path / ("n" * 300 + ".yaml"), "File name too long"),
                          (tmp_path / "missing.yaml", "no such file")]:
        with pytest.raises(UnreadableFile) as caught:
            read_text_file(path, "a story", no_limit)
        assert caught.value.message == message


def test_a_link_that_leads_back_to_itself_is_named_so_not_too_many_levels(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The system's words ("Too many levels of symbolic links") say nothing to someone who
    made one link by mistake; every command that shows files.py's messages says what it is."""
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    with pytest.raises(UnreadableFile) as caught:
        read_text_file(tmp_path / "loop.yaml", "a story", no_limit)
    assert caught.value.message == LINK_LOOP == "a link that leads back to itself (a loop of links)"
    assert main(["validate", str(tmp_path / "loop.yaml")]) == 1
    # a path that cannot be checked is said on stderr, as a missing one is (tests/hostile/test_bad_links.py)
    assert capsys.readouterr().err.splitlines()[0] == f"{tmp_path / 'loop.yaml'}: {LINK_LOOP}"


# --- the walk -----------------------------------------------------------------------


def relative(walk_files_result: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in walk_files_result]


def test_a_folder_1100_levels_deep_is_walked_without_recursion(deep_folder: Path) -> None:
    walk = walk_files(deep_folder, (".yaml",))
    assert relative(walk.files, deep_folder) == ["d/" * DEEP_LEVELS + "bottom.yaml"]
    assert walk.skipped == []


def test_links_out_of_the_folder_are_not_followed_unless_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("password: hunter2\n")
    (outside / "more").mkdir()
    (outside / "more" / "other.yaml").write_text("")
    folder = tmp_path / "stories"
    (folder / "sub").mkdir(parents=True)
    (folder / "real.yaml").write_text("")
    (folder / "secret.yaml").symlink_to(outside / "secret.yaml")
    (folder / "env.txt").symlink_to(outside / "secret.yaml")  # not a story's name: passed over in silence
    (folder / "elsewhere").symlink_to(outside / "more")
    (folder / "sub" / "same.yaml").symlink_to(folder / "real.yaml")  # inside: followed
    (folder / "sub" / "loop").symlink_to(folder)  # inside, a loop: entered once
    (folder / "broken.yaml").symlink_to(folder / "nothing.yaml")  # dangling: nothing to read
    (folder / "sub" / "self.yaml").symlink_to("self.yaml")  # a loop: said, not passed over in silence

    walk = walk_files(folder, (".yaml",))
    assert relative(walk.files, folder) == ["real.yaml", "sub/same.yaml"]
    assert sorted((path.name, why) for path, why in walk.skipped) == [("elsewhere", LINK_OUT), ("secret.yaml", LINK_OUT),
                                                                      ("self.yaml", LINK_LOOP)]

    followed = walk_files(folder, (".yaml",), follow_links=True)
    assert relative(followed.files, folder) == ["elsewhere/other.yaml", "real.yaml", "secret.yaml", "sub/same.yaml"]
    assert followed.skipped == [(folder / "sub" / "self.yaml", LINK_LOOP)]


def test_the_walk_passes_over_hidden_entries_and_says_what_it_cannot_read(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "a.yaml").write_text("")
    (tmp_path / ".swap.yaml").write_text("")
    (tmp_path / "Upper.YML").write_text("")
    os.mkfifo(tmp_path / "pipe.yaml")
    walk = walk_files(tmp_path, (".yaml", ".yml"))
    assert relative(walk.files, tmp_path) == ["Upper.YML"]
    assert walk.skipped == [(tmp_path / "pipe.yaml", "not a regular file (a named pipe): not read")]


def test_a_walk_of_a_folder_that_cannot_be_listed_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if path == str(locked):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr("explorer.files.os.scandir", scandir)
    walk = walk_files(tmp_path, (".yaml",))
    assert walk.skipped == [(locked, "cannot read the folder: permission denied")]


# --- writing ------------------------------------------------------------------------


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077, 0o027])
def test_new_files_get_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path, mask: int, umask: None) -> None:
    os.umask(mask)
    new = tmp_path / "new.yaml"
    write_text_atomic(new, "new\n")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask

    kept = tmp_path / "kept.yaml"
    kept.write_text("old\n")
    kept.chmod(0o640)
    write_text_atomic(kept, "replaced\n", force=True)
    assert (kept.read_text(), stat.S_IMODE(kept.stat().st_mode)) == ("replaced\n", 0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.yaml", "new.yaml"]  # no temporary left


def test_a_name_near_the_limit_still_gets_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250 + ".yaml")
    write_text_atomic(target, "x\n")
    assert target.read_text() == "x\n"
    with pytest.raises(OSError) as caught:
        write_text_atomic(tmp_path / ("n" * 300 + ".yaml"), "x\n")
    assert caught.value.strerror == "File name too long"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_what_cannot_be_written_is_said_before_writing(tmp_path: Path) -> None:
    """Asked before a long run, so that it does not end in 'cannot write'; a device or a pipe
    in the file's place is never replaced, even when replacing is asked for."""
    (tmp_path / "null.json").symlink_to("/dev/null")
    (tmp_path / "kept.json").write_text("{}\n")
    assert write_problem(tmp_path / "null.json", force=True) == f"cannot write {tmp_path}/null.json: a device, not a file: not replaced"
    assert write_problem(tmp_path / "kept.json", force=False) == f"{tmp_path}/kept.json already exists (use --force to overwrite)"
    assert write_problem(tmp_path / "kept.json", force=True) is None
    assert write_problem(tmp_path / "new.json", force=False) is None
    assert write_problem(tmp_path / "kept.json" / "x", force=True) == (f"cannot write {tmp_path}/kept.json/x: "
                                                                       f"{tmp_path}/kept.json: is a file, not a folder")
    assert os.path.exists("/dev/null") and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_forced_write_never_replaces_what_is_not_a_file(tmp_path: Path) -> None:
    """An export, a saved story or a model written with --force over a named pipe
    (or, for root, /dev/null) would swap the pipe or the device for a plain file.
    The write is refused in one line and the pipe stays a pipe; a folder is
    refused the same way."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with pytest.raises(OSError) as caught:
        write_text_atomic(pipe, "x\n", force=True)
    assert os_error_message(caught.value) == "a named pipe, not a file: not replaced"
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(OSError) as caught:
        write_text_atomic(tmp_path / "folder.yaml", "x\n", force=True)
    assert os_error_message(caught.value) == "a folder, not a file: not replaced"
    assert (tmp_path / "folder.yaml").is_dir() and sorted(p.name for p in tmp_path.iterdir()) == ["folder.yaml", "pipe.yaml"]
