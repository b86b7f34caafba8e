"""Folders too deep for the tools that recurse (pathlib's mkdir, shutil.rmtree, os.walk
in Python 3.11): made and removed here without recursion, as a fixture (and for
tests/bench/bench_hostile.py)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

#: Levels of the deep folder: past Python's recursion limit of 1,000.
DEEP_LEVELS = 1_100


def make_chain(root: Path, levels: int) -> Path:
    """`root/d/d/.../d` (`levels` deep), each folder made relative to its parent's
    descriptor: a path of a thousand parts is not looked up again for each one."""
    handle = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(levels):
            os.mkdir("d", dir_fd=handle)
            below = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=handle)
            os.close(handle)
            handle = below
    finally:
        os.close(handle)
    return root.joinpath(*["d"] * levels)


def remove_chain(root: Path) -> None:
    """Remove what `make_chain` made under `root`, from the top: each step moves the
    folder below `root/d` up beside it, so no path is ever more than three parts deep."""
    top, spare = root / "d", root / "d-below"
    while top.exists():
        for entry in os.scandir(top):
            if entry.name != "d":
                os.unlink(entry.path)
        if (top / "d").exists():
            os.rename(top / "d", spare)
            os.rmdir(top)
            os.rename(spare, top)
        else:
            os.rmdir(top)


#: Memory-backed scratch space where there is one: making and removing a thousand
#: folders costs seconds on some disks and milliseconds there.
_IN_MEMORY = Path("/dev/shm")


@pytest.fixture
def deep_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding `DEEP_LEVELS` nested folders `d/d/d/...` (a path of over 2,000
    characters) with one story file, `bottom.yaml`, at the bottom; removed afterwards."""
    base = _IN_MEMORY if _IN_MEMORY.is_dir() and os.access(_IN_MEMORY, os.W_OK) else tmp_path
    root = Path(tempfile.mkdtemp(prefix="deep-", dir=base))
    bottom = make_chain(root, DEEP_LEVELS)
    (bottom / "bottom.yaml").write_text("format: 1\ntitle: At the bottom\n", encoding="utf-8")
    assert len(str(bottom)) > 2_000
    yield root
    remove_chain(root)
    os.rmdir(root)
