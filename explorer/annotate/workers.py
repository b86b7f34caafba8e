"""Batches annotated in child processes that can be stopped: time budgets and Ctrl-C.

Each batch runs in a child process forked from the process that holds the
loaded model (the command itself, or a Dask worker): the child inherits the
model, so nothing is loaded or pickled per batch, and whatever one batch
leaves in memory (spaCy's string store grows with every text) goes with it.

The parent watches its children (`Supervisor`):

- **Time budget.**  A child says when it begins each group of articles; a
  group still running `budget` seconds later is stopped, and its articles
  not yet done are run again one at a time, each with the whole budget, so
  that only an article over budget is skipped ("took longer than the time
  budget") and the rest of the batch goes on.  A child that dies (killed by
  the system for memory, a crash in native code) is treated the same way.
- **Stopping.**  Children ignore SIGINT, so a Ctrl-C at the terminal (which
  signals every process of the job) reaches the command alone and prints
  one line, not a traceback per worker.  The command then stops every child
  (`close`): SIGTERM, which a child turns into an exit that removes the
  temporary file of a write under way, then SIGKILL for one still running
  after `STOP_GRACE` seconds (parsing in native code); temporary files of
  the stopped articles are removed.  On Linux a child also dies with its
  parent, should the parent be killed outright.

Without `os.fork` (Windows) batches run in the calling process, one after
another, and the time budget is not enforced.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe, wait
from pathlib import Path

from explorer.annotate.batch import Message, Outcome
from explorer.annotate.inputs import ArticleItem

#: Seconds a stopped child gets to exit on its own before it is killed.
STOP_GRACE = 0.3
#: Seconds between two looks at whether Ctrl-C was pressed, while waiting for the workers.
POLL = 0.2
CAN_FORK = hasattr(os, "fork")

#: What annotates a batch: (articles, ordinals to run alone, where to send messages).
BatchRunner = Callable[[list[ArticleItem], frozenset[int], Callable[[Message], None]], None]


@dataclass
class Batch:
    """Consecutive articles annotated as one task; `first` is the ordinal of the first."""

    first: int
    items: list[ArticleItem]
    digest: bytes = b""
    shard: int | None = None


@dataclass
class _Running:
    batch: Batch
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    alone: set[int] = field(default_factory=set)
    group: list[int] = field(default_factory=list)
    deadline: float | None = None
    pid: int = 0
    connection: Connection | None = None

    def left(self) -> list[ArticleItem]:
        return [item for item in self.batch.items if item.ordinal not in self.outcomes]


class CtrlC:
    """Ctrl-C as a flag, looked at by the loops that wait for the workers (`raise_if_pressed`).

    Python's own handler raises KeyboardInterrupt wherever the interpreter happens to be,
    and one raised inside a finaliser (a pipe's or a file's, run by the garbage collector)
    is printed as "Exception ignored in ..." and dropped: on a busy machine the run then
    went on to its end.  While the loop runs, the handler only notes the signal, and the
    loop raises KeyboardInterrupt itself within `POLL` seconds.  A SIGINT that was ignored
    when the command started (a job started in the background) stays ignored.
    """

    pressed = False

    def __enter__(self) -> CtrlC:
        # Only the main thread may set a handler (a Dask worker runs tasks in other threads).
        main = threading.current_thread() is threading.main_thread()
        self.previous = signal.getsignal(signal.SIGINT) if main else None
        if self.previous is signal.default_int_handler:
            signal.signal(signal.SIGINT, self._note)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is signal.default_int_handler:
            signal.signal(signal.SIGINT, self.previous)

    @classmethod
    def _note(cls, number: int, frame: object) -> None:
        cls.pressed = True

    @classmethod
    def raise_if_pressed(cls) -> None:
        if cls.pressed:
            cls.pressed = False
            raise KeyboardInterrupt


class Supervisor:
    """Annotates batches in up to `jobs` child processes at once, each article
    held to `budget` seconds (0: no limit); see the module docstring."""

    def __init__(self, run: BatchRunner, jobs: int = 1, budget: float = 0, folder: str | None = None) -> None:
        self.run = run
        self.jobs = max(1, jobs)
        self.budget = budget
        self.folder = folder
        self.running: list[_Running] = []

    def results(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[Outcome]]]:
        """Each batch with the outcomes of its articles (in order), as batches finish."""
        batches = without_stale_temporaries(self.folder, batches)
        if not CAN_FORK:
            yield from self._in_process(batches)
            return
        try:
            with CtrlC():
                yield from self._supervise(batches)
        finally:
            self.close()

    def _supervise(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[Outcome]]]:
        exhausted = False
        while True:
            CtrlC.raise_if_pressed()
            while not exhausted and len(self.running) < self.jobs:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                else:
                    self.running.append(self._start(_Running(batch)))
            if not self.running:
                return
            now = time.monotonic()
            deadlines = [r.deadline for r in self.running if r.deadline is not None]
            timeout = min([POLL, *(max(0.0, deadline - now) for deadline in deadlines)])
            ready = wait([r.connection for r in self.running], timeout)
            CtrlC.raise_if_pressed()
            for running in list(self.running):
                if running.connection in ready:
                    self._receive(running)
                elif running.deadline is not None and time.monotonic() >= running.deadline:
                    self._over_budget(running)
                if running.pid == 0 and not running.left():
                    self.running.remove(running)
                    yield running.batch, [running.outcomes[item.ordinal] for item in running.batch.items]

    def _in_process(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[Outcome]]]:
        for batch in batches:
            outcomes: dict[int, Outcome] = {}

            def send(message: Message) -> None:
                if message[0] == "done":
                    outcomes[message[1].ordinal] = message[1]

            self.run(batch.items, frozenset(), send)
            yield batch, [outcomes[item.ordinal] for item in batch.items]

    def _start(self, running: _Running) -> _Running:
        reader, writer = Pipe(duplex=False)
        items, alone = running.left(), frozenset(running.alone)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: annotate, then leave without running the parent's clean-ups
            code = 1
            try:
                reader.close()
                _become_worker()
                self.run(items, alone, writer.send)
                code = 0
            finally:
                os._exit(code)
        writer.close()
        running.pid, running.connection, running.group, running.deadline = pid, reader, [], None
        return running

    def _receive(self, running: _Running) -> None:
        assert running.connection is not None
        try:
            while running.connection.poll():
                kind, body = running.connection.recv()
                if kind == "begin":
                    running.group = body
                    running.deadline = time.monotonic() + self.budget if self.budget else None
                else:
                    running.outcomes[body.ordinal] = body
                    if all(ordinal in running.outcomes for ordinal in running.group):
                        running.deadline = None  # the group is done: its clock stops
        except (EOFError, OSError):  # the child has exited
            status = self._reap(running)
            if running.left():
                self._lost(running, _death(status))

    def _over_budget(self, running: _Running) -> None:
        self._stop(running)
        self._lost(running, f"took longer than the time budget ({self.budget:g} s): skipped "
                            "(--time-budget sets it)")

    def _lost(self, running: _Running, problem: str) -> None:
        """The child stopped in the middle of a group: the group's articles go
        again one at a time; an article that was alone is the one at fault."""
        unfinished = [ordinal for ordinal in running.group if ordinal not in running.outcomes]
        if not unfinished:
            following = running.left()[0].ordinal
            if running.group or following not in running.alone:  # between groups: try the next one alone
                running.alone.add(following)
                self._start(running)
                return
            unfinished = [following]  # it was alone, and the child died before it began
        if len(unfinished) == 1 and (len(running.group) <= 1 or unfinished[0] in running.alone):
            running.outcomes[unfinished[0]] = Outcome(unfinished[0], problem=problem)
        else:
            running.alone.update(unfinished)
        if running.left():
            self._start(running)

    def _stop(self, running: _Running) -> None:
        """Stop a child (see `close`)."""
        if running.pid:
            _terminate([running.pid])
            self._reap(running)
            remove_temporaries(self.folder, running.left())

    def _reap(self, running: _Running) -> int:
        status = 0
        try:
            _, status = os.waitpid(running.pid, 0)
        except ChildProcessError:
            pass
        if running.connection is not None:
            running.connection.close()
        running.pid, running.connection, running.deadline = 0, None, None
        return status

    def close(self) -> None:
        """Stop every child still running (Ctrl-C, or an error in the command): SIGTERM,
        then SIGKILL after the grace time; remove the temporary files they may leave."""
        running, self.running = self.running, []
        _terminate([each.pid for each in running if each.pid])
        for each in running:
            if each.pid:
                self._reap(each)
                remove_temporaries(self.folder, each.left())


def _terminate(pids: list[int]) -> None:
    """SIGTERM to each process, SIGKILL to those still running `STOP_GRACE` seconds later.
    They are left to be reaped (an exited child stays a zombie until then, so its
    process id cannot be reused by another process in the meantime)."""
    for pid in pids:
        _signal(pid, signal.SIGTERM)
    end = time.monotonic() + STOP_GRACE
    alive = list(pids)
    while alive and time.monotonic() < end:
        time.sleep(0.01)
        alive = [pid for pid in alive if not _exited(pid)]
    for pid in alive:
        _signal(pid, signal.SIGKILL)


def _exited(pid: int) -> bool:
    """True when the child has exited, without reaping it."""
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def _signal(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass


def _death(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        why = " (out of memory?)" if number == signal.SIGKILL else ""
        return f"the annotator's process was killed by signal {number}{why}: skipped"
    return f"the annotator's process ended unexpectedly (exit status {os.WEXITSTATUS(status)}): skipped"


def _become_worker() -> None:
    """In a fresh child: Ctrl-C is the parent's to handle; SIGTERM exits through
    Python's clean-ups (a write under way removes its temporary file)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_term)
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _exit_on_term(number: int, frame: object) -> None:
    raise SystemExit(128 + number)


def without_stale_temporaries(folder: str | None, batches: Iterator[Batch]) -> Iterator[Batch]:
    """The batches, each once what an earlier run killed mid-write (SIGKILL, a power cut:
    no clean-up ran) left beside its targets is removed; their files are written again now."""
    for batch in batches:
        remove_temporaries(folder, batch.items)
        yield batch


def remove_temporaries(folder: str | None, items: list[ArticleItem]) -> None:
    """Remove what a killed write may have left: `.NAME.XXXXXX.tmp` beside each target."""
    wanted: dict[Path, set[str]] = {}
    for item in items:
        if item.target is not None:
            path = Path(folder, item.target) if folder else Path(item.target)
            wanted.setdefault(path.parent, set()).add(path.name)
    for parent, names in wanted.items():
        try:
            entries = list(os.scandir(parent))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith(".") and name.endswith(".tmp") and name[1:-4].rpartition(".")[0] in names:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
