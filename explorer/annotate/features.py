"""What the learned model sees of a candidate construction: a list of feature names.

Each feature is a short string ("lemma=say", "kind=clause",
"lemma|kind=say|clause"); the model (`explorer.annotate.learned`) gives each
a weight.  They describe the cue word (its lemma, part of speech, tense,
negation, modality, relation, the adverbs before it, a "with" it hangs
from), the construction, the speaker (none, a
pronoun, a name, a person or an organization), the content (length, what
heads it, how it starts) and nesting (whether the cue stands inside what
another cue reports: the corpus never nests attributions).
"""

from __future__ import annotations

from explorer.annotate import rules
from explorer.annotate.constructions import Construction
from explorer.annotate.cues import report_of_participle
from explorer.annotate.document import Document

#: Relations from a cue up to a verb that may report it ("said he *believed* ...").
_NESTING_RELATIONS = frozenset({"ccomp", "xcomp", "conj", "advcl", "pcomp", "acl", "relcl"})
_REPORTING_VERBS = rules.SPEECH_VERBS | rules.THOUGHT_VERBS
_LENGTH_BUCKETS = ((1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"), (15, "9-15"), (30, "16-30"))


def _length_bucket(words: int) -> str:
    return next((name for limit, name in _LENGTH_BUCKETS if words <= limit), "31+")


def _speaker_features(speaker) -> list[str]:
    if speaker is None:
        return ["spk=none"]
    lower = speaker.lower_
    if speaker.pos_ == "PRON":
        kind = f"pron:{lower}" if lower in ("he", "she", "they", "it", "we", "i", "you", "who", "which", "that") else "pron"
    elif speaker.ent_type_:
        kind = f"ent:{speaker.ent_type_}"
    else:
        kind = speaker.pos_.lower()
    features = [f"spk={kind}"]
    if speaker.pos_ == "NOUN":
        features.append(f"spk_noun={speaker.lemma_.lower()}")
    return features


def _nesting(cue) -> str | None:
    """The lemma of a reporting verb that `cue` stands inside the complement of, if any."""
    token = cue
    for _ in range(6):
        if token.dep_ not in _NESTING_RELATIONS or token.head.i == token.i:
            return None
        if (reporter := report_of_participle(token)) is not None:
            token = reporter  # the reporter's participle, parsed into what they report
            continue
        head = token.head
        if token.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in _REPORTING_VERBS:
            return head.lemma_.lower()
        token = head
    return None


def construction_features(document: Document, construction: Construction) -> list[str]:
    """The features of one candidate construction (see the module docstring)."""
    doc = document.doc
    cue, kind = construction.cue, construction.kind
    lemma = cue.lemma_.lower()
    features = [
        "bias",
        f"kind={kind}",
        f"lemma={lemma}",
        f"lemma|kind={lemma}|{kind}",
        f"pos|kind={cue.pos_}|{kind}",
        f"tag|kind={cue.tag_}|{kind}",
        f"dep|kind={cue.dep_}|{kind}",
    ]
    if construction.preposition is not None:
        preposition = construction.preposition.lower_
        features += [f"prep|kind={preposition}|{kind}", f"lemma|prep={lemma}|{preposition}"]
    for listed, name in ((rules.SPEECH_VERBS, "speech"), (rules.THOUGHT_VERBS, "thought"),
                         (rules.OBJECT_CUE_VERBS, "object"), (rules.INFINITIVE_CUE_VERBS, "infinitive")):
        if lemma in listed:
            features.append(f"list|kind={name}|{kind}")
    children = {child.dep_ for child in cue.children}
    if "neg" in children:
        features += ["neg", f"neg|kind={kind}"]
    if any(child.dep_ == "aux" and child.tag_ == "MD" for child in cue.children):
        features.append(f"modal|kind={kind}")
    if "auxpass" in children:
        features.append(f"passive|kind={kind}")
    for child in cue.children:
        if child.dep_ == "advmod" and child.i < cue.i:
            features.append(f"adverb={child.lower_}")  # "reportedly confirmed", "publicly said", "later described"
    if cue.dep_ in ("pcomp", "pobj") and cue.head.lower_ == "with":
        features.append(f"with|kind={kind}")  # ", with Zelensky later confirming that ...": an attribution of its own
    if "dative" in children or (kind == "clause" and "dobj" in children):
        features.append(f"hearer|kind={kind}")
    for speaker_feature in _speaker_features(construction.speaker):
        features += [speaker_feature, f"{speaker_feature}|kind={kind}"]
    nested = _nesting(cue)
    if nested is not None:
        features += ["nested", f"nested|kind={kind}", f"nested_under={nested}"]
    first, last = construction.first, construction.last
    features.append(f"len|kind={_length_bucket(document.words(first, last))}|{kind}")
    head = doc[first:last + 1].root
    features += [f"chead={head.pos_}|{kind}", f"cfirst={doc[first].lower_}|{kind}"]
    if kind in ("object", "preposition", "noun-preposition", "passive") and head.pos_ in ("NOUN", "PROPN"):
        features.append(f"lemma|chead={lemma}|{head.lemma_.lower() if head.pos_ == 'NOUN' else head.ent_type_ or 'propn'}")
    if document.quoted(first, last):
        features.append(f"quote|kind={kind}")
    if construction.frame is not None:
        features.append(f"frame|kind={kind}")
    if construction.variant:
        features += [f"variant={construction.variant}|{kind}", f"lemma|variant={lemma}|{construction.variant}"]
    if document.verbs(first, last):
        features.append(f"cverb|kind={kind}")
    features.append(f"before|kind={'yes' if last < cue.i else 'no'}|{kind}")
    if document.sentence_has_quote[document.sentence_of[cue.i]]:
        features.append("sentence_has_quote")
    if cue.i > 0 and doc[cue.i - 1].lower_ in ("to",) and kind != "according":
        features.append(f"after_to|kind={kind}")
    return features
