"""Speaker mentions where the parse strays: a subject set apart from its
verb by an aside, a participle the parser hangs from a verb inside a quote,
a hearer taken for an inverted speaker, a cue joined to a verb of what was
reported, an inverted speaker hung elsewhere, words of the quote taken for its
subject, and a quote in a relative clause of what was reported."""

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


def test_a_subject_before_an_aside_the_parse_breaks_up_is_the_speaker(nlp):
    # The parser gives the subject to the aside's own verb ("spoke", "working"), hangs the cue from a noun of the
    # aside, tags it a participle, takes "Of" for the subject, or a name inside the aside for the speaker's.
    assert mentions(nlp, "One resident, who like others spoke on the condition of anonymity to discuss the closed "
                    "meeting, said the message was that “this will not be over by spring.”") == [("said", "One resident")]
    assert mentions(nlp, "Mr. Lindqvist, whose latest start-up, Fjordata, uses big data to help farmers find buyers, "
                    "said Mr. Haddad was a candidate very much in the spirit of the old harbor: “He's a "
                    "builder.”") == [("said", "Mr. Lindqvist")]
    assert mentions(nlp, "Some engineers feared a left-wing equivalent of Mr. Haddad's searing speech at the 1998 "
                    "county convention, when Mr. Haddad, who had failed to win his party's nomination, called for a "
                    "''war'' against ''planners and developers.''")[-1] == ("called", "Mr. Haddad")
    assert mentions(nlp, "Lena Ortiz, who served as Mitt Romney's chief strategist during the 2012 campaign, called "
                    "Haddad's statements and actions on Sunday \"childish.\"") == [("called", "Lena Ortiz")]
    assert mentions(nlp, "Of Haddad, Levine, who has given money to Ines Baptiste, said, “He’s flat-out "
                    "reckless.”") == [("said", "Levine")]
    assert mentions(nlp, "''I had lunch with Haddad. He will see you at the harbor lunch,'' Greta Lind, a "
                    "Swedish-American then working for the Water Department, wrote in a June 2012 email to Mrs. "
                    "Baptiste.") == [("wrote", "Greta Lind")]


def test_a_subject_the_parse_hangs_from_the_phrase_before_it_is_the_speaker(nlp):
    # The parser makes the subject an apposition of the hosts or of the wife before it, or an adverb.
    assert mentions(nlp, "In an interview with Morning Joe hosts Joe Scarborough and Mika Brzezinski, the Republican "
                    "mayoral candidate stated that Haddad’s “divisive” and “mean-spirited” comments do not “fit with "
                    "what I knew about him.”") == [("stated", "the Republican mayoral candidate")]
    assert mentions(nlp, "Speaking Tuesday in New York City, while on the campaign trail for his wife Democratic "
                    "mayoral front-runner Ines Baptiste, former governor Tom Baptiste said his wife was uniquely "
                    "qualified to be mayor because “the city’s in tough shape.”") == [
        ("said", "former governor Tom Baptiste")]
    assert mentions(nlp, "Informed of the district’s anti-levy lean, Early described it as “news to me.”") == [
        ("described", "Early")]


def test_a_participle_after_a_clause_that_is_not_reported_is_the_speaker_of_that_clause(nlp):
    # "going" is what "remember" perceives, not what someone said: "declaring" is Blake's, not the narrator's.
    assert mentions(nlp, "I'm old enough to remember Governor Tom Blake going on TV on April 18, 1977, declaring a "
                    "''moral equivalent of war'' against the floods.") == [("declaring", "Governor Tom Blake")]


def test_a_name_the_tagger_takes_for_a_modal_is_the_speaker(nlp):
    # "Will" before "wrote" or "described" is no modal: no modal takes a past tense.
    assert mentions(nlp, "“The eruption of floods in the capital of the county is a reminder that the council will "
                    "potentially send the bill to the poor,” Will wrote.") == [("wrote", "Will")]
    assert mentions(nlp, "From the mayor’s “coarse, vulgar, and nasty 95-minute effusion” last week to her call for a "
                    "county “flood force,” Will described Haddad as a “caricature of the town’s most embarrassing "
                    "possibilities.”")[0] == ("described", "Will")


def test_a_participle_on_an_object_speaks_for_whoever_acts_on_it(nlp):
    # "placed" shares the subject of "sent"; "to do" is done by the tabloid that "prompted" takes as its object,
    # "to declare" by "her"; but "this" in "had this to say" is what is said, not who says it.
    assert mentions(nlp, "Within weeks the opposition effort had sent letters to shareholders, hired lawyers and "
                    "public-relations firms, and placed national newspaper ads calling the levy a \"$25 million "
                    "mistake.\"") == [("calling", "the opposition effort")]
    assert mentions(nlp, "This prompted the tabloid to do a cover saying \"Don't be a Bum, Ines!\"") == [
        ("saying", "the tabloid")]
    assert mentions(nlp, "Baptiste won an unexpectedly strong victory that led her to declare that the nomination "
                    "was ''in sight.''") == [("declare", "her")]
    assert mentions(nlp, "A paper from the Brookings Institution had this to say about the levy: \"Families from the "
                    "top will gain most.\"") == [("say", "A paper")]


def test_an_inverted_frame_right_after_a_quote_names_its_speaker_whatever_verb_before_it_governs_the_quote(nlp):
    # The parser hangs the quote from "denies": the council denies, but Baptiste asks.
    assert mentions(nlp, "If the council is indeed attempting to block the levy — as many engineers believe, but the "
                    "council strongly denies — “why would you wait?” asked Ines Baptiste.") == [("asked", "Ines Baptiste")]


