"""Stopping a run and its workers: Ctrl-C (at the terminal, or `kill -INT` to the command
alone) with `--jobs 2` prints one line, stops every worker, leaves no partial file and exits
130; an article over its time budget, or whose worker dies, is reported and skipped while the
rest of the batch goes on.  The Ctrl-C tests drive the real command in its own process."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from explorer.storyfile import load_story
from tests.archive.conftest import archive, article_text, command, problem_lines, processes_naming, tree, wait_for, \
    write_jsonl

INTERRUPTED = "story-explorer annotate: interrupted; the same command goes on where this one stopped"


@pytest.mark.parametrize("whom", ["the terminal's process group", "the command alone"])
def test_ctrl_c_with_two_jobs_stops_everything_with_one_line_and_status_130(tmp_path: Path, whom: str) -> None:
    source = archive(tmp_path / "dump.jsonl", 300)
    out = tmp_path / "out"
    run = command(source, "--jobs", "2", "--batch-size", "1", "-o", out, cwd=tmp_path)
    # Four stories written whole: a temporary file being written counts for nothing (a
    # stopped run removes it; counted, it made the run look one story further than it was).
    wait_for(lambda: out.exists() and len([name for name in tree(out) if not name.endswith(".tmp")]) >= 4, run)
    if whom == "the command alone":
        os.kill(run.pid, signal.SIGINT)
    else:
        os.killpg(run.pid, signal.SIGINT)
    stdout, stderr = run.communicate(timeout=60)
    assert (run.returncode, stdout, stderr) == (130, "", INTERRUPTED + "\n")
    written = tree(out)
    assert 4 <= len(written) < 300
    assert not [path for path in out.rglob("*") if path.name.endswith(".tmp")]  # no partial file
    for name in written:
        assert load_story(out / name).quotes
    end = time.monotonic() + 30  # the workers are forks of the command: the same command line
    while processes_naming(str(out)) and time.monotonic() < end:
        time.sleep(0.05)
    assert processes_naming(str(out)) == []


def _stall_on(marker: str, *, die: bool = False):  # noqa: ANN202
    """An extract that never returns (or kills its own process) on the article holding `marker`.
    The stall blocks SIGTERM, as parsing in native code does: the worker must be killed."""
    from explorer.annotate import extract as extract_module

    real = extract_module.extract

    def extract(doc, paragraphs):  # noqa: ANN001, ANN202
        if marker in doc.text:
            if die:
                os.kill(os.getpid(), signal.SIGKILL)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
            while True:
                pass
        return real(doc, paragraphs)

    return extract


def test_an_article_over_its_time_budget_is_reported_and_the_rest_of_its_batch_goes_on(
        annotate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"id": f"a{n}", "text": article_text(n)} for n in range(6)]
    records[2]["text"] = article_text(2, words=" (STALLS HERE)")
    source = write_jsonl(tmp_path / "dump.jsonl", records)
    monkeypatch.setattr("explorer.annotate.extract.extract", _stall_on("STALLS HERE"))
    code, _, err = annotate(source, "--time-budget", "2", "--batch-size", "6", "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [
        f"{source}:3: took longer than the time budget (2 s): skipped (--time-budget sets it)"]
    assert sorted(tree(tmp_path / "out")) == ["a0.yaml", "a1.yaml", "a3.yaml", "a4.yaml", "a5.yaml"]
    assert not [path for path in (tmp_path / "out").rglob("*") if path.name.endswith(".tmp")]


def test_an_article_whose_worker_dies_is_reported_and_the_rest_go_on(annotate, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"id": f"a{n}", "text": article_text(n)} for n in range(4)]
    records[1]["text"] = article_text(1, words=" (DIES HERE)")
    source = write_jsonl(tmp_path / "dump.jsonl", records)
    monkeypatch.setattr("explorer.annotate.extract.extract", _stall_on("DIES HERE", die=True))
    code, _, err = annotate(source, "--batch-size", "4", "--jobs", "2", "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [
        f"{source}:2: the annotator's process was killed by signal 9 (out of memory?): skipped"]
    assert sorted(tree(tmp_path / "out")) == ["a0.yaml", "a2.yaml", "a3.yaml"]


def test_no_time_budget_is_zero(annotate, tmp_path: Path) -> None:
    code, _, err = annotate(archive(tmp_path / "dump.jsonl", 2), "--time-budget", "0", "-o", tmp_path / "out")
    assert code == 0, err
    assert sorted(tree(tmp_path / "out")) == ["a0.yaml", "a1.yaml"]


def test_a_worker_that_dies_between_two_articles_costs_neither(tmp_path: Path) -> None:
    """The worker finished one article and died before it began the next: nobody is blamed,
    the next goes again alone (the supervisor on its own, with a stand-in for the annotator)."""
    from explorer.annotate.batch import Outcome
    from explorer.annotate.inputs import ArticleItem
    from explorer.annotate.workers import Batch, Supervisor

    marker = tmp_path / "died"

    def run(items, alone, send):  # noqa: ANN001, ANN202
        for item in items:
            send(("begin", [item.ordinal]))
            send(("done", Outcome(item.ordinal, written=True)))
            if not marker.exists():
                marker.touch()
                os._exit(3)

    batch = Batch(0, [ArticleItem(n, f"a{n}") for n in range(3)])
    [(_, outcomes)] = list(Supervisor(run, 1, 0).results(iter([batch])))
    assert [(o.ordinal, o.written, o.problem) for o in outcomes] == [(0, True, None), (1, True, None), (2, True, None)]
