"""Selecting words of a paragraph with the keyboard, to add a quote the annotator missed.

Plain functions over a paragraph's text and a span (`start`, `end` character
offsets); no Textual.  Words are those of `explorer.edits.word_spans` (quote
marks at a word's edges are not part of it), so a selection never starts or
ends inside a quotation mark, as a quote's text never does.

Sentences end at a word ending in `.`, `!`, `?` or `…`, unless the word is an
abbreviation ("U.S.", "Mr.", "Gen."): a rule of thumb, good for the news prose
the explorer shows, that a person corrects with the word keys where it errs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.edits import shifted_end, shifted_start, word_spans

_SENTENCE_END = ".!?…"
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
_ABBREVIATIONS = frozenset({
    "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "gov.", "sen.", "rep.", "st.", "jr.", "sr.", "no.", "vs.",
    "lt.", "col.", "capt.", "sgt.", "rev.", "hon.", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.",
})


@dataclass(frozen=True)
class WordSelection:
    """Words selected in the paragraph at `paragraph` (a position): `start`..`end`."""

    paragraph: int
    start: int
    end: int


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word holding `offset`, else the first word after it, else the last word;
    None when the text has no word."""
    words = word_spans(text)
    if not words:
        return None
    return next(((start, end) for start, end in words if end > offset), words[-1])


def moved(text: str, start: int, end: int, words: int) -> tuple[int, int]:
    """The span moved by `words` words, as many words long as it was (it stops at the
    first and the last word of the paragraph)."""
    spans = word_spans(text)
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    first = next((i for i, s in enumerate(starts) if s >= start), 0)
    last = next((i for i, e in enumerate(ends) if e >= end), len(ends) - 1)
    step = max(-first, min(words, len(spans) - 1 - last))
    return starts[first + step], ends[last + step]


def with_start(text: str, start: int, end: int, words: int) -> tuple[int, int]:
    """The span with its start moved by `words` words (at least one word stays)."""
    return shifted_start(text, start, end, words), end


def with_end(text: str, start: int, end: int, words: int) -> tuple[int, int]:
    """The span with its end moved by `words` words (at least one word stays)."""
    return start, shifted_end(text, start, end, words)


def _ends_sentence(text: str, start: int, end: int) -> bool:
    word = text[start:end]
    if not word or word[-1] not in _SENTENCE_END:
        return False
    return word[-1] != "." or not (_INITIALS.fullmatch(word) or word.casefold() in _ABBREVIATIONS)


def to_sentence_end(text: str, start: int, end: int) -> tuple[int, int]:
    """The span reaching on to the end of the sentence its last word is in; when it
    ends a sentence already, to the end of the next one (the paragraph's end at most)."""
    spans = [(s, e) for s, e in word_spans(text) if e > end]
    for word_start, word_end in spans:
        if _ends_sentence(text, word_start, word_end):
            return start, word_end
    return start, spans[-1][1] if spans else end


def to_sentence_start(text: str, start: int, end: int) -> tuple[int, int]:
    """The span reaching back to the start of the sentence its first word is in; when it
    starts a sentence already, to the start of the one before."""
    words = word_spans(text)
    before = [i for i, (s, _) in enumerate(words) if s < start]
    if not before:
        return start, end
    position = before[-1]
    while position > 0 and not _ends_sentence(text, *words[position - 1]):
        position -= 1
    return words[position][0], end
