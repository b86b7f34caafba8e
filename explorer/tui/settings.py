"""The explorer's few settings, kept between runs: `$XDG_CONFIG_HOME/story-explorer/settings.json`.

Today that is the theme chosen (in the palette's "Theme", or `ctrl+p`): the
next start opens in it.  The file is small JSON written atomically; one that
is missing, unreadable, too big, not JSON or holding values of the wrong
type is ignored (the defaults apply), never an error.
"""

from __future__ import annotations

import json
from contextlib import suppress
from pathlib import Path

from explorer.files import write_text_atomic
from explorer.locations import config_home

#: A settings file bigger than this is not ours to read.
MAX_BYTES = 64 * 1024


def settings_file() -> Path:
    return config_home() / "settings.json"


def load_settings() -> dict[str, str]:
    """The saved settings whose values are strings (the only kind there is); {} when none."""
    path = settings_file()
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read(MAX_BYTES + 1)[: MAX_BYTES + 1])
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(key, str) and isinstance(value, str)}


def save_setting(key: str, value: str) -> bool:
    """Keep `key` = `value` with the other settings; False when it cannot be written."""
    settings = load_settings()
    if settings.get(key) == value:
        return True
    settings[key] = value
    path = settings_file()
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps(settings, indent=2, ensure_ascii=False) + "\n", force=True)
        return True
    return False
