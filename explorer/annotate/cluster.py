"""`annotate --scheduler`: the batches as tasks on a Dask distributed cluster.

`--scheduler tcp://host:8786` connects to a running scheduler; `--scheduler
local:N` starts a cluster of N worker processes on this machine for the run
(one thread each: a batch is CPU work).  Dask is an optional extra (`pip
install "story-explorer[cluster]"`); this module is the only one that
imports it, and only a run with `--scheduler` imports this module.

- **The model is loaded once per worker**, by a worker plugin when the worker
  joins (and kept for every later task), never per task, never pickled: a
  task names the model, and the worker looks up its own copy.
- **A batch is a task**: the command reads the inputs, names every output, and
  sends each batch (its texts, not file paths: the workers need not see the
  inputs) with only a bounded number in flight, so that memory stays flat.
- **The workers write the results** (story files, or a JSON Lines part) into
  the output folder, which must be the same path on every worker (a shared
  file system) -- the command turns `-o` into an absolute path for them.  On
  the worker, each batch runs in a child process held to the time budget as
  on one machine (`explorer.annotate.workers`), with malloc set back to
  reusing what it frees (`keep_freed_memory`).
- **Progress and failures come back**: each finished task returns the outcome
  of each of its articles, shown and recorded by the command as its own.  A
  task that fails as a whole (a worker lost) fails its articles, each with
  one line, and the run goes on.
"""

from __future__ import annotations

import ctypes
import logging
import sys
import time
import uuid
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import dask.config
from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from explorer.annotate.batch import Outcome, annotate_articles, warm_up
from explorer.annotate.outputs import WriteSettings
from explorer.annotate.pipeline import AnnotateError
from explorer.annotate.shards import write_part
from explorer.annotate.workers import POLL, Batch, CtrlC, Supervisor, remove_temporaries, without_stale_temporaries

#: Tasks in flight per worker thread: one running, one waiting to start.
TASKS_PER_THREAD = 2

#: Dask settings for a cluster the command starts itself (`local:N`): the cluster's own
#: periodic work runs beside the parse on the same cores.  Dask's profiler samples each
#: worker's task thread a hundred times a second, and here that thread only waits for the
#: batch's child process; the event loops' health check runs every 20 ms, the memory and
#: system monitors (psutil) every 100 and 500 ms.  Measured on an idle cluster of 2, in
#: 10 s: 0.5 s of CPU in the command's process (scheduler, nannies) and 0.33 s in each
#: worker with Dask's settings, 0.1 s and 0.04 s with these -- some 5% of two cores given
#: back.  A blocked loop is still reported (after 3 s), memory still watched every second.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}

#: glibc's `mallopt` parameters, and the ceiling of glibc's own adaptive mmap threshold (64-bit).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD_MAX = 32 * 1024 * 1024

#: Model name -> the pipeline this worker process loaded.
_PIPELINES: dict[str, Any] = {}
#: How many times this process loaded a model (one per model, in a worker).
LOADS = 0


def worker_pipeline(model: str):  # noqa: ANN201
    """The pipeline `model` in this process, loaded on first use only."""
    global LOADS
    nlp = _PIPELINES.get(model)
    if nlp is None:
        from explorer.annotate.pipeline import load_pipeline

        nlp = _PIPELINES[model] = load_pipeline(model)
        LOADS += 1
        warm_up(nlp)
    return nlp


def model_loads() -> int:
    """How many times this worker process loaded a model (asked of each worker by the tests)."""
    return LOADS


class PipelinePlugin(WorkerPlugin):
    """Loads the model on each worker as it joins the cluster."""

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker) -> None:  # noqa: ANN001
        worker_pipeline(self.model)


def annotate_batch_task(model: str, batch: Batch, settings: WriteSettings, budget: float,
                        parts: str | None) -> tuple[list[Outcome], str | None]:
    """A task: annotate `batch` on this worker, write its outputs; the outcomes."""
    nlp = worker_pipeline(model)
    supervisor = Supervisor(partial(_run, nlp, settings), 1, budget, settings.folder)
    [(_, outcomes)] = list(supervisor.results(iter([batch])))
    part = write_part(Path(parts), batch.first, outcomes) if settings.form == "jsonl" and parts else None
    return outcomes, part


