"""The forms the rules used to miss, and span boundaries (one short text each):
a byline after a quote, headlines that attribute, a cue in the sentence
before its content, a participle whose speaker is an apposition, a quoted
object complement, a reported clause that stops before the narration,
quotes of two speakers under one cue, no attribution inside another, and the
subject of a passive or raising cue inside what it reports."""

from __future__ import annotations

from explorer.annotate.brat import attributions_of
from explorer.annotate.evaluate import article_spans
from explorer.annotate.extract import Extraction, FoundQuote, extract
from tests.annotate.test_extract import run, span


def speaker_name(found: Extraction, quote: FoundQuote) -> str | None:
    return next((s.name for s in found.speakers if s.id == quote.speaker), None)


def annotated(nlp, text: str) -> Extraction:
    """The extraction over what eval reads of an article: its headline and its paragraphs."""
    return extract(nlp(text), article_spans(text))


def test_a_quote_signed_after_a_dash_is_the_signers(nlp):
    text, found = run(nlp, "The volunteers kept the shelter open all winter.", "“We will not back down.” ― Julie Martinez")
    (quote,) = found.quotes
    assert (span(text, quote.content), quote.kind, quote.method) == ("We will not back down.", "direct", "byline")
    assert speaker_name(found, quote) == "Julie Martinez" and quote.resolution.rule == "byline"


def test_a_headline_that_says_is_an_attribution(nlp):
    text = "Trump Says He Will Build the Wall\n\nThe candidate spoke to supporters in Phoenix on Monday night.\n"
    found = annotated(nlp, text)
    headline = [q for q in found.quotes if q.content[1] <= text.index("\n")]
    assert [span(text, q.content) for q in headline] == ["He Will Build the Wall"]
    assert speaker_name(found, headline[0]) == "Trump"


def test_a_headline_label_before_a_colon_is_the_speaker(nlp):
    text = "Bernie Sanders: I Am Not Much of a Socialist\n\nThe senator spoke in Iowa on Sunday about his record.\n"
    found = annotated(nlp, text)
    (quote,) = [q for q in found.quotes if q.content[1] <= text.index("\n")]
    assert span(text, quote.content) == "I Am Not Much of a Socialist"
    assert (span(text, quote.mention), quote.method) == ("Bernie Sanders", "colon-frame")


def test_a_name_set_off_by_a_dash_or_a_from_before_a_colon_signs_the_quote(nlp):
    # The sentence's head is a verb with its own subject ("WERE", "fell"): the name, not that subject, speaks.
    quotes = []
    for paragraph in ("THE POLLS WERE NOT WRONG, JUST EARLY - Ana Ruiz: “The numbers held up all week, and the late "
                      "deciders broke one way.”",
                      "Turnout fell in the north - More from Ruiz: “The late deciders stayed home when the roads "
                      "flooded.”"):
        text, found = run(nlp, paragraph)
        quotes += [(span(text, q.mention), q.method) for q in found.quotes]
    assert quotes == [("Ana Ruiz", "colon-frame"), ("Ruiz", "colon-frame")]


def test_a_verb_with_its_subject_right_next_to_a_quote_is_its_cue_whatever_the_verb(nlp):
    """“...,” Baptiste answered. / Baptiste fired back: “...”: the frame makes the verb a cue; a speech verb
    further off in the sentence ("criticized") is not the quote's."""
    found = []
    for paragraph in ("“We will not wait for the state,” Baptiste answered.",
                      "When Haddad criticized the levy during the debate, Baptiste fired back: “The levy is the only "
                      "plan we have.”"):
        text, extraction = run(nlp, paragraph)
        found += [(span(text, q.cue), span(text, q.mention)) for q in extraction.quotes if q.kind == "direct"]
    assert found == [("answered", "Baptiste"), ("fired", "Baptiste")]


def test_a_frame_that_opens_the_next_quote_with_a_colon_is_not_the_one_before(nlp):
    text, found = run(nlp, "“We are neighbors,” Ms. Ortiz said. “We are not strangers.” Mr. Haddad said: “The flood "
                      "was the work of the river.”")
    assert [span(text, q.mention) for q in found.quotes] == ["Ms. Ortiz", "Ms. Ortiz", "Mr. Haddad"]


