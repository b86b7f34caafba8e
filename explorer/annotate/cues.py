"""Cues and their speakers, token by token: what counts as a speech verb or
"according to", who its subject is, and the speaker mention as written.

These helpers read one parsed token (spaCy's `Token`) and the tokens around
it in the dependency tree; they hold no state.
"""

from __future__ import annotations

from explorer.annotate import rules


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
        subjects = [child for child in token.children if child.dep_ in rules.SUBJECT_RELATIONS]
        if subjects:
            # Two subjects are a parse error: "a call that Trump described as ..." (the name, not the
            # relative), "“Underestimation of Cruz,” Robert Shrum ... said" (the one nearer the verb)
            named = [s for s in subjects if s.lower_ not in rules.RELATIVE_PRONOUNS] or subjects
            return min(named, key=lambda s: abs(s.i - token.i))
        inverted = _name_after(token)
        if inverted is not None:
            return inverted
        for child in token.children:
            if child.dep_ == "agent":  # "was praised by X"
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.i == token.i - 1:
            # "“...?” the paper asked": the parser made the noun the root and the verb its modifier
            return token.head
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            speaker = _participle_noun_speaker(token.head)
            if speaker is not None:
                return speaker
        if token.dep_ not in rules.SUBJECT_SHARING_RELATIONS or token.head.i == token.i:
            return None
        if participle_after_report(token):
            token = token.head.head  # "Rutte acknowledged that Trump was ..., calling it ...": Rutte calls it
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.i != token.head.i:
            token = token.head.head  # "Carson told the AP after hinting that ...": Carson hints
            continue
        token = token.head
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
    if not name.text[:1].isupper() or name.ent_type_ in ("DATE", "TIME"):
        return None
    if name.head.i != verb.i:
        if not (name.head.is_ancestor(verb) and name.dep_ in rules.SUBJECT_RELATIONS and name.ent_type_ == "PERSON"):
            return None
        return name
    if name.pos_ not in ("PROPN", "NOUN", "ADV", "ADJ") or name.dep_ in ("prep", "punct", "ccomp", "xcomp"):
        return None
    return name


def _participle_noun_speaker(noun):
    """Who speaks in a participle hanging from `noun`: a person the noun names
    or describes ("Dean, a medical doctor saying ...": Dean), else the
    subject of the verb whose object the noun is ("Trump issued a statement
    saying ...": Trump); None when neither is found."""
    if noun.dep_ == "appos":
        return noun.head
    if noun.pos_ == "PROPN" or noun.ent_type_ == "PERSON" or noun.lower_ in rules.ROLE_DESCRIPTION_HEADS:
        return noun
    if noun.dep_ in ("dobj", "pobj"):
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head
        if verb.pos_ == "VERB":
            return next((c for c in verb.children if c.dep_ in rules.SUBJECT_RELATIONS), None)
    return None


def participle_after_report(token) -> bool:
    """True for a participle set off after a reported clause that the parse
    hangs from that clause ("X said that Y was late, adding ..."): its subject
    is the reporter's, not the reported clause's."""
    head = token.head
    doc = token.doc
    return (
        token.dep_ == "advcl" and token.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.pos_ == "VERB"
        and token.left_edge.i > 0 and doc[token.left_edge.i - 1].text == ","
    )


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
    while start < end - 1 and doc[start].is_punct:
        start += 1
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
