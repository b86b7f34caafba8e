"""Cues and their speakers, token by token: what counts as a speech verb or
"according to", who its subject is (or, for a noun cue, its owner), and the
speaker mention as written.

These helpers read one parsed token (spaCy's `Token`) and the tokens around
it in the dependency tree; they hold no state.
"""

from __future__ import annotations

from explorer.annotate import rules
from explorer.annotate.stray_subjects import (
    NOT_SPEAKERS,
    active_after_comma,
    noun_right_before,
    person_before_verb,
    subject_before_aside,
)


def is_cue(token, verbs=rules.SPEECH_VERBS) -> bool:
    """True for a verb whose lemma is one of `verbs` (by default the speech verbs)."""
    return token.pos_ == "VERB" and token.lemma_.lower() in verbs


def is_according(token) -> bool:
    """True for the "according" of "according to"."""
    return token.text.lower() == "according" and any(c.text.lower() == "to" for c in token.children)


def subject_of(cue):
    """The speaker of a cue verb: its subject, or that of the verb it hangs
    from ("Trump responded, adding that ..."), or the object of "according to"."""
    if is_according(cue):
        for to in cue.children:
            if to.text.lower() == "to":
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    token = cue
    for _ in range(4):
        # A subject inside a quote is part of what was said ("“Budget recap,” tweeted Ruiz": "recap").
        # Nor is a preposition with its object ("Of Carson, Levine, who ..., said"), though a name can
        # look like one ("From said").
        subjects = [child for child in token.children
                    if child.dep_ in rules.SUBJECT_RELATIONS and not _crosses_quote(child, token)
                    and not (child.pos_ == "ADP" and any(c.dep_ == "pobj" for c in child.children))]
        if subjects:
            # Two subjects are a parse error: "a call that Trump described as ..." (the name, not the
            # relative), "“Underestimation of Cruz,” Robert Shrum ... said" (the one nearer the verb)
            named = [s for s in subjects if s.lower_ not in rules.RELATIVE_PRONOUNS] or subjects
            subject = min(named, key=lambda s: abs(s.i - token.i))
            if subject.dep_ == "nsubjpass" and token.lemma_.lower() in _ADDRESSED_VERBS:
                # "Sanders was asked by host Bill Maher, “...”": the one asked or told does not speak
                return _agent_of(token)
            return person_before_verb(subject, token) if subject.ent_type_ in NOT_SPEAKERS else subject
        named_modal = _modal_name(token)
        if named_modal is not None:
            return named_modal
        inverted = _name_after(token)
        if inverted is not None:
            return inverted
        if token.tag_ == "VBN" and (agent := _agent_of(token)) is not None:  # "was praised by X", not "said by telephone"
            return agent
        if token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.i == token.i - 1:
            # "“...?” the paper asked": the parser made the noun the root and the verb its modifier
            return token.head
        if token.dep_ in ("acl", "advcl") and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            speaker = _participle_noun_speaker(token.head)
            if speaker is not None:
                return speaker
        if token.dep_ not in rules.SUBJECT_SHARING_RELATIONS or token.head.i == token.i:
            return subject_before_aside(token) or noun_right_before(token)
        if token.dep_ == "acl" and (token.tag_ in ("VBD", "VBZ", "VBP") or active_after_comma(token)):
            # A finite verb never modifies a noun: the parse hung the cue from the last noun of an
            # aside ("Mr. Buchanan, who had failed to win his party's nomination, called for ...",
            # "De Blasio, speaking on WOR710, called Trump a “blowhard”").
            return subject_before_aside(token, finite=True)
        if token.dep_ == "xcomp" and token.tag_ == "VB":
            controller = next((c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i
                               and (c.pos_ in ("NOUN", "PROPN") or c.lower_ in _OBJECT_PERSONS)), None)
            if controller is not None:
                return controller  # "This prompted the tabloid to do a cover saying ...": the tabloid does it
        if (reporter := report_of_participle(token)) is not None:
            above = reporter  # "Rutte acknowledged that Trump was ..., calling it ...": Rutte calls it
        elif (reporter := conjunct_reporter(token)) is not None:
            above = reporter
        elif token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.i != token.head.i:
            above = token.head.head  # "Carson told the AP after hinting that ...": Carson hints
        else:
            above = token.head
        if _crosses_quote(token, above):
            # The parse hangs the cue from a verb inside a quote ("..., telling the crowd, “Some people
            # get ...”"): no one inside the quote is its speaker; the narration's subject before it is,
            # or the name before an aside ("“...,” Ramos, 58, told AFP").
            return subject_before_aside(cue) or _first_subject_before(cue)
        token = above
    return None


