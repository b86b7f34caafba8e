"""A path given on the command line that is a loop of links, or a link whose
target is gone, is one line saying so in every command that opens paths —
not "no such file or folder", which sends the user looking for a typo."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.files import LINK_LOOP
from explorer.tui.app import run_explorer

DANGLING = "a link to nothing (its target is missing)"


@pytest.fixture
def bad_links(tmp_path: Path) -> dict[str, Path]:
    loop = tmp_path / "loop.yaml"
    os.symlink(loop, loop)
    dangling = tmp_path / "gone.yaml"
    os.symlink(tmp_path / "deleted.yaml", dangling)
    return {LINK_LOOP: loop, DANGLING: dangling}


@pytest.mark.parametrize("problem", [LINK_LOOP, DANGLING])
def test_the_explorer_says_what_the_link_is(bad_links, problem, capsys) -> None:  # noqa: ANN001
    path = bad_links[problem]
    args = argparse.Namespace(path=str(path), speaker=None, paragraph=None, quote=None, model=None)
    assert run_explorer(args) == 2
    assert capsys.readouterr().err == f"{path}: {problem}\n"


@pytest.mark.parametrize("problem", [LINK_LOOP, DANGLING])
def test_serve_says_what_the_link_is(bad_links, problem, capsys) -> None:  # noqa: ANN001
    path = bad_links[problem]
    assert main(["serve", str(path)]) == 2
    assert capsys.readouterr().err == f"story-explorer serve: {path}: {problem}\n"


@pytest.mark.parametrize("problem", [LINK_LOOP, DANGLING])
def test_validate_and_quotes_say_what_the_link_is(bad_links, problem, capsys) -> None:  # noqa: ANN001
    path = bad_links[problem]
    assert main(["validate", str(path)]) == 1
    assert f"{path}: {problem}\n" in capsys.readouterr().err
    assert main(["quotes", str(path)]) == 1
    assert f"{path}: {problem}\n" in capsys.readouterr().err
    assert main(["quotes", str(path), "--search", "bridge"]) == 1
    assert f"story-explorer: {path}: {problem}\n" in capsys.readouterr().err
