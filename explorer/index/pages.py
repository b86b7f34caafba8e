"""A long list of quotes read from the index a page at a time, as it is looked at.

A search of the library or a speaker's quotes across stories can select
thousands of quotes, of which a screen shows forty.  `QuotePages` holds only
their ids, in the list's order (one narrow query), and reads the quotes
themselves (every column, checked) a page at a time when a row is first
asked for: painting the visible rows reads one page; an export or a chart
that goes through them all reads them in large pages.  So a keystroke costs
the ids and the rows on screen, not a thousand records built and dropped.

A quote that is no longer there when its page is read (its story was
indexed again since) is None, and so is every quote of a page that cannot
be read (a damaged index: `damaged` is then set): the list shows such a row
as gone and never fails.  No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import overload

from explorer.index.database import IndexUnusable
from explorer.index.records import QuoteHit

#: Quotes read at once when a row is first asked for (more than a screen holds).
PAGE = 100
#: Quotes read at once when the list is gone through whole (an export, a chart).
BULK_PAGE = 500

#: Reads the quotes of some ids: {id: quote}; an id that is not there is left out.
QuoteReader = Callable[[Sequence[int]], dict[int, QuoteHit]]


class QuotePages(Sequence["QuoteHit | None"]):
    """The quotes of `ids`, in that order, read through `read` a page at a time.

    `pages_read` and `quotes_read` count the work done, for the tests; `damaged`
    says a page could not be read (the index needs rebuilding).
    """

    def __init__(self, ids: Sequence[int], read: QuoteReader) -> None:
        self.ids = ids
        self._read = read
        self._quotes: dict[int, QuoteHit | None] = {}
        self.pages_read = 0
        self.quotes_read = 0
        self.damaged = False

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> QuoteHit | None: ...

    @overload
    def __getitem__(self, index: slice) -> list[QuoteHit | None]: ...

    def __getitem__(self, index: int | slice) -> QuoteHit | None | list[QuoteHit | None]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.ids)))]
        quote_id = self.ids[index]  # IndexError past the end, as a list
        if quote_id not in self._quotes:
            start = (index % len(self.ids)) // PAGE * PAGE
            self._load(start, start + PAGE)
        return self._quotes[quote_id]

    def __iter__(self) -> Iterator[QuoteHit | None]:
        for start in range(0, len(self.ids), BULK_PAGE):
            self._load(start, start + BULK_PAGE)
            for quote_id in self.ids[start:start + BULK_PAGE]:
                yield self._quotes[quote_id]

    def _load(self, start: int, end: int) -> None:
        wanted = [quote_id for quote_id in self.ids[start:end] if quote_id not in self._quotes]
        if not wanted:
            return
        try:
            found = self._read(wanted)
        except IndexUnusable:
            found, self.damaged = {}, True
        self.pages_read += 1
        self.quotes_read += len(found)
        for quote_id in wanted:
            self._quotes[quote_id] = found.get(quote_id)
