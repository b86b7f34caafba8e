"""Speaker mentions where the parse strays: a subject set apart from its
verb by an aside, a participle the parser hangs from a verb inside a quote,
and a hearer taken for an inverted speaker."""

from __future__ import annotations

from tests.annotate.test_extract import run, span


def mentions(nlp, *paragraphs: str) -> list[tuple[str, str | None]]:
    """(cue, mention) of every quote found."""
    text, found = run(nlp, *paragraphs)
    return [(span(text, q.cue), span(text, q.mention) if q.mention else None) for q in found.quotes]


def test_a_subject_before_an_aside_is_the_speaker(nlp):
    # The parser leaves "said" without a subject.
    assert mentions(nlp, "Worried by the storms in Norfolk, Mayor Ines Baptiste, the head of the coastal board, said "
                    "the wall would be raised.") == [("said", "Mayor Ines Baptiste")]


def test_a_subject_before_an_aside_with_a_place_in_it_is_the_speaker_not_the_place_nor_a_by_phrase(nlp):
    # "said by telephone" is no passive: "telephone" is no agent.
    assert mentions(nlp, "“If the council had listened, I would not be standing in the rain,” Mr. Lindqvist, now 74 "
                    "and retired in Uppsala, Sweden, said by telephone.") == [("said", "Mr. Lindqvist")]


def test_a_participle_the_parse_hangs_inside_a_quote_takes_the_subject_of_the_narration(nlp):
    # The parser hangs "telling" from a verb inside the quote: no one in the quote is the speaker.
    assert mentions(nlp, "Ortega seemed to be ready to joke about the incident in Iowa, telling the crowd, “Some "
                    "people get a little carried away, have you noticed?”")[-1] == ("telling", "Ortega")
    assert mentions(nlp, "Ruiz didn’t seem very impressed with Blake’s comments on Friday, telling reporters, “A lot "
                    "of people said the city did nothing.”")[-1] == ("telling", "Ruiz")


def test_the_hearer_of_a_participle_is_not_an_inverted_speaker(nlp):
    found = mentions(nlp, "She escalated her criticism of the plan on Tuesday, telling KXTV that the budget was a "
                     "“fantasy” and that the council had ignored the engineers.")
    assert ("telling", "She") in found
    assert all(mention != "KXTV" for _, mention in found)
