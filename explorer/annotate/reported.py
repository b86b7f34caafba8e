"""Reported speech: cue verbs and the clause, infinitive or object they report.

`ReportedSpeech.run` makes one pass over the tokens outside quotes; for each
verb with a speaker the first rule that finds content wins: a speech or
thought verb with a clause complement (``cue-clause``), a parenthetical cue
set in the clause it reports (``The deal, he said, ...``,
``parenthetical-cue``), a to-infinitive of commitment (``promised to ...``,
``cue-infinitive``), a direct or prepositional object (``criticized the
deal``, ``called for a ban``, ``cue-object``), and ``according to X``
(``according-to``).  A cue the quoted-speech pass has used is skipped.
"""

from __future__ import annotations

from explorer.annotate import rules
from explorer.annotate.candidates import Candidate, Findings
from explorer.annotate.clauses import complement_region, parenthetical_region, rest_of_sentence
from explorer.annotate.cues import is_according, is_cue, subject_of


class ReportedSpeech:
    """The reported-speech pass over one document; what it finds goes into `findings`."""

    def __init__(self, findings: Findings):
        self.findings = findings
        self.d = findings.document
        self.doc = findings.document.doc

    def run(self) -> None:
        """Reported speech, in one pass over the tokens: the first rule that
        finds content for a cue wins."""
        verbs = rules.SPEECH_VERBS | rules.THOUGHT_VERBS
        for token in self.doc:
            if token.i in self.findings.used_cues or self.d.quote_of[token.i] != -1 or token.pos_ != "VERB":
                continue
            if is_according(token):
                self._according(token)
                continue
            subject = subject_of(token)
            if subject is None:
                continue
            lemma = token.lemma_.lower()
            found = self._reported_clause(token, subject) if lemma in verbs else []
            if not found and lemma in rules.INFINITIVE_CUE_VERBS:
                found = self._reported_infinitive(token, subject)
            if not found and lemma in rules.OBJECT_CUE_VERBS:
                found = self._reported_object(token, subject)
            if not found:
                found = self._reported_preposition(token, subject, lemma)
            self.findings.candidates += found

    def _reported_clause(self, cue, subject) -> list[Candidate]:
        """The clause a cue verb takes ("he said (that) ..."), before or after
        it, or the clause it is set in ("The deal, he said, is done")."""
        for clause in cue.children:
            if clause.dep_ in rules.CLAUSE_COMPLEMENTS:
                first, last, _ = complement_region(self.d, clause, None)
                found = self.findings.reported(first, last, cue, subject, "cue-clause")
                if found:
                    return found
        region = parenthetical_region(self.d, cue) if is_cue(cue) else None
        return self.findings.reported(*region, cue, subject, "parenthetical-cue") if region is not None else []

    def _reported_infinitive(self, cue, subject) -> list[Candidate]:
        """"promised to cut taxes": the to-infinitive."""
        for clause in cue.children:
            if clause.dep_ in rules.INFINITIVE_COMPLEMENTS and clause.i > cue.i and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
            ):
                return self.findings.reported(clause.left_edge.i, clause.right_edge.i, cue, subject, "cue-infinitive", keep_marks=True)
        return []

    def _reported_object(self, cue, subject) -> list[Candidate]:
        """"criticized the deal", "called Palin a clown", "described it as vital":
        the object and what is predicated of it."""
        objects = [c for c in cue.children if c.dep_ in rules.OBJECT_COMPLEMENTS and c.i > cue.i]
        if not objects:
            return []
        first, last = objects[0].left_edge.i, objects[0].right_edge.i
        for child in cue.rights:
            if child.i > last and (child.dep_ in rules.OBJECT_PREDICATES or child.dep_ == "prep" and child.lower_ == "as"):
                last = child.right_edge.i
        return self.findings.reported(first, last, cue, subject, "cue-object", keep_marks=True)

    def _reported_preposition(self, cue, subject, lemma: str) -> list[Candidate]:
        """"called for a ban", "talked about jobs": the prepositional object."""
        for prep in cue.rights:
            if prep.dep_ == "prep" and (lemma, prep.lower_) in rules.PREPOSITION_CUES:
                objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    cue_end = prep.idx + len(prep.text) if prep.i == cue.i + 1 else None
                    return self.findings.reported(
                        objects[0].left_edge.i, objects[0].right_edge.i, cue, subject, "cue-object",
                        keep_marks=True, cue_end=cue_end,
                    )
        return []

    def _according(self, according) -> None:
        """"According to X, CLAUSE" / "CLAUSE, according to X": the rest of the sentence."""
        subject = subject_of(according)
        if subject is None:
            return
        region = rest_of_sentence(self.d, according)
        if len(region) >= 2:
            self.findings.candidates += self.findings.reported(region[0], region[-1], according, subject, "according-to")
