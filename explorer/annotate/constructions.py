"""Candidate cue constructions: every place where a word may report what
someone said, thought or stands for, with the content it would report.

Reported speech has an open vocabulary (PolNeAR's annotators mark hundreds
of cue words, most of them rare) and whether a word reports anything depends
on its context, so this module proposes, and `explorer.annotate.learned`
decides.  Each `Construction` is one cue word and one content it may take:

- ``clause``: a verb and its clause complement ("said (that) ...", "shows
  Clinton leading ...");
- ``infinitive``: a verb and its to-infinitive ("promised to cut taxes");
- ``object``: a verb and its direct object, with what is predicated of it
  ("criticized the deal", "called Palin a clown");
- ``preposition``: a verb and the object of one of its prepositions
  ("called for a ban", "talked about jobs");
- ``passive``: a passive verb and its subject, the speaker being the agent
  ("O'Malley's move was first reported by MSNBC");
- ``parenthetical``: a cue set in the clause it reports ("The deal, he
  said, is done");
- ``according``: "according to X" and the rest of its sentence;
- ``colon``: a speaker's label opening a paragraph or a headline, and what
  follows its colon ("TAPPER: Donald Trump released ...", "Poll: Clinton
  and Trump in dead heat"); or a sentence ending in a colon after a cue
  verb, and what follows ("He put it this way: ...");
- ``noun-clause``, ``noun-infinitive``, ``noun-preposition``: a noun and
  its clause, infinitive or prepositional object ("Trump's claim that ...",
  "a proposal to ban ...", "his critique of his opponents");
- ``adjective-clause``: an adjective and its clause ("is confident that ...");
- ``relative``: a cue in a relative clause and its pronoun, with an "as"
  phrase if there is one ("a call that Trump described as unsatisfying",
  "a view which I share").

The speaker is the cue's subject (or the subject of the verb it shares a
subject with), the agent of a passive, the owner of a noun ("Trump's
claim") or the subject of the verb that has the noun ("he made the claim").
Content is a token range, trimmed of punctuation (and, when the cue stands
inside it, "which he said the government should pay for", without the cue's
frame: `Construction.fragments`); one that crosses a
paragraph or holds what an attribution found before holds (a quote the
quoted-speech rules attributed) is not proposed.  A content may hold a quote
no rule attributed: it is then a mixed quote, or a direct one when it is
nothing but that quote.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from explorer.annotate import rules
from explorer.annotate.clauses import parenthetical_region, rest_of_sentence, without_narration
from explorer.annotate.cues import emphasised_verb, is_according, noun_owner, subject_of
from explorer.annotate.document import Document, possible_cues

#: Prepositions whose object a noun or verb cue may report ("critique of",
#: "talked about", "called for", "pushed against").
CONTENT_PREPOSITIONS = frozenset(
    "of about on for against over with to in at from by as upon into toward towards regarding".split()
)
#: Complements of a verb that may follow its object in what it reports.
_OBJECT_FOLLOWERS = frozenset({"prep", "advcl", "advmod", "npadvmod", "ccomp", "xcomp", "oprd", "dative"})
#: Verbs whose subject belongs to what their infinitive says ("the figures appear to be wrong").
RAISING_VERBS = frozenset({"seem", "appear"})
#: A speaker's label before a colon has at most this many words.
COLON_LABEL_WORDS = 6
CONSTRUCTION_KINDS = (
    "clause", "infinitive", "object", "preposition", "passive", "parenthetical", "according", "colon", "relative",
    "noun-clause", "noun-infinitive", "noun-preposition", "adjective-clause",
)


@dataclass
class Construction:
    """One candidate attribution: a cue word, a content token range, a speaker."""

    cue: object  # the cue's head token
    kind: str  # one of CONSTRUCTION_KINDS
    first: int  # content tokens first..last, inclusive
    last: int
    speaker: object | None  # the speaker mention's head token, if any
    preposition: object | None = None  # the preposition of a ``*preposition`` kind
    #: The cue's frame when it stands inside first..last ("he said" in
    #: "which he said the government should pay for"): not part of the content.
    frame: tuple[int, int] | None = None
    #: Which of a cue's candidate contents of one kind this is ("" or "extended").
    variant: str = ""
    #: The speaker mention's tokens (first, last) when they are not the speaker's phrase (a colon's label).
    mention: tuple[int, int] | None = None

    @property
    def cue_end(self) -> int | None:
        """Where the cue as written ends when it takes its preposition along
        ("called for"), else None (the cue is its head word)."""
        if self.preposition is not None and self.preposition.i == self.cue.i + 1:
            return self.preposition.idx + len(self.preposition.text)
        return None

    def fragments(self) -> list[tuple[int, int]]:
        """The content's token ranges (first, last): one, or two around the frame."""
        if self.frame is None:
            return [(self.first, self.last)]
        pieces = [(self.first, self.frame[0] - 1), (self.frame[1] + 1, self.last)]
        return [(first, last) for first, last in pieces if first <= last]


