"""The seed article against its hand-made story (stories/zelensky-trump-call.yaml):
every quoted span (13 direct quotes and Rutte's mixed "the only one") is
found, with its kind, in its paragraph, and attributed to the right speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.annotate.article import read_article
from explorer.annotate.extract import extract
from explorer.storyfile import load_story

STORY = Path(__file__).resolve().parents[2] / "stories" / "zelensky-trump-call.yaml"


@pytest.fixture(scope="module")
def seed(nlp):
    """(story, article, extraction): the article text is the story's
    paragraphs one per line, as the seed file has them."""
    story = load_story(STORY)
    article = read_article("\n".join(p.text for p in story.paragraphs))
    assert len(article.paragraphs) == len(story.paragraphs)
    return story, article, extract(nlp(article.text), article.paragraphs)


def labels(*names: str) -> set[str]:
    return {name.casefold() for name in names}


def found_quotes(article, extraction):
    """(paragraph id, text, kind, speaker labels) of every quoted span found."""
    speakers = {s.id: labels(s.name, *s.aliases) for s in extraction.speakers}
    rows = []
    for quote in extraction.quotes:
        if quote.kind == "reported":
            continue
        paragraph = article.paragraph_at(quote.content[0])
        text = " ".join(article.text[quote.content[0] : quote.content[1]].split())
        rows.append((f"p{paragraph + 1}", text, quote.kind, speakers.get(quote.speaker, set())))
    return rows


def test_every_quoted_span_is_found_and_attributed_to_the_right_speaker(seed):
    story, article, extraction = seed
    expected = [q for q in story.quotes_in_order() if q.kind != "reported"]
    assert len(expected) == 14
    found = found_quotes(article, extraction)
    assert [(p, t, k) for p, t, k, _ in found] == [(q.paragraph, " ".join(q.text.split()), q.kind) for q in expected]
    for quote, (_, text, _, speaker_labels) in zip(expected, found):
        speaker = story.speaker_by_id[quote.speaker]
        assert labels(speaker.name, *speaker.aliases) & speaker_labels, (text, speaker.name, speaker_labels)


def test_the_seed_speakers_are_merged_with_their_roles(seed):
    _, _, extraction = seed
    by_name = {s.name: s for s in extraction.speakers}
    assert by_name["Volodymyr Zelensky"].role == "Ukrainian President"
    assert by_name["Mark Rutte"].role == "NATO Secretary General"
    assert "The NATO chief" in by_name["Mark Rutte"].aliases
    assert by_name["New York Post"].kind == "outlet"
    assert len([s for s in extraction.speakers if "Trump" in s.name]) == 1


def test_the_seed_cites_two_outlets_where_the_story_does(seed):
    _, _, extraction = seed
    outlets = {o.name: o.paragraphs for o in extraction.outlets}
    assert outlets == {"New York Post": [9, 10, 11], "The New York Times": [12]}
