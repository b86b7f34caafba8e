"""Reported speech: the learned model decides which cue constructions report something.

`ReportedSpeech.run` proposes every candidate construction outside quotes
and outside what the quoted-speech pass found (`explorer.annotate.constructions`),
scores each with the cue model (`explorer.annotate.learned`), and keeps
those at or above its threshold, best first, as long as none stands inside
another's content or overlaps it (the corpus never nests attributions) and
each cue word reports one thing.

The method a kept quote carries says which construction it was:
``cue-clause`` ("said (that) ..."), ``cue-infinitive`` ("promised to ..."),
``cue-object`` ("criticized the deal"), ``cue-preposition`` ("called for a
ban"), ``cue-passive`` ("was first reported by MSNBC"), ``parenthetical-cue``
("The deal, he said, is done"), ``according-to``, ``cue-noun`` ("Trump's
claim that ..."), ``cue-adjective`` ("is confident that ..."),
``cue-relative`` ("a call that Trump described as unsatisfying") and
``colon-frame`` ("TAPPER: Donald Trump released ...").
"""

from __future__ import annotations

from explorer.annotate.candidates import Candidate, Findings
from explorer.annotate.constructions import Construction, constructions
from explorer.annotate.cues import cue_span, mention_span
from explorer.annotate.features import construction_features
from explorer.annotate.learned import AttributionModel, logit

#: The method written for each kind of construction.
METHODS = {
    "clause": "cue-clause",
    "infinitive": "cue-infinitive",
    "object": "cue-object",
    "preposition": "cue-preposition",
    "passive": "cue-passive",
    "parenthetical": "parenthetical-cue",
    "according": "according-to",
    "colon": "colon-frame",
    "relative": "cue-relative",
    "noun-clause": "cue-noun",
    "noun-infinitive": "cue-noun",
    "noun-preposition": "cue-noun",
    "adjective-clause": "cue-adjective",
}


class ReportedSpeech:
    """The reported-speech pass over one document; what it keeps goes into `findings`."""

    def __init__(self, findings: Findings, model: AttributionModel | None):
        self.findings = findings
        self.model = model
        self.d = findings.document

    def proposals(self) -> list[Construction]:
        """Every candidate construction whose cue is not used nor inside what was found before."""
        taken: set[int] = set()
        for candidate in self.findings.candidates:
            start, end = candidate.content
            taken.update(range(self.d.token_at(start), self.d.token_at(end - 1) + 1))
        return constructions(self.d, self.findings.used_cues, taken)

    def scored(self) -> list[tuple[float, Construction]]:
        """Every proposal with the cue model's probability, best first."""
        scored = [(self.model.cues.probability(construction_features(self.d, c)), c) for c in self.proposals()]
        scored.sort(key=lambda item: (-item[0], item[1].cue.i, item[1].first))
        return scored

    def run(self) -> None:
        """Keep the constructions the model accepts (see the module docstring)."""
        taken: list[tuple[int, int]] = []  # token ranges of contents kept, the quoted pass's included
        for candidate in self.findings.candidates:
            taken.append((self.d.token_at(candidate.content[0]), self.d.token_at(candidate.content[1] - 1)))
        cues_kept: set[int] = set()
        for probability, construction in self.scored():
            if probability < self.model.threshold:
                break
            cue = construction.cue.i
            if cue in cues_kept or any(first <= cue <= last for first, last in taken):
                continue
            if any(construction.first <= last and first <= construction.last for first, last in taken):
                continue
            if any(construction.first <= other <= construction.last for other in cues_kept):
                continue
            cues_kept.add(cue)
            taken.append((construction.first, construction.last))
            self.findings.used_cues.add(cue)
            self.findings.candidates.append(self._candidate(construction, logit(probability)))

    def _candidate(self, construction: Construction, score: float) -> Candidate:
        """The construction as a candidate.  A content that is one quote no
        rule attributed is a direct quote; one that holds such a quote, a
        mixed one.  A cue standing inside its content ("The repairs, she
        said, cost less") leaves two fragments."""
        doc, document = self.d.doc, self.d
        cue = construction.cue
        end = construction.cue_end
        cue_chars = (cue.idx, end) if end is not None else cue_span(cue)
        speaker = construction.speaker
        if construction.mention is not None:
            mention = doc[construction.mention[0]:construction.mention[1] + 1]
        else:
            mention = mention_span(speaker) if speaker is not None else None
        first, last = construction.first, construction.last
        content = (doc[first].idx, doc[last].idx + len(doc[last].text))
        fragments = None
        if construction.frame is not None:
            fragments = tuple((doc[a].idx, doc[b].idx + len(doc[b].text)) for a, b in construction.fragments())
        quotes = {document.quote_of[i] for i in range(first, last + 1)} - {-1}
        kind = "reported"
        if len(quotes) == 1 and all(document.quote_of[i] in quotes or doc[i].is_punct for i in range(first, last + 1)):
            quote = document.quotes[quotes.pop()]
            content, kind, fragments = (quote.start, quote.end), "direct", None
        elif quotes:
            kind = "mixed"
        return Candidate(content, kind, cue_chars, speaker, mention, METHODS[construction.kind], score=score,
                         fragments=fragments)
