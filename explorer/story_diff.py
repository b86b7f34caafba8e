"""What changed between two versions of a story, quote by quote.

Two versions of one story (the annotator's and the corrected one; two runs of
the annotator) are compared quote by quote.  Quotes are paired first by id
(same id, same paragraph, overlapping text), then by the most overlap within a
paragraph, one to one; what is left is added or removed.  A pair differs when
its speaker (by name: ids may differ between versions), its kind, its span or
its review differ.  Plain functions over the model: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.model import Quote, Story

ADDED = "added"
REMOVED = "removed"
REATTRIBUTED = "re-attributed"
RETYPED = "re-typed"
RESPANNED = "re-spanned"
REVIEWED = "reviewed"
#: Every kind of change, in the order they are listed.
CHANGES = (ADDED, REMOVED, REATTRIBUTED, RETYPED, RESPANNED, REVIEWED)


@dataclass(frozen=True)
class QuoteDiff:
    """One quote that is not the same in both versions: `old` and/or `new`, and how it
    changed (`changes`, from `CHANGES`)."""

    changes: tuple[str, ...]
    old: Quote | None
    new: Quote | None
    paragraph: int
    """1-based position of the quote's paragraph (in the new version when it has one)."""
    old_speaker: str | None = None
    new_speaker: str | None = None


def _span(quote: Quote) -> tuple[int, int]:
    start = quote.start or 0
    return start, quote.end if quote.end is not None else start + len(quote.text)


def _overlap(first: Quote, second: Quote) -> int:
    (a, b), (c, d) = _span(first), _span(second)
    return max(0, min(b, d) - max(a, c))


def pair_quotes(old: Story, new: Story) -> list[tuple[Quote | None, Quote | None]]:
    """The quotes of both versions paired (same id first, then the most overlap in the
    same paragraph, one to one); unpaired ones stand alone.  In the new version's order,
    removed quotes where they stood."""
    new_by_id = {q.id: q for q in new.quotes}
    pairs: dict[str, Quote] = {}  # new id -> old quote
    for quote in old.quotes:
        twin = new_by_id.get(quote.id)
        if twin is not None and twin.paragraph == quote.paragraph and _overlap(quote, twin):
            pairs[twin.id] = quote
    paired_old = {id(q) for q in pairs.values()}
    candidates = sorted(
        ((_overlap(o, n), o, n) for o in old.quotes if id(o) not in paired_old
         for n in new.quotes if n.id not in pairs and n.paragraph == o.paragraph and _overlap(o, n)),
        key=lambda item: -item[0],
    )
    for _, old_quote, new_quote in candidates:
        if new_quote.id not in pairs and id(old_quote) not in paired_old:
            pairs[new_quote.id] = old_quote
            paired_old.add(id(old_quote))
    result: list[tuple[Quote | None, Quote | None]] = [(pairs.get(q.id), q) for q in new.quotes_in_order()]
    removed = [q for q in old.quotes_in_order() if id(q) not in paired_old]
    position = new.paragraph_position
    for quote in removed:
        where = position.get(quote.paragraph, len(position))
        at = next((i for i, (_, n) in enumerate(result)
                   if n is not None and (position.get(n.paragraph, 0), n.start or 0) > (where, quote.start or 0)),
                  len(result))
        result.insert(at, (quote, None))
    return result


def diff_stories(old: Story, new: Story, *, review: bool = True) -> list[QuoteDiff]:
    """Every quote that differs between `old` and `new`, in article order.  With `review`
    False, review states and notes are not compared (the attributions alone)."""
    diffs = []
    for before, after in pair_quotes(old, new):
        story, quote = (new, after) if after is not None else (old, before)
        paragraph = story.paragraph_position.get(quote.paragraph, -1) + 1
        old_name = old.speaker_name(before) if before else None
        new_name = new.speaker_name(after) if after else None
        if before is None or after is None:
            change = ADDED if before is None else REMOVED
            diffs.append(QuoteDiff((change,), before, after, paragraph, old_name, new_name))
            continue
        changes = []
        if old_name != new_name:
            changes.append(REATTRIBUTED)
        if before.kind != after.kind:
            changes.append(RETYPED)
        if _span(before) != _span(after) or before.text != after.text:
            changes.append(RESPANNED)
        if review and (before.review, before.note) != (after.review, after.note):
            changes.append(REVIEWED)
        if changes:
            diffs.append(QuoteDiff(tuple(changes), before, after, paragraph, old_name, new_name))
    return diffs
