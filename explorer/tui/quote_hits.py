"""How the library's quote lists show a quote found in the index (`QuoteHit`):
the row of a table, the detail under it and the records an export writes."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from explorer.index.records import QuoteHit
from explorer.tui.safe_text import plain
from explorer.tui.widgets.virtual_table import Column, TableRow

UNKNOWN_SPEAKER = "(unknown speaker)"

#: A speaker's quotes across stories: where each comes from.
STORY_QUOTE_COLUMNS = (
    Column("Date", width=10),
    Column("Story", ratio=1),
    Column("¶", width=3, align="right"),
    Column("Quote", ratio=2),
)
#: Search results: who said it, what, where.
SEARCH_COLUMNS = (
    Column("Speaker", width=18),
    Column("Quote", ratio=3),
    Column("Story", ratio=1),
    Column("Date", width=10),
    Column("¶", width=3, align="right"),
)


def export_records(hits: Iterable[QuoteHit | None]) -> list[dict[str, object]]:
    """The records an export writes of a quote list: its quotes still in the index (a
    quote gone since the list was made, None in `QuotePages`, is left out)."""
    return [hit.as_record() for hit in hits if hit is not None]


def quoted_text(hit: QuoteHit) -> str:
    """Direct quotes inside quotation marks, the others as they stand."""
    return f"“{hit.text}”" if hit.kind == "direct" else hit.text


#: A row whose quote cannot be read any more (`QuotePages` gives None): its story was
#: indexed again since the list was made, or the index is damaged.
GONE_ROW = TableRow(("This quote can no longer be read from the index: look again (Escape, r to index again).",),
                    look="muted", span=True)


def story_quote_row(hit: QuoteHit | None) -> TableRow:
    if hit is None:
        return GONE_ROW
    return TableRow(((hit.published or "")[:10], hit.story_title, str(hit.paragraph_number), hit.text))


def search_row(hit: QuoteHit | None) -> TableRow:
    if hit is None:
        return GONE_ROW
    return TableRow((hit.speaker or UNKNOWN_SPEAKER, hit.text, hit.story_title, (hit.published or "")[:10],
                     str(hit.paragraph_number)))


def hit_detail(hit: QuoteHit) -> Content:
    """The highlighted quote in full, with who said it, how, and where it comes from."""
    said = f"{hit.speaker or UNKNOWN_SPEAKER}" + (f" ({hit.cue})" if hit.cue else "")
    where = [f"{hit.kind} quote", f"paragraph {hit.paragraph_number}", hit.story_title]
    where += [value for value in (hit.outlet, hit.published) if value]
    if hit.review:
        where.append(hit.review)
    return Content.assemble(plain(quoted_text(hit)), "\n", plain(said, "bold"), plain(" · " + " · ".join(where), "dim"))
