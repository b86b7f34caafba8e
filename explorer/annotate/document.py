"""Lookups over one parsed article that every extraction rule uses.

`Document` is built once per parse, in one pass each: the sentences and the
sentence of every token, the quotes paired by `quote_marks` and the quote
every token stands in, and the paragraph of any character offset.
"""

from __future__ import annotations

from bisect import bisect_right

from explorer.annotate.quote_marks import QuoteSpan, find_quote_spans


class Document:
    """Lookups over one parsed document, built in one pass each."""

    def __init__(self, doc, paragraphs: list[tuple[int, int]]):
        self.doc = doc
        self.text = doc.text
        self.paragraphs = paragraphs
        self.paragraph_starts = [s for s, _ in paragraphs]
        self.token_starts = [t.idx for t in doc]
        self.sentence_of = [0] * len(doc)
        self.sentences = []
        for number, sentence in enumerate(doc.sents):
            self.sentences.append(sentence)
            for i in range(sentence.start, sentence.end):
                self.sentence_of[i] = number
        self.quotes: list[QuoteSpan] = []
        for number, (start, end) in enumerate(paragraphs):
            self.quotes.extend(find_quote_spans(self.text, start, end, number))
        # token -> index of the quote it stands in (marks included), or -1
        self.quote_of = [-1] * len(doc)
        self.quote_tokens: list[tuple[int, int]] = []  # inner tokens [first, last] per quote
        for number, quote in enumerate(self.quotes):
            first, last = self.token_at(quote.start), self.token_at(quote.end - 1)
            self.quote_tokens.append((first, last))
            outer_first = first - 1 if first > 0 and self._is_mark(doc[first - 1]) else first
            outer_last = last + 1 if last + 1 < len(doc) and self._is_mark(doc[last + 1]) else last
            for i in range(outer_first, outer_last + 1):
                self.quote_of[i] = number

    @staticmethod
    def _is_mark(token) -> bool:
        return token.is_quote or token.text in ("''", "“", "”", '"', "‘", "’")

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.token_starts, char) - 1)

    def paragraph_of(self, char: int) -> int:
        return bisect_right(self.paragraph_starts, char) - 1

    def in_paragraph(self, char: int) -> bool:
        index = self.paragraph_of(char)
        return index >= 0 and char < self.paragraphs[index][1]

    def in_quote(self, i: int) -> bool:
        return self.quote_of[i] != -1
