"""build_story: an article and an extraction in, a story the loader accepts out.

The extractions here are made by hand (no spaCy), including ones no sane
extractor gives, because the story must load whatever the extraction holds.
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.annotate.article import read_article
from explorer.annotate.build import build_story
from explorer.annotate.extract import Extraction, FoundOutlet, FoundQuote, FoundSpeaker
from explorer.annotate.found import SpeakerEvidence
from explorer.model import Resolution, Story
from explorer.storyfile import dump_story, parse_story

TEXT = (
    "Bridge reopens early\n\n"
    "The mayor said on Tuesday that “the bridge is ready,” months ahead of the schedule.\n\n"
    "According to the Daily Planet, the works cost less than planned, the engineer said.\n\n"
    "Sources:\n- City Hall (https://city.example.org)\n- Daily Planet\n"
)


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def quote(content, kind="direct", speaker="mayor", cue=None, mention=None, confidence=0.9) -> FoundQuote:
    return FoundQuote(content=content, kind=kind, cue=cue, mention=mention, speaker=speaker,
                      method="cue-clause", confidence=confidence)


def reloaded(story: Story) -> Story:
    """The story after a trip through its file form: the loader's checks apply."""
    return parse_story(dump_story(story), "built.yaml")


def test_paragraphs_quotes_speakers_and_sources():
    article = read_article(TEXT)
    extraction = Extraction(
        quotes=[
            quote(span(TEXT, "the works cost less than planned"), "reported", "engineer",
                  cue=span(TEXT, "said", TEXT.index("engineer")), mention=span(TEXT, "the engineer")),
            quote(span(TEXT, "the bridge is ready,"), cue=span(TEXT, "said"), mention=span(TEXT, "The mayor")),
        ],
        speakers=[FoundSpeaker("mayor", "The mayor", "mayor", "person", ["The mayor", "the mayor", "the mayor"]),
                  FoundSpeaker("engineer", "The engineer"),
                  FoundSpeaker("nobody", "Never Quoted")],
        outlets=[FoundOutlet("Daily Planet", [1]), FoundOutlet("Gotham Gazette", [1, 0, 1, 99])],
    )
    story = reloaded(build_story(article, extraction, language="en"))
    assert story.title == "Bridge reopens early" and story.language == "en"
    assert [p.id for p in story.paragraphs] == ["p1", "p2"]
    # Article order, whatever order the extractor found them in.
    assert [(q.id, q.paragraph, q.text, q.speaker, q.cue, q.mention) for q in story.quotes] == [
        ("q1", "p1", "the bridge is ready,", "mayor", "said", "The mayor"),
        ("q2", "p2", "the works cost less than planned", "engineer", "said", "the engineer"),
    ]
    assert (story.quotes[0].method, story.quotes[0].confidence) == ("cue-clause", 0.9)
    # Only speakers some quote names; an alias is not the name again, nor twice.
    assert [(s.id, s.aliases) for s in story.speakers] == [("mayor", ["the mayor"]), ("engineer", [])]
    assert [(s.name, s.kind, s.url, s.paragraphs) for s in story.sources] == [
        ("City Hall", "listed", "https://city.example.org", []),
        ("Daily Planet", "listed", None, []),  # listed already: not repeated as cited
        ("Gotham Gazette", "cited", None, ["p1", "p2"]),
    ]


def test_each_attributed_quote_records_how_its_mention_was_resolved():
    """The evidence the review screen shows: the rule, and for a rule that
    followed an antecedent, that antecedent's paragraph and words as shown."""
    text = "Bridge reopens early\n\nMayor Ana Ruiz opened the bridge.\n\n“It is ready,” she said. Ruiz smiled.\n"
    article = read_article(text)
    she, ruiz = span(text, "she"), span(text, "Mayor Ana Ruiz")
    extraction = Extraction(
        quotes=[
            FoundQuote(span(text, "It is ready,"), "direct", span(text, "said"), she, "ruiz", "cue-frame", 0.9,
                       resolution=SpeakerEvidence("pronoun", ruiz)),
            FoundQuote(span(text, "Ruiz smiled"), "reported", None, span(text, "Ruiz", 50), "ruiz", "cue-clause", 0.5,
                       resolution=SpeakerEvidence("alias")),
            FoundQuote(span(text, "opened the bridge"), "reported", None, ruiz, "ruiz", "cue-clause", 0.5,
                       resolution=SpeakerEvidence("description", span(text, "Bridge reopens"))),  # in the title
            FoundQuote(span(text, "Mayor Ana"), "reported", None, None, None, "cue-clause", 0.5,
                       resolution=SpeakerEvidence("pronoun", ruiz)),  # no speaker: no resolution
        ],
        speakers=[FoundSpeaker("ruiz", "Ana Ruiz", "Mayor")],
    )
    story = reloaded(build_story(article, extraction))
    assert [q.resolution for q in story.quotes] == [
        None,
        Resolution("description", None, "Bridge reopens"),
        Resolution("pronoun", "p1", "Mayor Ana Ruiz"),
        Resolution("alias"),
    ]