def _run(nlp, settings: WriteSettings, items, alone, send) -> None:  # noqa: ANN001
    keep_freed_memory()
    annotate_articles(nlp, items, settings, send, alone)


def keep_freed_memory() -> None:
    """In a batch's child process on a worker: let malloc keep and reuse the memory it frees.

    Dask's nanny starts every worker with `MALLOC_TRIM_THRESHOLD_=65536`, so that a
    long-lived worker hands freed memory back to the system.  Setting it also stops glibc
    from raising its mmap threshold as it otherwise does, so every block over 128 KB that
    the parse allocates is a fresh mapping, zero-filled page by page, and unmapped again
    when freed: measured on 40 PolNeAR articles, 300,000 page faults instead of 35,000 and
    about a tenth more CPU than the same batch forked from the command.  The child lives
    for one batch and its memory goes with it, so it gains nothing by trimming: both
    thresholds are set to where glibc's adaptive setting would take them.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # a C library without mallopt
        return
    mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_MAX)
    mallopt(_M_TRIM_THRESHOLD, 2 * _MMAP_THRESHOLD_MAX)


class ClusterExecutor:
    """Batches run as Dask tasks (see the module docstring)."""

    def __init__(self, scheduler: str, model: str, settings: WriteSettings, budget: float) -> None:
        self.scheduler = scheduler
        self.model = model
        self.settings = settings
        self.budget = budget
        self.parts: Path | None = None
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self.in_flight: dict[Any, Batch] = {}
        #: Task keys are unique on a cluster that several runs share.
        self.token = uuid.uuid4().hex[:12]

    def _connect(self) -> Client:
        kind, _, count = self.scheduler.partition(":")
        if kind == "local":
            with dask.config.set(LOCAL_CLUSTER_CONFIG):  # the workers take the settings when they start
                self.cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                                            dashboard_address=":0",  # any free port: 8787 may be taken
                                            silence_logs=logging.ERROR)
            client = Client(self.cluster)
        else:
            client = Client(self.scheduler, timeout="20s")
        client.register_plugin(PipelinePlugin(self.model), name="story-explorer-pipeline")
        return client

    def results(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[Outcome], str | None]]:
        try:
            self.client = client = self._connect()
        except (OSError, TimeoutError, ValueError, ImportError, RuntimeError) as error:
            raise AnnotateError(f"--scheduler {self.scheduler}: cannot use the cluster: "
                                f"{type(error).__name__}: {error}") from None
        limit = max(1, TASKS_PER_THREAD * sum(client.nthreads().values()))
        batches = without_stale_temporaries(self.settings.folder, batches)
        parts = None if self.parts is None else str(self.parts)
        finished = as_completed()

        def submit() -> bool:
            batch = next(batches, None)
            if batch is None:
                return False
            future = client.submit(annotate_batch_task, self.model, batch, self.settings, self.budget, parts,
                                   pure=False, key=f"annotate-{self.token}-{batch.first}")
            self.in_flight[future] = batch
            finished.add(future)
            return True

        while len(self.in_flight) < limit and submit():
            pass
        with CtrlC():
            while self.in_flight:
                CtrlC.raise_if_pressed()
                if not finished.has_ready():
                    time.sleep(POLL)
                    continue
                for future in finished.next_batch(block=False):
                    batch = self.in_flight.pop(future)
                    try:
                        outcomes, part = future.result()
                    except Exception as error:  # the task as a whole: a worker lost, a result that cannot come back
                        problem = f"the Dask task failed: {type(error).__name__}: {error}"
                        outcomes, part = [Outcome(item.ordinal, problem=problem) for item in batch.items], None
                    future.release()
                    yield batch, outcomes, part
                    submit()

    def close(self) -> None:
        """Cancel what is still in flight, leave the cluster (stop it, if it is ours),
        and remove what a stopped write may have left."""
        try:
            if self.client is not None:
                self.client.cancel(list(self.in_flight))
                self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
        for batch in self.in_flight.values():
            remove_temporaries(self.settings.folder, batch.items)
        self.in_flight.clear()
