"""The regions of a sentence that attributions are made of: the clause a cue
verb governs, the clause a parenthetical cue is set in, and sentences that
are nothing but a frame ("Clinton said to People.").

Each function reads the parse through a `Document` (so that it can tell the
words inside quotes from the narration around them) and returns token
indices; none of them records anything.
"""

from __future__ import annotations

from explorer.annotate import rules
from explorer.annotate.cues import is_cue, subject_of
from explorer.annotate.document import Document


def words_outside_quotes(document: Document, first: int, last: int) -> int:
    """How many words of tokens first..last stand outside every quote."""
    doc = document.doc
    return sum(1 for i in range(first, last + 1) if document.quote_of[i] == -1 and not doc[i].is_punct and not doc[i].is_space)


#: Words that open an adverbial clause of the narration after a reported one
#: ("..., while critics disagreed", "..., though he added ...").
ADVERBIAL_MARKS = frozenset({"while", "though", "although", "whereas", "despite", "as", "because", "since", "after",
                             "before", "until", "when", "even"})
#: Prepositions that open such an adverbial ("..., with Zelensky later confirming that ...").
ADVERBIAL_PREPOSITIONS = frozenset({"with", "despite", "amid", "after", "following", "before", "without"})
_SEPARATORS = frozenset({",", "—", "–", "-", ";"})


def is_narration_adverbial(document: Document, right) -> bool:
    """True for a right child of a reported clause's head that is the
    narration's, not what was said: set off by a comma (or a dash), a
    participle clause ("..., adding that ..."), an adverbial clause opened by
    "while", "though" ..., or a "with" / "despite" phrase."""
    doc = document.doc
    before = right.left_edge.i - 1
    while before > 0 and document.in_quote(before) and doc[before].is_quote:
        before -= 1  # the comma of “...,” stands inside the marks
    if before < 0 or doc[before].text not in _SEPARATORS:
        return False
    if right.dep_ == "advcl":
        return right.tag_ == "VBG" or any(c.dep_ == "mark" and c.lower_ in ADVERBIAL_MARKS for c in right.children)
    if right.dep_ == "prep":
        return right.lower_ in ADVERBIAL_PREPOSITIONS
    return False


def without_narration(document: Document, head, first: int, last: int) -> int:
    """`last`, cut before the first adverbial of the narration that `head`'s
    clause ends with (see `is_narration_adverbial`)."""
    for right in head.rights:
        if first < right.left_edge.i <= last and not document.in_quote(right.i) and is_narration_adverbial(document, right):
            return right.left_edge.i - 1
    return last


def complement_region(document: Document, child, quote_last: int | None):
    """(first, last, remainder) token range of the clause `child` heads,
    without surrounding punctuation or an adverbial of the narration after
    the quote (", calling ...", ", while ..."; see `is_narration_adverbial`).
    With `quote_last`, a clause conjoined after that token is cut off and
    returned as `remainder` (first, last), else None."""
    doc = document.doc
    first, last = child.left_edge.i, child.right_edge.i
    while first < last and doc[first].is_punct and not document.in_quote(first):
        first += 1
    if child.dep_ == "prep" and child.text.lower() == "as":
        first = child.i + 1
    remainder = None
    for right in child.rights:
        if quote_last is None or right.left_edge.i <= quote_last or document.in_quote(right.i):
            continue
        if is_narration_adverbial(document, right):
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
    while last > first and (doc[last].is_punct or doc[last].is_space) and not document.in_quote(last):
        last -= 1
    return first, last, remainder


def object_region(document: Document, cue, child, quote_last: int | None):
    """For a quote in what a verb says of its object ("called the system
    “rotten to the core”", "decried the GOP for “turning its back”"): the
    region from the object through that predicate, as `complement_region`
    gives it; None when `child` (the cue's child toward the quote) is not
    such a predicate of an object before it, nor when it is a clause with
    its own "that", told to the object ("told the paper on Tuesday that ...").

    What follows the quote in the predicate is part of it ("called her record
    a “blueprint” for how she would ..."), unless it opens with a phrase of
    where or when it was said ("... “deplorables” at a fundraiser").  A quote
    after "as" ("described the call as “the best conversation”") stays a
    direct quote of its own, as the bundled hand-made stories have it.
    """
    is_predicate = child.dep_ in rules.OBJECT_PREDICATES or child.dep_ == "prep" and child.lower_ == "for"
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.i < child.i]
    said_to_object = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
    if not is_predicate or not objects or child.i < cue.i or said_to_object:
        return None
    _, last, remainder = complement_region(document, child, quote_last)
    if quote_last is not None and document.in_quote(child.i) and _frame_phrase_after(document, quote_last, last):
        last = min(last, quote_last)  # what the quote calls the object, not where it was said ("at a fundraiser")
    return objects[0].left_edge.i, last, remainder


#: Prepositions that open a phrase of where or when something was said ("at a
#: fundraiser", "in a statement", "on Monday", "during the debate").
FRAME_PREPOSITIONS = frozenset({"at", "in", "on", "during"})


def _frame_phrase_after(document: Document, quote_last: int, last: int) -> bool:
    """True when the words after a quote (through `last`) open with a phrase of
    the frame (`FRAME_PREPOSITIONS`) rather than going on with the predicate
    ("a “blueprint” for how she would ...", "“a mistake” because ...")."""
    doc = document.doc
    following = quote_last + 1
    while following <= last and (doc[following].is_punct or doc[following].is_space):
        following += 1
    return following <= last and doc[following].dep_ == "prep" and doc[following].lower_ in FRAME_PREPOSITIONS


def rest_of_sentence(document: Document, head) -> list[int]:
    """The words of `head`'s sentence outside `head`'s subtree (no punctuation or
    spaces): the clause a parenthetical cue or an "according to" phrase is set in."""
    doc = document.doc
    sentence = document.sentences[document.sentence_of[head.i]]
    first, last = head.left_edge.i, head.right_edge.i
    return [i for i in range(sentence.start, sentence.end)
            if not first <= i <= last and not doc[i].is_punct and not doc[i].is_space]


def parenthetical_region(document: Document, cue) -> tuple[int, int] | None:
    """For a cue set in the clause it reports ("The deal, he said, is
    done."): the token range of that clause around it."""
    if cue.dep_ != "parataxis" or subject_of(cue) is None:
        return None
    region = rest_of_sentence(document, cue)
    if len(region) < 3:
        return None
    return region[0], region[-1]


def frame_only(sentence) -> object | None:
    """The cue of a sentence that is nothing but a frame ("Clinton said to People.")."""
    root = sentence.root
    if not is_cue(root) or subject_of(root) is None:
        return None
    for child in root.children:
        if child.dep_ not in rules.FRAME_RELATIONS and not (child.dep_ == "dobj" and root.lemma_ in rules.HEARER_VERBS):
            return None
    return root
