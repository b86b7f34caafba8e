"""The attribution extractor: quotes, their speakers and the outlets a text cites.

`extract(doc, paragraphs)` works on one parsed document in a few linear
passes, each in a module of its own:

1. Quote marks are paired per paragraph, on the characters
   (`explorer.annotate.quote_marks`); `explorer.annotate.document` builds
   the lookups every rule uses.
2. Quoted speech (`explorer.annotate.quoted`): each quote is tied to its cue
   (``cue-clause``, ``parenthetical-cue``, ``cue-frame``, ``colon-frame``,
   ``floating-continuation``); a quote that is only part of the clause a cue
   verb governs is a mixed quote.
3. Reported speech (`explorer.annotate.reported`): a speech or thought verb
   with a clause, infinitive or object complement, a parenthetical cue and
   ``according to X``.  The parts of a sentence these rules take are in
   `explorer.annotate.clauses`; cue words and subjects in
   `explorer.annotate.cues`.
4. Speaker mentions are resolved to people, organizations and outlets
   (`explorer.annotate.speakers`), each quote gets a confidence, and the
   outlets the text cites are listed (`explorer.annotate.outlets`).

What comes out is an `Extraction` (`explorer.annotate.found`).
"""

from __future__ import annotations

from explorer.annotate.candidates import Findings
from explorer.annotate.document import Document
from explorer.annotate.found import Extraction, FoundOutlet, FoundQuote, FoundSpeaker
from explorer.annotate.outlets import cited_outlets
from explorer.annotate.quote_marks import QuoteSpan, find_quote_spans
from explorer.annotate.quoted import QuotedSpeech
from explorer.annotate.reported import ReportedSpeech
from explorer.annotate.speakers import SpeakerResolver

__all__ = [
    "Extraction", "FoundOutlet", "FoundQuote", "FoundSpeaker", "QuoteSpan", "extract", "find_quote_spans",
]

#: How sure each rule is, before the speaker is taken into account.
METHOD_CONFIDENCE = {
    "cue-clause": 0.9,
    "cue-frame": 0.75,
    "colon-frame": 0.7,
    "floating-continuation": 0.7,
    "according-to": 0.8,
    "parenthetical-cue": 0.7,
    "cue-object": 0.6,
    "cue-infinitive": 0.6,
}
REPORTED_CONFIDENCE_FACTOR = 0.8
UNKNOWN_SPEAKER_FACTOR = 0.8


def extract(doc, paragraphs: list[tuple[int, int]]) -> Extraction:
    """Attributions in `doc` (the whole input text), only inside `paragraphs`.

    `paragraphs` are (start, end) char spans of the article's paragraphs in
    doc.text, title and closing source list excluded.  A quote never crosses
    a paragraph boundary: one that goes on across paragraphs is one
    FoundQuote per paragraph, with the same speaker.
    """
    findings = Findings(Document(doc, sorted(paragraphs)))
    QuotedSpeech(findings).run()
    ReportedSpeech(findings).run()
    return _result(findings)


def _result(findings: Findings) -> Extraction:
    """Resolve the speakers of what the passes found, in mention order, and
    make the extraction: quotes with a confidence, speakers, cited outlets."""
    document = findings.document
    resolver = SpeakerResolver(document.doc, document.paragraph_of, document.in_quote)
    ordered = sorted(findings.candidates, key=lambda c: c.mention.start_char if c.mention is not None else c.content[0])
    for candidate in ordered:
        if candidate.inherits is not None:
            candidate.cluster = candidate.inherits.cluster
        elif candidate.subject is not None:
            candidate.cluster = resolver.resolve(candidate.subject, candidate.mention)
    used = [c.cluster for c in ordered if c.cluster is not None]
    ids = resolver.speaker_ids(used)
    speakers = [
        FoundSpeaker(ids[id(cluster)], cluster.display_name, cluster.role, cluster.kind,
                     [a for a in cluster.aliases if a != cluster.display_name])
        for cluster in {id(c): c for c in used}.values()
    ]
    quotes = []
    for candidate in sorted(findings.candidates, key=lambda c: c.content):
        if not document.in_paragraph(candidate.content[0]):
            continue
        confidence = METHOD_CONFIDENCE[candidate.method]
        if candidate.kind == "reported":
            confidence *= REPORTED_CONFIDENCE_FACTOR
        if candidate.cluster is None:
            confidence *= UNKNOWN_SPEAKER_FACTOR
        mention = candidate.mention
        quotes.append(
            FoundQuote(
                content=candidate.content,
                kind=candidate.kind,
                cue=candidate.cue,
                mention=(mention.start_char, mention.end_char) if mention is not None else None,
                speaker=ids[id(candidate.cluster)] if candidate.cluster is not None else None,
                method=candidate.method,
                confidence=round(confidence, 2),
            )
        )
    quoted_outlets = [
        (c.cluster.display_name, document.paragraph_of(c.content[0]))
        for c in findings.candidates
        if c.cluster is not None and c.cluster.kind == "outlet" and document.in_paragraph(c.content[0])
    ]
    return Extraction(quotes=quotes, speakers=speakers, outlets=cited_outlets(document, quoted_outlets), text=document.text)