def constructions(document: Document, used: set[int], taken: set[int]) -> list[Construction]:
    """Every candidate construction of the document, cues in text order.

    Tokens in `used` (cues already used) and `taken` (tokens inside the
    content of an attribution found before) are never cues, nor are words
    inside quotes; no content holds a token of `taken`.
    """
    proposer = _Proposer(document, taken)
    found: list[Construction] = []
    doc = document.doc
    for i in possible_cues(doc):
        if i in used or i in taken or document.quote_of[i] != -1:
            continue
        token = doc[i]
        if token.text == ":":
            found += proposer.colon(token)
        if token.is_punct or token.is_space:
            continue
        if token.pos_ in ("VERB", "AUX"):
            found += proposer.verb(token)
        elif token.pos_ in ("NOUN", "PROPN"):
            found += proposer.noun(token)
        elif token.pos_ == "ADJ":
            found += proposer.adjective(token)
    return found


class _Proposer:
    """The constructions of one document's cue words."""

    def __init__(self, document: Document, taken: set[int]):
        self.document = document
        self.doc = document.doc
        self.taken = taken

    def _trimmed(self, first: int, last: int) -> tuple[int, int] | None:
        """first..last without punctuation and spaces at the ends (nor a
        leading "and" / "but"), except what stands inside a quote (the
        period and the closing mark of “... do so.” are what was said);
        None when nothing is left."""
        doc, in_quote = self.doc, self.document.in_quote
        while first < last and (doc[first].dep_ == "cc" or (doc[first].is_punct or doc[first].is_space) and not in_quote(first)):
            first += 1
        while last > first and (doc[last].is_punct or doc[last].is_space) and not in_quote(last):
            last -= 1
        if last < first or (doc[first].is_punct or doc[first].is_space) and not in_quote(first):
            return None
        return first, last

    def _make(self, cue, kind: str, first: int, last: int, speaker, preposition=None, content_head=None,
              mention: tuple[int, int] | None = None, frame: tuple[int, int] | None = None) -> list[Construction]:
        """The construction, or none when its content is empty, holds a token
        taken or crosses a paragraph.  A clause with a `content_head` stops
        before an adverbial of the narration it ends with (", with Zelensky
        later confirming ...", `without_narration`).  When the cue stands
        inside the content range, its frame is cut out: the tokens of the
        range outside `content_head`'s subtree, or without a content head (a
        cue set in the clause it reports) the cue's own subtree."""
        if content_head is not None:
            last = without_narration(self.document, content_head, first, last)
        content = self._trimmed(first, last)
        if content is None:
            return []
        first, last = content
        if any(i in self.taken for i in range(first, last + 1)):
            return []
        document = self.document
        start = self.doc[first].idx
        end = self.doc[last].idx + len(self.doc[last].text)
        if not document.in_paragraph(start) or document.paragraph_of(start) != document.paragraph_of(end - 1):
            return []
        if frame is None and first <= cue.i <= last:
            frame = self._frame(cue, content_head, first, last)
        construction = Construction(cue, kind, first, last, speaker, preposition, frame, mention=mention)
        return [construction] if construction.fragments() else []

    def _frame(self, cue, content_head, first: int, last: int) -> tuple[int, int]:
        """The token range of the cue's frame inside first..last, with the
        punctuation around it ("Only you, Dinesh, *she said,* would ...")."""
        if content_head is None:
            low, high = max(cue.left_edge.i, first), min(cue.right_edge.i, last)
        else:
            inside = {token.i for token in content_head.subtree}
            outside = [i for i in range(first, last + 1) if i not in inside]
            low, high = min(outside), max(outside)
        doc = self.doc
        while low > first and (doc[low - 1].is_punct or doc[low - 1].is_space):
            low -= 1
        while high < last and (doc[high + 1].is_punct or doc[high + 1].is_space):
            high += 1
        return low, high

    def verb(self, verb) -> list[Construction]:
        document = self.document
        if is_according(verb):
            region = rest_of_sentence(document, verb)
            if len(region) < 2:
                return []
            return self._make(verb, "according", region[0], region[-1], subject_of(verb))
        found: list[Construction] = []
        speaker = subject_of(verb)
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        word = emphasised_verb(verb)  # "he did affirm that ...", parsed with the clause on "did"
        for child in verb.children:
            dep = child.dep_
            if dep == "ccomp":
                clauses = self._make(word, "clause", child.left_edge.i, child.right_edge.i, speaker, content_head=child)
                found += clauses + self._without_relative(clauses)
            elif dep == "xcomp" and child.i > verb.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                infinitives = self._make(verb, "infinitive", child.left_edge.i, child.right_edge.i, speaker, content_head=child)
                found += infinitives + self._with_subject(verb, infinitives)
            elif dep == "dobj" and child.i > verb.i:
                found += self._objects(verb, child, speaker)
            elif dep == "prep" and child.lower_ in CONTENT_PREPOSITIONS and child.i > verb.i:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if not objects and child.lower_ == "as":  # "described as deeply unsatisfying"
                    objects = [c for c in child.children if c.dep_ in ("amod", "acomp", "advmod", "attr")]
                if objects:
                    objects_of = self._make(verb, "preposition", objects[0].left_edge.i, objects[0].right_edge.i, speaker, child)
                    found += objects_of + self._with_subject(verb, objects_of)
            elif dep == "nsubjpass" and passive:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                found += self._make(verb, "passive", child.left_edge.i, child.right_edge.i, by)
        if verb.dep_ == "relcl":
            found += self._relative(verb, word, speaker)
        if verb.dep_ == "parataxis" and speaker is not None:
            region = parenthetical_region(document, verb)
            if region is not None:
                found += self._make(verb, "parenthetical", region[0], region[1], speaker)
        return found

    def colon(self, colon) -> list[Construction]:
        """A short name or noun phrase that opens a paragraph, then a colon:
        a speaker's label ("TAPPER: Donald Trump released ...", a headline's
        "Bernie Sanders: I'm Not Much Of A Socialist", "Poll: ..."); the
        content is the rest of the paragraph."""
        document, doc = self.document, self.doc
        paragraph = document.paragraph_of(colon.idx)
        if paragraph < 0 or not document.in_paragraph(colon.idx):
            return []
        start, end = document.paragraphs[paragraph]
        first = document.token_at(start)
        while first < colon.i and doc[first].is_space:
            first += 1
        last = document.token_at(end - 1)
        label = doc[first:colon.i]
        if not 1 <= len(label) <= COLON_LABEL_WORDS or any(t.pos_ in ("VERB", "AUX", "PRON") or t.is_punct for t in label):
            return self._announcement(colon, last)
        names = [t for t in label if t.pos_ in ("PROPN", "NOUN")]
        if not names or last <= colon.i:
            return []
        return self._make(colon, "colon", colon.i + 1, last, names[-1], mention=(first, colon.i - 1))

    def _announcement(self, colon, paragraph_last: int) -> list[Construction]:
        """A cue in the sentence before its content: a sentence that ends in a
        colon after a cue verb ("The senator explained his vote:" / "He put it
        this way:"), then what follows in the paragraph, or the whole next
        paragraph when the colon ends this one."""
        document, doc = self.document, self.doc
        sentence = document.sentences[document.sentence_of[colon.i]]
        after = colon.i + 1
        while after < len(doc) and doc[after].is_space:
            after += 1
        root = sentence.root
        speaker = subject_of(root) if root.pos_ == "VERB" and root.i < colon.i else None
        if speaker is None or after >= len(doc) or document.sentence_of[after] == document.sentence_of[colon.i]:
            return []  # not a sentence that ends in its colon
        if after > paragraph_last:
            paragraph = document.paragraph_of(doc[after].idx)
            if paragraph < 0 or not document.in_paragraph(doc[after].idx):
                return []
            paragraph_last = document.token_at(document.paragraphs[paragraph][1] - 1)
        return self._make(root, "colon", after, paragraph_last, speaker)

    def _relative(self, verb, cue, speaker) -> list[Construction]:
        """A cue in a relative clause whose pronoun is part of what it reports:
        "a call that Trump later described as deeply unsatisfying" (the
        pronoun and the "as" phrase, the frame between them left out), or
        "a view, which I share" (the pronoun alone)."""
        pronoun = next((c for c in verb.children if c.i < verb.i and c.lower_ in rules.RELATIVE_PRONOUNS | {"whom"}
                        and c.dep_ in ("dobj", "nsubj", "nsubjpass") and c is not speaker), None)
        if pronoun is None:
            return []
        as_phrase = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as" and c.right_edge.i > c.i), None)
        if as_phrase is not None:
            return self._make(cue, "relative", pronoun.i, as_phrase.right_edge.i, speaker,
                              frame=(pronoun.i + 1, as_phrase.i - 1))
        if pronoun.dep_ == "dobj" and not any(c.dep_ in ("ccomp", "xcomp", "prep") for c in verb.rights):
            return self._make(cue, "relative", pronoun.i, pronoun.i, speaker)
        return []

    def _with_subject(self, verb, made: list[Construction]) -> list[Construction]:
        """For a passive or raising cue ("Trump is expected to win", "The
        figures appear to be wrong", "Ginsburg is known for speaking her
        mind"), the content with the verb's subject in front, the frame
        between them left out, as a second candidate (variant
        ``with-subject``): the subject is part of what is expected, seen or
        known, and the speaker is the passive's agent, if any."""
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if not made or not (passive or verb.lemma_.lower() in RAISING_VERBS):
            return []
        relation = "nsubjpass" if passive else "nsubj"
        subject = next((c for c in verb.children if c.dep_ == relation and c.i < verb.i), None)
        if subject is None:
            return []
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        variants = []
        for construction in made:
            if subject.right_edge.i + 1 > construction.first - 1:
                continue
            frame = (subject.right_edge.i + 1, construction.first - 1)
            variants += [replace(c, variant="with-subject") for c in self._make(
                construction.cue, construction.kind, subject.left_edge.i, construction.last, by,
                construction.preposition, frame=frame)]
        return variants

    def _without_relative(self, made: list[Construction]) -> list[Construction]:
        """For a content that ends in a relative clause set off by a comma
        ("the bridge would reopen in May, which pleased the crews"), the
        content without it, as a second candidate (variant ``no-relative``):
        whether it is part of what was said, the model weighs."""
        doc = self.doc
        variants = []
        for construction in made:
            for token in doc[construction.first:construction.last + 1]:
                if (token.dep_ == "relcl" and token.right_edge.i >= construction.last and token.left_edge.i > construction.first
                        and doc[token.left_edge.i - 1].text == "," and doc[token.left_edge.i].lower_ in ("which", "who")):
                    cut = self._trimmed(construction.first, token.left_edge.i - 1)
                    if cut is not None and construction.frame is None:
                        variants.append(replace(construction, last=cut[1], variant="no-relative"))
                    break
        return variants

    def _objects(self, verb, obj, speaker) -> list[Construction]:
        """A verb's direct object with what is predicated of it ("called Palin
        a clown", "described it as vital"); and, when more of the verb's
        complements follow without a comma ("linked the attack to the
        vacuum", "acknowledged the situation following the attacks"), the
        object with them too, as a second candidate (variant ``extended``)."""
        last = obj.right_edge.i
        for predicate in verb.rights:
            if predicate.i > last and (predicate.dep_ in rules.OBJECT_PREDICATES or predicate.dep_ == "prep" and predicate.lower_ == "as"):
                last = predicate.right_edge.i
        found = self._make(verb, "object", obj.left_edge.i, last, speaker)
        extended = last
        for right in verb.rights:
            if right.i <= last:
                continue
            if right.is_punct or self.doc[right.left_edge.i - 1].is_punct or right.dep_ not in _OBJECT_FOLLOWERS:
                break  # a comma, or a complement of another kind, ends what the object takes along
            extended = right.right_edge.i
        if extended > last and found:
            found += [replace(c, variant="extended") for c in self._make(verb, "object", obj.left_edge.i, extended, speaker)]
        return found

    def noun(self, noun) -> list[Construction]:
        found: list[Construction] = []
        owner = None
        for child in noun.children:
            if child.i < noun.i:
                continue
            dep = child.dep_
            if dep in ("acl", "ccomp") and any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in child.children):
                owner = owner or noun_owner(noun)
                found += self._make(noun, "noun-clause", child.left_edge.i, child.right_edge.i, owner, content_head=child)
            elif dep == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                owner = owner or noun_owner(noun)
                found += self._make(noun, "noun-infinitive", child.left_edge.i, child.right_edge.i, owner)
            elif dep == "prep" and child.lower_ in CONTENT_PREPOSITIONS and child.lower_ not in ("by", "from"):
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    owner = owner or noun_owner(noun)
                    found += self._make(noun, "noun-preposition", objects[0].left_edge.i, objects[0].right_edge.i, owner, child)
        return found

    def adjective(self, adjective) -> list[Construction]:
        found: list[Construction] = []
        for child in adjective.children:
            if child.dep_ == "ccomp" and child.i > adjective.i:
                head = adjective.head if adjective.dep_ == "acomp" else adjective
                speaker = subject_of(head) if head.pos_ in ("VERB", "AUX") else None
                found += self._make(adjective, "adjective-clause", child.left_edge.i, child.right_edge.i, speaker,
                                    content_head=child)
        return found
