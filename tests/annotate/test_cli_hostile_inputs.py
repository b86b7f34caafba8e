"""`story-explorer annotate` on inputs a careless or hostile user gives it: each bad
input is one line naming it and what is wrong, the exit status is 1, there is no
traceback, and the good inputs of the same run are still written."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest

from explorer import files
from tests.annotate.test_annotate_cli import BRIDGE, FERRY, outputs_in, write
from tests.archive.conftest import problem_lines
from tests.hostile.conftest import annotate  # noqa: F401  (the fixture)

BRIDGE_STORY = "bridge-reopens-months-early.yaml"


def jsonl_line(identifier: str, text: str) -> bytes:
    return (json.dumps({"id": identifier, "text": text}) + "\n").encode("utf-8")


def test_stdin_closed_is_one_line(annotate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python gives a command started with `<&-`
    code, out, err = annotate("-", "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == ["<stdin>: standard input is closed"]
    assert out == ""


@pytest.mark.parametrize("encoding,name", [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_text_in_utf16_or_utf32_is_named_for_what_it_is(annotate, tmp_path: Path, encoding: str, name: str) -> None:
    wide = write(tmp_path, "windows.txt", BRIDGE.encode(encoding))  # with its byte-order mark
    good = write(tmp_path, "ferry.txt", FERRY)
    code, _, err = annotate(wide, good, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{wide}: {name} text, not UTF-8: convert it first "
                                  f"(iconv -f {name} -t UTF-8)"]
    assert [p.name for p in outputs_in(tmp_path / "out")] == ["ferry-service-ends.yaml"]


class Stdin:
    """Standard input holding `data`, a terminal or not."""

    def __init__(self, data: bytes, *, terminal: bool = False) -> None:
        self.buffer = io.BytesIO(data)
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def test_utf16_on_stdin_is_named_for_what_it_is(annotate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", Stdin(BRIDGE.encode("utf-16")))
    code, _, err = annotate("-", "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == ["<stdin>: UTF-16 text, not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)"]


@pytest.mark.parametrize("content", [b"", b"\n  \n\n"], ids=["empty", "blank-lines"])
def test_a_json_lines_archive_without_articles_says_so(annotate, tmp_path: Path, content: bytes) -> None:
    empty = write(tmp_path, "dump.jsonl", content)
    code, _, err = annotate(empty, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{empty}: empty: no articles in this JSON Lines file"]


def test_an_archive_is_read_whether_or_not_its_name_says_gzip(annotate, tmp_path: Path) -> None:
    zipped = write(tmp_path, "zipped.jsonl", gzip.compress(jsonl_line("zipped", BRIDGE)))
    plain = write(tmp_path, "plain.jsonl.gz", jsonl_line("plain", FERRY))
    code, _, err = annotate(zipped, plain, "-o", tmp_path / "out")
    assert code == 0, err
    assert [p.name for p in outputs_in(tmp_path / "out")] == ["plain.yaml", "zipped.yaml"]


def test_a_binary_file_named_as_an_archive_is_one_line_not_one_a_line(annotate, tmp_path: Path) -> None:
    noise = bytes(range(256)) * 20  # a NUL byte, and a newline every 256 bytes
    binary = write(tmp_path, "noise.jsonl", noise)
    wide = write(tmp_path, "wide.jsonl", jsonl_line("wide", BRIDGE).decode("utf-8").encode("utf-16"))
    code, _, err = annotate(binary, wide, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{binary}: binary file, not JSON Lines (it holds NUL bytes)",
                                  f"{wide}: UTF-16 text, not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)"]


def test_a_nul_byte_further_down_an_archive_costs_only_its_line(annotate, tmp_path: Path) -> None:
    source = write(tmp_path, "dump.jsonl", jsonl_line("good", BRIDGE) + b'{"id": "bad\x00"}\n'
                   + jsonl_line("last", FERRY))
    code, _, err = annotate(source, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{source}:2: binary file, not JSON (it holds NUL bytes)"]
    assert [p.name for p in outputs_in(tmp_path / "out")] == ["good.yaml", "last.yaml"]


def test_a_named_pipe_named_as_an_archive_is_refused_unread(annotate, tmp_path: Path) -> None:
    """Opening it would wait for a writer that never comes: the run would hang."""
    pipe = tmp_path / "dump.jsonl"
    os.mkfifo(pipe)
    code, _, err = annotate(pipe, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{pipe}: not a regular file: not read"]


def test_stdin_from_a_terminal_says_how_to_end_the_article(annotate, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", Stdin(BRIDGE.encode("utf-8"), terminal=True))
    code, _, err = annotate("-", "-o", tmp_path / "out")
    assert code == 0, err
    assert err.splitlines()[0] == ("reading the article from the terminal: type or paste it, then Ctrl-D on a "
                                   "line of its own")
    monkeypatch.setattr(sys, "stdin", Stdin(BRIDGE.encode("utf-8")))  # a pipe or a file: nothing to say
    code, _, err = annotate("-", "-o", tmp_path / "out2")
    assert code == 0 and "Ctrl-D" not in err


def test_a_folder_that_cannot_be_read_is_one_line_and_one_failure(annotate, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """(Simulated: the tests may run as root, whom chmod 000 does not stop.)"""
    locked = tmp_path / "locked"
    write(locked, "a.txt", BRIDGE)
    good = write(tmp_path, "ferry.txt", FERRY)
    scandir = os.scandir

    def refusing(path):  # noqa: ANN001, ANN202
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(files.os, "scandir", refusing)
    code, _, err = annotate(locked, good, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{locked}: cannot read the folder: permission denied"]
    assert "1 failure" in err


def test_a_link_out_of_the_folder_is_followed_with_the_option_the_message_names(annotate, tmp_path: Path) -> None:
    elsewhere = write(tmp_path / "elsewhere", "bridge.txt", BRIDGE)
    folder = tmp_path / "in"
    write(folder, "ferry.txt", FERRY)
    (folder / "bridge.txt").symlink_to(elsewhere)
    code, _, err = annotate(folder, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{folder / 'bridge.txt'}: a link to outside the folder: not followed "
                                  "(--follow-links follows it)"]
    code, _, err = annotate(folder, "--follow-links", "-o", tmp_path / "out")
    assert code == 0, err
    assert BRIDGE_STORY in [p.name for p in outputs_in(tmp_path / "out")]


@pytest.mark.parametrize("name,content", [
    ("front-matter.md", "---\ntitle: A draft\n---\n"),
    ("headings.md", "#\n\n##\n"),
    ("comment.md", "<!-- to be written -->\n"),
    ("sources.txt", "Sources:\n- Reuters\n"),
])
@pytest.mark.parametrize("form", ["story", "brat", "stdout"])
def test_an_article_with_no_paragraph_is_refused_not_written_empty(annotate, tmp_path: Path, name: str,
                                                                   content: str, form: str) -> None:
    article = write(tmp_path / "in", name, content)
    output = {"story": ["-o", tmp_path / "out"], "brat": ["--format", "brat", "-o", tmp_path / "out"],
              "stdout": ["-o", "-"]}[form]
    code, out, err = annotate(article, *output)
    assert code == 1
    assert problem_lines(err) == [f"{article}: empty: no paragraph to annotate"]
    assert out == ""
    assert not (tmp_path / "out").exists() or outputs_in(tmp_path / "out") == []


def test_a_named_pipe_for_an_article_says_to_use_stdin(annotate, tmp_path: Path) -> None:
    """`annotate <(curl ...)` names a pipe, which is not read (with no writer it would block)."""
    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)
    code, _, err = annotate(pipe, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{pipe}: not a regular file (a named pipe): not read; to annotate what a command "
                                  "writes, pipe it: COMMAND | story-explorer annotate -"]


@pytest.mark.parametrize("content", [b"\xff\xfe not text", b"\xfe\xff\x00", b"\xff\xfe\x00\x00\x00"],
                         ids=["odd-length", "one-byte-after-the-mark", "not-whole-utf32"])
def test_binary_that_starts_like_a_byte_order_mark_is_not_called_utf16(annotate, tmp_path: Path,
                                                                       content: bytes) -> None:
    article = write(tmp_path, "scan.txt", content)
    code, _, err = annotate(article, "-o", tmp_path / "out")
    assert code == 1
    [line] = problem_lines(err)
    assert "UTF-16" not in line and "UTF-32" not in line