def test_quotes_outside_the_paragraphs_or_on_a_taken_span_are_left_out():
    article = read_article(TEXT)
    inside = span(TEXT, "the bridge is ready,")
    extraction = Extraction(quotes=[
        quote(span(TEXT, "Bridge reopens")),  # the headline
        quote(span(TEXT, "City Hall")),  # the source list
        quote(inside), quote(inside, "reported"),  # the same span twice
        quote((5, 5)), quote((40, 10)),  # empty, backwards
    ])
    story = reloaded(build_story(article, extraction))
    assert [(q.text, q.kind) for q in story.quotes] == [("the bridge is ready,", "direct")]


def test_a_quote_running_into_the_next_paragraph_is_clipped_to_its_own():
    article = read_article(TEXT)
    start = TEXT.index("months ahead")
    story = reloaded(build_story(article, Extraction(quotes=[quote((start, start + 60))])))
    assert story.quotes[0].text == "months ahead of the schedule."


def test_odd_values_are_made_loadable():
    article = read_article(TEXT)
    content = span(TEXT, "the bridge is ready,")
    extraction = Extraction(
        quotes=[
            quote(content, kind="shouted", speaker="ghost", confidence=math.nan),
            quote(span(TEXT, "the works cost"), speaker="dup", confidence=7),
            quote(span(TEXT, "less than planned"), speaker="", confidence=-1),
        ],
        speakers=[FoundSpeaker("dup", "  First \n Dup "), FoundSpeaker("dup", "Second"), FoundSpeaker("", ""),
                  FoundSpeaker("x", "X", kind="robot")],
    )
    built = build_story(article, extraction)
    story = reloaded(built)
    assert [(q.kind, q.speaker, q.confidence) for q in story.quotes] == [
        ("direct", None, None), ("direct", "dup", 1.0), ("direct", None, 0.0)]
    assert [(s.id, s.name) for s in story.speakers] == [("dup", "First Dup")]
    assert {s.id for s in built.speakers} == {"dup"}


def test_markdown_quotes_are_placed_in_the_shown_paragraph_text():
    text = "# Bridge\n\nThe mayor said **“the bridge is _ready_”** on Tuesday.\n"
    article = read_article(text, markdown=True)
    content = span(text, "the bridge is _ready_")
    story = reloaded(build_story(article, Extraction(quotes=[quote(content, mention=span(text, "The mayor"))],
                                                     speakers=[FoundSpeaker("mayor", "The mayor")])))
    assert story.paragraphs[0].text == "The mayor said “the bridge is ready” on Tuesday."
    assert story.quotes[0].text == "the bridge is ready"


def test_a_text_with_no_paragraphs_makes_a_story_with_a_title():
    story = reloaded(build_story(read_article("   "), Extraction()))
    assert story.title and story.paragraphs == [] and story.quotes == []


def test_every_quote_text_stands_at_its_offsets_in_its_paragraph():
    article = read_article(TEXT)
    spans = [(i, i + 7) for i in range(0, len(TEXT), 5)]
    story = reloaded(build_story(article, Extraction(quotes=[quote(s) for s in spans])))
    text_of = {p.id: p.text for p in story.paragraphs}
    assert story.quotes
    for q in story.quotes:
        assert text_of[q.paragraph][q.start:q.end] == q.text and q.text.strip() == q.text


# --- any text, any spans ------------------------------------------------------------

LINES = st.sampled_from(["", " ", "Sources:", "- Reuters", "• AP", "# Title", "Short headline",
                         "The mayor said “it is ready,” on Tuesday, and he left the room quickly after that.",
                         "**bold** and [a link](http://x.org) and `code`", "\t", "---"])
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=12).map("\n".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=TEXTS,
    markdown=st.booleans(),
    spans=st.lists(st.tuples(st.integers(-5, 320), st.integers(-5, 320)), max_size=8),
    outlets=st.lists(st.tuples(st.text(max_size=10), st.lists(st.integers(-2, 20), max_size=3)), max_size=3),
)
def test_any_text_and_any_extraction_make_a_loadable_story(text, markdown, spans, outlets):
    article = read_article(text, markdown=markdown)
    for start, end in article.paragraphs:
        assert 0 <= start < end <= len(text)
    assert len(article.analysis_text) == len(text)
    extraction = Extraction(
        quotes=[FoundQuote((a, b), "direct", (b, a + 3), (a, b), "s", "cue-clause", 0.5,
                           resolution=SpeakerEvidence("pronoun", (b, a))) for a, b in spans],
        speakers=[FoundSpeaker("s", "S")],
        outlets=[FoundOutlet(name, paragraphs) for name, paragraphs in outlets],
    )
    story = build_story(article, extraction)
    assert reloaded(story) == story
