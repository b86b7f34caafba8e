"""`story-explorer annotate` given odd option values: refused in one line with exit
status 2, or taken in a form that cannot harm the machine, and said so."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from explorer.annotate import archive
from tests.annotate.test_annotate_cli import BRIDGE, FERRY, write
from tests.archive.conftest import problem_lines
from tests.hostile.conftest import annotate  # noqa: F401  (the fixture)


@pytest.mark.parametrize("value", ["nan", "-1"])
def test_a_time_budget_that_is_no_number_of_seconds_is_refused(annotate, tmp_path: Path, value: str) -> None:
    article = write(tmp_path, "bridge.txt", BRIDGE)
    code, _, err = annotate(article, "--time-budget", value, "-o", tmp_path / "out")
    assert code == 2
    assert err.splitlines() == [f"story-explorer annotate: --time-budget must be 0 or more, not {float(value):g}"]


def test_more_jobs_than_cpus_run_one_worker_a_cpu_and_say_so(annotate, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Each worker parses on a CPU of its own and holds its own parse in memory: a million
    of them on two CPUs would only wait for a CPU, and could take all the memory there is."""
    started: list[int] = []

    class Counting(archive.Supervisor):
        def __init__(self, run, jobs: int, *args) -> None:  # noqa: ANN001
            started.append(jobs)
            super().__init__(run, jobs, *args)

    monkeypatch.setattr(archive, "Supervisor", Counting)
    monkeypatch.setattr("explorer.annotate.options.usable_cpus", lambda: 2)
    inputs = [write(tmp_path, "bridge.txt", BRIDGE), write(tmp_path, "ferry.txt", FERRY)]
    code, _, err = annotate(*inputs, "--jobs", "1000000", "-o", tmp_path / "out")
    assert code == 0, err
    assert problem_lines(err) == ["story-explorer annotate: --jobs 1,000,000 is more than the 2 CPUs here: "
                                  "running 2 worker processes"]
    assert started == [2]


@pytest.mark.parametrize("folder", ["new\nline", "it's \x1b[31mred"])
def test_the_command_that_opens_the_story_opens_it_whatever_its_name(annotate, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      folder: str) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "bridge.txt", BRIDGE)
    code, _, err = annotate("bridge.txt", "-o", folder)
    assert code == 0, err
    [line] = [line for line in err.splitlines() if line.startswith("open it with: ")]
    assert line.isprintable()
    command = line.removeprefix("open it with: ")
    assert command.startswith("story-explorer ")
    named = subprocess.run(["bash", "-c", f"printf %s {command.removeprefix('story-explorer ')}"],
                           capture_output=True, check=True).stdout.decode("utf-8")
    assert named == f"{folder}/bridge-reopens-months-early.yaml"


@pytest.mark.parametrize("argv", [["", "IN"], ["IN", "-o", ""]], ids=["input", "output"])
def test_an_empty_name_is_refused_not_taken_for_the_current_folder(annotate, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  argv: list[str]) -> None:
    """`annotate "$ARTICLE"` with the variable unset annotated every article under the current
    folder, and `-o "$OUT"` wrote into it."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "bridge.txt", BRIDGE)
    code, _, err = annotate(*["bridge.txt" if arg == "IN" else arg for arg in argv])
    assert code == 2
    what = "INPUT" if argv[0] == "" else "-o"
    assert err.splitlines() == [f"story-explorer annotate: an empty {what} names no file or folder"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bridge.txt"]


def test_a_local_cluster_of_more_workers_than_cpus_is_held_to_the_cpus(annotate, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.annotate import cluster
    from explorer.annotate.pipeline import AnnotateError

    asked: list[str] = []

    def started(address: str, *args: object) -> None:
        asked.append(address)
        raise AnnotateError("no cluster in this test")

    monkeypatch.setattr(cluster, "ClusterExecutor", started)
    monkeypatch.setattr("explorer.annotate.options.usable_cpus", lambda: 2)
    code, _, err = annotate(write(tmp_path, "bridge.txt", BRIDGE), "--scheduler", "local:500", "-o", tmp_path / "out")
    assert code == 1
    assert err.splitlines()[0] == ("story-explorer annotate: --scheduler local:500 is more than the 2 CPUs here: "
                                   "running 2 worker processes")
    assert asked == ["local:2"]


def test_an_archive_named_with_a_newline_stays_on_one_line_in_usage_errors(annotate, tmp_path: Path) -> None:
    archive_file = write(tmp_path, "two\nlines.jsonl", '{"id": "a", "text": "Bridge reopens\\n\\nIt did."}\n')
    for option in (["--title", "T"], ["--format", "brat"]):
        code, _, err = annotate(archive_file, *option, "-o", tmp_path / "out")
        assert code == 2
        assert len(err.splitlines()) == 1 and "two\\nlines.jsonl" in err
