"""`story-explorer serve [PATH]`: the explorer in a web browser, through textual-serve.

Each browser tab that opens the page starts its own explorer process on PATH
(textual-serve runs `python -m explorer PATH` and relays its screen and keys
over a websocket).  textual-serve has no authentication: whoever can reach
the port can use the explorer, read every story under PATH and write
exports next to it.  So it binds to 127.0.0.1 unless told otherwise, and
says so loudly when it is.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from explorer.files import path_problem, shown_path
from explorer.locations import BUNDLED_STORIES


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer serve",
        description="Serve the explorer to a web browser (textual-serve). Open the address it prints; each "
        "tab runs its own explorer. There is no authentication: anyone who can reach the address can use it, "
        "so it listens on 127.0.0.1 (this machine only) unless --host says otherwise.",
    )
    parser.add_argument("path", nargs="?", help=f"a folder of stories or a story file (default: the bundled "
                        f"{BUNDLED_STORIES.name}/)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    return parser


def is_local(host: str) -> bool:
    """True when `host` is reachable from this machine only (a loopback address or localhost)."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def explorer_command(path: Path) -> str:
    """The shell command textual-serve runs for each browser tab that opens the page."""
    return shlex.join([sys.executable, "-m", "explorer", str(path)])


def run(args: argparse.Namespace) -> int:
    path = Path(args.path) if args.path else BUNDLED_STORIES
    if (problem := path_problem(path)) is not None:
        print(f"story-explorer serve: {shown_path(path)}: {problem}", file=sys.stderr)
        return 2
    if path.is_file() and path.suffix.lower() in (".yaml", ".yml"):
        # Each tab's explorer would end at once on a story it cannot open: say why here,
        # as the explorer would (the first problem, on one line).
        from explorer.index.rows import parse

        parsed = parse(path)
        if parsed.story is None:
            print(f"story-explorer serve: {shown_path(path)}:{parsed.error}", file=sys.stderr)
            return 1
    if not 0 < args.port < 65536:
        print(f"story-explorer serve: --port {args.port}: a port is 1 to 65535", file=sys.stderr)
        return 2
    from textual_serve.server import Server

    url = f"http://{args.host}:{args.port}"
    if not is_local(args.host):
        print(f"story-explorer serve: WARNING: listening on {args.host}, not on this machine only. textual-serve "
              "has no authentication: anyone who can reach this address can read every story here.",
              file=sys.stderr)
    print(f"Serving the explorer on {shown_path(path.resolve())} at {url} (Ctrl+C to stop)", file=sys.stderr)
    server = Server(explorer_command(path.resolve()), host=args.host, port=args.port, title="Story Explorer")
    try:
        server.serve()
    except OSError as error:
        print(f"story-explorer serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    return 0
