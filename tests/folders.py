"""Folders too deep for the tools that recurse (pathlib's mkdir, shutil.rmtree, os.walk
in Python 3.11): made and removed here without recursion, as a fixture."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

#: Levels of the deep folder: past Python's recursion limit of 1,000.
DEEP_LEVELS = 1_100


def remove_tree(root: Path) -> None:
    """Remove `root` and everything under it, depth first, with a stack of our own
    (pytest's cleanup of old temporary folders uses shutil.rmtree, which recurses)."""
    pending = [(str(root), False)]
    while pending:
        folder, emptied = pending.pop()
        if emptied:
            with suppress(FileNotFoundError):
                os.rmdir(folder)
            continue
        pending.append((folder, True))
        with suppress(FileNotFoundError), os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, False))
                else:
                    with suppress(FileNotFoundError):
                        os.unlink(entry.path)


@pytest.fixture
def deep_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding `DEEP_LEVELS` nested folders `d/d/d/...` (a path of over 2,000
    characters) with one story file, `bottom.yaml`, at the bottom; removed afterwards."""
    root = tmp_path / "deep"
    root.mkdir()
    folder = root
    for _ in range(DEEP_LEVELS):
        folder = folder / "d"
        folder.mkdir()
    (folder / "bottom.yaml").write_text("format: 1\ntitle: At the bottom\n", encoding="utf-8")
    assert len(str(folder)) > 2_000
    yield root
    remove_tree(root)