#: Speech verbs whose passive subject is the one spoken to ("was asked", "was told").
_ADDRESSED_VERBS = rules.HEARER_VERBS | {"ask"}


def _agent_of(verb):
    """The object of a passive verb's "by" ("was asked by host Bill Maher"); None without one."""
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


#: Personal pronouns as objects: "led her to declare" (not "had this to say", where "this" is what is said).
_OBJECT_PERSONS = frozenset({"me", "you", "him", "her", "us", "them"})
#: Quotation marks that open or close a quote (an apostrophe does neither: "Sanders’ comments").
_DOUBLE_MARKS = frozenset({"“", "”", '"', "''", "``", "«", "»"})
#: Marks that close a quote.
_CLOSING_MARKS = frozenset({"”", '"', "''", "»", "’"})


def _crosses_quote(a, b) -> bool:
    """True when an odd number of quotation marks stands between tokens a and
    b: one of them is inside a quote that the other is outside of."""
    doc = a.doc
    low, high = min(a.i, b.i), max(a.i, b.i)
    return sum(1 for i in range(low + 1, high) if doc[i].text in _DOUBLE_MARKS) % 2 == 1


def _first_subject_before(cue):
    """The first subject of the cue's sentence outside quotes and before the
    cue, of a verb before it ("Clinton seemed ready ..., telling ..."); None
    when there is none."""
    doc = cue.doc
    inside = False
    for i in range(cue.sent.start, cue.i):
        token = doc[i]
        if token.text in _DOUBLE_MARKS:
            inside = token.text in ("“", "``", "«") or (token.text in ('"', "''") and not inside)
            continue
        if not inside and token.dep_ in rules.SUBJECT_RELATIONS and token.head.i < cue.i and token.lower_ not in rules.RELATIVE_PRONOUNS:
            return token
    return None


def _modal_name(verb):
    """A name the tagger took for a modal ("“...,” Will wrote", "While Will
    acknowledges ..."): a capitalised modal inside the sentence right before
    a verb that is not in its base form, which no modal takes; else None."""
    if verb.i == 0 or verb.tag_ == "VB":
        return None
    before = verb.doc[verb.i - 1]
    if before.tag_ == "MD" and before.head.i == verb.i and before.text[:1].isupper() and not before.is_sent_start:
        return before
    return None


