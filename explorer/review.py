"""Checking a story: how far the review has come, and which quote to check next.

Plain functions over the model (no Textual, no I/O), shared by the story screen,
the library and the command line.
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.model import Quote, Story


def progress(quotes: Sequence[Quote]) -> tuple[int, int]:
    """(checked, all): a quote with any review state, rejected ones included, is checked."""
    return sum(1 for quote in quotes if quote.checked), len(quotes)


def progress_label(quotes: Sequence[Quote]) -> str:
    """"checked 12/42"."""
    checked, total = progress(quotes)
    return f"checked {checked}/{total}"


def review_queue(story: Story) -> list[Quote]:
    """The quotes not checked yet, the least confident first; quotes without a
    confidence (hand-made ones) after those with one; ties in article order."""
    in_order = story.quotes_in_order()
    unchecked = [(position, quote) for position, quote in enumerate(in_order) if not quote.checked]
    unchecked.sort(key=lambda item: (item[1].confidence is None, item[1].confidence or 0.0, item[0]))
    return [quote for _, quote in unchecked]


def next_unchecked(quotes: Sequence[Quote], after: str | None) -> Quote | None:
    """The first quote not checked yet after the one with id `after` in `quotes` (the
    order shown), wrapping around to the top; None when every quote is checked."""
    start = next((i + 1 for i, quote in enumerate(quotes) if quote.id == after), 0)
    for quote in (*quotes[start:], *quotes[:start]):
        if not quote.checked and quote.id != after:
            return quote
    return None
