"""A run's record of what it finished, kept in its output folder, so that the same
command run again after a crash or Ctrl-C does only what is left.

The manifest is `OUT/.story-explorer/annotate-KEY.jsonl`, where KEY is a
digest of what decides the output (the inputs as named, the format, the
model, the JSON fields, the title, the shard size): the same command finds its
own manifest, another command into the same folder starts its own.  It is
an append-only log, in the hidden folder that the explorer and `validate`
never enter:

- the first line says what the run is (`{"run": {...}}`), for a person reading it;
- each finished batch is one line, written only once its outputs are in
  place (each written atomically) and synced to disk: the ordinals it covers
  (`first`, `count`), a `digest` of what was read for them, and what became
  of each article (its file name, its counts, or its problem);
- each finished JSON Lines shard is one line (`{"shard": N}`).

A line is written whole with one `write` and synced; a line cut short (a
crash in the middle of writing it) or that cannot be read is ignored, so
its batch is simply done again.  A batch is skipped on a later run only if
what is read for it has the same digest: an input changed since is done
again (and so is a batch with an article that failed for a reason other than
its input: `explorer.annotate.archive`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from explorer.annotate.batch import Outcome
from explorer.annotate.workers import Batch

#: The hidden folder in an output folder that holds a run's records and its parts of shards.
RECORDS = ".story-explorer"
#: A part of a shard: the first ordinal of its batch.
PART_NAME = re.compile(r"\d{12}\.jsonl")


def run_key(run: dict[str, Any]) -> str:
    """The digest of what decides a run's output (16 hex digits)."""
    return hashlib.sha256(json.dumps(run, sort_keys=True).encode("utf-8")).hexdigest()[:16]


class Manifest:
    """The manifest of the run described by `run`, in `folder`."""

    def __init__(self, folder: Path, run: dict[str, Any]) -> None:
        self.run = run
        self.key = run_key(run)
        self.path = folder / RECORDS / f"annotate-{self.key}.jsonl"
        #: first ordinal -> the record of a finished batch
        self.batches: dict[int, dict[str, Any]] = {}
        self.shards: set[int] = set()
        self._fd: int | None = None
        #: Why records cannot be kept (then none are: the run goes on, and a rerun does it all again).
        self.error: str | None = None
        self._load()

    def _load(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        for line in data.split(b"\n")[:-1]:  # the last piece has no newline: cut short, or empty
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not isinstance(record, dict):
                continue
            if isinstance(record.get("shard"), int):
                self.shards.add(record["shard"])
            elif _is_batch(record):
                self.batches[record["first"]] = record

    @property
    def done(self) -> int:
        """How many articles the finished batches hold."""
        return sum(record["count"] for record in self.batches.values())

    def add_batch(self, batch: Batch, outcomes: list[Outcome], part: str | None = None) -> None:
        """Record a finished batch (its outputs must be in place already)."""
        record = {
            "first": batch.first,
            "count": len(batch.items),
            "digest": batch.digest.hex(),
            "articles": [[item.label, item.target, outcome.written, outcome.quotes, outcome.speakers, outcome.problem]
                         for item, outcome in zip(batch.items, outcomes)],
            "part": part,
        }
        self._append(record)
        self.batches[batch.first] = record

    def add_shard(self, number: int) -> None:
        self._append({"shard": number})
        self.shards.add(number)

    def _append(self, record: dict[str, Any]) -> None:
        if self.error is not None:
            return
        data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "surrogateescape")
        try:
            if self._fd is None:
                self._open()
            assert self._fd is not None
            while data:
                data = data[os.write(self._fd, data):]
            os.fsync(self._fd)
        except OSError as error:
            self.error = f"cannot keep the run's manifest: {error.strerror or error}"

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        size = os.fstat(self._fd).st_size
        if size == 0:
            os.write(self._fd, (json.dumps({"run": self.run}, ensure_ascii=False) + "\n").encode("utf-8"))
        else:
            with open(self.path, "rb") as existing:
                existing.seek(size - 1)
                if existing.read(1) != b"\n":  # a line cut short: end it, so the next one stands alone
                    os.write(self._fd, b"\n")

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _is_batch(record: dict[str, Any]) -> bool:
    """True for a well-formed batch record (a manifest is read, never trusted: a bad line is ignored)."""
    articles, part = record.get("articles"), record.get("part")
    return (isinstance(record.get("first"), int) and isinstance(record.get("count"), int) and record["count"] > 0
            and isinstance(record.get("digest"), str) and isinstance(articles, list)
            and len(articles) == record["count"]
            and all(isinstance(article, list) and len(article) == 6 for article in articles)
            and (part is None or (isinstance(part, str) and PART_NAME.fullmatch(part) is not None)))


def batch_digest(items: list) -> bytes:
    """The digest of a batch: of its articles' digests, in order."""
    hasher = hashlib.blake2b(digest_size=16)
    for item in items:
        hasher.update(item.digest)
    return hasher.digest()