def _name_after(verb):
    """The speaker of an inverted cue ("..., said Skelly, explaining ..."):
    a capitalised name right after a speech verb that has no subject, in
    whatever relation the parser put it (an adverb, an object ...); not a
    date ("said Wednesday").  Between the halves of a split quote the parser
    may hang that name on the quote's own verb instead ("“The risk,” said
    Edward Leamer, “is that ...”": Leamer the subject of "is"): a person's
    name is taken there too, as long as it hangs above the cue, never inside
    what the cue governs ("saying Trump was wrong" is not Trump's).  A name
    the parser glued to the verb as a compound ("“...,” Conway notes") is
    the speaker as well."""
    doc = verb.doc
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in rules.SPEECH_VERBS:
        return None
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.dep_ == "compound" and before.head.i == verb.i and before.pos_ == "PROPN":
        return before
    if verb.i + 1 >= len(doc):
        return None
    name = doc[verb.i + 1]
    while name.dep_ == "compound" and name.head.i > name.i and (name.head.head.i == verb.i or name.head.pos_ == "PROPN"):
        name = name.head  # "said Jim Bopp": the head of the name
    if name.ent_type_ in ("DATE", "TIME"):
        return None
    if _after_closing_mark(verb) and verb.tag_ in ("VBD", "VBZ", "VBP"):
        speaker = _phrase_head(doc[verb.i + 1])
        if speaker is not None:
            return speaker
    if not name.text[:1].isupper():
        return None
    if name.dep_ in ("dobj", "dative", "oprd") and (verb.tag_ == "VBG" or verb.lemma_.lower() in rules.HEARER_VERBS
                                            or not _after_closing_mark(verb)):
        # "telling CNN that ...", "told Mr. Obama": the hearer, and "called Trump a “blowhard”": the object,
        # never an inverted speaker, which follows the quote ("“...,” said Skelly")
        return None
    if name.head.i != verb.i:
        if not (name.head.is_ancestor(verb) and name.dep_ in rules.SUBJECT_RELATIONS and name.ent_type_ == "PERSON"):
            return None
        return name
    if name.pos_ not in ("PROPN", "NOUN", "ADV", "ADJ") or name.dep_ in ("prep", "punct", "ccomp", "xcomp"):
        return None
    return name


def _after_closing_mark(verb) -> bool:
    """True when the verb comes right after the closing mark of a quote
    (“...,” said ... / "...", tweeted ...): the frame of an inverted cue."""
    doc = verb.doc
    before = verb.i - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before >= 1 and doc[before].text == "," and doc[before - 1].text in _CLOSING_MARKS:
        return True
    return before >= 1 and doc[before].text in _CLOSING_MARKS and doc[before - 1].text in (",", "?", "!")


#: Relations inside a noun phrase, from a word to the head it modifies.
_PHRASE_RELATIONS = frozenset({"det", "predet", "compound", "amod", "poss", "case", "nummod", "quantmod", "nmod"})
#: How many words a noun phrase before its head may have.
_PHRASE_WORDS = 6


def _phrase_head(first):
    """The head of the noun phrase that starts at `first` ("the woman",
    "Cleveland's Plain Dealer", "another"): a noun, a name or a pronoun
    standing for one; None when no such phrase starts there."""
    token = first
    while token.dep_ in _PHRASE_RELATIONS and token.head.i > token.i and token.head.i - first.i <= _PHRASE_WORDS:
        token = token.head
    if token.ent_type_ in NOT_SPEAKERS:
        return None
    if token.pos_ in ("NOUN", "PROPN") or token.lower_ in _STANDING_FOR_NOUNS:
        return token
    return None


#: Words that stand for a person in an inverted frame ("“...,” tweeted another").
_STANDING_FOR_NOUNS = frozenset({"one", "another", "others", "some", "many", "several", "both"})


def _participle_noun_speaker(noun):
    """Who speaks in a participle hanging from `noun`: a person the noun names
    or describes ("Dean, a medical doctor saying ...": Dean) or a subject
    ("the share of Republicans saying ... increased"), else the speaker of
    the verb whose object the noun is, however the verb came by it ("Trump
    issued a statement saying ...": Trump; "... had sent letters ... and
    placed ads calling ...": whoever sent them); None when neither is found."""
    if noun.dep_ == "appos":
        return noun.head
    if (noun.pos_ == "PROPN" or noun.ent_type_ == "PERSON" or noun.lower_ in rules.ROLE_DESCRIPTION_HEADS
            or noun.dep_ in rules.SUBJECT_RELATIONS):
        return noun
    if noun.dep_ in ("dobj", "pobj"):
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head
        if verb.pos_ == "VERB":
            return subject_of(verb)
    return None