def test_a_cue_in_the_sentence_before_its_content(nlp):
    text, found = run(nlp, "The senator wrote to the voters of his state on Friday:",
                      "The bill would raise taxes on the middle class and cut services for the poor.")
    (quote,) = found.quotes
    assert span(text, quote.content) == "The bill would raise taxes on the middle class and cut services for the poor"
    assert span(text, quote.mention) == "The senator"


def test_a_participle_on_an_apposition_speaks_for_the_name(nlp):
    text, found = run(nlp, "Howard Dean, a medical doctor saying that Clinton looked healthy, spoke to reporters.")
    quote = next(q for q in found.quotes if span(text, q.content) == "Clinton looked healthy")
    assert speaker_name(found, quote) == "Howard Dean"


def test_a_quoted_object_complement_takes_the_whole_clause(nlp):
    text, found = run(nlp, "Clinton called half of Trump’s supporters “deplorables” at a fundraiser in New York.")
    (quote,) = found.quotes
    assert (span(text, quote.content), quote.kind) == ("half of Trump’s supporters “deplorables”", "mixed")


def test_an_object_of_one_word_with_a_quoted_complement_is_a_mixed_quote(nlp):
    text, found = run(nlp, "The mayor responded to the letter by calling Haddad “reckless”.")
    (quote,) = found.quotes
    assert (span(text, quote.content), quote.kind) == ("Haddad “reckless”", "mixed")


def test_a_quote_the_reported_clause_leads_into_after_a_comma_is_part_of_it(nlp):
    """A mixed quote though set off by a comma: the words before it are what was said, not the frame."""
    contents = []
    for sentence in ("Baptiste said that whatever the council decides, “the levy will be paid by the richest "
                     "districts.”",
                     "Haddad said the council would vote on the levy, “probably before the summer recess.”",
                     "Baptiste kept her answer short, telling reporters, “The levy will pass.”"):
        text, found = run(nlp, sentence)
        (quote,) = found.quotes
        contents.append((span(text, quote.content), quote.kind))
    assert contents == [
        ("whatever the council decides, “the levy will be paid by the richest districts.”", "mixed"),
        ("the council would vote on the levy, “probably before the summer recess.”", "mixed"),
        ("The levy will pass.", "direct"),  # "reporters" is the hearer, part of the frame
    ]


def test_a_quote_in_the_clause_a_parenthetical_cue_is_set_in_is_a_mixed_quote_in_two_fragments(nlp):
    text, found = run(nlp, "Particularly in the poorer parts of the county, he said, “we do not know what the answer "
                      "will be” on how many homes might flood.")
    (quote,) = found.quotes
    assert (span(text, quote.cue), quote.kind) == ("said", "mixed")
    assert span(text, quote.content).startswith("Particularly in the poorer parts")
    assert [span(text, fragment) for fragment in quote.corpus_fragments()] == [
        "Particularly in the poorer parts of the county",
        "we do not know what the answer will be” on how many homes might flood",
    ]


def test_what_follows_a_quoted_object_complement_in_its_predicate_is_part_of_it(nlp):
    text, found = run(nlp, "Her chief aide, Lena Ortiz, calls her record a “blueprint” for how she would rebuild the "
                           "port.")
    (quote,) = found.quotes
    assert (span(text, quote.content), quote.kind) == ("her record a “blueprint” for how she would rebuild the port",
                                                        "mixed")


def test_a_reported_clause_stops_before_the_narrations_adverbial(nlp):
    text, found = run(nlp, "Earlier reports indicated that the talks touched on drones, with Zelensky later "
                           "confirming that the support would not be limited to air defense.")
    contents = {span(text, q.content): speaker_name(found, q) for q in found.quotes}
    assert "the talks touched on drones" in contents
    assert contents.get("the support would not be limited to air defense") == "Zelensky"


def test_no_attribution_inside_the_content_of_another(nlp):
    text, found = run(nlp, "The mayor said that the council believes that the bridge is safe.")
    assert [span(text, q.content) for q in found.quotes] == ["the council believes that the bridge is safe"]


