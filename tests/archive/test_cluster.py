"""`annotate --scheduler` on Dask distributed: the same stories as one process and two, the model
loaded once per worker, failures reported as on one machine; and Dask never imported without
`--scheduler`.  The cluster tests need the optional [cluster] extra (CI installs it); they are
skipped, saying so, where it is absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.archive.conftest import ROOT, article_text, problem_lines, tree, write_jsonl

NO_DASK = "Dask is the optional [cluster] extra, not installed here: pip install -e '.[cluster]'"


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster of two worker processes on this machine, and a client to ask its workers."""
    distributed = pytest.importorskip("distributed", reason=NO_DASK)
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as local, distributed.Client(local) as client:
        yield local.scheduler_address, client


def mixed_input(folder: Path) -> list[Path]:
    """A JSON Lines archive with a bad line, and two text articles, one of them Markdown."""
    folder.mkdir()
    records: list[dict | str] = [{"id": f"a{n}", "text": article_text(n)} for n in range(7)]
    records.insert(3, "{bad")
    (folder / "b.txt").write_text(article_text(20), encoding="utf-8")
    (folder / "c.md").write_text("# Ferry service *ends*\n\n" + article_text(21), encoding="utf-8")
    return [write_jsonl(folder / "dump.jsonl", records), folder / "b.txt", folder / "c.md"]


def test_one_process_two_and_a_dask_cluster_write_the_same_stories(annotate, cluster, tmp_path: Path) -> None:
    address, client = cluster
    inputs = mixed_input(tmp_path / "in")
    runs = {"one": ["--jobs", "1"], "two": ["--jobs", "2"], "cluster": ["--scheduler", address],
            "own-cluster": ["--scheduler", "local:2"]}
    errors = {}
    for name, where in runs.items():
        code, _, err = annotate(*inputs, *where, "--batch-size", "1", "-o", tmp_path / name)
        assert code == 1, err
        errors[name] = problem_lines(err)
        assert "annotated 9 stories" in err, err
    first = tree(tmp_path / "one")
    assert len(first) == 9
    for name in runs:
        assert tree(tmp_path / name) == first, name
        assert errors[name] == [
            f"{inputs[0]}:4: not JSON: Expecting property name enclosed in double quotes (column 2)"], name
    # Each batch of one article was a task: ten tasks on two workers, which loaded the model once each.
    from explorer.annotate.cluster import model_loads

    assert sorted(client.run(model_loads).values()) == [1, 1]


def test_jsonl_shards_from_a_cluster_are_those_of_one_process(annotate, cluster, tmp_path: Path) -> None:
    address, _client = cluster
    source = write_jsonl(tmp_path / "dump.jsonl", [{"id": f"a{n}", "text": article_text(n)} for n in range(8)])
    for name, where in (("one", ["--jobs", "1"]), ("cluster", ["--scheduler", address])):
        code, _, err = annotate(source, *where, "--format", "jsonl", "--shard-size", "3", "--batch-size", "2",
                                "-o", tmp_path / name)
        assert code == 0, err
    assert tree(tmp_path / "cluster") == tree(tmp_path / "one")
    assert [json.loads(line)["id"] for line in (tmp_path / "cluster" / "stories-00002.jsonl").read_text().splitlines()] \
        == ["a6", "a7"]


