"""Search the article as the reader types, at a cost per key that does not grow with the query.

Searching afresh on each key press compiled a pattern as long as the query
and scanned the whole article: typing 5 KB into the search box kept the
explorer busy for 25 s.  `StorySearch` keeps every place the last query
occurs (overlapping ones too), so a key that adds to the query only checks
the added characters at those places, and Backspace returns to an answer
already found.  Only a query that is not an extension of an earlier one is
searched from scratch.

The matches shown are those `re.finditer` would give for the query, case
insensitive: left to right, not overlapping.  (A case-insensitive literal
matches one character of text per character of the query, so checking the
added characters after an occurrence of the old query is the same as
matching the whole new one there.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from explorer.tui.story_index import Match

#: Backspace finds earlier answers kept up to this many places in all (then it searches again).
KEPT_PLACES = 2_000_000


class StorySearch:
    """Case-insensitive search of a story's paragraph texts, one query after another."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self._answers: list[tuple[str, list[tuple[int, int]]]] = []  # (query, places) as the query grew
        self._kept = 0  # places in all the answers kept

    def _scan(self, query: str) -> list[tuple[int, int]]:
        """Every (paragraph, offset) where `query` starts, overlapping ones included."""
        starts = re.compile(f"(?={re.escape(query)})", re.IGNORECASE)
        return [(paragraph, found.start()) for paragraph, text in enumerate(self.texts)
                for found in starts.finditer(text)]

    def places(self, query: str) -> list[tuple[int, int]]:
        """Where `query` starts, from the answers kept when it extends one of them."""
        answers = self._answers
        while answers and not query.startswith(answers[-1][0]):
            self._kept -= len(answers.pop()[1])
        if answers and answers[-1][0] == query:
            return answers[-1][1]
        if answers:
            known, places = answers[-1]
            added = re.compile(re.escape(query[len(known):]), re.IGNORECASE)
            texts, offset = self.texts, len(known)
            places = [(p, start) for p, start in places if added.match(texts[p], start + offset)]
        else:
            places = self._scan(query)
        answers.append((query, places))
        self._kept += len(places)
        while len(answers) > 1 and self._kept > KEPT_PLACES:
            self._kept -= len(answers.pop(0)[1])
        return places

    def matches(self, query: str) -> tuple[Match, ...]:
        """The matches of `query` in article order, not overlapping (none for an empty query)."""
        if not query:
            self._answers.clear()
            self._kept = 0
            return ()
        length = len(query)
        found: list[Match] = []
        paragraph, end = -1, 0
        for where, start in self.places(query):
            if where != paragraph:
                paragraph, end = where, 0
            if start >= end:
                found.append(Match(where, start, start + length))
                end = start + length
        return tuple(found)
