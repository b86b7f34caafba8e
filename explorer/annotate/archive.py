"""One run of `annotate`: articles streamed from the inputs, named in input order,
cut into batches, annotated by local worker processes or on a Dask cluster,
and recorded as each batch finishes.

The command reads the inputs (one article at a time), decides every file
name, and keeps the manifest; the workers parse, extract and write.  Only a
bounded number of batches is in flight at once, so memory stays flat however
long the input.  A batch that an earlier run of the same command finished
(the manifest says so, and what is read for it has not changed) is skipped:
its names are taken again from the record, so that every later article gets
the name it would have had in a run never interrupted.  A batch with an
article that failed for a reason other than its input (a file in the way, a
full disk) is done again: the user may have cleared the cause.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from explorer.annotate.batch import Outcome, annotate_articles, warm_up
from explorer.annotate.articles import iter_articles
from explorer.annotate.inputs import MODEL_MAX_CHARS, ArticleInput, ArticleItem, Fields
from explorer.annotate.manifest import Manifest, batch_digest
from explorer.annotate.outputs import OutputPlan, WriteSettings
from explorer.annotate.progress import Progress
from explorer.annotate.shards import DEFAULT_SHARD_SIZE, Shards, parts_folder, write_part
from explorer.annotate.workers import Batch, Supervisor
from explorer.files import os_error_message, shown_path

#: Seconds one article may take without `--time-budget`: a long legitimate article
#: (the model's limit is 1,000,000 characters) takes about half a minute on one core.
DEFAULT_TIME_BUDGET = 60.0
#: Articles per batch at most without `--batch-size`; fewer when a short list of
#: files would otherwise leave workers idle.  Each batch's process starts with
#: spaCy's caches as the model left them (the words and lemmas a parse adds die
#: with it), which cost about 0.3 s a batch again: 32 a batch was 2 s of 44 for
#: 300 articles.  A multiple of `batch.BATCH_SIZE`, so that `nlp.pipe` sees the same groups.
MAX_BATCH = 64
#: Files listed one by one at the end of a run; more are given as a folder and a count.
LISTED_FILES = 10


@dataclass
class Totals:
    """What a run did: written this time, failed, and done by an earlier run (skipped)."""

    files: int = 0
    quotes: int = 0
    speakers: int = 0
    failures: int = 0
    earlier: int = 0
    earlier_failures: int = 0
    #: The first `LISTED_FILES` of those failures as "label: problem", for the closing lines.
    earlier_problems: list[str] = field(default_factory=list)
    #: The first files written (as the user named them), for the closing lines.
    written: list[str] = field(default_factory=list)
    shards: list[str] = field(default_factory=list)


def batch_size(total: int | None, workers: int) -> int:
    """Articles per batch: `MAX_BATCH`, or fewer so that a short list keeps every worker busy."""
    if total is None:
        return MAX_BATCH
    return max(1, min(MAX_BATCH, -(-total // (4 * workers))))


class Run:
    """One run of the command over `inputs` into `plan` (see the module docstring)."""

    def __init__(self, inputs: list[ArticleInput], plan: OutputPlan, args: Any) -> None:
        self.inputs = inputs
        self.plan = plan
        self.settings: WriteSettings = plan.settings()
        self.args = args
        self.fields = Fields(**{name: value for name in Fields.__dataclass_fields__
                                if (value := getattr(args, f"{name}_field", None)) is not None})
        self.budget = getattr(args, "time_budget", DEFAULT_TIME_BUDGET)
        self.scheduler = getattr(args, "scheduler", None)
        self.shard_size = getattr(args, "shard_size", None) or DEFAULT_SHARD_SIZE
        self.totals = Totals()
        self.manifest: Manifest | None = None
        self.shards: Shards | None = None
        #: Articles accounted for so far (to be done, or done before): shards below it may be joined.
        self.read_upto = 0
        total = None if any(item.jsonl for item in inputs) else len(inputs)
        self.progress = Progress(total, sys.stderr)
        self.size = getattr(args, "batch_size", None) or batch_size(total, self._workers())

    def _workers(self) -> int:
        if self.scheduler and self.scheduler.startswith("local:"):
            return int(self.scheduler.partition(":")[2] or 1)
        return 1 if self.scheduler else self.args.jobs

    def execute(self) -> Totals:
        """Annotate everything left to do; the totals (`KeyboardInterrupt` passes through)."""
        executor, model, max_chars = self._executor()
        if self.plan.resumable:
            assert self.plan.folder is not None
            self.manifest = Manifest(self.plan.folder, self._description(model))
            if self.plan.form == "jsonl":
                self.shards = Shards(self.plan.folder, self.manifest, self.shard_size, force=self.plan.force)
            executor.parts = parts_folder(self.settings.folder or ".", self.manifest.key)
            if self.manifest.batches:
                print(f"resuming: an earlier run of this command finished {self.manifest.done:,} articles; "
                      "those unchanged since are skipped", file=sys.stderr)
        articles = iter_articles(self.inputs, self.fields, max_chars, getattr(self.args, "title", None))
        try:
            for batch, outcomes, part in executor.results(self._batches(articles)):
                self._finished(batch, outcomes, part)
            if self.shards is not None:
                self._complete_shards(None)
                self.totals.shards = [shown_path(self.plan.folder / name) for name in self.shards.written]
        finally:
            self.progress.close()
            executor.close()
            if self.manifest is not None:
                self.manifest.close()
        return self.totals

    def _executor(self) -> tuple[Any, str, int]:
        model = self.args.model
        if self.scheduler:
            from explorer.annotate.pipeline import AnnotateError, default_model

            try:
                from explorer.annotate.cluster import ClusterExecutor
            except ImportError:
                raise AnnotateError("--scheduler runs on Dask, which is not installed: "
                                    "pip install 'story-explorer[cluster]'") from None

            model = model or default_model()
            return ClusterExecutor(self.scheduler, model, self.settings, self.budget), model, MODEL_MAX_CHARS
        from explorer.annotate.pipeline import load_pipeline

        nlp = load_pipeline(model)
        if model is None:
            from explorer.annotate.pipeline import default_model

            model = default_model()
        return LocalExecutor(nlp, self.settings, self.args.jobs, self.budget), model, nlp.max_length

    def _description(self, model: str) -> dict[str, Any]:
        """What decides this run's output: the key of its manifest."""
        run: dict[str, Any] = {
            "inputs": [str(Path(item.label).absolute()) if item.path is not None else item.label for item in self.inputs],
            "format": self.plan.form, "model": model, "title": getattr(self.args, "title", None),
        }
        if any(item.jsonl for item in self.inputs):
            run["fields"] = vars(self.fields)
        if self.plan.form == "jsonl":
            run["shard_size"] = self.shard_size
        return run

    # --- from articles to batches -------------------------------------------------

    def _batches(self, articles: Iterator[ArticleItem]) -> Iterator[Batch]:
        records = self.manifest.batches if self.manifest is not None else {}
        unseen = sorted(records)
        current: list[ArticleItem] = []
        for item in articles:
            while unseen and unseen[0] < item.ordinal:  # a record this run's articles do not line up with
                del records[unseen.pop(0)]
            record = records.get(item.ordinal)
            if record is not None:
                unseen.pop(0)
                if current:
                    yield self._batch(current)
                    current = []
                group = [item, *itertools.islice(articles, record["count"] - 1)]
                if (len(group) == record["count"] and batch_digest(group).hex() == record["digest"]
                        and not _failed_after_reading(record, group)):
                    self._skip(record)
                    continue
                if self.shards is not None:
                    self.shards.reopen(record)
                del records[item.ordinal]  # the input has changed since, or what failed may not fail now: again
            else:
                group = [item]
            for each in group:
                if current and (len(current) == self.size or self._shard(each) != self._shard(current[0])):
                    yield self._batch(current)
                    current = []
                self._prepare(each)
                current.append(each)
        for first in unseen:  # records beyond the end of the input
            records.pop(first, None)
        if current:
            yield self._batch(current)

    def _shard(self, item: ArticleItem) -> int | None:
        return None if self.shards is None else self.shards.shard_of(item.ordinal)

    def _batch(self, items: list[ArticleItem]) -> Batch:
        return Batch(items[0].ordinal, items, batch_digest(items), self._shard(items[0]))

    def _prepare(self, item: ArticleItem) -> None:
        """Read the article's structure (a story is named from its title), and name its output.

        Read here for every form, not in the worker: it costs a thousandth of the parse, and
        an article with no paragraph (only front matter, headings or a list of sources) is
        then refused like an empty file, not written as an empty story."""
        self.read_upto = item.ordinal + 1
        if self.shards is not None:
            self.shards.read(item.ordinal)
        if item.problem is None and item.article is None:
            from explorer.annotate.article import read_article

            try:
                item.article = read_article(item.text, item.title, markdown=item.markdown)
            except Exception as error:  # a bug on one odd article must not sink the batch
                item.problem = f"annotator failed: {type(error).__name__}: {error}"
                return
            if not item.article.paragraphs:
                item.problem = "empty: no paragraph to annotate"
                return
            if item.stem is None and self.plan.form == "story" and self.plan.folder is not None:
                item.stem = item.article.title
        if item.problem is None:
            self.plan.assign(item)

    def _skip(self, record: dict[str, Any]) -> None:
        """A batch an earlier run finished: its names are taken, its counts noted."""
        for label, target, _written, _quotes, _speakers, problem in record["articles"]:
            if target is not None:
                self.plan.taken.setdefault(target, label)
            if problem is not None:
                self.totals.earlier_failures += 1
                if len(self.totals.earlier_problems) < LISTED_FILES:
                    self.totals.earlier_problems.append(f"{label}: {problem}")
        self.totals.earlier += record["count"]
        self.read_upto = record["first"] + record["count"]
        if self.shards is not None:
            for ordinal in range(record["first"], record["first"] + record["count"]):
                self.shards.read(ordinal)
            self.shards.finished(record["first"], record["count"])

    # --- finished batches -----------------------------------------------------------

    def _finished(self, batch: Batch, outcomes: list[Outcome], part: str | None) -> None:
        totals = self.totals
        for item, outcome in zip(batch.items, outcomes):
            if outcome.problem is not None:
                totals.failures += 1
                self.progress.message(f"{shown_path(item.label)}: {outcome.problem}")
                continue
            if item.note:
                self.progress.message(item.note)
            if outcome.content is not None:
                sys.stdout.write(outcome.content)
                sys.stdout.flush()
            elif item.target is not None and len(totals.written) <= LISTED_FILES:
                totals.written.append(self.plan.named(item.target))
            totals.files += 1
            totals.quotes += outcome.quotes
            totals.speakers += outcome.speakers
        if self.manifest is not None:
            reported = self.manifest.error
            self.manifest.add_batch(batch, outcomes, part)
            if self.manifest.error and not reported:
                self.progress.message(f"story-explorer annotate: {shown_path(self.manifest.error)} "
                                      "(the run goes on; run again, it does everything again)")
        if self.shards is not None:
            self.shards.finished(batch.first, len(batch.items))
            self._complete_shards(self.read_upto)
        self.progress.advance(len(batch.items), totals.failures)

    def _complete_shards(self, upto: int | None) -> None:
        """Join the shards that are complete; each one that cannot be written is a failure of the run."""
        assert self.shards is not None
        said = len(self.shards.problems)
        self.shards.complete(upto)
        for problem in self.shards.problems[said:]:
            self.totals.failures += 1
            self.progress.message(f"story-explorer annotate: {problem}")


