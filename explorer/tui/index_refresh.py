"""Running the library's index refresh in a child process, from the event loop.

The refresh (`explorer.index.refresh`) parses story files, which can take
seconds for one pathological file and minutes for a big cold folder.  In a
thread it could not be stopped (Python threads cannot be interrupted, and
the interpreter waits for them at exit: quitting kept the process alive
until the slow file was done).  As a child process it is killed the moment
the explorer quits or starts over, even in the middle of a file, and the
database is left as its last transaction wrote it.  It also parses on the
other core, so keys stay quick while a big folder is indexed.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from contextlib import suppress
from pathlib import Path

from explorer.index.database import BUSY_TIMEOUT_MS


async def refresh_events(database: Path, folder: Path, *,
                         busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> AsyncIterator[dict]:
    """The events of a refresh of `folder`'s index at `database` (see `refresh()`), as
    they come, after {"event": "started", "pid": the child's process id}.  A child that dies without saying why ends with a "failed" event.
    Cancelling the iteration kills the child at once."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "explorer.index.refresh", os.fsencode(database), os.fsencode(folder),
        "--busy-timeout", str(busy_timeout_ms),
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    finished = False
    try:
        yield {"event": "started", "pid": process.pid}
        assert process.stdout is not None and process.stderr is not None
        async for line in process.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict) and isinstance(event.get("event"), str):
                if event["event"] in ("done", "failed"):
                    finished = True
                yield event
        errors = (await process.stderr.read()).decode("utf-8", "replace").strip().splitlines()
        status = await process.wait()
        if status != 0 and not finished:
            reason = errors[-1] if errors else f"exit status {status}"
            yield {"event": "failed", "message": reason[:300]}
    finally:
        if process.returncode is None:
            with suppress(ProcessLookupError):
                process.kill()
            with suppress(asyncio.CancelledError):
                await process.wait()
        # Close its pipes while the event loop still runs: a subprocess transport left to the
        # garbage collector closes itself later, on a loop that may be closed by then, and
        # raises (asyncio's Process offers no close of its own: its transport's is the one).
        transport = getattr(process, "_transport", None)
        if transport is not None:
            transport.close()
