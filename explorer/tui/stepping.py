"""Where n and N (or p) go: the next search match or filtered paragraph, around the article.

Pure functions over sorted positions, found by bisection: a step costs the
logarithm of the number of matches (a paragraph of a million characters
holds 43,478 of "é字"), and says when it wrapped around, so the screen can
say so too.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from explorer.tui.story_index import Match


def _place(match: Match) -> tuple[int, int]:
    return match.paragraph, match.start


def next_match(matches: Sequence[Match], paragraph: int, offset: int, step: int,
               from_paragraph_start: bool = False) -> tuple[int, bool]:
    """The position in `matches` (article order) that a step forward (`step` > 0) or back
    goes to from character `offset` of `paragraph` (-1: before its first character), and
    whether it wrapped around the article.  `from_paragraph_start`: forward from the start
    of `paragraph`, so that a match in it counts (Enter in the search box)."""
    if step > 0:
        if from_paragraph_start:
            at = bisect_left(matches, (paragraph, -1), key=_place)
        else:
            at = bisect_right(matches, (paragraph, offset), key=_place)
        return (at, False) if at < len(matches) else (0, True)
    at = bisect_left(matches, (paragraph, offset), key=_place) - 1
    return (at, False) if at >= 0 else (len(matches) - 1, True)


def next_paragraph(paragraphs: Sequence[int], paragraph: int, step: int) -> tuple[int, bool]:
    """Of the sorted `paragraphs`, the one after (`step` > 0) or before `paragraph`,
    and whether it wrapped around the article."""
    if step > 0:
        at = bisect_right(paragraphs, paragraph)
        return (paragraphs[at], False) if at < len(paragraphs) else (paragraphs[0], True)
    at = bisect_left(paragraphs, paragraph) - 1
    return (paragraphs[at], False) if at >= 0 else (paragraphs[-1], True)
