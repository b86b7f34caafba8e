"""How a quote's review state looks on screen, the same in every pane: a mark, a word
and a theme colour for each state (a quote not checked yet has no mark)."""

from __future__ import annotations

from textual.content import Content

from explorer.model import Quote

#: review state -> (mark, word, style).
REVIEW_LOOKS: dict[str, tuple[str, str, str]] = {
    "confirmed": ("✓", "confirmed", "$readable-success"),
    "corrected": ("✎", "corrected", "$readable-accent"),
    "rejected": ("✗", "rejected", "$readable-error"),
}
NOT_CHECKED = ("○", "not checked yet", "$readable-warning")
#: A rejected quote, when rejected quotes are shown: dimmed and struck through.
REJECTED_STYLE = "strike $readable-dimmed"


def review_look(quote: Quote) -> tuple[str, str, str]:
    """(mark, word, style) of the quote's review state."""
    return REVIEW_LOOKS.get(quote.review or "", NOT_CHECKED)


def review_mark(quote: Quote) -> Content:
    """The state's mark in its colour ("✓"), or nothing for a quote not checked yet."""
    if not quote.decided:
        return Content("")
    mark, _, style = review_look(quote)
    return Content.styled(mark, style)


def review_word(quote: Quote) -> Content:
    """The state in words, with its mark and colour: "✓ confirmed", "· not checked yet"."""
    mark, word, style = review_look(quote)
    return Content.styled(f"{mark} {word}", f"bold {style}")
