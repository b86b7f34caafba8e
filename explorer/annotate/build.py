"""From an article and what the extractor found in it to a `Story`.

`build_story` is total: whatever the extraction holds (spans outside every
paragraph, unknown speaker ids, odd kinds, a NaN confidence), the story it
returns passes the loader's checks once written, because everything is
derived from the article's own paragraph texts and checked here:

- paragraphs are `p1`, `p2`, ... in article order, as `Article.paragraph_text`
  shows them;
- a quote is placed in the paragraph that holds the start of its content
  (clipped to that paragraph, trimmed of whitespace; one in no paragraph, or
  a second one on the same span, is left out), numbered `q1`, `q2`, ... in
  article order, with offsets into its paragraph;
- speakers are the ones some kept quote names, with unique, non-empty ids;
  a quote naming an unknown speaker keeps `speaker: null`;
- each quote with a speaker carries the evidence of how its mention was
  resolved (`resolution`: the rule, and the antecedent's paragraph and
  words when the rule followed one);
- sources are the article's listed ones, then the outlets the text cites
  (those the list already names are not repeated), each with its paragraphs.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from explorer.model import QUOTE_KINDS, SPEAKER_KINDS, Paragraph, Quote, Resolution, Source, Speaker, Story

if TYPE_CHECKING:  # pragma: no cover
    from explorer.annotate.article import Article
    from explorer.annotate.found import Extraction, FoundQuote, FoundSpeaker


def build_story(article: "Article", extraction: "Extraction", *, language: str | None = None) -> Story:
    """The story of `article` with the quotes, speakers and outlets of `extraction`."""
    paragraphs = [Paragraph(f"p{i + 1}", article.paragraph_text(i)) for i in range(len(article.paragraphs))]
    speakers = _speakers(extraction.speakers)
    quotes = _quotes(article, paragraphs, extraction.quotes, {s.id for s in speakers})
    quoted = {quote.speaker for quote in quotes}
    return Story(
        title=" ".join(article.title.split()) or "Untitled article",
        paragraphs=paragraphs,
        speakers=[speaker for speaker in speakers if speaker.id in quoted],
        quotes=quotes,
        sources=_sources(article, extraction, paragraphs),
        language=language,
    )


def _speakers(found: list["FoundSpeaker"]) -> list[Speaker]:
    """Speakers with their first-seen id kept; an empty or repeated id is
    given a fresh one (and its quotes, which cannot be told apart, lose it)."""
    speakers: list[Speaker] = []
    taken: set[str] = set()
    for number, speaker in enumerate(found, 1):
        sid = str(speaker.id).strip() if speaker.id is not None else ""
        if not sid or sid in taken:
            sid = _fresh_id(f"s{number}", taken)
        taken.add(sid)
        name = " ".join(str(speaker.name or "").split()) or sid
        aliases = []
        for alias in speaker.aliases or []:
            alias = " ".join(str(alias).split())
            if alias and alias != name and alias not in aliases:
                aliases.append(alias)
        kind = speaker.kind if speaker.kind in SPEAKER_KINDS else "person"
        speakers.append(Speaker(sid, name, " ".join(str(speaker.role or "").split()), kind, aliases))
    return speakers


def _fresh_id(base: str, taken: set[str]) -> str:
    candidate, suffix = base, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


def _quotes(article: "Article", paragraphs: list[Paragraph], found: list["FoundQuote"], speaker_ids: set[str]) -> list[Quote]:
    placed: dict[tuple[int, int, int], Quote] = {}
    for item in found:
        place = article.locate(tuple(item.content))
        if place is None or place in placed:
            continue
        index, start, end = place
        speaker = str(item.speaker) if item.speaker is not None and str(item.speaker) in speaker_ids else None
        placed[place] = Quote(
            id="",
            paragraph=paragraphs[index].id,
            text=paragraphs[index].text[start:end],
            kind=item.kind if item.kind in QUOTE_KINDS else "direct",
            speaker=speaker,
            cue=article.shown(tuple(item.cue)) if item.cue else "",
            mention=article.shown(tuple(item.mention)) if item.mention else "",
            start=start,
            end=end,
            method=str(item.method) if item.method else None,
            confidence=_confidence(item.confidence),
            resolution=_resolution(article, paragraphs, item) if speaker is not None else None,
        )
    quotes = [placed[place] for place in sorted(placed)]
    for number, quote in enumerate(quotes, 1):
        quote.id = f"q{number}"
    return quotes


def _resolution(article: "Article", paragraphs: list[Paragraph], item: "FoundQuote") -> Resolution | None:
    """How the quote's mention was resolved, as a story records it: the rule,
    and for an antecedent its paragraph id and words as the story shows them."""
    evidence = item.resolution
    rule = str(getattr(evidence, "rule", "") or "").strip()
    if not rule:
        return None
    antecedent = getattr(evidence, "antecedent", None)
    if not antecedent:
        return Resolution(rule)
    index = article.paragraph_at(antecedent[0])
    paragraph = paragraphs[index].id if index is not None and index < len(paragraphs) else None
    return Resolution(rule, paragraph, article.shown(tuple(antecedent)))


def _confidence(value: float | None) -> float | None:
    """A confidence in 0..1, rounded for reading; None when it is not a number."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if math.isnan(number):
        return None
    return round(min(max(number, 0.0), 1.0), 3)


def _sources(article: "Article", extraction: "Extraction", paragraphs: list[Paragraph]) -> list[Source]:
    sources = [Source(name, "listed", article.source_urls.get(name)) for name in article.sources]
    seen = {source.name.casefold(): source for source in sources}
    for outlet in extraction.outlets:
        name = " ".join(str(outlet.name or "").split())
        if not name:
            continue
        ids = [paragraphs[i].id for i in sorted(set(outlet.paragraphs)) if 0 <= i < len(paragraphs)]
        known = seen.get(name.casefold())
        if known is None:
            known = seen[name.casefold()] = Source(name, "cited", None, [])
            sources.append(known)
        if known.kind == "cited":  # a listed source already draws on the whole article
            known.paragraphs = sorted(set(known.paragraphs) | set(ids), key=lambda pid: int(pid[1:]))
    return sources
