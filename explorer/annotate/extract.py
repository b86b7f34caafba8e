"""The attribution extractor: quotes, their speakers and the outlets a text cites.

`extract(doc, paragraphs)` works on one parsed document in a few linear passes:

1. Quote marks are paired per paragraph, on the characters (“…”, "…", ''…''
   and ‘…’; an apostrophe inside a word is never a mark).  A quote left open
   at the end of a paragraph runs to its end and goes on in the next one.
2. Each quote is tied to its cue: the speech verb the dependency parse hangs
   it from (method ``cue-clause``), else a speech verb in the frame of a
   quote that stands on its own (``cue-frame``), else a colon frame
   (``He added:`` / ``Kerry:``, ``colon-frame``), else the quote before it
   when it goes on without a cue (``floating-continuation``).  A quote that
   is only part of the clause a cue verb governs is a mixed quote; its
   content is the whole clause.  Short quotes with no cue (scare quotes,
   titles) are dropped.
3. Reported speech: a speech or thought verb with a clause complement
   (``cue-clause``), a parenthetical cue (``The deal, he said, ...``,
   ``parenthetical-cue``) and ``according to X`` (``according-to``).
4. Speaker mentions are resolved to people, organizations and outlets
   (`explorer.annotate.speakers`), and outlets the text cites are listed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from explorer.annotate import rules
from explorer.annotate.speakers import Cluster, SpeakerResolver, is_outlet_name


@dataclass
class FoundQuote:
    """One attribution.  Offsets are char offsets into the document text; a
    direct quote's content excludes its quote marks."""

    content: tuple[int, int]
    kind: str  # direct | mixed | reported
    cue: tuple[int, int] | None
    mention: tuple[int, int] | None
    speaker: str | None
    method: str
    confidence: float


@dataclass
class FoundSpeaker:
    id: str
    name: str
    role: str = ""
    kind: str = "person"  # person | organization | outlet
    aliases: list[str] = field(default_factory=list)


@dataclass
class FoundOutlet:
    """An outlet the text cites, and the (0-based) paragraphs that cite it."""

    name: str
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class Extraction:
    quotes: list[FoundQuote] = field(default_factory=list)
    speakers: list[FoundSpeaker] = field(default_factory=list)
    outlets: list[FoundOutlet] = field(default_factory=list)
    #: The text the offsets point into (doc.text), so a writer needs nothing else.
    text: str = ""


#: How sure each rule is, before the speaker is taken into account.
METHOD_CONFIDENCE = {
    "cue-clause": 0.9,
    "cue-frame": 0.75,
    "colon-frame": 0.7,
    "floating-continuation": 0.7,
    "according-to": 0.8,
    "parenthetical-cue": 0.7,
    "cue-object": 0.6,
    "cue-infinitive": 0.6,
}
REPORTED_CONFIDENCE_FACTOR = 0.8
#: How many heads up from a quote its cue may stand.
MAX_CUE_DISTANCE = 8
UNKNOWN_SPEAKER_FACTOR = 0.8

DOUBLE_OPEN = "“"
DOUBLE_CLOSE = "”"
STRAIGHT_DOUBLE = '"'
DOUBLE_APOSTROPHE = "''"  # some papers (the NYT archive) write quotes as ''...''
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
OPENER_CONTEXT = " \t\n([{—–-/"


@dataclass
class QuoteSpan:
    """Quoted words in one paragraph: `start`/`end` exclude the marks."""

    start: int
    end: int
    paragraph: int
    closed: bool


