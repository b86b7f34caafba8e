"""Where the program keeps things: the bundled stories beside the package, and the
user's folders for caches and settings (the XDG Base Directory spec).

The spec says a relative `$XDG_CACHE_HOME` or `$XDG_CONFIG_HOME` is invalid and
must be ignored: it would put files under whatever folder the program was
started from.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The bundled stories: the repository's stories/ folder beside the package.
BUNDLED_STORIES = Path(__file__).resolve().parent.parent / "stories"
APP_FOLDER = "story-explorer"


def _xdg_home(variable: str, default: str) -> Path:
    """The folder `$variable` names when it is an absolute path, else `~/default`."""
    value = os.environ.get(variable, "")
    base = Path(value) if value and os.path.isabs(value) else Path(os.path.expanduser("~"), default)
    return base / APP_FOLDER


def cache_home() -> Path:
    """`$XDG_CACHE_HOME/story-explorer` (default `~/.cache/story-explorer`)."""
    return _xdg_home("XDG_CACHE_HOME", ".cache")


def config_home() -> Path:
    """`$XDG_CONFIG_HOME/story-explorer` (default `~/.config/story-explorer`)."""
    return _xdg_home("XDG_CONFIG_HOME", ".config")
