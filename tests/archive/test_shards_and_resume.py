"""`--format jsonl` shards, and runs that go on where an interrupted one stopped: a run killed
half way and run again gives what a run never interrupted gives, having done only the rest."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
from pathlib import Path

import pytest

from explorer.annotate.manifest import RECORDS
from explorer.storyfile import load_story, story_to_data
from tests.archive.conftest import (
    archive,
    article_text,
    command,
    manifest_batches,
    problem_lines,
    processes_naming,
    tree,
    wait_for,
    write_jsonl,
)


def shard_lines(folder: Path) -> dict[str, list[dict]]:
    return {name: [json.loads(line) for line in content.decode("utf-8").splitlines()]
            for name, content in tree(folder).items()}


def test_jsonl_shards_hold_the_stories_in_input_order(annotate, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "dump.jsonl", [
        *({"id": f"a{n}", "text": article_text(n)} for n in range(4)), "{bad",
        *({"id": f"a{n}", "text": article_text(n)} for n in range(5, 7))])
    code, _, err = annotate(source, "--format", "jsonl", "--shard-size", "3", "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{source}:5: not JSON: Expecting property name enclosed in double quotes (column 2)"]
    shards = shard_lines(tmp_path / "out")
    assert {name: [row["id"] for row in rows] for name, rows in shards.items()} == {
        "stories-00000.jsonl": ["a0", "a1", "a2"], "stories-00001.jsonl": ["a3", "a5"], "stories-00002.jsonl": ["a6"]}
    assert "wrote 3 shards into" in err and "stories-00000.jsonl, stories-00001.jsonl, stories-00002.jsonl" in err
    assert not list((tmp_path / "out" / RECORDS).glob("parts-*/*"))  # the parts are joined and gone
    # A line is the story model as JSON: the same as the story file of the same article.
    assert annotate(source, "-o", tmp_path / "yaml")[0] == 1
    row = shards["stories-00000.jsonl"][1]
    assert row == {"id": "a1", **story_to_data(load_story(tmp_path / "yaml" / "a1.yaml"))}
    assert [q["text"] for q in row["quotes"] if q["kind"] == "direct"] == ["We are ready for bridge 1,"]


def test_one_process_and_two_give_the_same_shards(annotate, tmp_path: Path) -> None:
    source = archive(tmp_path / "dump.jsonl", 9)
    for jobs, out in (("1", "one"), ("2", "two")):
        assert annotate(source, "--format", "jsonl", "--shard-size", "4", "--batch-size", "3", "--jobs", jobs,
                        "-o", tmp_path / out)[0] == 0
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert sorted(tree(tmp_path / "one")) == ["stories-00000.jsonl", "stories-00001.jsonl", "stories-00002.jsonl"]


def test_the_same_command_again_does_nothing_and_says_so(annotate, tmp_path: Path) -> None:
    source = archive(tmp_path / "dump.jsonl", 3)
    assert annotate(source, "-o", tmp_path / "out")[0] == 0
    before = tree(tmp_path / "out")
    code, _, err = annotate(source, "-o", tmp_path / "out")
    assert code == 0, err
    assert err.splitlines() == [
        "resuming: an earlier run of this command finished 3 articles; those unchanged since are skipped",
        "annotated 0 stories: 0 quotes, 0 speakers; 0 failures",
        "and 3 articles done by an earlier run of this command",
        f"open them with: story-explorer {tmp_path / 'out'}",
    ]
    assert tree(tmp_path / "out") == before


def test_a_changed_line_is_done_again_and_a_new_one_added(annotate, tmp_path: Path) -> None:
    source = archive(tmp_path / "dump.jsonl", 4)
    assert annotate(source, "-o", tmp_path / "out", "--batch-size", "2", "--force")[0] == 0
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[3] = json.dumps({"id": "a3", "text": article_text(3, words=" at last")})
    source.write_text("\n".join(lines) + "\n" + json.dumps({"id": "a4", "text": article_text(4)}) + "\n",
                      encoding="utf-8")
    code, _, err = annotate(source, "-o", tmp_path / "out", "--batch-size", "2", "--force")
    assert code == 0, err
    assert "annotated 3 stories" in err and "and 2 articles done by an earlier run" in err  # a2, a3 (its batch), a4
    assert "at last" in load_story(tmp_path / "out" / "a3.yaml").paragraphs[0].text


@pytest.mark.parametrize("form", ["story", "jsonl"])
def test_a_run_killed_half_way_then_run_again_equals_a_run_never_interrupted(annotate, tmp_path: Path,
                                                                               form: str) -> None:
    count = 40
    source = archive(tmp_path / "dump.jsonl", count)
    options = ["--format", form, "--shard-size", "7", "--batch-size", "1"]
    assert annotate(source, *options, "-o", tmp_path / "whole")[0] == 0

    out = tmp_path / "interrupted"
    run = command(source, *options, "--jobs", "2", "-o", out, cwd=tmp_path)
    wait_for(lambda: manifest_batches(out) >= count // 4, run)
    run.send_signal(signal.SIGKILL)  # a crash: no chance to clean up
    run.communicate(timeout=60)
    wait_for_none = processes_naming(str(out))
    assert wait_for_none == [] or all(not Path(f"/proc/{pid}/cmdline").exists() for pid in wait_for_none)

    code, _, err = annotate(source, *options, "-o", out)
    assert code == 0, err
    done_before = int(re.search(r"and (\d+) articles done by an earlier run", err)[1])
    assert count // 4 <= done_before < count
    left = int(re.search(r"annotated (\d+) stor", err)[1]) if form == "story" else None
    if left is not None:
        assert left == count - done_before  # only what was left (an article written but not recorded counts here)
    assert tree(out) == tree(tmp_path / "whole")


def test_a_changed_line_in_a_joined_shard_gives_the_shard_a_fresh_run_gives(annotate, tmp_path: Path) -> None:
    source = archive(tmp_path / "dump.jsonl", 7)
    options = ["--format", "jsonl", "--shard-size", "3", "--batch-size", "1"]
    assert annotate(source, *options, "-o", tmp_path / "out")[0] == 0
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[1] = json.dumps({"id": "a1", "text": article_text(1, words=" at last")})
    lines[4] = "{broken now"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = annotate(source, *options, "-o", tmp_path / "out")
    assert code == 1 and "annotated 1 story" in err, err
    assert annotate(source, *options, "-o", tmp_path / "fresh")[0] == 1
    assert tree(tmp_path / "out") == tree(tmp_path / "fresh")
    assert "at last" in (tmp_path / "out" / "stories-00000.jsonl").read_text(encoding="utf-8")


def test_shards_get_the_mode_of_a_new_file(annotate, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert annotate(archive(tmp_path / "dump.jsonl", 2), "--format", "jsonl", "-o", tmp_path / "out")[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out" / "stories-00000.jsonl").stat().st_mode) == 0o640


def test_what_a_killed_write_left_is_removed_when_its_article_is_done_again(annotate, tmp_path: Path) -> None:
    """A run killed mid-write (SIGKILL: no clean-up runs) leaves `.NAME.XXXXXX.tmp`; the run
    that writes NAME again removes it, and leaves other hidden files alone."""
    source = archive(tmp_path / "dump.jsonl", 3)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".a1.yaml.1a2b3c4d.tmp").write_text("format: 1\ntitle: half writ", encoding="utf-8")
    (out / ".notes.tmp").write_text("someone else's", encoding="utf-8")
    assert annotate(source, "-o", out)[0] == 0
    assert sorted(tree(out)) == [".notes.tmp", "a0.yaml", "a1.yaml", "a2.yaml"]
