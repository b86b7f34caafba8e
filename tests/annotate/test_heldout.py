"""The held-out articles: a fixed list in the package, chosen by the rule that
explorer/annotate/heldout.py states, balanced over PolNeAR's seven publishers."""

from __future__ import annotations

from collections import Counter

import pytest

from explorer.annotate.heldout import PER_PUBLISHER, choose_held_out, held_out_names, in_split, publisher
from tests.polnear import SKIP_REASON, polnear_train


def test_the_list_ships_in_the_package_and_is_balanced_over_seven_publishers():
    names = held_out_names()
    assert len(names) == 7 * PER_PUBLISHER == 119
    assert set(Counter(publisher(name) for name in names).values()) == {PER_PUBLISHER}


def test_the_rule_takes_the_smallest_hashes_of_each_publisher():
    names = [f"paper_{n}" for n in range(40)] + [f"other_{n}" for n in range(5)]
    chosen = choose_held_out(names, per_publisher=3)
    assert len(chosen) == 6
    assert chosen == choose_held_out(reversed(names), per_publisher=3)  # order of the input does not matter
    assert Counter(publisher(name) for name in chosen) == {"paper": 3, "other": 3}


def test_splits_partition_the_corpus():
    held = next(iter(held_out_names()))
    assert in_split(held, "heldout") and not in_split(held, "rest") and in_split(held, "all")
    assert in_split("nyt_not-held-out", "rest") and not in_split("nyt_not-held-out", "heldout")


def test_the_committed_list_is_the_rule_applied_to_the_corpus():
    corpus = polnear_train()
    if corpus is None:
        pytest.skip(SKIP_REASON)
    names = [path.stem for path in (corpus / "text").glob("*.txt")]
    assert frozenset(choose_held_out(names)) == held_out_names()
