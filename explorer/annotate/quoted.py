"""Quoted speech: each pair of quote marks tied to the cue that frames it.

`QuotedSpeech.run` attributes every quote in text order: to the speech verb
the dependency parse hangs it from (method ``cue-clause``), else to a
parenthetical cue in its clause (``parenthetical-cue``), else to a speech
verb in the frame of a quote that stands on its own (``cue-frame``), else to
a colon frame (``He added:`` / ``Kerry:``, ``colon-frame``), else to a name
signing it after a dash (“...” ― Julie Martinez, ``byline``), else to the
quote before it when it goes on without a cue (``floating-continuation``).
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
#: Entity types of a name before a colon that does not sign what follows ("- Iowa:").
NOT_SIGNATURES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT"})
#: How many words the subject of a frame verb after a quote may have (“...,” the former governor answered).
ADJACENT_SUBJECT_WORDS = 6
#: What a verb right next to a quote may govern for it to be the quote's frame.
ADJACENT_FRAME_RELATIONS = frozenset({"nsubj", "prt", "advmod", "prep", "punct", "npadvmod", "aux", "neg", "cc", "advcl"})
#: Relations of a verb right next to a quote that heads a clause of the narration of its own.
ADJACENT_FRAME_VERB_RELATIONS = frozenset({"ROOT", "conj", "parataxis", "ccomp"})
#: Dashes that sign a quote with its speaker's name (“...” ― Julie Martinez).
BYLINE_DASHES = frozenset({"―", "—", "–", "-", "--", "~"})


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
        if link is not None:
            cue, child = link
            region, outside = None, MIN_CLAUSE_WORDS
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
            cue = self._frame_cue(number, first, last)
            if cue is not None:
                return self._quote_candidates(number, quote, cue, None, "cue-frame")
            colon = self._colon_frame(first)
            if colon is not None:
                return [colon_candidate(quote, *colon)]
            byline = self._byline(number, last)
            if byline is not None:
                return [byline]
        return []

    def _byline(self, number: int, last: int) -> Candidate | None:
        """A quote signed after a dash, the name ending its sentence: “...” ― Julie Martinez."""
        doc, document = self.doc, self.d
        after = last + 1
        while after < len(doc) and (document.quote_of[after] == number or doc[after].is_space):
            after += 1
        if after >= len(doc) or doc[after].text not in BYLINE_DASHES:
            return None
        name = after + 1
        while name < len(doc) and doc[name].is_space:
            name += 1
        end = name
        while end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].ent_type_ == "PERSON") and not doc[end].is_punct:
            end += 1
        if end == name or end - name > 5:
            return None
        if end < len(doc) and not (doc[end].is_punct or doc[end].is_space) and document.sentence_of[end] == document.sentence_of[name]:
            return None  # the name goes on into a sentence: not a signature
        quote = document.quotes[number]
        mention = doc[name:end]
        dash = doc[after]
        return Candidate((quote.start, quote.end), "direct", (dash.idx, dash.idx + len(dash.text)), mention.root, mention,
                         "byline")

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
        before = quote_first - 1
        while before > first and (doc[before].is_space or self.d.quote_of[before] == number):
            before -= 1
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
            if doc[after].is_lower or frame_only(following) is not None:
                sentence_last = following.end
        best, best_distance = None, None
        for i in range(sentence_first, sentence_last):
            if self.d.quote_of[i] != -1 or not is_cue(doc[i]) or subject_of(doc[i]) is None:
                continue
            distance = first - i if i < first else i - last
            if best is None or distance < best_distance:
                best, best_distance = doc[i], distance
        adjacent = self._adjacent_frame_verb(number, first, last)
        if adjacent is not None and (best is None or (first - adjacent.i if adjacent.i < first else adjacent.i - last) <= best_distance):
            return adjacent
        return best

    def _adjacent_frame_verb(self, number: int, first: int, last: int):
        """A verb with its subject right next to a quote that stands alone,
        whatever the verb: the construction makes it the cue (“...,” Bozell
        answers. / Hillary shot back, “...” / “...,” beamed Donald Hartley).
        Only particles and adverbs may stand between (back, forcefully), and
        after the quote only the subject; None when there is no such verb."""
        doc, d = self.doc, self.d
        sentence = d.sentence_of[first]
        i = first - 1
        while i >= 0 and (d.quote_of[i] == number or doc[i].is_space):
            i -= 1
        if i >= 0 and doc[i].text in (",", ":"):
            i -= 1
        while i >= 0 and doc[i].dep_ in ("prt", "advmod") and d.quote_of[i] == -1:
            i -= 1
        if i >= 0 and d.quote_of[i] == -1 and d.sentence_of[i] == sentence and self._frames(doc[i], first, last):
            return doc[i]
        j = last + 1
        while j < len(doc) and (d.quote_of[j] == number or doc[j].is_space and "\n" not in doc[j].text):
            j += 1
        if j < len(doc) and doc[j].text == ",":
            j += 1
        for k in range(j, min(j + ADJACENT_SUBJECT_WORDS + 1, len(doc))):
            token = doc[k]
            if d.quote_of[k] != -1 or "\n" in token.text:
                return None
            if token.pos_ == "VERB":
                following = k + 1
                while following < len(doc) and (doc[following].dep_ in ("prt", "advmod") or doc[following].is_space):
                    following += 1
                if following < len(doc) and doc[following].text == ":":
                    return None  # “...” Mr. Franco added: “...”: the frame of the next quote
                return token if self._frames(token, first, last, subject_from=j) else None
        return None

    def _frames(self, verb, first: int, last: int, subject_from: int | None = None) -> bool:
        """True when `verb` has its own subject (after the quote, from
        `subject_from`, when it follows the quote) and nothing else of its own
        but what frames a quote: particles, adverbs, prepositions, punctuation."""
        if verb.pos_ != "VERB" or not verb.is_alpha or verb.dep_ not in ADJACENT_FRAME_VERB_RELATIONS:
            return False
        subject = next((c for c in verb.children if c.dep_ in rules.SUBJECT_RELATIONS), None)
        if subject is None or subject_from is not None and not subject_from <= subject.i:
            return False
        if subject.lower_ in rules.RELATIVE_PRONOUNS | {"what", "whom", "whoever"}:
            return False  # "apologized for what happened: “...”", "“...,” which votes in June"
        return all(
            c.dep_ in ADJACENT_FRAME_RELATIONS or first <= c.i <= last or self.d.quote_of[c.i] != -1
            for c in verb.children
        )

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
        colon = doc[before]
        signature = self._signature_before_colon(before)
        if signature is not None:
            return (colon.idx, colon.idx + 1), signature
        if head.pos_ == "VERB":
            subject = subject_of(head)
            return ((head.idx, head.idx + len(head.text)), subject) if subject is not None else None
        if head.pos_ in ("PROPN", "NOUN", "PRON"):
            return (colon.idx, colon.idx + 1), head
        return None

    def _signature_before_colon(self, colon: int):
        """The name that signs the quote after a colon, set off from the words
        before it by a dash or a "from" ("POLLS NOT WRONG, JUST EARLY - Mark
        Blumenthal:", "More from Jones:"); None when there is none."""
        doc = self.doc
        name = doc[colon - 1]
        if name.pos_ != "PROPN" or name.ent_type_ in NOT_SIGNATURES:
            return None
        start = colon - 1
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_type_ == name.ent_type_:
            start -= 1
        before = doc[start - 1] if start > 0 else None
        if before is None or not (before.text in BYLINE_DASHES or before.lower_ in ("from", "by")):
            return None
        return name

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
        content, kind = (quote.start, quote.end), "direct"
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
                for other in range(number + 1, len(self.d.quotes)):
                    if self.d.quotes[other].start >= content[1]:
                        break
                    self.findings.consumed_quotes.add(other)
            if remainder is not None and subject is not None:
                found += self.findings.reported(*remainder, cue, subject, method)
        self.findings.used_cues.add(cue.i)
        return [Candidate(content, kind, cue_chars, subject, mention, method), *found]

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


def colon_candidate(quote: QuoteSpan, cue_chars: tuple[int, int], subject) -> Candidate:
    """A quote after "He added:" or "Kerry:"."""
    return Candidate((quote.start, quote.end), "direct", cue_chars, subject, mention_span(subject), "colon-frame")