def find_quote_spans(text: str, start: int, end: int, paragraph: int) -> list[QuoteSpan]:
    """Pair the quote marks of text[start:end] (one paragraph), in one scan.

    Double marks (“ ” " '') nest single ones (‘ ’ '); a single mark opens only
    after a space or an opening bracket and closes only before a non-letter,
    so the apostrophes in "they’re" and "Trump’s" are never marks.  A double
    quote still open at the paragraph end runs to it; a single one is dropped.
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None  # index after the opening mark
    single = False
    i = start
    while i < end:
        char = text[i]
        width = 2 if text.startswith(DOUBLE_APOSTROPHE, i) else 1
        is_double = width == 2 or char in DOUBLE_OPEN or char in DOUBLE_CLOSE or char == STRAIGHT_DOUBLE
        if is_double:
            after = text[i + width] if i + width < end else " "
            if open_at is None or single:
                if char != DOUBLE_CLOSE:
                    open_at, single = i + width, False
            elif char != DOUBLE_OPEN or not (after.isalnum() or after in "‘'\"“"):
                # (an opening mark followed by a space is a mistyped closing one)
                _add_span(spans, text, open_at, i, paragraph, True)
                open_at = None
        elif char in SINGLE_OPEN or char in SINGLE_CLOSE:
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if open_at is not None and single and char in SINGLE_CLOSE and not after.isalnum() and not before.isspace():
                _add_span(spans, text, open_at, i, paragraph, True)
                open_at, single = None, False
            elif open_at is None and char in SINGLE_OPEN and before in OPENER_CONTEXT and after.isalpha():
                open_at, single = i + 1, True
        i += width
    if open_at is not None and not single:
        _add_span(spans, text, open_at, end, paragraph, False)
    return spans


def _add_span(spans: list[QuoteSpan], text: str, start: int, end: int, paragraph: int, closed: bool) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(QuoteSpan(start, end, paragraph, closed))


@dataclass
class _Candidate:
    """An attribution before its speaker is resolved."""

    content: tuple[int, int]
    kind: str
    cue: tuple[int, int] | None
    subject: object | None  # the mention's head token
    mention: object | None  # the mention's Span
    method: str
    cluster: Cluster | None = None
    inherits: "_Candidate | None" = None  # a continuation takes its speaker from here


class _Document:
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


def _is_cue(token, verbs=rules.SPEECH_VERBS) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in verbs


def _is_according(token) -> bool:
    return token.text.lower() == "according" and any(c.text.lower() == "to" for c in token.children)


def _subject(cue):
    """The speaker of a cue verb: its subject, or that of the verb it hangs
    from ("Trump responded, adding that ..."), or the object of "according to"."""
    if _is_according(cue):
        for to in cue.children:
            if to.text.lower() == "to":
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    token = cue
    for _ in range(4):
        for child in token.children:
            if child.dep_ in rules.SUBJECT_RELATIONS:
                return child
            if child.dep_ == "agent":  # "was praised by X"
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.i == token.i - 1:
            # "“...?” the paper asked": the parser made the noun the root and the verb its modifier
            return token.head
        if token.dep_ not in rules.SUBJECT_SHARING_RELATIONS or token.head.i == token.i:
            return None
        token = token.head
    return None


def _mention_span(subject):
    """The speaker as written: the subject's phrase without appositions,
    relative clauses or trailing punctuation ("Mrs. Clinton, who ..." -> "Mrs. Clinton")."""
    doc = subject.doc
    if subject.pos_ == "PRON":
        return doc[subject.i : subject.i + 1]
    start = subject.left_edge.i
    for child in subject.lefts:
        if child.dep_ in ("appos", "punct", "relcl", "acl"):
            start = child.right_edge.i + 1
    end = subject.i + 1
    for child in subject.rights:
        if child.dep_ == "prep" and child.text.lower() == "of":
            end = child.right_edge.i + 1
        elif child.dep_ not in ("compound", "flat", "nummod"):
            break
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _char_span(doc, first: int, last: int) -> tuple[int, int]:
    """Char offsets of tokens first..last (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last].text)


