"""Where `story-explorer annotate` writes, given careless or hostile output paths: every
problem is one line naming the path as the user typed it, nothing the user had is
overwritten without --force, and no line is broken by an odd file name."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from explorer.annotate.manifest import Manifest
from tests.annotate.test_annotate_cli import BRIDGE, FERRY, outputs_in, write
from tests.archive.conftest import problem_lines
from tests.hostile.conftest import annotate  # noqa: F401  (the fixture)


def test_an_output_file_under_a_file_is_not_said_to_exist(annotate, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "bridge.txt", BRIDGE)
    write(tmp_path, "notes", "a file, not a folder\n")
    for force in ([], ["--force"]):  # refused before the article is parsed (tests/hostile/test_annotate_hostile.py)
        code, _, err = annotate("bridge.txt", "-o", "notes/bridge.yaml", *force)
        assert code == 2
        assert problem_lines(err) == ["story-explorer annotate: cannot write into notes: is a file, not a folder"]
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "a file, not a folder\n"


def test_an_existing_output_file_is_named_as_typed(annotate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "bridge.txt", BRIDGE)
    write(tmp_path, "kept.yaml", "hand-corrected\n")
    code, _, err = annotate("bridge.txt", "-o", "kept.yaml")
    assert code == 1
    assert problem_lines(err) == ["bridge.txt: kept.yaml already exists (use --force to overwrite)"]
    assert (tmp_path / "kept.yaml").read_text(encoding="utf-8") == "hand-corrected\n"


def test_brat_files_beside_their_texts_are_named_as_typed(annotate, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "in/bridge.txt", BRIDGE)
    write(tmp_path, "in/ferry.txt", FERRY)
    write(tmp_path, "in/ferry.ann", "T1\tgold by hand\n")
    code, _, err = annotate("in/bridge.txt", "in/ferry.txt", "--format", "brat")
    assert code == 1
    assert problem_lines(err) == ["in/ferry.txt: in/ferry.ann already exists (use --force to overwrite)"]
    assert "wrote in/bridge.ann" in err.splitlines()
    assert (tmp_path / "in/ferry.ann").read_text(encoding="utf-8") == "T1\tgold by hand\n"


def test_a_name_taken_by_an_odd_file_name_is_said_on_one_line(annotate, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "a.txt", BRIDGE)
    write(folder, "b\nc.txt", BRIDGE)
    code, _, err = annotate(folder, "-o", tmp_path / "out")
    assert code == 0, err
    assert problem_lines(err) == [f"{folder}/b\\nc.txt: bridge-reopens-months-early.yaml is {folder}/a.txt's; "
                                  "written as bridge-reopens-months-early-2.yaml"]


@pytest.mark.parametrize("output,message", [
    ("one.yaml", "-o one.yaml is a file, which takes one article, but dump.jsonl holds many: give a folder"),
    ("-", "-o - writes one story to stdout, but dump.jsonl holds many: give a folder"),
])
def test_one_file_of_output_for_an_archive_says_why_not(annotate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        output: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "dump.jsonl", '{"id": "a", "text": "Bridge reopens\\n\\nIt did."}\n')
    code, _, err = annotate("dump.jsonl", "-o", output)
    assert code == 2
    assert err.splitlines() == [f"story-explorer annotate: {message}"]


def test_an_output_name_with_a_newline_stays_on_one_line(annotate, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.txt", BRIDGE)
    write(tmp_path, "b.txt", FERRY)
    code, _, err = annotate("a.txt", "b.txt", "-o", "new\nline.yaml")
    assert code == 2
    assert err.splitlines() == ["story-explorer annotate: -o new\\nline.yaml is a file, which takes one input; "
                                "give a folder for 2 inputs"]
    assert outputs_in(tmp_path) == sorted([tmp_path / "a.txt", tmp_path / "b.txt"])


def test_one_article_into_json_lines_shards(annotate, tmp_path: Path) -> None:
    article = write(tmp_path, "bridge.txt", BRIDGE)
    code, _, err = annotate(article, "--format", "jsonl", "-o", tmp_path / "out")
    assert code == 0, err
    assert [p.name for p in outputs_in(tmp_path / "out")] == ["stories-00000.jsonl"]


def test_a_shard_of_another_run_is_never_replaced_without_force(annotate, tmp_path: Path) -> None:
    first = [write(tmp_path, "bridge.txt", BRIDGE), write(tmp_path, "ferry.txt", FERRY)]
    other = write(tmp_path, "other.txt", BRIDGE.replace("Bridge reopens", "Tunnel opens"))
    out = tmp_path / "out"
    assert annotate(*first, "--format", "jsonl", "-o", out)[0] == 0
    kept = (out / "stories-00000.jsonl").read_bytes()
    code, _, err = annotate(other, "--format", "jsonl", "-o", out)
    assert code == 1
    assert problem_lines(err) == [f"story-explorer annotate: {out / 'stories-00000.jsonl'} already exists "
                                  "(use --force to overwrite)"]
    assert (out / "stories-00000.jsonl").read_bytes() == kept
    code, _, err = annotate(other, "--format", "jsonl", "-o", out, "--force")  # the same run: its stories were kept
    assert code == 0, err
    assert b"Tunnel opens" in (out / "stories-00000.jsonl").read_bytes()


def test_a_shard_a_run_joined_but_had_not_recorded_is_its_own(annotate, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash between renaming the joined shard into place and recording it: the run again
    finds the shard it would write, and takes it as written."""
    inputs = [write(tmp_path, "bridge.txt", BRIDGE), write(tmp_path, "ferry.txt", FERRY)]
    out = tmp_path / "out"

    def crash(*args: object) -> None:
        raise SystemExit("killed")

    with monkeypatch.context() as patched:
        patched.setattr(Manifest, "add_shard", crash)
        with pytest.raises(SystemExit):
            annotate(*inputs, "--format", "jsonl", "-o", out)
    joined = (out / "stories-00000.jsonl").read_bytes()
    code, _, err = annotate(*inputs, "--format", "jsonl", "-o", out)
    assert code == 0, err
    assert problem_lines(err) == []
    assert (out / "stories-00000.jsonl").read_bytes() == joined