def test_without_dask_the_scheduler_option_says_what_to_install(annotate, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    monkeypatch.delitem(sys.modules, "explorer.annotate.cluster", raising=False)
    source = write_jsonl(tmp_path / "dump.jsonl", [{"id": "a", "text": article_text(1)}])
    code, _, err = annotate(source, "--scheduler", "local:2", "-o", tmp_path / "out")
    assert (code, err) == (1, "story-explorer annotate: --scheduler runs on Dask, which is not installed: "
                              "pip install 'story-explorer[cluster]'\n")


def test_without_the_scheduler_option_nothing_of_dask_is_imported(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "dump.jsonl", [{"id": "a", "text": article_text(1)}])
    probe = ("import sys; from explorer.cli import main; "
             f"code = main(['annotate', {str(source)!r}, '--jobs', '2', '-o', {str(tmp_path / 'out')!r}]); "
             "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert result.stdout == "0 []\n", result.stderr


#: A batch's child on a worker, started as Dask's nanny starts workers (MALLOC_TRIM_THRESHOLD_ set),
#: copying a megabyte 200 times; it says how many page faults that took.  With the threshold set,
#: glibc maps every block over 128 KB afresh and faults on each of its 256 pages.
CHURN = """
import resource, sys
from explorer.annotate import cluster
from explorer.annotate.batch import Outcome
from explorer.annotate.inputs import ArticleItem
from explorer.annotate.outputs import WriteSettings
from explorer.annotate.workers import Batch

def churn(nlp, items, settings, send, alone):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    block = b"x" * (1 << 20)
    for _ in range(200):
        block = block[:-1] + b"y"
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    send(("done", Outcome(items[0].ordinal, problem=str(faults))))

cluster.annotate_articles = churn
cluster._PIPELINES["model"] = object()
batch = Batch(0, [ArticleItem(0, "a", text="x")])
settings = WriteSettings("story", False, None, True)
[kept] = cluster.annotate_batch_task("model", batch, settings, 0, None)[0]
cluster.keep_freed_memory = lambda: None
[trimmed] = cluster.annotate_batch_task("model", batch, settings, 0, None)[0]
print(kept.problem, trimmed.problem)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc settings: Linux only")
def test_a_batch_on_a_dask_worker_reuses_the_memory_it_frees() -> None:
    """Dask's nanny starts every worker with MALLOC_TRIM_THRESHOLD_=65536, which makes every large
    block of the parse a fresh mapping, zero-filled page by page (a tenth more CPU, measured):
    the batch's child sets malloc back to reusing what it frees.  Counted in page faults."""
    pytest.importorskip("distributed", reason=NO_DASK)
    result = subprocess.run([sys.executable, "-c", CHURN], capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(ROOT), "PATH": "", "MALLOC_TRIM_THRESHOLD_": "65536"})
    kept, trimmed = map(int, result.stdout.split())
    assert trimmed > 200 * 200, result.stderr  # the cost: a fault for (nearly) every page copied
    assert kept < 2_000, result.stderr


def test_a_cluster_of_our_own_has_one_thread_a_worker_and_its_periodic_work_slowed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`--scheduler local:N` starts N single-thread workers without Dask's profiler (it samples the
    task thread, which only waits for the batch's child process) and with the loops' health check
    and the monitors run less often: on 2 cores they ran beside the parse (5% of the cores)."""
    pytest.importorskip("distributed", reason=NO_DASK)
    import dask.config

    from explorer.annotate import cluster
    from explorer.annotate.outputs import WriteSettings
    from explorer.annotate.pipeline import AnnotateError

    names = ("distributed.worker.profile.enabled", "distributed.admin.tick.interval",
             "distributed.worker.memory.monitor-interval", "distributed.admin.system-monitor.interval")
    started: dict = {}

    class Recorded:
        def __init__(self, **options) -> None:
            started.update(options, settings=[dask.config.get(name) for name in names])
            raise OSError("not started")

    monkeypatch.setattr(cluster, "LocalCluster", Recorded)
    executor = cluster.ClusterExecutor("local:3", "model", WriteSettings("story", False, None, True), 0)
    with pytest.raises(AnnotateError, match="cannot use the cluster: OSError: not started"):
        list(executor.results(iter([])))
    assert (started["n_workers"], started["threads_per_worker"]) == (3, 1)
    assert started["settings"] == [False, "1s", "1s", "5s"]
    assert [dask.config.get(name) for name in names] == [True, "20ms", "100ms", "500ms"]  # the cluster's alone
