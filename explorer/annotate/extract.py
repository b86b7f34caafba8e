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

from explorer.annotate.brat import CLOSING_MARKS
from explorer.annotate.candidates import Candidate, Findings
from explorer.annotate.confidence import confidence_features
from explorer.annotate.document import Document
from explorer.annotate.found import Extraction, FoundOutlet, FoundQuote, FoundSpeaker, SpeakerEvidence
from explorer.annotate.learned import AttributionModel, shipped_model
from explorer.annotate.outlets import cited_outlets
from explorer.annotate.quote_marks import QuoteSpan, find_quote_spans
from explorer.annotate.quoted import QuotedSpeech
from explorer.annotate.reported import ReportedSpeech
from explorer.annotate.names import name_of
from explorer.annotate.speakers import SpeakerResolver

__all__ = [
    "Extraction", "FoundOutlet", "FoundQuote", "FoundSpeaker", "QuoteSpan", "extract", "find_quote_spans",
]

#: Punctuation a quote may end with inside its closing mark.
QUOTED_PUNCTUATION = ".,?!"


def extract(doc, paragraphs: list[tuple[int, int]], model: AttributionModel | None = None) -> Extraction:
    """Attributions in `doc` (the whole input text), only inside `paragraphs`.

    `paragraphs` are (start, end) char spans of the article's paragraphs in
    doc.text, title and closing source list excluded.  A quote never crosses
    a paragraph boundary: one that goes on across paragraphs is one
    FoundQuote per paragraph, with the same speaker.  `model` is the
    trained part (default: the one the package ships).
    """
    model = model or shipped_model()
    findings = Findings(Document(doc, sorted(paragraphs)))
    QuotedSpeech(findings).run()
    ReportedSpeech(findings, model).run()
    return _result(findings, model)


def _result(findings: Findings, model: AttributionModel) -> Extraction:
    """Resolve the speakers of what the passes found, in mention order, and
    make the extraction: quotes with a confidence, speakers, cited outlets."""
    document = findings.document
    resolver = SpeakerResolver(document.doc, document.paragraph_of, document.in_quote)
    ordered = sorted(findings.candidates, key=lambda c: c.mention.start_char if c.mention is not None else c.content[0])
    for candidate in ordered:
        if candidate.inherits is not None:
            previous = candidate.inherits
            candidate.cluster = previous.cluster
            if previous.cluster is not None:
                antecedent = (previous.mention.start_char, previous.mention.end_char) if previous.mention is not None else None
                candidate.evidence = SpeakerEvidence("speaker-of-previous-quote", antecedent)
        elif candidate.subject is not None:
            candidate.cluster, candidate.evidence = resolver.resolve(candidate.subject, candidate.mention)
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
        mention = candidate.mention
        content, fragments = _story_content(document, candidate)
        quote = FoundQuote(
            content=content,
            kind=candidate.kind,
            cue=candidate.cue,
            mention=(mention.start_char, mention.end_char) if mention is not None else None,
            speaker=ids[id(candidate.cluster)] if candidate.cluster is not None else None,
            method=candidate.method,
            confidence=0.0,
            score=candidate.score,
            fragments=fragments,
            resolution=_evidence(candidate),
        )
        quote.confidence = round(model.confidence.probability(confidence_features(quote, document.text)), 2)
        quotes.append(quote)
    quoted_outlets = [
        (c.cluster.display_name, document.paragraph_of(c.content[0]))
        for c in findings.candidates
        if c.cluster is not None and c.cluster.kind == "outlet" and document.in_paragraph(c.content[0])
    ]
    return Extraction(quotes=quotes, speakers=speakers, outlets=cited_outlets(document, quoted_outlets), text=document.text)


def _story_content(document: Document, candidate: Candidate):
    """(content, fragments): the content a story shows, without a leading
    complementizer "that" (the reporter's word, not the speaker's), and the
    corpus's fragments when they differ from it (PolNeAR counts the "that")."""
    content, fragments = candidate.content, candidate.fragments
    if candidate.kind == "direct":
        return content, fragments
    text = document.text
    content = content[0], _through_quoted_punctuation(text, content[1])
    if fragments:
        fragments = tuple((start, _through_quoted_punctuation(text, end)) for start, end in fragments)
    doc = document.doc
    first = document.token_at(content[0])
    token = doc[first]
    if token.idx == content[0] and token.dep_ == "mark" and token.lower_ == "that":
        following = first + 1
        while following < len(doc) and doc[following].is_space:
            following += 1
        if following < len(doc) and doc[following].idx < content[1]:
            return (doc[following].idx, content[1]), fragments or (content,)
    return content, fragments


def _through_quoted_punctuation(text: str, end: int) -> int:
    """`end` moved over the punctuation that stands inside a closing quote
    mark right after it: in 'his cause of “comprehensive immigration
    reform.”' or '“fantastic,” he said' the period or comma is inside the
    quote, part of what was said, as the corpus counts it."""
    stop = end
    while stop < len(text) and text[stop] in QUOTED_PUNCTUATION:
        stop += 1
    return stop if end < stop < len(text) and text[stop] in CLOSING_MARKS else end


def _evidence(candidate: Candidate) -> SpeakerEvidence | None:
    """How the candidate's speaker was found; a name that is not the
    speaker's display name ("Trump" for Donald Trump) is an alias."""
    evidence, cluster = candidate.evidence, candidate.cluster
    if evidence is None or cluster is None:
        return None
    if candidate.method == "byline":
        return SpeakerEvidence("byline")
    if evidence.rule == "name" and evidence.antecedent is None and candidate.mention is not None:
        if name_of(candidate.mention) != cluster.display_name:
            return SpeakerEvidence("alias")
    return evidence