def conjunct_reporter(token):
    """The reporting verb whose speaker a conjoined cue shares when the parse
    joins the cue to a verb inside what that reporter said: in "De Blasio
    said the move was made by Bratton and said ..." or "Suu Kyi said it was
    too early but added ..." the second cue is the reporter's act, not
    something the reported clause's subject ("the move", "it") did.  None when
    `token` is not such a conjunct."""
    if token.dep_ != "conj":
        return None
    clause = token.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp":
        return None
    reporter = clause.head
    if reporter.pos_ != "VERB" or reporter.lemma_.lower() not in rules.SPEECH_VERBS | rules.THOUGHT_VERBS:
        return None
    return reporter


def report_of_participle(token):
    """The reporting verb of a participle set off by a comma that the parse
    hangs from a clause of what was reported, or from a verb inside it ("X
    said that Y was late, adding ...", "said Clinton will have to choose
    whose side she's on, saying ..."): the speech or thought verb a few
    clauses up; None when there is none.  The comma may stand inside a quote
    that ends the clause ("Cruz said that Trump represents “New York
    values,” stating ...")."""
    doc = token.doc
    before = token.left_edge.i - 1
    while before > 0 and doc[before].text in _CLOSING_MARKS:
        before -= 1
    if token.dep_ != "advcl" or token.tag_ != "VBG" or before < 0 or doc[before].text != ",":
        return None
    clause = token.head
    for _ in range(_REPORT_CLAUSES):
        if clause.dep_ not in _REPORTED_CLAUSE_RELATIONS or clause.head.i == clause.i:
            return None
        verb = clause.head
        if clause.dep_ == "ccomp" and verb.pos_ == "VERB" and verb.lemma_.lower() in rules.SPEECH_VERBS | rules.THOUGHT_VERBS:
            return verb
        clause = verb
    return None


#: How many clauses up a participle's reporter may stand, and through which relations.
_REPORT_CLAUSES = 3
_REPORTED_CLAUSE_RELATIONS = frozenset({"ccomp", "xcomp", "conj"})


def mention_span(subject):
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
    for i in range(start, subject.i):
        if doc[i].text in ("-", "—", "–", "--"):
            start = i + 1  # "JACKSON, Miss. - U.S. District Judge Carlton Reeves": the dateline is no part of the name
    while start < end - 1 and (doc[start].is_punct or is_cue(doc[start]) or doc[start].tag_ == "WRB"):
        start += 1  # "tweeted Rubio spokesman Alex Conant", the verb parsed into the name; "when Mr. Buchanan ..."
    return doc[start:end]


def char_span(doc, first: int, last: int) -> tuple[int, int]:
    """Char offsets of tokens first..last (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def cue_span(cue) -> tuple[int, int]:
    """The cue as written: the verb, or "according to"."""
    if is_according(cue):
        return cue.idx, according_end(cue)
    return cue.idx, cue.idx + len(cue.text)


def according_end(according) -> int:
    """End of "according to" (the cue of an according-to attribution)."""
    for child in according.children:
        if child.text.lower() == "to":
            return child.idx + len(child.text)
    return according.idx + len(according.text)


#: Relations through which a noun stands as what a verb has or makes ("he
#: made the claim", "she has a plan"): the verb's subject owns the noun.
NOUN_HOLDER_RELATIONS = frozenset({"dobj", "attr", "pobj", "nsubj"})


def emphasised_verb(verb):
    """The reporting verb after an emphatic "do" that the parser made a
    modifier of it ("he did affirm that ...": "affirm" an adverb of "did",
    the clause hanging from "did"); else the verb itself."""
    doc = verb.doc
    if verb.lemma_ == "do" and verb.i + 1 < len(doc):
        following = doc[verb.i + 1]
        if following.head.i == verb.i and following.lower_ in rules.SPEECH_VERBS | rules.THOUGHT_VERBS:
            return following
    return verb


def noun_owner(noun):
    """Who a noun cue belongs to: "Trump's claim", "the claim by Trump", "he made the claim"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    if noun.dep_ in NOUN_HOLDER_RELATIONS and noun.dep_ != "nsubj":
        head = noun.head if noun.dep_ != "pobj" else noun.head.head
        if head.pos_ in ("VERB", "AUX"):
            return subject_of(head)
    return None