def test_quotes_of_two_speakers_are_never_one_attribution():
    text = "“Yes,” said A. “No,” said B."
    shared_cue = (6, 10)
    extraction = Extraction(quotes=[
        FoundQuote((1, 4), "direct", shared_cue, (11, 12), "a", "cue-frame", 0.9),
        FoundQuote((15, 17), "direct", shared_cue, (25, 26), "b", "cue-frame", 0.9),
    ], text=text)
    assert len(attributions_of(extraction)) == 2
    same_speaker = Extraction(quotes=[
        FoundQuote((1, 4), "direct", shared_cue, (11, 12), "a", "cue-frame", 0.9),
        FoundQuote((15, 17), "direct", shared_cue, (11, 12), "a", "floating-continuation", 0.9),
    ], text=text)
    assert len(attributions_of(same_speaker)) == 1


def test_an_inverted_cue_between_the_halves_of_a_quote_is_the_named_speakers(nlp):
    """The parser hangs the name on the quote's own verb ("Leamer" the subject of "is")."""
    text, found = run(nlp, "“The risk,” said Edward Leamer, an economist at the university, “is that we are going "
                      "to be attracting workers and repelling jobs.”")
    assert found.quotes and {span(text, q.mention) for q in found.quotes} == {"Edward Leamer"}
    assert {speaker_name(found, q) for q in found.quotes} == {"Edward Leamer"}


def test_a_name_glued_to_its_cue_verb_is_the_speaker(nlp):
    """"Conway notes": the parser takes the name for a compound of the verb."""
    text, found = run(nlp, '"Look at the statement Mr. Trump put out after the Dallas shootings," Conway notes. '
                      '"It was very different in tone."')
    assert len(found.quotes) == 2 and {span(text, q.mention) for q in found.quotes} == {"Conway"}


def test_a_name_inside_what_a_participle_reports_is_not_its_speaker(nlp):
    text, found = run(nlp, "The senator left the hall early on Monday, saying Trump was wrong about the deal.")
    quote = next(q for q in found.quotes if "wrong" in span(text, q.content))
    assert span(text, quote.mention) == "The senator"


def test_a_passive_cue_takes_its_subject_into_what_is_expected_or_known(nlp):
    """PolNeAR counts the subject of "is expected to" or "is known for" as
    part of the content, with no speaker (the frame between is left out)."""
    for text, fragments in (
        ("The mayor is expected to announce the new budget on Friday.", ["The mayor", "to announce the new budget on Friday"]),
        ("Councillor Baptiste is known for speaking her mind on the harbour works.",
         ["Councillor Baptiste", "speaking her mind on the harbour works"]),
        ("The bridge, which is expected to reopen in May, has cost the city dearly.", ["which", "to reopen in May"]),
    ):
        _, found = run(nlp, text)
        (quote,) = found.quotes
        assert ([span(text, f) for f in quote.corpus_fragments()], quote.mention) == (fragments, None)


def test_a_raising_verb_takes_its_subject_along_as_a_candidate(nlp):
    from explorer.annotate.constructions import constructions
    from explorer.annotate.document import Document

    text = "The new figures appear to be wrong."
    doc = nlp(text)
    (proposed,) = [c for c in constructions(Document(doc, [(0, len(text))]), set(), set()) if c.variant == "with-subject"]
    assert [doc[first:last + 1].text for first, last in proposed.fragments()] == ["The new figures", "to be wrong"]
    assert proposed.speaker is None


def test_a_mixed_quote_keeps_the_period_inside_its_closing_mark(nlp):
    text, found = run(nlp, "Clinton says Americans are “right to be angry,” but also hungry for what she calls "
                           "“real solutions.”")
    (quote,) = found.quotes
    assert span(text, quote.content).endswith("“real solutions.")
    text, found = run(nlp, "According to Trump, he is now “the worst thing that ever happened to the establishment.”")
    (quote,) = found.quotes
    assert [span(text, f) for f in quote.corpus_fragments()] == ["he is now “the worst thing that ever happened to the establishment."]


def test_a_clause_told_to_an_object_starts_at_its_that(nlp):
    text, found = run(nlp, "The minister told El Universal newspaper on Tuesday that the government must "
                           "\"reevaluate our performance and strategy toward the United States.\"")
    (quote,) = found.quotes
    assert [span(text, f) for f in quote.corpus_fragments()] == [
        "that the government must \"reevaluate our performance and strategy toward the United States.\""]
