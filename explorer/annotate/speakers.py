"""Who a speaker mention refers to: names merged into people, pronouns and
descriptions resolved to the named speaker they stand for.

The resolver reads the named entities of a parsed document once, in order,
and merges the names of one person ("Volodymyr Zelensky", "Zelensky",
"Ukrainian President Volodymyr Zelensky") into one `Cluster`, keeping the role
the text gives ("Ukrainian President", "a spokesman for Mrs. Clinton").  It
then resolves mentions in document order: a name to its cluster; "he"/"she"
to the latest person named as a subject outside quotes; "the paper" to the
latest outlet; "the NATO chief" to the latest speaker whose role shares its
words.  What it cannot resolve stays unknown (None) rather than guessed.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from explorer.annotate import rules
from explorer.annotate.document import proper_nouns_outside_entities
from explorer.annotate.found import SpeakerEvidence
from explorer.annotate.names import POSSESSIVE, Cluster, is_outlet_name, name_words, slug

#: Entity labels that can name a speaker, and the kind of speaker they make.
ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "organization", "NORP": "organization"}
#: How far back (in mentions) a pronoun or description looks for its referent.
LOOKBACK_MENTIONS = 12
#: How many paragraphs back a pronoun may reach.
LOOKBACK_PARAGRAPHS = 2

@dataclass
class _Mention:
    position: int  # char offset
    paragraph: int
    cluster: Cluster
    is_subject: bool
    end: int = 0  # char offset after the mention

    @property
    def span(self) -> tuple[int, int]:
        return self.position, max(self.end, self.position)


class SpeakerResolver:
    """Merges the names in `doc` and resolves speaker mentions to clusters.

    `paragraph_of` maps a char offset to its paragraph index; `in_quote(i)`
    says whether token i stands inside a quotation (names there are what a
    speaker talks about, not who talks next).
    """

    def __init__(self, doc, paragraph_of, in_quote):
        self.doc = doc
        self._paragraph_of = paragraph_of
        self.clusters: list[Cluster] = []
        self._by_key: dict[str, Cluster] = {}
        self._entity_cluster: dict[int, Cluster] = {}  # entity start token -> cluster
        self._last_seen: dict[int, int] = {}  # id(cluster) -> last mention position
        self._mentions: list[_Mention] = []
        # Names in text order: the entities, and proper-noun subjects the
        # recognizer missed ("Mayor Ana Ruiz opened the bridge").
        names = [(ent.start, ent) for ent in doc.ents if ent.label_ in ENTITY_KINDS]
        names += [
            (i, token)
            for i in proper_nouns_outside_entities(doc)
            if (token := doc[i]).dep_ in rules.SUBJECT_RELATIONS and not in_quote(i)
        ]
        names.sort(key=lambda item: item[0])
        for start, name in names:
            if hasattr(name, "label_"):
                cluster, root, start_char = self._cluster_for_entity(name, ENTITY_KINDS[name.label_]), name.root, name.start_char
                end_char = name.end_char
            else:
                cluster, root, start_char = self._unrecognised_name(name), name, name.idx
                end_char = name.idx + len(name.text)
            if cluster is None:
                continue
            self._entity_cluster[start] = cluster
            if not in_quote(start):
                self._mentions.append(
                    _Mention(start_char, paragraph_of(start_char), cluster, root.dep_ in rules.SUBJECT_RELATIONS, end_char)
                )
            self._last_seen[id(cluster)] = start_char
        self._positions = [m.position for m in self._mentions]

    # -- building clusters -------------------------------------------------

    def _cluster_for_entity(self, ent, kind: str) -> Cluster | None:
        if kind == "person":
            return self._cluster_for_name(ent)
        words = name_words(ent)
        if not words:
            return None
        if words[0].lower() == "the" and len(words) > 1:
            words = words[1:]
        name = " ".join(words)
        if is_outlet_name(name):
            kind = "outlet"
        cluster = self._organization_cluster(name, kind)
        cluster.add_alias(POSSESSIVE.sub("", ent.text))
        return cluster

    def _cluster_for_name(self, span) -> Cluster | None:
        """The person a name span refers to ("Mayor Ana Ruiz": title words
        go to the role, the rest is the name)."""
        start = span.start
        while start < span.end - 1 and span.doc[start].lower_ in rules.TITLE_WORDS:
            start += 1
        name_span = span.doc[start : span.end]
        words = name_words(name_span)
        if not words:
            return None
        cluster = self._person_cluster(words, name_span.start_char)
        self._take_role(cluster, name_span)
        cluster.add_alias(POSSESSIVE.sub("", span.text))
        return cluster

    def _person_cluster(self, words: list[str], position: int) -> Cluster:
        full = " ".join(words)
        key = full.lower()
        if key in self._by_key:
            return self._remember(self._by_key[key], full)
        last = words[-1].lower()
        same_surname = [c for c in self.clusters if c.kind == "person" and c.surname == last]
        if len(words) == 1:
            # A surname alone: the latest person of that surname, else a first name.
            if same_surname:
                return self._remember(self._latest(same_surname), full)
            by_first = [c for c in self.clusters if c.kind == "person" and c.key.split()[0] == last and " " in c.key]
            if by_first:
                return self._remember(self._latest(by_first), full)
        else:
            first = words[0].lower()
            for cluster in same_surname:
                # "Trump" seen first, or "Donald J. Trump" after "Donald Trump".
                if " " not in cluster.key or cluster.key.split()[0] == first:
                    if " " not in cluster.key:
                        self._rekey(cluster, key)
                    return self._remember(cluster, full)
        cluster = Cluster(key=key, kind="person")
        self.clusters.append(cluster)
        self._by_key[key] = cluster
        return self._remember(cluster, full)

    def _organization_cluster(self, name: str, kind: str) -> Cluster:
        key = name.lower()
        cluster = self._by_key.get(key)
        if cluster is None:
            # The tagger calls a person's surname an organization now and then.
            people = [c for c in self.clusters if c.kind == "person" and c.surname == key]
            if people:
                return self._remember(self._latest(people), name)
            # "the Post" after "the New York Post".
            cluster = next(
                (
                    c for c in reversed(self.clusters)
                    if c.kind == "outlet" and (c.key.endswith(" " + key) or kind == "outlet" and key.endswith(" " + c.key))
                ),
                None,
            )
            if cluster is not None and len(key) > len(cluster.key):
                self._rekey(cluster, key)
        if cluster is None:
            cluster = Cluster(key=key, kind=kind)
            self.clusters.append(cluster)
            self._by_key[key] = cluster
        return self._remember(cluster, name)

    def _rekey(self, cluster: Cluster, key: str) -> None:
        self._by_key[key] = cluster
        cluster.key = key

    def _remember(self, cluster: Cluster, name: str) -> Cluster:
        if name not in cluster.names:
            cluster.names.append(name)
        return cluster

    def _latest(self, clusters: list[Cluster]) -> Cluster:
        return max(clusters, key=lambda c: self._last_seen.get(id(c), -1))

    def _take_role(self, cluster: Cluster, ent) -> None:
        """Keep the first role the text gives: title words right before the
        name ("NATO Secretary General Mark Rutte") or an apposition after it
        ("Brian Fallon, a spokesman for Mrs. Clinton")."""
        if cluster.role:
            return
        doc = self.doc
        i = ent.start
        while i > 0:
            token = doc[i - 1]
            if token.dep_ not in ("compound", "amod", "nmod") or token.pos_ not in ("PROPN", "NOUN", "ADJ"):
                break
            if token.text.lower() in rules.HONORIFICS:
                break
            i -= 1
        if i < ent.start:
            role = doc[i : ent.start].text
            cluster.add_alias(doc[i : ent.end].text)
        else:
            appositions = [c for c in ent.root.children if c.dep_ == "appos" and c.i > ent.root.i and c.pos_ in ("NOUN", "PROPN")]
            if not appositions or appositions[0].ent_type_ == "PERSON":
                return
            span = doc[appositions[0].left_edge.i : appositions[0].right_edge.i + 1]
            role = span.text.rstrip(",")
            for det in ("a ", "an ", "the "):
                if role.lower().startswith(det):
                    role = role[len(det) :]
                    break
        cluster.role = role
        cluster.role_words = {w.lower() for w in role.replace(",", " ").split()}

    # -- resolving mentions --------------------------------------------------

    def resolve(self, head, span) -> tuple[Cluster | None, SpeakerEvidence | None]:
        """The cluster the mention `span` (its head token `head`) refers to,
        and how it was found; (None, None) when it cannot be resolved.

        Call in document order: resolved pronouns count as mentions for the
        pronouns that follow.
        """
        found = self._resolve(head, span)
        if found is None:
            return None, None
        cluster, evidence = found
        self._last_seen[id(cluster)] = span.start_char
        self._add_mention(_Mention(span.start_char, self._paragraph_of(span.start_char), cluster, True, span.end_char))
        if head.pos_ != "PRON":
            cluster.add_alias(span.text)
        return cluster, evidence

    def _add_mention(self, mention: _Mention) -> None:
        index = bisect_left(self._positions, mention.position)
        self._positions.insert(index, mention.position)
        self._mentions.insert(index, mention)

    def _resolve(self, head, span) -> tuple[Cluster, SpeakerEvidence] | None:
        lower = head.text.lower()
        if head.ent_type_ in ENTITY_KINDS:
            start = head.i
            while start > 0 and head.doc[start].ent_iob_ == "I":
                start -= 1
            if start in self._entity_cluster:
                return self._entity_cluster[start], SpeakerEvidence("name")
        if head.pos_ == "PROPN" and not head.ent_type_:
            cluster = self._entity_cluster.get(head.i) or self._unrecognised_name(head)
            return (cluster, SpeakerEvidence("name")) if cluster is not None else None
        if lower in rules.RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            antecedent = head.head.head
            phrase = head.doc[antecedent.left_edge.i : antecedent.i + 1]
            found = self._resolve(antecedent, phrase)
            return (found[0], SpeakerEvidence("relative", (phrase.start_char, phrase.end_char))) if found else None
        if lower in rules.PERSON_PRONOUNS:
            return self._antecedent(self._latest_mention(span.start_char, ("person",)), "pronoun")
        if lower in rules.THING_PRONOUNS:
            mention = self._latest_mention(span.start_char, ("outlet", "organization"), subjects_only=True)
            return self._antecedent(mention, "pronoun")
        if head.pos_ in ("NOUN", "PROPN") and lower in rules.OUTLET_DESCRIPTION_HEADS:
            owner = self._owner_entity(head)
            if owner is not None:
                return owner[0], SpeakerEvidence("outlet", owner[1].antecedent)
            if self._is_definite(head):
                return self._antecedent(self._latest_mention(span.start_char, ("outlet",), lookback=LOOKBACK_MENTIONS * 3), "outlet")
        if head.pos_ in ("NOUN", "PROPN") and lower in rules.ROLE_DESCRIPTION_HEADS and self._is_definite(head):
            cluster = self._by_role(head, span)
            if cluster is not None:
                mention = self._latest_mention_of(cluster, span.start_char)
                return cluster, SpeakerEvidence("description", mention.span if mention is not None else None)
        known = self._known_surname(head, span)
        return (known, SpeakerEvidence("name")) if known is not None else None

    def _known_surname(self, head, span) -> Cluster | None:
        """A capitalised word alone that is the surname of a person named
        before, whatever the tagger made of it ("Trump, for his part, noted
        ...", where "Trump" came out an interjection)."""
        if len(span) != 1 or not head.text[:1].isupper() or head.pos_ in ("PRON", "DET"):
            return None
        lower = POSSESSIVE.sub("", head.text).lower()
        named = [c for c in self.clusters if c.kind == "person" and c.surname == lower
                 and self._last_seen.get(id(c), 1 << 60) < span.start_char]
        return self._latest(named) if named else None

    @staticmethod
    def _antecedent(mention: "_Mention | None", rule: str) -> tuple[Cluster, SpeakerEvidence] | None:
        return (mention.cluster, SpeakerEvidence(rule, mention.span)) if mention is not None else None

    def _unrecognised_name(self, head) -> Cluster | None:
        """A name the entity recognizer missed ("Mayor Ana Ruiz said"): the
        run of proper nouns ending at `head`; an outlet if it looks like one,
        else a person."""
        doc = head.doc
        start = head.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == head.i:
            start -= 1
        span = doc[start : head.i + 1]
        name = " ".join(name_words(span))
        if is_outlet_name(name):
            return self._organization_cluster(name.removeprefix("The "), "outlet")
        if head.tag_ == "NNPS":  # "Democrats", "Republicans": a group, not a person
            return None
        return self._cluster_for_name(span)

    def _owner_entity(self, head) -> tuple[Cluster, SpeakerEvidence] | None:
        """The outlet in "the editorial board of the New York Post" (the evidence points at its name)."""
        for child in head.children:
            if child.dep_ == "prep" and child.text.lower() == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.ent_type_ in ENTITY_KINDS:
                        phrase = head.doc[obj.left_edge.i : obj.i + 1]
                        found = self._resolve(obj, phrase)
                        if found is not None:
                            return found[0], SpeakerEvidence("name", (phrase.start_char, phrase.end_char))
        return None

    @staticmethod
    def _is_definite(head) -> bool:
        return any(c.dep_ == "det" and c.text.lower() in ("the", "this", "that") for c in head.children)

    def _latest_mention(self, position: int, kinds, subjects_only: bool = False,
                        lookback: int = LOOKBACK_MENTIONS) -> "_Mention | None":
        """The latest mention before `position` of a speaker of one of `kinds`,
        within `lookback` mentions and `LOOKBACK_PARAGRAPHS` paragraphs: a
        subject first, else (unless `subjects_only`) any."""
        paragraph = self._paragraph_of(position)
        fallback = None
        index = bisect_left(self._positions, position) - 1
        stop = max(-1, index - lookback)
        while index > stop:
            mention = self._mentions[index]
            index -= 1
            if paragraph - mention.paragraph > LOOKBACK_PARAGRAPHS:
                break
            if mention.cluster.kind not in kinds:
                continue
            if mention.is_subject:
                return mention
            fallback = fallback or mention
        return None if subjects_only else fallback

    def _latest_mention_of(self, cluster: Cluster, position: int) -> "_Mention | None":
        """The latest mention of `cluster` before `position` (the words a description refers back to)."""
        index = bisect_left(self._positions, position) - 1
        stop = max(-1, index - LOOKBACK_MENTIONS * 10)
        while index > stop:
            if self._mentions[index].cluster is cluster:
                return self._mentions[index]
            index -= 1
        return None

    def _by_role(self, head, span) -> Cluster | None:
        words = {t.text.lower() for t in span if t.dep_ != "det" and not t.is_punct}
        head_word = head.text.lower()
        wanted = words | rules.ROLE_SYNONYMS.get(head_word, set())
        modifiers = words - {head_word}
        best, best_score = None, 0
        for cluster in self.clusters:
            if cluster.kind != "person" or not cluster.role_words:
                continue
            if self._last_seen.get(id(cluster), 1 << 60) > span.start_char:
                continue  # a description refers back, never forward
            shared = wanted & cluster.role_words
            if not shared or (modifiers and not modifiers & cluster.role_words and head_word not in cluster.role_words):
                continue
            score = (len(shared), self._last_seen.get(id(cluster), -1))
            if best is None or score > best_score:
                best, best_score = cluster, score
        return best

    # -- output ----------------------------------------------------------------

    @staticmethod
    def speaker_ids(clusters: list[Cluster]) -> dict[int, str]:
        """id(cluster) -> a unique, readable speaker id ("zelensky", "new-york-post")."""
        ids: dict[int, str] = {}
        for cluster in clusters:
            if id(cluster) in ids:
                continue
            name = cluster.display_name
            base = slug(name.split()[-1] if cluster.kind == "person" else name) or "speaker"
            speaker_id, n = base, 2
            while speaker_id in ids.values():
                speaker_id, n = f"{base}-{n}", n + 1
            ids[id(cluster)] = speaker_id
        return ids
