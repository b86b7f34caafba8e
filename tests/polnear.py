"""Where PolNeAR's training split is, for the tests and benchmarks that need it.

The corpus is not part of the repository.  It is looked for in
`$STORY_EXPLORER_POLNEAR` (a folder with `text/` and `attributions/`), else
as `shared/data/polnear/train` beside the repository or beside any folder
above it.  Tests that need it skip with a clear reason when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
ENVIRONMENT_VARIABLE = "STORY_EXPLORER_POLNEAR"


def polnear_train() -> Path | None:
    """The PolNeAR training folder, or None when it cannot be found."""
    given = os.environ.get(ENVIRONMENT_VARIABLE)
    candidates = [Path(given)] if given else [folder / "shared" / "data" / "polnear" / "train" for folder in REPOSITORY.parents]
    return next((path for path in candidates if (path / "text").is_dir() and (path / "attributions").is_dir()), None)


SKIP_REASON = (f"PolNeAR's training split not found (set {ENVIRONMENT_VARIABLE} to its folder, "
               "or put it at shared/data/polnear/train beside the repository)")
