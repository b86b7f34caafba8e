"""The frames of a quote that stands on its own: the words around it that say
who speaks, when the parse hangs it from no cue.

`frame_cue` finds the speech verb of its sentence nearest to it, or a verb
of any kind right next to it (“...,” Bozell answers.); `colon_frame` a
frame ending in a colon (``He added:``, ``Kerry:``, ``POLLS TOO EARLY -
Mark Blumenthal:``); `byline` a name signing it after a dash (“...” ―
Julie Martinez).  They read the parse through a `Document` and record
nothing.
"""

from __future__ import annotations

from explorer.annotate import rules
from explorer.annotate.candidates import Candidate
from explorer.annotate.clauses import frame_only
from explorer.annotate.cues import is_cue, mention_span, subject_of
from explorer.annotate.document import Document
from explorer.annotate.quote_marks import QuoteSpan

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


def byline(document: Document, number: int, last: int) -> Candidate | None:
    """A quote signed after a dash, the name ending its sentence: “...” ― Julie Martinez."""
    doc = document.doc
    after = document.beside_quote(number, last + 1, 1)
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


def frame_cue(document: Document, number: int, first: int, last: int):
    """The speech verb nearest to the quote, outside any quote, in the
    sentences the quote stands in, or in a frame the parser split off
    after it (“...?” the editorial asked); a verb of any kind right next to
    the quote comes first (see `_adjacent_frame_verb`)."""
    doc = document.doc
    sentence_first = document.sentences[document.sentence_of[first]].start
    sentence_last = document.sentences[document.sentence_of[last]].end
    after = document.beside_quote(number, last + 1, 1, same_line=True)
    if after < len(doc) and document.quote_of[after] == -1 and document.sentence_of[after] != document.sentence_of[last]:
        following = document.sentences[document.sentence_of[after]]
        if doc[after].is_lower or frame_only(following) is not None:
            sentence_last = following.end
    best, best_distance = None, None
    for i in range(sentence_first, sentence_last):
        if document.quote_of[i] != -1 or not is_cue(doc[i]) or subject_of(doc[i]) is None:
            continue
        distance = _distance(i, first, last)
        if best is None or distance < best_distance:
            best, best_distance = doc[i], distance
    adjacent = _adjacent_frame_verb(document, number, first, last)
    if adjacent is not None and (best is None or _distance(adjacent.i, first, last) <= best_distance):
        return adjacent
    return best


def _distance(i: int, first: int, last: int) -> int:
    """How many tokens token i stands from the quote's tokens first..last."""
    return first - i if i < first else i - last


def _adjacent_frame_verb(document: Document, number: int, first: int, last: int):
    """A verb with its subject right next to a quote that stands alone,
    whatever the verb: the construction makes it the cue (“...,” Bozell
    answers. / Hillary shot back, “...” / “...,” beamed Donald Hartley).
    Only particles and adverbs may stand between (back, forcefully), and
    after the quote only the subject; None when there is no such verb."""
    doc, d = document.doc, document
    sentence = d.sentence_of[first]
    i = d.beside_quote(number, first - 1, -1)
    if i >= 0 and doc[i].text in (",", ":"):
        i -= 1
    while i >= 0 and doc[i].dep_ in ("prt", "advmod") and d.quote_of[i] == -1:
        i -= 1
    if i >= 0 and d.quote_of[i] == -1 and d.sentence_of[i] == sentence and _frames(document, doc[i], first, last):
        return doc[i]
    j = d.beside_quote(number, last + 1, 1, same_line=True)
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
            return token if _frames(document, token, first, last, subject_from=j) else None
    return None


def _frames(document: Document, verb, first: int, last: int, subject_from: int | None = None) -> bool:
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
        c.dep_ in ADJACENT_FRAME_RELATIONS or first <= c.i <= last or document.quote_of[c.i] != -1
        for c in verb.children
    )


def colon_frame(document: Document, first: int):
    """A quote after "He added:" or "Kerry:" (the colon may end the previous paragraph)."""
    doc = document.doc
    before = first - 1
    while before >= 0 and (document.in_quote(before) and doc[before].is_quote or doc[before].is_space):
        before -= 1
    if before < 1 or doc[before].text != ":" or document.in_quote(before - 1):
        return None
    head = doc[before - 1]
    while head.head.i != head.i and head.head.i < before:
        head = head.head
    colon = doc[before]
    signature = _signature_before_colon(document, before)
    if signature is not None:
        return (colon.idx, colon.idx + 1), signature
    if head.pos_ == "VERB":
        subject = subject_of(head)
        return ((head.idx, head.idx + len(head.text)), subject) if subject is not None else None
    if head.pos_ in ("PROPN", "NOUN", "PRON"):
        return (colon.idx, colon.idx + 1), head
    return None


def _signature_before_colon(document: Document, colon: int):
    """The name that signs the quote after a colon, set off from the words
    before it by a dash or a "from" ("POLLS NOT WRONG, JUST EARLY - Mark
    Blumenthal:", "More from Jones:"); None when there is none."""
    doc = document.doc
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


def colon_candidate(quote: QuoteSpan, cue_chars: tuple[int, int], subject) -> Candidate:
    """A quote after "He added:" or "Kerry:"."""
    return Candidate((quote.start, quote.end), "direct", cue_chars, subject, mention_span(subject), "colon-frame")
