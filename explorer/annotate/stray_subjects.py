"""Speakers the parse set apart from their cue verb: the name before an
aside ("Senator Harry Reid, the minority leader, said"), the noun the parse
hung from the phrase before the verb ("..., the Democratic presidential
candidate stated"), the person named after a dateline the parse made the
subject.  `explorer.annotate.cues` turns to these when a cue verb has no
subject of its own, or a wrong one.
"""

from __future__ import annotations

from explorer.annotate import rules

#: Entity types that never speak: where the name before an aside may be
#: the end of a phrase of place or time ("retired in Cambridge, Mass., said").
NOT_SPEAKERS = frozenset({"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
#: How many commas back an aside may reach, and how many tokens it may span.
_ASIDE_COMMAS = 3
_ASIDE_TOKENS = 30


def person_before_verb(subject, verb):
    """The speaker of a verb whose parsed subject is a place or a date that
    opens the sentence ("JACKSON, Miss. - Judge Carlton Reeves issued ...",
    "Saturday at the convention Sen. Elizabeth Warren said ..."): the last
    person named between that subject and the verb, else the subject."""
    doc = verb.doc
    for i in range(verb.i - 1, subject.i, -1):
        if doc[i].ent_type_ == "PERSON":
            return doc[i]  # the last word of the name, its head
    return subject


def noun_right_before(verb):
    """The speaker of a finite verb the parser left without a subject because
    it hung the noun right before the verb elsewhere, as an apposition or a
    conjunct of an earlier phrase ("In an interview with Morning Joe hosts
    Joe Scarborough and Mika Brzezinski, the Democratic presidential
    candidate stated that ..."), or as an adverb ("Informed of ..., Early
    described it as ..."): that noun, or that capitalised adverb, when it is
    no place or date; else None."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0:
        return None
    noun = verb.doc[verb.i - 1]
    if noun.ent_type_ in NOT_SPEAKERS or noun.is_sent_start:
        return None
    if noun.pos_ in ("NOUN", "PROPN") and noun.head.i < noun.i and noun.dep_ in ("appos", "conj"):
        return noun
    if noun.dep_ in ("advmod", "npadvmod") and noun.head.i == verb.i and noun.text[:1].isupper():
        return noun  # a name the tagger took for an adverb ("..., Early described it as ...")
    return None


def active_after_comma(verb) -> bool:
    """True for a past participle set off by a comma that takes an object
    and has neither an auxiliary nor an agent: a finite verb in the active
    voice the tagger took for a participle ("Stuart Stevens, who served
    ..., called Trump's statements “childish”"), not a passive aside
    ("Trump, called “the Donald” by his fans, ...")."""
    relations = {child.dep_ for child in verb.children}
    return (verb.tag_ == "VBN" and verb.i > 0 and verb.doc[verb.i - 1].text == ","
            and not relations & {"aux", "auxpass", "agent"} and bool(relations & {"dobj", "oprd", "ccomp"}))


def subject_before_aside(verb, finite: bool = False):
    """The speaker of a finite verb the parser left without a subject
    because an aside stands between them: "Senator Harry Reid, the minority
    leader, said", "Mr. Buchanan, who had failed ..., called for", "Bill
    Eastland, wearing a cowboy hat, said".  The verb follows a comma; the
    speaker is the noun or name just before an earlier comma of the same
    sentence (at most a few commas back) and is not a place or a date.  It
    does not hang from a word of the aside, unless as the subject the parse
    gave the aside's own verb ("One attendee, who like others spoke on the
    condition of anonymity, said"); and a relative aside holds whatever
    commas stand in it ("Mr. Slinker, whose latest start-up, Paradata,
    uses ..., said": Slinker).  `finite`: the verb is finite whatever its
    tag says.  None when there is none."""
    doc = verb.doc
    if not finite and verb.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children):
        return None
    before = verb.i - 1
    while before >= 0 and (doc[before].dep_ in ("advmod", "aux", "neg") and doc[before].head.i == verb.i):
        before -= 1
    if before < 1 or doc[before].text != "," or doc[before].is_sent_start:
        return None
    sentence_start = verb.sent.start
    closing, commas, found = before, 0, None
    for comma in range(before - 1, max(sentence_start, verb.i - _ASIDE_TOKENS) - 1, -1):
        token = doc[comma]
        if token.is_quote:
            return found  # the aside would hold a quote: what stands before is what was said
        if token.text != ",":
            continue
        commas += 1
        if commas > _ASIDE_COMMAS or comma == sentence_start:
            break
        candidate = doc[comma - 1]
        if (candidate.pos_ in ("PROPN", "NOUN", "PRON") and candidate.ent_type_ not in NOT_SPEAKERS
                and candidate.dep_ not in ("poss", "compound")
                and (not comma < candidate.head.i < closing or candidate.dep_ in rules.SUBJECT_RELATIONS)):
            if doc[comma + 1].lower_ in _RELATIVE_OPENERS:
                return candidate
            found = found or candidate
    return found


#: Words that open a relative aside after a speaker's name ("Mr. Slinker, whose ...").
_RELATIVE_OPENERS = frozenset({"who", "whose"})
