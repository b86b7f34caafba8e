"""Lookups over one parsed article that every extraction rule uses.

`Document` is built once per parse, in one pass each: the sentences and the
sentence of every token, the quotes paired by `quote_marks` and the quote
every token stands in, the paragraph of any character offset, and running
counts of words, verbs and quoted tokens (so that a range's count costs one
subtraction).
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
        self.token_starts = _token_starts(doc)
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
        self._words_before, self._verbs_before, self._quoted_before = _running_counts(doc, self.quote_of)
        self.sentence_has_quote = [self.quoted(s.start, s.end - 1) > 0 for s in self.sentences]

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

    def beside_quote(self, number: int, i: int, step: int, *, same_line: bool = False) -> int:
        """From token `i` on, by `step` (-1 back, 1 on), the first token that is neither
        quote `number`'s own (its words, its marks) nor a space (nor, with `same_line`,
        past a space that breaks the line: that space); -1 or len(doc) when none."""
        doc = self.doc
        while 0 <= i < len(doc) and (self.quote_of[i] == number
                                     or doc[i].is_space and not (same_line and "\n" in doc[i].text)):
            i += step
        return i

    def words(self, first: int, last: int) -> int:
        """How many of tokens first..last are words (not punctuation nor space)."""
        return self._words_before[last + 1] - self._words_before[first]

    def verbs(self, first: int, last: int) -> int:
        """How many of tokens first..last are verbs."""
        return self._verbs_before[last + 1] - self._verbs_before[first]

    def quoted(self, first: int, last: int) -> int:
        """How many of tokens first..last stand in a quote (marks included)."""
        return self._quoted_before[last + 1] - self._quoted_before[first]


def _token_starts(doc) -> list[int]:
    """The char offset of every token (read in one array, not token by token)."""
    from spacy.attrs import IDX

    return doc.to_array(IDX).tolist() if len(doc) else []


def _running_counts(doc, quote_of: list[int]) -> tuple[list[int], list[int], list[int]]:
    """For each token index i (and len(doc)), how many tokens before it are
    words, verbs, and inside a quote: a count over any range is then one
    subtraction (the learned model's features ask for many)."""
    import numpy
    from spacy.attrs import IS_PUNCT, IS_SPACE, POS
    from spacy.symbols import VERB

    values = doc.to_array([IS_PUNCT, IS_SPACE, POS]).reshape(-1, 3)

    def running(flags) -> list[int]:
        return [0, *numpy.cumsum(flags, dtype=numpy.int64).tolist()]

    return (running((values[:, 0] == 0) & (values[:, 1] == 0)), running(values[:, 2] == VERB),
            running(numpy.array(quote_of, dtype=numpy.int64) != -1))


def possible_cues(doc) -> list[int]:
    """The indices of the tokens a cue construction may start from: a colon,
    or a verb, noun, name or adjective that is no punctuation nor space."""
    from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, POS
    from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB

    def test(values):
        pos = values[:, 3]
        word = (values[:, 1] == 0) & (values[:, 2] == 0)
        cue_pos = (pos == VERB) | (pos == AUX) | (pos == NOUN) | (pos == PROPN) | (pos == ADJ)
        return word & cue_pos | (values[:, 0] == doc.vocab.strings[":"])

    return _indices_where(doc, [ORTH, IS_PUNCT, IS_SPACE, POS], test)


def proper_nouns_outside_entities(doc) -> list[int]:
    """The indices of the proper nouns that are in no named entity."""
    from spacy.attrs import ENT_TYPE, POS
    from spacy.symbols import PROPN

    return _indices_where(doc, [POS, ENT_TYPE], lambda values: (values[:, 0] == PROPN) & (values[:, 1] == 0))


def _indices_where(doc, attributes: list[int], test) -> list[int]:
    """The indices of the tokens whose `attributes`, read in one array (a row
    a token), pass `test`: a spaCy token made of every word only to ask, most
    of them to be skipped, was a tenth of what extraction cost."""
    if not len(doc):
        return []
    return test(doc.to_array(attributes)).nonzero()[0].tolist()
