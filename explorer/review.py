"""Checking a story: how far the review has come, and which quote to check next.

Plain functions over the model (no Textual, no I/O), shared by the story screen,
the library and the command line.

What counts, everywhere a figure is shown (the story's status line, the library's
Quotes and Checked columns, its speakers and charts, `diff`): a quote a person
rejected is not an attribution, so it is no quote at all; a quote is checked once
a person confirmed or corrected it.  The quotes left to check are those without a
review state, whichever way they are counted.  The index writes the same rule in
SQL (`explorer.index.search.ATTRIBUTION_SQL`, `CHECKED_SQL`) from the states below;
the `checked` review filter of the search and of `quotes` lists what Checked counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.model import Quote, Story

#: The review state of a quote that is not an attribution (kept in the file, counted nowhere).
NOT_AN_ATTRIBUTION = "rejected"
#: The review states of a checked quote: a person found it right, as it was or once corrected.
CHECKED_STATES = ("confirmed", "corrected")


def is_attribution(quote: Quote) -> bool:
    """True unless a person rejected the quote."""
    return quote.review != NOT_AN_ATTRIBUTION


def is_checked(quote: Quote) -> bool:
    """True once a person confirmed or corrected the quote (a rejected one is no quote)."""
    return quote.review in CHECKED_STATES


def progress(quotes: Sequence[Quote]) -> tuple[int, int]:
    """(checked, quotes): the quotes confirmed or corrected, of those not rejected."""
    checked = total = 0
    for quote in quotes:
        if is_attribution(quote):
            total += 1
            checked += is_checked(quote)
    return checked, total


def progress_label(quotes: Sequence[Quote]) -> str:
    """"checked 12/42"."""
    checked, total = progress(quotes)
    return f"checked {checked}/{total}"


def review_queue(story: Story) -> list[Quote]:
    """The quotes not checked yet, the least confident first; quotes without a
    confidence (hand-made ones) after those with one; ties in article order."""
    in_order = story.quotes_in_order()
    unchecked = [(position, quote) for position, quote in enumerate(in_order) if not quote.decided]
    unchecked.sort(key=lambda item: (item[1].confidence is None, item[1].confidence or 0.0, item[0]))
    return [quote for _, quote in unchecked]


def next_unchecked(quotes: Sequence[Quote], after: str | None) -> Quote | None:
    """The first quote not checked yet after the one with id `after` in `quotes` (the
    order shown), wrapping around to the top; None when every quote is checked."""
    start = next((i + 1 for i, quote in enumerate(quotes) if quote.id == after), 0)
    for quote in (*quotes[start:], *quotes[:start]):
        if not quote.decided and quote.id != after:
            return quote
    return None