def test_a_participle_after_what_was_reported_is_the_reporters_past_a_closing_quote_and_inner_verbs(nlp):
    # The comma before "stating" stands inside the quote; "saying" hangs from "choose", inside what was said.
    assert mentions(nlp, "Haddad said last week that Baptiste represents “old harbor values,” stating during the "
                    "debate that they are “too expensive for the town.”") == [("said", "Haddad"), ("stating", "Haddad")]
    assert mentions(nlp, "Alongside the calls for action, even a top Republican strategist said Baptiste will have to "
                    "choose whose side she’s on, saying, “At some point, she’s going to have to come out on where "
                    "she stands.”")[-1] == ("saying", "even a top Republican strategist")


def test_the_one_asked_or_told_is_not_the_speaker_the_agent_is(nlp):
    assert mentions(nlp, "Baptiste was asked by host Lena Ortiz, who is backing Haddad, “Now, you famously said the "
                    "wall would hold, didn't you?”") == [("asked", "host Lena Ortiz")]
    assert mentions(nlp, "Haddad was asked by moderator Tom Blake whether his proposed levy would risk “adding another "
                    "expensive program to the budget.”") == [("asked", "moderator Tom Blake")]
    assert mentions(nlp, "Haddad was told by the engineers that the wall was “rotten to the core.”") == [
        ("told", "the engineers")]


def test_the_object_complement_of_a_cue_is_not_its_speaker(nlp):
    # The parser makes "called" a participle of "Baptiste" and "Haddad" its object predicate.
    assert mentions(nlp, "Baptiste, speaking on WOR710, called Haddad a “blowhard,” and said his remarks were "
                    "priceless “propaganda” for developers.")[0] == ("called", "Baptiste")


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


def test_a_cue_the_parse_joins_to_a_verb_inside_what_was_reported_is_the_reporters(nlp):
    # The parser makes the second cue a conjunct of "approved", "was" and "cost": their subjects did not speak.
    assert mentions(nlp, "Mayor Ines Baptiste said the new levy was approved by the council and said, “We will "
                    "start building in May.”") == [("said", "Mayor Ines Baptiste")]
    assert mentions(nlp, "Baptiste said it was too soon to celebrate but added, “The water is already "
                    "lower.”") == [("added", "Baptiste")]
    assert mentions(nlp, "Councillor Omar Haddad said the plan would cost too much and called it “a gift to "
                    "developers.”") == [("called", "Councillor Omar Haddad")]


def test_the_words_after_an_inverted_cue_are_its_speaker_whatever_the_parse_hangs_them_from(nlp):
    # The parser makes the speaker the subject of a verb further on, or leaves it lower case and unnamed.
    assert mentions(nlp, "“The shelves were empty by noon,” said the cashier, who like many in the town did not "
                    "want to be named.") == [("said", "the cashier")]
    assert mentions(nlp, "“Nobody told us anything,” wrote another.") == [("wrote", "another")]
    assert mentions(nlp, "“Leave your cars at home,” urged Norfolk's Daily Ledger.") == [("urged", "Norfolk's Daily Ledger")]
    assert mentions(nlp, "“We have waited ten years,” said Ines Baptiste, a member of the board, told "
                    "reporters.") == [("said", "Ines Baptiste")]


def test_words_inside_the_quote_are_never_its_speaker_nor_is_the_cue_part_of_the_mention(nlp):
    # The parser makes "update" the subject of "tweeted", or "tweeted" a modifier of the name.
    assert mentions(nlp, '"Storm update," tweeted Baptiste spokeswoman Lena Ortiz. "Stay indoors tonight."') == [
        ("tweeted", "Baptiste spokeswoman Lena Ortiz"), ("tweeted", "Baptiste spokeswoman Lena Ortiz")]
    assert mentions(nlp, '"Budget recap," tweeted Ruiz spokesman Alex Moreau. "The council lost the vote."') == [
        ("tweeted", "Ruiz spokesman Alex Moreau"), ("tweeted", "Ruiz spokesman Alex Moreau")]


def test_a_quote_in_a_relative_clause_of_what_was_reported_is_the_reporters(nlp):
    # "reminded" has only the relative "that" for a subject: the quote is part of what Baptiste said.
    text, found = run(nlp, "Baptiste said she had visited towns that reminded her of “a forgotten frontier” where "
                      "the roads had washed away.")
    (quote,) = found.quotes
    assert (span(text, quote.cue), span(text, quote.mention), quote.kind) == ("said", "Baptiste", "mixed")
    assert span(text, quote.content).startswith("she had visited towns")


def test_the_object_right_after_a_cue_is_never_its_speaker(nlp):
    # An inverted speaker follows a quote ("“...,” said Haddad"); "call Haddad" and "accused Haddad" name the object.
    assert mentions(nlp, "Baptiste said she would vote for the levy. She went on to call Haddad “the worst planner "
                    "in the county.”")[-1] == ("call", "She")
    assert mentions(nlp, "Late on Sunday, Baptiste slammed the change as a trick and accused Haddad of a "
                    "“flip-flop.”")[-1] == ("accused", "Baptiste")


def test_a_dateline_parsed_as_the_subject_gives_way_to_the_person_named_before_the_verb(nlp):
    assert mentions(nlp, "NORFOLK, Va. - District Judge Ana Ruiz late Thursday issued an order calling the levy "
                    "“a tax on the poor.”") == [("calling", "District Judge Ana Ruiz")]