class _Extractor:
    def __init__(self, doc, paragraphs):
        self.d = _Document(doc, paragraphs)
        self.doc = doc
        self.candidates: list[_Candidate] = []
        self.used_cues: set[int] = set()  # cue token indices whose clause is taken
        self.consumed_quotes: set[int] = set()

    # -- 1. quotes ----------------------------------------------------------------

    def quotes(self) -> None:
        """Attribute every quote, in text order; a quote no rule ties to a
        speaker may go on from the quote before it."""
        previous: _Candidate | None = None
        previous_quote: QuoteSpan | None = None
        for number, quote in enumerate(self.d.quotes):
            if number in self.consumed_quotes:
                continue
            found = self._attribute_quote(number, quote)
            if not found and previous is not None and self._continues(quote, previous_quote, number):
                found = [
                    _Candidate(
                        (quote.start, quote.end), "direct", previous.cue, previous.subject, previous.mention,
                        "floating-continuation", inherits=previous,
                    )
                ]
            if found:
                self.candidates.extend(found)
                previous, previous_quote = found[0], quote
            elif previous_quote is not None and quote.paragraph != previous_quote.paragraph:
                previous = previous_quote = None

    def _continues(self, quote: QuoteSpan, previous: QuoteSpan, number: int) -> bool:
        """A quote without a cue goes on from the previous one: in the same
        paragraph, or opening the next paragraph (always so when the previous
        quote was left open at the end of its paragraph)."""
        if quote.paragraph == previous.paragraph:
            if self._sentence_between(previous, quote):
                return False  # "“...,” he said. Jones disagreed. “...”": someone else may speak now
            return self._stands_alone(number) or self._words(quote) >= rules.MIN_FLOATING_QUOTE_WORDS
        if quote.paragraph != previous.paragraph + 1:
            return False
        paragraph_start = self.d.paragraphs[quote.paragraph][0]
        opens_paragraph = self.d.text[paragraph_start:quote.start].strip() in ("", "“", '"', "''", "‘")
        if not opens_paragraph:
            return False
        if not previous.closed:
            return True  # the quote left open at the end of the previous paragraph goes on
        return self._words(quote) >= rules.MIN_FLOATING_QUOTE_WORDS and not self._sentence_between(previous, quote)

    def _sentence_between(self, previous: QuoteSpan, quote: QuoteSpan) -> bool:
        """True when a sentence of narration stands between two quotes."""
        after_previous = self.d.sentence_of[self.d.token_at(previous.end - 1)] + 1
        before_quote = self.d.sentence_of[self.d.token_at(quote.start)]
        for number in range(after_previous, before_quote):
            sentence = self.d.sentences[number]
            words = sum(1 for t in sentence if not t.is_punct and not t.is_space and self.d.quote_of[t.i] == -1)
            if words >= rules.MIN_FLOATING_QUOTE_WORDS and self._frame_only(sentence) is None:
                return True
        return False

    def _words(self, quote: QuoteSpan) -> int:
        return len(self.d.text[quote.start : quote.end].split())

    def _attribute_quote(self, number: int, quote: QuoteSpan) -> list[_Candidate]:
        """The attribution(s) of one quote: none when no rule ties it to a speaker."""
        first, last = self.d.quote_tokens[number]
        link = self._governing_cue(number, first, last)
        if link is not None:
            cue, child = link
            region = self._complement_region(child, last) if child is not None else None
            return self._quote_candidates(number, quote, cue, region, "cue-clause")
        parenthetical = self._parenthetical_cue(number, first, last)
        if parenthetical is not None:
            cue, region = parenthetical
            return self._quote_candidates(number, quote, cue, (*region, None), "parenthetical-cue")
        if self._stands_alone(number):
            cue = self._frame_cue(number, first, last)
            if cue is not None:
                return self._quote_candidates(number, quote, cue, None, "cue-frame")
            colon = self._colon_frame(first)
            if colon is not None:
                return [colon_candidate(quote, *colon)]
        return []

    def _governing_cue(self, number: int, first: int, last: int):
        """The speech verb the parse hangs the quote from: (cue, child of the cue
        on the path to the quote, or None when the cue hangs from the quote)."""
        doc = self.doc
        for i in range(first, last + 1):
            token = doc[i]
            for child in token.children:
                # "“...,” he said" parsed with the quote as the head of the frame
                if (
                    not first <= child.i <= last
                    and self.d.quote_of[child.i] == -1
                    and child.dep_ not in rules.MODIFIER_RELATIONS
                    and (_is_according(child) or _is_cue(child) and _subject(child) is not None)
                ):
                    return child, None
            if first <= token.head.i <= last and token.head.i != token.i:
                continue
            found = None
            below, node = token, token.head
            for _ in range(MAX_CUE_DISTANCE):
                if node.i == below.i or self.d.quote_of[node.i] not in (-1, number):
                    break
                if found is not None and below.dep_ not in rules.EMBEDDING_RELATIONS:
                    break  # "..., adding that “...”": the quote is the inner cue's
                if self.d.quote_of[node.i] == -1 and (_is_cue(node) or _is_according(node)):
                    if below.dep_ in rules.SUBJECT_RELATIONS:
                        break  # a quote in the cue's subject ("The “undercard” debate began") is not what was said
                    # Keep climbing: in "Obama said he expected Americans to say “no”"
                    # the quote belongs to the outermost cue with a speaker.
                    if found is None or _subject(node) is not None:
                        found = node, below
                below, node = node, node.head
            if found is not None:
                return found
        return None

    def _stands_alone(self, number: int) -> bool:
        """True when the quote is a clause of its own, set off by punctuation
        or the sentence edge: “...,” he said / He said: “...” / “...”"""
        doc = self.doc
        first, last = self.d.quote_tokens[number]
        before = first - 1
        while before >= 0 and (self.d.quote_of[before] == number or doc[before].is_space):
            before -= 1
        after = last + 1
        while after < len(doc) and (self.d.quote_of[after] == number or doc[after].is_space):
            after += 1
        starts = before < 0 or doc[before].text in (",", ":", ".", "—", "–", "-", "?", "!", ";") or self.d.sentence_of[before] != self.d.sentence_of[first]
        if not starts:
            return False
        inner_last = self.d.text[self.d.quotes[number].end - 1]
        ends = after >= len(doc) or inner_last in ",.?!—-:;" or doc[after].is_punct or self.d.sentence_of[after] != self.d.sentence_of[last]
        return ends

    def _frame_cue(self, number: int, first: int, last: int):
        """The speech verb nearest to the quote, outside any quote, in the
        sentences the quote stands in, or in a frame the parser split off
        after it (“...?” the editorial asked)."""
        doc = self.doc
        sentence_first = self.d.sentences[self.d.sentence_of[first]].start
        sentence_last = self.d.sentences[self.d.sentence_of[last]].end
        after = last + 1
        while after < len(doc) and (self.d.quote_of[after] == number or doc[after].is_space and "\n" not in doc[after].text):
            after += 1
        if after < len(doc) and self.d.quote_of[after] == -1 and self.d.sentence_of[after] != self.d.sentence_of[last]:
            following = self.d.sentences[self.d.sentence_of[after]]
            if doc[after].is_lower or self._frame_only(following) is not None:
                sentence_last = following.end
        best, best_distance = None, None
        for i in range(sentence_first, sentence_last):
            if self.d.quote_of[i] != -1 or not _is_cue(doc[i]) or _subject(doc[i]) is None:
                continue
            distance = first - i if i < first else i - last
            if best is None or distance < best_distance:
                best, best_distance = doc[i], distance
        return best

    def _colon_frame(self, first: int):
        """A quote after "He added:" or "Kerry:" (the colon may end the previous paragraph)."""
        doc = self.doc
        before = first - 1
        while before >= 0 and (self.d.in_quote(before) and doc[before].is_quote or doc[before].is_space):
            before -= 1
        if before < 1 or doc[before].text != ":" or self.d.in_quote(before - 1):
            return None
        head = doc[before - 1]
        while head.head.i != head.i and head.head.i < before:
            head = head.head
        if head.pos_ == "VERB":
            subject = _subject(head)
            if subject is None:
                return None
            return (head.idx, head.idx + len(head.text)), subject
        if head.pos_ in ("PROPN", "NOUN", "PRON"):
            colon = doc[before]
            return (colon.idx, colon.idx + 1), head
        return None

    def _quote_candidates(self, number: int, quote: QuoteSpan, cue, region, method: str) -> list[_Candidate]:
        """The quote as a direct quote, or, when it is only part of the clause
        `region` = (first, last, remainder) of what the cue governs and not set
        off by punctuation of its own, as a mixed quote whose content is that clause.  `remainder` is a clause conjoined
        after the quote ("stressing that “...” and that ..."): reported speech
        with the same cue."""
        doc = self.doc
        subject = _subject(cue)
        mention = _mention_span(subject) if subject is not None else None
        cue_span = _cue_span(cue)
        content, kind = (quote.start, quote.end), "direct"
        found = []
        if region is not None and not self._stands_alone(number):
            first, last, remainder = region
            if self._words_outside_quotes(first, last) > 1:
                start, end = _char_span(doc, first, last)
                paragraph = self.d.paragraphs[quote.paragraph]
                content = max(min(start, quote.start), paragraph[0]), min(max(end, quote.end), paragraph[1])
                kind = "mixed"
                for other in range(number + 1, len(self.d.quotes)):
                    if self.d.quotes[other].start >= content[1]:
                        break
                    self.consumed_quotes.add(other)
            if remainder is not None and subject is not None:
                found += self._reported(*remainder, cue, subject, method)
        self.used_cues.add(cue.i)
        return [_Candidate(content, kind, cue_span, subject, mention, method), *found]

    def _words_outside_quotes(self, first: int, last: int) -> int:
        doc = self.doc
        return sum(1 for i in range(first, last + 1) if self.d.quote_of[i] == -1 and not doc[i].is_punct and not doc[i].is_space)

    def _complement_region(self, child, quote_last: int | None):
        """(first, last, remainder) token range of the clause `child` heads,
        without "that", surrounding punctuation or a ", calling ..." aside.
        With `quote_last`, a clause conjoined after that token is cut off
        and returned as `remainder` (first, last), else None."""
        doc = self.doc
        first, last = child.left_edge.i, child.right_edge.i
        while first < last and (doc[first].dep_ == "mark" or doc[first].is_punct and not self.d.in_quote(first)):
            first += 1
        if child.dep_ == "prep" and child.text.lower() == "as":
            first = child.i + 1
        remainder = None
        for right in child.rights:
            if quote_last is None or right.left_edge.i <= quote_last or self.d.in_quote(right.i):
                continue
            before = right.left_edge.i - 1
            while before > 0 and self.d.in_quote(before) and doc[before].is_quote:
                before -= 1  # the comma of “...,” stands inside the marks
            if right.dep_ == "advcl" and right.tag_ == "VBG" and doc[before].text == ",":
                last = min(last, right.left_edge.i - 1)
                break
            conjunct = right if right.dep_ == "conj" else None
            if right.dep_ == "cc":
                conjunct = next((c for c in child.rights if c.dep_ == "conj" and c.i > right.i), None)
            if conjunct is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in conjunct.children):
                # "stressing that “...” and that ...": a second thing said
                remainder = (conjunct.left_edge.i, conjunct.right_edge.i)
                last = min(last, right.left_edge.i - 1)
                break
        while last > first and (doc[last].is_punct or doc[last].is_space) and not self.d.in_quote(last):
            last -= 1
        return first, last, remainder

    def _rest_of_sentence(self, head) -> list[int]:
        """The words of `head`'s sentence outside `head`'s subtree (no punctuation or
        spaces): the clause a parenthetical cue or an "according to" phrase is set in."""
        doc = self.doc
        sentence = self.d.sentences[self.d.sentence_of[head.i]]
        first, last = head.left_edge.i, head.right_edge.i
        return [i for i in range(sentence.start, sentence.end)
                if not first <= i <= last and not doc[i].is_punct and not doc[i].is_space]

    def _parenthetical_region(self, cue) -> tuple[int, int] | None:
        """For a cue set in the clause it reports ("The deal, he said, is
        done."): the token range of that clause around it."""
        if cue.dep_ != "parataxis" or _subject(cue) is None:
            return None
        region = self._rest_of_sentence(cue)
        if len(region) < 3:
            return None
        return region[0], region[-1]

    def _parenthetical_cue(self, number: int, first: int, last: int):
        """(cue, region) when the quote stands in a clause with a parenthetical cue."""
        sentence = self.d.sentences[self.d.sentence_of[first]]
        for i in range(sentence.start, sentence.end):
            token = self.doc[i]
            if self.d.quote_of[i] == -1 and _is_cue(token):
                region = self._parenthetical_region(token)
                if region is not None and region[0] <= first and last <= region[1]:
                    return token, region
        return None

    def _frame_only(self, sentence) -> object | None:
        """The cue of a sentence that is nothing but a frame ("Clinton said to People.")."""
        root = sentence.root
        if not _is_cue(root) or _subject(root) is None:
            return None
        for child in root.children:
            if child.dep_ not in rules.FRAME_RELATIONS and not (child.dep_ == "dobj" and root.lemma_ in rules.HEARER_VERBS):
                return None
        return root

    # -- 3. reported speech ---------------------------------------------------------

    def reported(self) -> None:
        """Reported speech, in one pass over the tokens: the first rule that
        finds content for a cue wins."""
        verbs = rules.SPEECH_VERBS | rules.THOUGHT_VERBS
        for token in self.doc:
            if token.i in self.used_cues or self.d.quote_of[token.i] != -1 or token.pos_ != "VERB":
                continue
            if _is_according(token):
                self._according(token)
                continue
            subject = _subject(token)
            if subject is None:
                continue
            lemma = token.lemma_.lower()
            found = self._reported_clause(token, subject) if lemma in verbs else []
            if not found and lemma in rules.INFINITIVE_CUE_VERBS:
                found = self._reported_infinitive(token, subject)
            if not found and lemma in rules.OBJECT_CUE_VERBS:
                found = self._reported_object(token, subject)
            if not found:
                found = self._reported_preposition(token, subject, lemma)
            self.candidates += found

    def _reported_clause(self, cue, subject) -> list[_Candidate]:
        """The clause a cue verb takes ("he said (that) ..."), before or after
        it, or the clause it is set in ("The deal, he said, is done")."""
        for clause in cue.children:
            if clause.dep_ in rules.CLAUSE_COMPLEMENTS:
                first, last, _ = self._complement_region(clause, None)
                found = self._reported(first, last, cue, subject, "cue-clause")
                if found:
                    return found
        region = self._parenthetical_region(cue) if _is_cue(cue) else None
        return self._reported(*region, cue, subject, "parenthetical-cue") if region is not None else []

    def _reported_infinitive(self, cue, subject) -> list[_Candidate]:
        """"promised to cut taxes": the to-infinitive."""
        for clause in cue.children:
            if clause.dep_ in rules.INFINITIVE_COMPLEMENTS and clause.i > cue.i and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
            ):
                return self._reported(clause.left_edge.i, clause.right_edge.i, cue, subject, "cue-infinitive", keep_marks=True)
        return []

    def _reported_object(self, cue, subject) -> list[_Candidate]:
        """"criticized the deal", "called Palin a clown", "described it as vital":
        the object and what is predicated of it."""
        objects = [c for c in cue.children if c.dep_ in rules.OBJECT_COMPLEMENTS and c.i > cue.i]
        if not objects:
            return []
        first, last = objects[0].left_edge.i, objects[0].right_edge.i
        for child in cue.rights:
            if child.i > last and (child.dep_ in rules.OBJECT_PREDICATES or child.dep_ == "prep" and child.lower_ == "as"):
                last = child.right_edge.i
        return self._reported(first, last, cue, subject, "cue-object", keep_marks=True)

    def _reported_preposition(self, cue, subject, lemma: str) -> list[_Candidate]:
        """"called for a ban", "talked about jobs": the prepositional object."""
        for prep in cue.rights:
            if prep.dep_ == "prep" and (lemma, prep.lower_) in rules.PREPOSITION_CUES:
                objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    cue_end = prep.idx + len(prep.text) if prep.i == cue.i + 1 else None
                    return self._reported(
                        objects[0].left_edge.i, objects[0].right_edge.i, cue, subject, "cue-object",
                        keep_marks=True, cue_end=cue_end,
                    )
        return []

    def _reported(
        self, first: int, last: int, cue, subject, method: str, keep_marks: bool = False, cue_end: int | None = None
    ) -> list[_Candidate]:
        """A reported-speech candidate for tokens first..last (trimmed of
        punctuation, and of a leading "that" unless `keep_marks`), unless that
        holds a quote, is a word long or crosses a paragraph boundary."""
        doc = self.doc
        while first < last and (not keep_marks and doc[first].dep_ in ("mark", "cc") or doc[first].is_punct or doc[first].is_space):
            first += 1
        while last > first and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        if last - first < 1 or any(self.d.quote_of[i] != -1 for i in range(first, last + 1)):
            return []
        content = _char_span(doc, first, last)
        if not self.d.in_paragraph(content[0]) or self.d.paragraph_of(content[0]) != self.d.paragraph_of(content[1] - 1):
            return []
        self.used_cues.add(cue.i)
        cue_span = _cue_span(cue) if cue_end is None else (cue.idx, cue_end)
        return [_Candidate(content, "reported", cue_span, subject, _mention_span(subject), method)]

    def _according(self, according) -> None:
        """"According to X, CLAUSE" / "CLAUSE, according to X": the rest of the sentence."""
        subject = _subject(according)
        if subject is None:
            return
        region = self._rest_of_sentence(according)
        if len(region) >= 2:
            self.candidates += self._reported(region[0], region[-1], according, subject, "according-to")

    # -- 4. speakers and outlets ----------------------------------------------------

    def result(self) -> Extraction:
        resolver = SpeakerResolver(self.doc, self.d.paragraph_of, self.d.in_quote)
        ordered = sorted(self.candidates, key=lambda c: c.mention.start_char if c.mention is not None else c.content[0])
        for candidate in ordered:
            if candidate.inherits is not None:
                candidate.cluster = candidate.inherits.cluster
            elif candidate.subject is not None:
                candidate.cluster = resolver.resolve(candidate.subject, candidate.mention)
        used = [c.cluster for c in ordered if c.cluster is not None]
        ids = resolver.speaker_ids(used)
        speakers = [
            FoundSpeaker(ids[id(cluster)], cluster.display_name, cluster.role, cluster.kind,
                         [a for a in cluster.aliases if a != cluster.display_name])
            for cluster in {id(c): c for c in used}.values()
        ]
        quotes = []
        for candidate in sorted(self.candidates, key=lambda c: c.content):
            if not self.d.in_paragraph(candidate.content[0]):
                continue
            confidence = METHOD_CONFIDENCE[candidate.method]
            if candidate.kind == "reported":
                confidence *= REPORTED_CONFIDENCE_FACTOR
            if candidate.cluster is None:
                confidence *= UNKNOWN_SPEAKER_FACTOR
            mention = candidate.mention
            quotes.append(
                FoundQuote(
                    content=candidate.content,
                    kind=candidate.kind,
                    cue=candidate.cue,
                    mention=(mention.start_char, mention.end_char) if mention is not None else None,
                    speaker=ids[id(candidate.cluster)] if candidate.cluster is not None else None,
                    method=candidate.method,
                    confidence=round(confidence, 2),
                )
            )
        quoted_outlets = [
            (c.cluster.display_name, self.d.paragraph_of(c.content[0]))
            for c in self.candidates
            if c.cluster is not None and c.cluster.kind == "outlet" and self.d.in_paragraph(c.content[0])
        ]
        return Extraction(quotes=quotes, speakers=speakers, outlets=self.outlets(quoted_outlets), text=self.d.text)

    def outlets(self, quoted_outlets: list[tuple[str, int]]) -> list[FoundOutlet]:
        """Outlets named in the paragraphs, merged by name ("the Post" ->
        "New York Post"), with the paragraphs that name them or quote them
        (`quoted_outlets`: (outlet name, paragraph) of quotes attributed to one)."""
        named = []
        for ent in self.doc.ents:
            if ent.label_ in ("ORG", "WORK_OF_ART", "PERSON", "GPE") and self.d.in_paragraph(ent.start_char):
                name = ent.text.removeprefix("the ")
                for suffix in ("’s", "'s"):
                    name = name.removesuffix(suffix)
                named.append((name, self.d.paragraph_of(ent.start_char)))
        found: dict[str, FoundOutlet] = {}
        for name, paragraph in named + quoted_outlets:
            key = name.lower().removeprefix("the ")
            existing = next((k for k in found if k == key or k.endswith(" " + key) or key.endswith(" " + k)), None)
            if existing is None and not is_outlet_name(name):
                continue
            if existing is not None and len(key) > len(existing):
                found[key] = found.pop(existing)
                found[key].name = name
                existing = key
            outlet = found.setdefault(existing or key, FoundOutlet(name))
            if paragraph not in outlet.paragraphs:
                outlet.paragraphs.append(paragraph)
        for outlet in found.values():
            outlet.paragraphs.sort()
        return list(found.values())


def _cue_span(cue) -> tuple[int, int]:
    """The cue as written: the verb, or "according to"."""
    if _is_according(cue):
        return cue.idx, according_end(cue)
    return cue.idx, cue.idx + len(cue.text)


def colon_candidate(quote: QuoteSpan, cue_span: tuple[int, int], subject) -> _Candidate:
    return _Candidate((quote.start, quote.end), "direct", cue_span, subject, _mention_span(subject), "colon-frame")


def according_end(according) -> int:
    """End of "according to" (the cue of an according-to attribution)."""
    for child in according.children:
        if child.text.lower() == "to":
            return child.idx + len(child.text)
    return according.idx + len(according.text)


def extract(doc, paragraphs: list[tuple[int, int]]) -> Extraction:
    """Attributions in `doc` (the whole input text), only inside `paragraphs`.

    `paragraphs` are (start, end) char spans of the article's paragraphs in
    doc.text, title and closing source list excluded.  A quote never crosses
    a paragraph boundary: one that goes on across paragraphs is one
    FoundQuote per paragraph, with the same speaker.
    """
    extractor = _Extractor(doc, sorted(paragraphs))
    extractor.quotes()
    extractor.reported()
    return extractor.result()
