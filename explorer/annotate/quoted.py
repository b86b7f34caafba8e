"""Quoted speech: each pair of quote marks tied to the cue that frames it.

`QuotedSpeech.run` attributes every quote in text order: to the speech verb
the dependency parse hangs it from (method ``cue-clause``), else to a
parenthetical cue in its clause (``parenthetical-cue``), else to a speech
verb in the frame of a quote that stands on its own, or a verb of any kind
right next to it (``cue-frame``), else to a colon frame (``He added:`` /
``Kerry:``, ``colon-frame``), else to a name signing it after a dash (“...”
― Julie Martinez, ``byline``) — those frames are found by
`explorer.annotate.quote_frames` — else to the quote before it when it goes
on without a cue (``floating-continuation``).
A quote that is only part of the clause a cue verb governs is a mixed quote;
its content is the whole clause.  Short quotes with no cue (scare quotes,
titles) are dropped.
"""

from __future__ import annotations

from explorer.annotate import rules
from explorer.annotate.brat import widen_to_marks
from explorer.annotate.candidates import Candidate, Findings
from explorer.annotate.clauses import (
    complement_region,
    frame_only,
    object_region,
    parenthetical_region,
    words_outside_quotes,
)
from explorer.annotate.cues import char_span, cue_span, is_according, is_cue, mention_span, subject_of
from explorer.annotate.quote_frames import byline, colon_candidate, colon_frame, frame_cue
from explorer.annotate.quote_marks import QuoteSpan

#: How many heads up from a quote its cue may stand.
MAX_CUE_DISTANCE = 8
#: Words outside its quotes that a clause needs for a quote in it to be a mixed
#: quote (one word may be a frame's: "said “...”").
MIN_CLAUSE_WORDS = 2
#: Relations inside a noun phrase of what a cue reports, through which a quote
#: in a relative clause ("schools that reminded him of “...”") still belongs to
#: the outer cue ("He said he had seen schools that ...").
NOUN_PHRASE_RELATIONS = frozenset({"relcl", "acl", "dobj", "pobj", "prep", "appos"})


