"""Speakers: names merged into one person with a role, pronouns and
descriptions resolved, outlets as speakers, unknown left unknown."""

from __future__ import annotations

import pytest

from explorer.annotate.extract import extract
from explorer.annotate.names import Cluster, is_outlet_name, slug
from tests.annotate.test_extract import run, span


def speaker_of(found, quote):
    return next(s for s in found.speakers if s.id == quote.speaker) if quote.speaker else None


def test_all_the_names_of_one_person_are_one_speaker_with_the_role_the_text_gives(nlp):
    text, found = run(
        nlp,
        "Ukrainian President Volodymyr Zelensky said on Saturday that the talks had gone well.",
        "“We will keep working,” Zelensky said.",
        "Volodymyr Zelensky added that more meetings would follow.",
    )
    assert len(found.quotes) == 3
    assert {q.speaker for q in found.quotes} == {"zelensky"}
    (speaker,) = found.speakers
    assert (speaker.name, speaker.role, speaker.kind) == ("Volodymyr Zelensky", "Ukrainian President", "person")
    assert {"Zelensky", "Ukrainian President Volodymyr Zelensky"} <= set(speaker.aliases)


def test_an_apposition_gives_the_role(nlp):
    text, found = run(nlp, "Brian Fallon, a spokesman for the campaign, said the senator had reached a new low.")
    (speaker,) = found.speakers
    assert (speaker.name, speaker.role) == ("Brian Fallon", "spokesman for the campaign")


def test_a_pronoun_is_the_last_person_named_as_a_subject_outside_quotes(nlp):
    text, found = run(
        nlp,
        "Mayor Ana Ruiz met Governor Tom Blake on Monday.",
        "Ruiz thanked the crews. “I am disappointed with the delay that Governor Blake caused,” she said.",
    )
    quote = next(q for q in found.quotes if q.kind == "direct")
    assert span(text, quote.mention) == "she"
    assert speaker_of(found, quote).name == "Ana Ruiz"


def test_a_resolved_pronoun_counts_for_the_next_pronoun(nlp):
    text, found = run(
        nlp,
        "“The bridge is safe,” Mayor Ana Ruiz said on Monday.",
        "Despite the governor’s doubts, she said the crews had done good work.",
    )
    assert [q.speaker for q in found.quotes] == ["ruiz", "ruiz"]


def test_a_description_resolves_to_the_speaker_whose_role_it_names(nlp):
    text, found = run(
        nlp,
        "NATO Secretary General Mark Rutte met Ukrainian President Volodymyr Zelensky in Kyiv.",
        "The NATO chief said the alliance would send more air defense systems.",
        "The Ukrainian president said the systems would save lives.",
    )
    mentions = {span(text, q.mention): speaker_of(found, q).name for q in found.quotes}
    assert mentions == {"The NATO chief": "Mark Rutte", "The Ukrainian president": "Volodymyr Zelensky"}


def test_the_paper_and_the_editorial_are_the_outlet(nlp):
    text, found = run(
        nlp,
        "The editorial board of the New York Post published a sharp rebuke on Friday.",
        "“Why is the aid paused?” the editorial asked. “It will tell our allies that we are fickle,” the paper warned.",
    )
    assert [q.speaker for q in found.quotes if q.kind == "direct"] == ["new-york-post", "new-york-post"]
    (speaker,) = found.speakers
    assert (speaker.name, speaker.kind) == ("New York Post", "outlet")
    assert {"the editorial", "the paper"} <= set(speaker.aliases)


def test_a_relative_pronoun_is_the_noun_it_hangs_from(nlp):
    text, found = run(nlp, "The meeting was led by Mayor Ana Ruiz, who said that the bridge would reopen in May.")
    quote = found.quotes[0]
    assert span(text, quote.mention) == "who"
    assert speaker_of(found, quote).name == "Ana Ruiz"


def test_unknown_stays_unknown(nlp):
    text, found = run(
        nlp,
        "Mayor Ana Ruiz opened the bridge on Monday.",
        "“The repairs cost far more than anyone admits,” a city official said.",
    )
    quote = next(q for q in found.quotes if q.kind == "direct")
    assert span(text, quote.mention) == "a city official"
    assert quote.speaker is None
    assert found.speakers == []


def test_a_pronoun_with_nobody_before_it_is_unknown(nlp):
    text, found = run(nlp, "“The repairs are done,” he said.")
    assert [q.speaker for q in found.quotes] == [None]


def test_people_with_one_surname_stay_apart(nlp):
    text, found = run(
        nlp,
        "Hillary Clinton said the plan would work.",
        "Bill Clinton said the plan was too expensive.",
        "Clinton added that the costs were exaggerated.",
    )
    names = [speaker_of(found, q).name for q in found.quotes]
    assert names == ["Hillary Clinton", "Bill Clinton", "Bill Clinton"]


def test_outlet_names_and_ids():
    assert is_outlet_name("The New York Times") and is_outlet_name("Reuters") and is_outlet_name("Associated Press")
    assert not is_outlet_name("Post") and not is_outlet_name("Mark Rutte")
    assert slug("New York Post") == "new-york-post"


# --- what counts as a name -------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["\u2015\u00a0", "—", "– ", "•", "\u200b", "\u00a0\u00a0", "🙂", "***"])
def test_a_person_entity_with_no_letter_is_no_name(nlp, mark):
    """The small model tags odd runs as PERSON now and then (a horizontal bar
    and a no-break space before a byline, in one PolNeAR article): such an
    entity names nobody, and the extraction goes on."""
    from spacy.tokens import Span

    text = f"{mark} said the plan would work. “We are ready,” {mark} said."
    doc = nlp(text)
    marks = [t.i for t in doc if not any(ch.isalnum() for ch in t.text)]
    doc.ents = [Span(doc, marks[0], marks[0] + 1, label="PERSON")] + [
        Span(doc, i, i + 1, label="PERSON") for i in marks[1:] if doc[i].text.strip() and i > marks[0] + 1
    ][:1]
    found = extract(doc, [(0, len(text))])
    assert all(any(ch.isalpha() for ch in s.name) for s in found.speakers)


def test_a_cluster_without_words_has_no_surname():
    assert Cluster(key="", kind="person").surname == ""