def _failed_after_reading(record: dict[str, Any], items: list[ArticleItem]) -> bool:
    """True when an article of a finished batch failed for a reason other than its input (which
    is read again, unchanged): it could not be written (a file in the way, a full disk), or the
    annotator failed on it.  The user may have cleared the cause; a rerun tries it again."""
    return any(article[5] is not None and item.problem is None for article, item in zip(record["articles"], items))


class LocalExecutor:
    """Batches annotated by worker processes of this machine (`--jobs N`)."""

    def __init__(self, nlp, settings: WriteSettings, jobs: int, budget: float) -> None:
        self.settings = settings
        self.parts: Path | None = None
        warm_up(nlp)
        run = partial(_run_batch, nlp, settings)
        self.supervisor = Supervisor(run, jobs, budget, settings.folder)

    def results(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[Outcome], str | None]]:
        for batch, outcomes in self.supervisor.results(batches):
            part = None
            if self.settings.form == "jsonl":
                assert self.parts is not None
                try:
                    part = write_part(self.parts, batch.first, outcomes)
                except OSError as error:  # a full disk: each article of the batch fails, the run goes on
                    for outcome in outcomes:
                        if outcome.problem is None:
                            outcome.problem, outcome.written = f"cannot write its story: {os_error_message(error)}", False
            yield batch, outcomes, part

    def close(self) -> None:
        self.supervisor.close()


def _run_batch(nlp, settings: WriteSettings, items: list[ArticleItem], alone: frozenset[int], send) -> None:  # noqa: ANN001
    annotate_articles(nlp, items, settings, send, alone)