def test_an_article_that_could_not_be_written_is_done_when_the_command_is_run_again(annotate, tmp_path: Path) -> None:
    """The user clears what stood in the way (a file of the same name, a full disk, a folder
    without write permission) and runs the same command again: it is not 'done'."""
    folder = tmp_path / "in"
    write(folder, "bridge.txt", BRIDGE)
    write(folder, "ferry.txt", FERRY)
    out = tmp_path / "out"
    blocker = write(out, "ferry-service-ends.yaml", "someone else's\n")
    code, _, err = annotate(folder, "-o", out)
    assert code == 1
    blocker.unlink()
    code, _, err = annotate(folder, "-o", out)
    assert code == 0, err
    assert [p.name for p in outputs_in(out)] == ["bridge-reopens-months-early.yaml", "ferry-service-ends.yaml"]


def test_an_input_that_cannot_be_read_is_not_read_again_unchanged(annotate, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "bridge.txt", BRIDGE)
    binary = write(folder, "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    out = tmp_path / "out"
    assert annotate(folder, "-o", out)[0] == 1
    code, _, err = annotate(folder, "-o", out)
    assert code == 1
    lines = err.splitlines()
    assert "annotated 0 stories" in err and "and 2 articles done by an earlier run of this command, 1 of them failed:" in lines
    # named once, as the earlier run left it (a rerun names what is still to mend), not read again
    assert [line for line in lines if str(binary) in line] == [
        f"  {binary}: binary file, not article text (it holds NUL bytes)"]


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_under_json_lines_shards_is_a_line_an_article_and_a_rerun_finishes(
        annotate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = [write(tmp_path, "bridge.txt", BRIDGE), write(tmp_path, "ferry.txt", FERRY)]
    out = tmp_path / "out"
    with monkeypatch.context() as full:
        full.setattr("explorer.annotate.archive.write_part", no_space)
        code, _, err = annotate(*inputs, "--format", "jsonl", "--batch-size", "1", "-o", out)
    assert code == 1
    assert problem_lines(err) == [f"{article}: cannot write its story: No space left on device" for article in inputs]
    code, _, err = annotate(*inputs, "--format", "jsonl", "--batch-size", "1", "-o", out)
    assert code == 0, err
    assert len((out / "stories-00000.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_a_shard_that_cannot_be_joined_is_a_line_and_a_rerun_joins_it(annotate, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = [write(tmp_path, "bridge.txt", BRIDGE), write(tmp_path, "ferry.txt", FERRY)]
    out = tmp_path / "out"
    with monkeypatch.context() as full:
        full.setattr("explorer.annotate.shards.shutil.copyfileobj", no_space)
        code, _, err = annotate(*inputs, "--format", "jsonl", "-o", out)
    assert code == 1
    assert problem_lines(err) == [f"story-explorer annotate: cannot write {out / 'stories-00000.jsonl'}: "
                                  "No space left on device"]
    assert outputs_in(out) == []
    code, _, err = annotate(*inputs, "--format", "jsonl", "-o", out)
    assert code == 0, err
    assert len((out / "stories-00000.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_a_rerun_names_at_most_ten_earlier_failures(annotate, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for number in range(12):
        write(folder, f"scan-{number:02d}.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    out = tmp_path / "out"
    assert annotate(folder, "-o", out)[0] == 1
    code, _, err = annotate(folder, "-o", out)
    assert code == 1
    lines = err.splitlines()
    named = [line for line in lines if line.startswith("  ") and "scan-" in line]
    assert len(named) == 10 and lines[lines.index(named[-1]) + 1] == "  … and 2 more"
