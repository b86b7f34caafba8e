"""The held-out articles: PolNeAR training articles the annotator never learns from.

About 120 of PolNeAR's 840 training articles are set aside, balanced over its
seven publishers, by a rule that anyone can re-apply to the corpus:

    for each publisher (the file name up to its first "_"), the
    `PER_PUBLISHER` articles whose SHA-256 of the file name (without
    ".txt", UTF-8) is smallest in hexadecimal order.

The list is committed (`data/heldout.txt`, one name a line) so that it
stays fixed whatever happens to the corpus.  `story-explorer train` never
reads these articles, the rules and features were developed without looking
at them, and every figure in the README is given on them and on the rest
(`story-explorer eval --split heldout|rest`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib import resources

PER_PUBLISHER = 17
SPLITS = ("all", "heldout", "rest")


def publisher(name: str) -> str:
    """The publisher of a PolNeAR article, from its name ("nyt_2016-...": "nyt")."""
    return name.split("_", 1)[0]


def choose_held_out(names: Iterable[str], per_publisher: int = PER_PUBLISHER) -> list[str]:
    """The rule above, applied to article names; sorted."""
    by_publisher: dict[str, list[str]] = {}
    for name in set(names):
        by_publisher.setdefault(publisher(name), []).append(name)
    chosen: list[str] = []
    for group in by_publisher.values():
        group.sort(key=lambda n: hashlib.sha256(n.encode("utf-8")).hexdigest())
        chosen += group[:per_publisher]
    return sorted(chosen)


@cache
def held_out_names() -> frozenset[str]:
    """The committed list of held-out article names."""
    text = resources.files("explorer.annotate").joinpath("data", "heldout.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def in_split(name: str, split: str) -> bool:
    """True when article `name` belongs to `split` ("all", "heldout" or "rest")."""
    if split == "all":
        return True
    return (name in held_out_names()) == (split == "heldout")
