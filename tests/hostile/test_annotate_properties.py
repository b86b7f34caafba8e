"""Properties of the annotator (hypothesis): whatever article text goes in, the
story that comes out is one `validate` accepts, and every quote's text stands
in its paragraph at its offsets.  The text is steered toward what trips up
quote finding: quotation marks and apostrophes of every kind, unbalanced ones,
speech verbs, line breaks, Markdown, a Sources: list, control characters and
other scripts, and the characters real articles carry around names, which the
tagger may take for one: dashes of every kind, no-break and zero-width
spaces, bullets, bylines, emoji (with skin tones, flags and joiners) and
right-to-left text and marks.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.annotate.article import read_article
from explorer.annotate.build import build_story
from explorer.storyfile import dump_story, parse_story

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])

_BITS = [
    "“", "”", "‘", "’", '"', "'", "«", "»", "„", "‹", "›", "``", "''", "’s", "don’t", "O'Brien",
    " said ", " told reporters ", " added", ", according to ", " said: ", "he said.", "She said", "The mayor ",
    "Mr. Smith", "Reuters", "the New York Times", "We will win", "never", ".", ",", "?", "!", " — ", ": ",
    "\n", "\n\n", "\r\n", "  ", "\t", "Sources:\n- ", "# ", "**", "[a](http://x.y)", "> ", "- ",
    "\x1b[31m", "\u202e", "\u200b", "\ufeff", "\x85", "\u2028", "مرحبا", "שלום", "字", "é", "🙂",
    "[bold]", "[/]", "[@click=app.quit]",
    # dashes of every kind
    "\u2010", "\u2011", "\u2012", "–", "—", "\u2015", "\u2053", "\u2e3a", "\ufe58", "\uff0d", "\u2212",
    # no-break, narrow, figure, zero-width spaces and joiners
    "\u00a0", "\u202f", "\u2007", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad",
    # bullets
    "•", "‣", "◦", "⁃", "∙", "·", "▪", "●",
    # bylines and datelines
    "\u2015\u00a0Julie Martinez", "― Julie Martinez", " — Staff Writer", "By Julie Martinez\n", "(AP) — ",
    "— Julie Martinez, Reuters", "Julie Martinez —",
    # emoji
    "👍🏽", "🇺🇸", "👨\u200d👩\u200d👧", "❤️", "🔥🔥",
    # right-to-left text and marks
    "\u200f", "\u200e", "\u202b", "\u2067", "\u2069", "قال الرئيس", "אמר", "Trump\u200f", "\u202bTrump\u202c said",
]
_TEXT = st.lists(st.sampled_from(_BITS) | st.text(st.characters(blacklist_categories=("Cs",),
                                                                 blacklist_characters="\x00"), max_size=12),
                 max_size=60).map("".join)


@PROPERTY
@given(text=_TEXT, markdown=st.booleans())
def test_any_text_gives_a_story_that_validates_with_quotes_at_their_offsets(nlp, text: str, markdown: bool) -> None:
    from explorer.annotate.extract import extract

    article = read_article(text, markdown=markdown)
    story = build_story(article, extract(nlp(article.analysis_text), article.paragraphs), language=nlp.lang)
    loaded = parse_story(dump_story(story), "annotated.yaml")  # raises StoryFileError with every problem
    assert loaded == story
    text_of = {p.id: p.text for p in loaded.paragraphs}
    for quote in loaded.quotes:
        assert quote.text and text_of[quote.paragraph][quote.start:quote.end] == quote.text


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300) | _TEXT.map(lambda text: text.encode("utf-8")))
def test_any_bytes_are_read_as_text_or_refused_on_one_line(tmp_path_factory, data: bytes) -> None:
    from explorer.annotate.commands import ArticleInput, InputError, read_input

    path = tmp_path_factory.mktemp("bytes") / "article.txt"
    path.write_bytes(data)
    try:
        text = read_input(ArticleInput(str(path), path), max_chars=1_000)
    except InputError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert text.strip() and len(text) <= 1_000
        read_article(text)
        read_article(text, markdown=True)
