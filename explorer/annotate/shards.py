"""`--format jsonl`: the stories as JSON Lines shards, for pandas, DuckDB or Spark.

Each line is one article's story as JSON: `id` (the article's id, null
when it had none), then the keys of a story file (`format`, `title`,
`outlet`, `published`, `url`, `language`, `paragraphs`, `speakers`, `quotes`,
`sources`).  Shard N is `stories-NNNNN.jsonl` and holds the articles
numbered N*size to (N+1)*size - 1 in input order (an article that failed is
left out), so the shards are the same however the run was done, interrupted
or not.  A batch never crosses a shard's edge; each finished batch's lines
are written as a part (`.story-explorer/parts-KEY/FIRST.jsonl`, by the
worker that made them), and once every batch of a shard is finished the
parts are joined into the shard (atomically) and removed.  A shard file
that is not this run's (another command's, into the same folder) is never
replaced without --force: the run says so, and keeps the parts for the same
command run again with --force.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from pathlib import Path

from explorer.annotate.batch import Outcome
from explorer.annotate.manifest import RECORDS, Manifest
from explorer.files import os_error_message, shown_path

#: Articles per shard without `--shard-size`.
DEFAULT_SHARD_SIZE = 10_000


def shard_name(number: int) -> str:
    return f"stories-{number:05d}.jsonl"


def parts_folder(folder: str | Path, key: str) -> Path:
    return Path(folder, RECORDS, f"parts-{key}")


def write_part(folder: Path, first: int, outcomes: list[Outcome]) -> str:
    """Write a batch's lines as a part (atomically); its file name.  The lines are
    taken out of the outcomes: what is left is small enough to send back."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{first:012d}.jsonl"
    lines = []
    for outcome in outcomes:
        if outcome.content is not None:
            lines.append(outcome.content + "\n")
            outcome.content = None
    _write_atomic(folder / name, lambda out: out.writelines(line.encode("utf-8") for line in lines))
    return name


def _write_atomic(path: Path, fill, *, force: bool = True) -> bool:  # noqa: ANN001
    """Write `path` through `fill(binary file)`: a temporary file, synced, then renamed over it.
    The file gets the mode a new file gets (the umask's), not the temporary file's 0600.

    Without `force` a file already at `path` is kept: True when it holds exactly what was
    to be written (this run's own, joined before a crash), False when it holds something else."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as out:
            fill(out)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)  # never over a file: the check and the write are one step
        except FileExistsError:
            return filecmp.cmp(temporary, path, shallow=False)
        return True
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    # The only way to read the umask is to set it: set it back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class Shards:
    """The shards of one run: which are complete, and joining their parts."""

    def __init__(self, folder: Path, manifest: Manifest, size: int, *, force: bool = False) -> None:
        self.folder = folder
        self.force = force
        self.manifest = manifest
        self.size = size
        self.parts = parts_folder(folder, manifest.key)
        #: shard -> [articles read for it, articles finished]
        self.counts: dict[int, list[int]] = {}
        self.written: list[str] = []
        #: Why shards were not written, a line each: a file of that name, not this run's, is there
        #: (without --force), or the disk is full.  Their parts are kept for the same command again.
        self.problems: list[str] = []
        #: Shards this run had joined before and joins again (an input changed): theirs to replace.
        self.rejoined: set[int] = set()

    def shard_of(self, ordinal: int) -> int:
        return ordinal // self.size

    def read(self, ordinal: int) -> None:
        """An article of the input was read (to be done, or done before)."""
        self.counts.setdefault(self.shard_of(ordinal), [0, 0])[0] += 1

    def finished(self, first: int, count: int) -> None:
        self.counts[self.shard_of(first)][1] += count

    def complete(self, upto: int | None) -> list[int]:
        """Join every shard whose articles are all finished and that the input is past
        (`upto`: the next ordinal to be read; None at the end of the input); the shards joined."""
        joined = []
        for number, (read, finished) in sorted(self.counts.items()):
            past = upto is None or upto >= (number + 1) * self.size
            if past and read == finished:
                del self.counts[number]
                if number not in self.manifest.shards:
                    self._join(number)
                    joined.append(number)
        return joined

    def reopen(self, rejected: dict) -> None:
        """A batch of a shard joined by an earlier run must be done again (its input changed):
        the shard goes back to parts, one per batch still good, from its own lines (each batch
        holds as many lines as it wrote articles, in order), to be joined again once done."""
        number = self.shard_of(rejected["first"])
        if number not in self.manifest.shards:
            return
        self.manifest.shards.discard(number)
        self.rejoined.add(number)
        low, high = number * self.size, (number + 1) * self.size
        records = sorted([rejected, *(record for first, record in self.manifest.batches.items()
                                      if low <= first < high and record is not rejected)], key=lambda r: r["first"])
        try:
            with open(self.folder / shard_name(number), "rb") as shard:
                for record in records:
                    lines = [shard.readline() for article in record["articles"] if article[2]]
                    if record is not rejected and record.get("part"):
                        self.parts.mkdir(parents=True, exist_ok=True)
                        _write_atomic(self.parts / record["part"], lambda out, lines=lines: out.writelines(lines))
        except FileNotFoundError:  # no shard (all its articles had failed): nothing to take back
            pass

    def _join(self, number: int) -> None:
        low, high = number * self.size, (number + 1) * self.size
        names = sorted(record["part"] for first, record in self.manifest.batches.items()
                       if low <= first < high and record.get("part"))

        def fill(out) -> None:  # noqa: ANN001
            for name in names:
                with open(self.parts / name, "rb") as part:
                    shutil.copyfileobj(part, out)

        if names:
            path = self.folder / shard_name(number)
            try:
                if not _write_atomic(path, fill, force=self.force or number in self.rejoined):
                    self.problems.append(f"{shown_path(path)} already exists (use --force to overwrite)")
                    return
            except OSError as error:
                self.problems.append(f"cannot write {shown_path(path)}: {os_error_message(error)}")
                return
            self.written.append(shard_name(number))
        self.manifest.add_shard(number)
        for name in names:
            try:
                os.unlink(self.parts / name)
            except OSError:
                pass
