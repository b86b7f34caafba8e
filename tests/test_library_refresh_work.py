"""The work a refresh of the library's index does to parse a file, counted: what crosses
from its parsing processes to the writing one, the garbage collector's passes, and how
the parsing processes are scheduled."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.index.rows import parse, parse_rows, story_rows
from explorer.storyfile import dump_story
from tests.bench.make_corpus import make_sample_library, make_story


def test_the_parsing_processes_send_the_rows_not_the_story(tmp_path: Path) -> None:
    """What a parsing process sends the writer is the story's rows, made where it was parsed
    (a `Story`, paragraphs and all, took 7 times as long to unpickle): the same rows as the
    writer makes from a story parsed in its own process."""
    for path in make_sample_library(tmp_path):
        sent = parse_rows(path)
        assert sent.story is None and sent.rows is not None
        assert sent.rows == story_rows(parse(path), path.name)
        assert (sent.error is None) == (path.name != "broken-story.yaml")


def test_the_garbage_collector_does_not_pass_over_a_files_yaml_nodes(tmp_path: Path) -> None:
    """The loader pauses the garbage collector while it composes, and turning it back on
    while the YAML nodes are still alive made a collection over all of them for every file
    (a tenth of the parse).  Parsing for the index keeps it off until they are freed."""
    path = tmp_path / "long.yaml"
    path.write_text(dump_story(make_story(300, 100, 10)), encoding="utf-8")
    passes: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            passes.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        parse(path)
        by_the_loader_alone = len(passes)
        passes.clear()
        parsed = parse_rows(path)
    finally:
        gc.callbacks.remove(count)
    assert parsed.error is None and parsed.rows is not None and len(parsed.rows.quotes) == 100
    assert by_the_loader_alone >= 1  # (what this test guards against still happens there)
    assert passes == []


@pytest.mark.skipif(not hasattr(os, "SCHED_BATCH"), reason="Linux's scheduling policies")
def test_parsing_processes_run_as_batch_work_at_the_screens_priority() -> None:
    """Niced parsers got a third of a core each beside other busy programs, and the cold index
    took longer than parsing in one process; as batch work they keep their share."""
    probe = ("import os; from explorer.index.refresh import start_parsing_process as start; "
             "before = os.nice(0); start(); print(os.nice(0) - before, os.sched_getscheduler(0) == os.SCHED_BATCH)")
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["0", "True"]
