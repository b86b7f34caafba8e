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
import yaml

from explorer.index.rows import parse, parse_rows, story_rows
from explorer.storyfile import dump_story, load_story
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
    """The loader pauses the garbage collector while it composes; turned back on while the
    YAML nodes were still alive, its next pass went over all of them, for every file (a
    tenth of a load).  Loading a story, and parsing it for the index, drop the nodes first:
    no pass finds one among the objects it looks at."""
    path = tmp_path / "long.yaml"
    path.write_text(dump_story(make_story(300, 100, 10)), encoding="utf-8")
    nodes_seen: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            nodes_seen.append(sum(isinstance(thing, yaml.Node) for thing in gc.get_objects(info["generation"])))

    gc.collect()
    gc.callbacks.append(count)
    try:
        stories = [load_story(path) for _ in range(20)]  # (kept: passes come as objects pile up)
        parsed = [parse_rows(path) for _ in range(20)]
    finally:
        gc.callbacks.remove(count)
    assert len(stories[-1].quotes) == 100
    assert parsed[-1].error is None and parsed[-1].rows is not None and len(parsed[-1].rows.quotes) == 100
    assert nodes_seen and set(nodes_seen) == {0}


@pytest.mark.skipif(not hasattr(os, "SCHED_BATCH"), reason="Linux's scheduling policies")
def test_parsing_processes_run_as_batch_work_at_the_screens_priority() -> None:
    """Niced parsers got a third of a core each beside other busy programs, and the cold index
    took longer than parsing in one process; as batch work they keep their share."""
    probe = ("import os; from explorer.index.refresh import start_parsing_process as start; "
             "before = os.nice(0); start(); print(os.nice(0) - before, os.sched_getscheduler(0) == os.SCHED_BATCH)")
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["0", "True"]