class QuotedSpeech:
    """The quoted-speech pass over one document; what it finds goes into `findings`."""

    def __init__(self, findings: Findings):
        self.findings = findings
        self.d = findings.document
        self.doc = findings.document.doc

    def run(self) -> None:
        """Attribute every quote, in text order; a quote no rule ties to a
        speaker may go on from the quote before it."""
        previous: Candidate | None = None
        previous_quote: QuoteSpan | None = None
        for number, quote in enumerate(self.d.quotes):
            if number in self.findings.consumed_quotes:
                continue
            found = self._attribute_quote(number, quote)
            if not found and previous is not None and self._continues(quote, previous_quote, number):
                found = [
                    Candidate(
                        (quote.start, quote.end), "direct", previous.cue, previous.subject, previous.mention,
                        "floating-continuation", inherits=previous,
                    )
                ]
            if found:
                self.findings.candidates.extend(found)
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
            if words >= rules.MIN_FLOATING_QUOTE_WORDS and frame_only(sentence) is None:
                return True
        return False

    def _words(self, quote: QuoteSpan) -> int:
        return len(self.d.text[quote.start : quote.end].split())

    def _attribute_quote(self, number: int, quote: QuoteSpan) -> list[Candidate]:
        """The attribution(s) of one quote: none when no rule ties it to a speaker."""
        first, last = self.d.quote_tokens[number]
        link = self._governing_cue(number, first, last)
        if link is not None and link[1] is not None and link[0].i < first:
            inverted = self._inverted_frame_after(number, last)
            if inverted is not None:
                # "... but Moscow strongly denies — “why wouldn't you ...?” asked Dunn": the frame right after
                # the quote names its speaker, whatever the parse hangs the quote from before it
                return self._quote_candidates(number, quote, inverted, None, "cue-frame")
        if link is not None:
            cue, child = link
            region, outside = None, MIN_CLAUSE_WORDS
            if child is None and cue.dep_ == "parataxis":
                # "Particularly in the poorer parts, he said, “we do not know ...” on how many ...": the cue
                # is set in the clause it reports, which the quote is only part of
                parenthetical = parenthetical_region(self.d, cue)
                if parenthetical is not None and parenthetical[0] <= first and last <= parenthetical[1]:
                    region = (*parenthetical, None)
            if child is not None:
                region = object_region(self.d, cue, child, last)
                if region is not None:
                    outside = 1  # "calling Alwaleed “dopey”": the object alone makes the quote a mixed one
                else:
                    region = complement_region(self.d, child, last)
            return self._quote_candidates(number, quote, cue, region, "cue-clause", outside, child)
        parenthetical = self._parenthetical_cue(number, first, last)
        if parenthetical is not None:
            cue, region = parenthetical
            return self._quote_candidates(number, quote, cue, (*region, None), "parenthetical-cue")
        if self._stands_alone(number):
            cue = frame_cue(self.d, number, first, last)
            if cue is not None:
                return self._quote_candidates(number, quote, cue, None, "cue-frame")
            colon = colon_frame(self.d, first)
            if colon is not None:
                return [colon_candidate(quote, *colon)]
            signed = byline(self.d, number, last)
            if signed is not None:
                return [signed]
        return []

    def _inverted_frame_after(self, number: int, last: int):
        """The cue of an inverted frame right after the quote (“...?” asked
        Dunn, “...,” said the mayor): a speech verb whose speaker follows it,
        after a quote that ends in a comma, a question or an exclamation mark;
        None when there is none."""
        if self.d.text[self.d.quotes[number].end - 1] not in ",?!":
            return None
        after = self.d.beside_quote(number, last + 1, 1, same_line=True)
        if after >= len(self.doc) or self.d.quote_of[after] != -1:
            return None
        verb = self.doc[after]
        if not is_cue(verb) or verb.tag_ not in ("VBD", "VBZ"):
            return None
        speaker = subject_of(verb)
        return verb if speaker is not None and speaker.i > verb.i else None

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
                    and (is_according(child) or is_cue(child) and subject_of(child) is not None)
                ):
                    return child, None
            if first <= token.head.i <= last and token.head.i != token.i:
                continue
            found = None
            below, node = token, token.head
            for _ in range(MAX_CUE_DISTANCE):
                if node.i == below.i or self.d.quote_of[node.i] not in (-1, number):
                    break
                if found is not None and below.dep_ not in rules.EMBEDDING_RELATIONS and not (
                    below.dep_ in NOUN_PHRASE_RELATIONS and self._relative_speaker(found[0])
                ):
                    # "..., adding that “...”": the quote is the inner cue's; but in "He said he had
                    # seen schools that reminded him of “...”" it is in what "said" reports.
                    break
                if self.d.quote_of[node.i] == -1 and (is_cue(node) or is_according(node)):
                    if below.dep_ in rules.SUBJECT_RELATIONS or self._in_frame(node, below):
                        break  # a quote in the cue's subject ("The “undercard” debate began") or frame is not what was said
                    # Keep climbing: in "Obama said he expected Americans to say “no”"
                    # the quote belongs to the outermost cue with a speaker that reports it.
                    if found is None or subject_of(node) is not None and below.dep_ in rules.EMBEDDING_RELATIONS:
                        found = node, below
                below, node = node, node.head
            if found is not None:
                return found
        return None

    def _leads_in(self, number: int, region, clause) -> bool:
        """True when the clause a cue governs leads into the quote after a
        comma with words of what was said ("said that whatever choice voters
        make, “they should not ...”", "said because Obama is popular, “he's
        ..."): the quote is part of that clause, a mixed quote, though set off.
        The lead-in must hold the clause's own head (`clause`, the cue's child
        toward the quote) or a subordinating word: a hearer or an aside of the
        frame before the comma ("telling reporters, “...”") is no lead-in."""
        if clause is None:
            return False
        doc = self.doc
        quote_first = self.d.quote_tokens[number][0]
        first = region[0]
        before = self.d.beside_quote(number, quote_first - 1, -1)
        if before <= first or doc[before].text != ",":
            return False
        if words_outside_quotes(self.d, first, quote_first - 1) < MIN_CLAUSE_WORDS:
            return False
        return clause.i < quote_first or any(doc[i].dep_ == "mark" for i in range(first, quote_first))

    @staticmethod
    def _in_frame(cue, child) -> bool:
        """True when the cue's `child` toward a quote is the hearer, part of
        the frame: a quote there is a title ("told “Good Morning America” that ...")."""
        return child.dep_ in ("dobj", "dative") and cue.lemma_.lower() in rules.HEARER_VERBS

    @staticmethod
    def _relative_speaker(cue) -> bool:
        """True when the cue's only speaker is a relative pronoun ("a voice that
        said", "towns that reminded him of"): a thing that speaks only inside
        what someone else reports, never a speaker of its own in the corpus."""
        subject = subject_of(cue)
        return subject is not None and subject.lower_ in rules.RELATIVE_PRONOUNS | {"whom"} and subject.head.i == cue.i

    def _stands_alone(self, number: int) -> bool:
        """True when the quote is a clause of its own, set off by punctuation
        or the sentence edge: “...,” he said / He said: “...” / “...”"""
        doc = self.doc
        first, last = self.d.quote_tokens[number]
        before = self.d.beside_quote(number, first - 1, -1)
        after = self.d.beside_quote(number, last + 1, 1)
        starts = before < 0 or doc[before].text in (",", ":", ".", "—", "–", "-", "?", "!", ";") or self.d.sentence_of[before] != self.d.sentence_of[first]
        if not starts:
            return False
        inner_last = self.d.text[self.d.quotes[number].end - 1]
        ends = after >= len(doc) or inner_last in ",.?!—-:;" or doc[after].is_punct or self.d.sentence_of[after] != self.d.sentence_of[last]
        return ends

    def _quote_candidates(self, number: int, quote: QuoteSpan, cue, region, method: str,
                          outside: int = MIN_CLAUSE_WORDS, clause=None) -> list[Candidate]:
        """The quote as a direct quote, or, when it is only part of the clause
        `region` = (first, last, remainder) of what the cue governs (with at
        least `outside` words outside quotes; `clause` is its head) and not set
        off by punctuation of its own or led into by that clause, as a mixed
        quote whose content is that clause.  `remainder` is a clause conjoined
        after the quote ("stressing that “...” and that ..."): reported speech
        with the same cue."""
        doc = self.doc
        subject = subject_of(cue)
        mention = mention_span(subject) if subject is not None else None
        cue_chars = cue_span(cue)
        content, kind, fragments = (quote.start, quote.end), "direct", None
        found = []
        if region is not None and (not self._stands_alone(number) or self._leads_in(number, region, clause)):
            first, last, remainder = region
            if words_outside_quotes(self.d, first, last) >= outside:
                start, end = char_span(doc, first, last)
                paragraph = self.d.paragraphs[quote.paragraph]
                content = max(min(start, quote.start), paragraph[0]), min(max(end, quote.end), paragraph[1])
                if content[1] == quote.end and quote.closed:
                    content = content[0], widen_to_marks(self.d.text, quote.start, quote.end)[1]  # “deplorables”, whole
                kind = "mixed"
                fragments = self._around_cue(cue, first, last, content)
                for other in range(number + 1, len(self.d.quotes)):
                    if self.d.quotes[other].start >= content[1]:
                        break
                    self.findings.consumed_quotes.add(other)
            if remainder is not None and subject is not None:
                found += self.findings.reported(*remainder, cue, subject, method)
        self.findings.used_cues.add(cue.i)
        return [Candidate(content, kind, cue_chars, subject, mention, method, fragments=fragments), *found]

    def _around_cue(self, cue, first: int, last: int, content: tuple[int, int]):
        """The content's two fragments around the cue's frame when the cue
        stands inside it ("Particularly in the poorer parts, *he said,* “we do
        not know ...” on how many ..."); None when it does not."""
        if not first < cue.i < last:
            return None
        doc = self.doc
        low, high = max(cue.left_edge.i, first), min(cue.right_edge.i, last)
        while low > first and (doc[low - 1].is_punct or doc[low - 1].is_space):
            low -= 1
        while high < last and (doc[high + 1].is_punct or doc[high + 1].is_space):
            high += 1
        if low <= first or high >= last:
            return None
        return (content[0], char_span(doc, first, low - 1)[1]), (char_span(doc, high + 1, last)[0], content[1])

    def _parenthetical_cue(self, number: int, first: int, last: int):
        """(cue, region) when the quote stands in a clause with a parenthetical cue."""
        sentence = self.d.sentences[self.d.sentence_of[first]]
        for i in range(sentence.start, sentence.end):
            token = self.doc[i]
            if self.d.quote_of[i] == -1 and is_cue(token):
                region = parenthetical_region(self.d, token)
                if region is not None and region[0] <= first and last <= region[1]:
                    return token, region
        return None
