"""The edit operations on their own: each does what a person asked, leaves the old
story as it was, and has an inverse that gives the old story back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from explorer import edits
from explorer.edits import EditError, apply
from explorer.model import Paragraph, Quote, Speaker, Story
from explorer.review import next_unchecked, progress, progress_label, review_queue
from tests.edit_steps import edit_for, edit_steps


def story() -> Story:
    return Story(
        title="Review me",
        paragraphs=[
            Paragraph("p1", "Alice said “we will win the vote,” and left early."),
            Paragraph("p2", "Bob replied that it was far too late to change anything."),
        ],
        speakers=[Speaker("alice", "Alice Smith", "Mayor", aliases=["Alice"]),
                  Speaker("bob", "Bob Jones"), Speaker("smith", "A. Smith", "", aliases=["Smith"])],
        quotes=[
            Quote("q1", "p1", "we will win the vote,", "direct", "alice", start=12, end=33, confidence=0.9),
            Quote("q2", "p2", "it was far too late", "reported", None, start=17, end=36, confidence=0.4),
            Quote("q3", "p2", "to change anything", "reported", "smith", start=37, end=55),
        ],
    )


def round_trip(before: Story, edit: edits.Edit) -> Story:
    """Apply `edit`, check its inverse restores `before` exactly, return the edited story."""
    after, inverse = apply(before, edit)
    assert after != before
    restored, again = apply(after, inverse)
    assert restored == before
    assert apply(restored, again)[0] == after  # the inverse of the inverse redoes it
    assert inverse.label == edit.label
    return after


def quote(s: Story, quote_id: str) -> Quote:
    return next(q for q in s.quotes if q.id == quote_id)


def test_confirm_reject_and_back_to_unchecked() -> None:
    s = story()
    confirmed = round_trip(s, edits.confirm(s, "q1"))
    assert quote(confirmed, "q1").review == "confirmed" and quote(s, "q1").review is None
    rejected = round_trip(confirmed, edits.reject(confirmed, "q1"))
    assert quote(rejected, "q1").review == "rejected"
    assert quote(round_trip(rejected, edits.clear_review(rejected, "q1")), "q1").review is None


def test_an_edit_leaves_the_old_story_and_the_untouched_records_as_they_were() -> None:
    s = story()
    after, _ = apply(s, edits.confirm(s, "q2"))
    assert s.quotes[1].review is None
    assert after.quotes[0] is s.quotes[0] and after.quotes[2] is s.quotes[2]
    assert after.speakers is s.speakers


def test_changing_the_speaker_or_the_kind_makes_the_quote_corrected() -> None:
    s = story()
    to_bob = round_trip(s, edits.set_speaker(s, "q2", "bob"))
    assert (quote(to_bob, "q2").speaker, quote(to_bob, "q2").review) == ("bob", "corrected")
    unknown = round_trip(s, edits.set_speaker(s, "q1", None))
    assert quote(unknown, "q1").speaker is None
    mixed = round_trip(s, edits.set_kind(s, "q1", "mixed"))
    assert (quote(mixed, "q1").kind, quote(mixed, "q1").review) == ("mixed", "corrected")
    with pytest.raises(EditError, match="not one of"):
        edits.set_kind(s, "q1", "indirect")
    with pytest.raises(EditError, match="no speaker has the id 'nobody'"):
        edits.set_speaker(s, "q1", "nobody")


def test_a_note_keeps_the_review_state() -> None:
    s = story()
    noted = round_trip(s, edits.set_note(s, "q2", "  check the cue  "))
    assert quote(noted, "q2").note == "check the cue" and quote(noted, "q2").review is None


def test_spans_move_by_words_and_quote_marks_are_not_words() -> None:
    s = story()
    assert edits.word_spans("“we will,” he") == [(1, 3), (4, 9), (11, 13)]
    earlier = round_trip(s, edits.move_start(s, "q1", -1))
    assert quote(earlier, "q1").text == "said “we will win the vote,"
    later = round_trip(s, edits.move_start(s, "q1", 2))
    assert quote(later, "q1").text == "win the vote,"
    longer = round_trip(s, edits.move_end(s, "q2", 1))
    assert (quote(longer, "q2").text, quote(longer, "q2").review) == ("it was far too late to", "corrected")
    shorter = round_trip(s, edits.move_end(s, "q2", -2))
    assert quote(shorter, "q2").text == "it was far"
    placed = quote(shorter, "q2")
    assert s.paragraphs[1].text[placed.start:placed.end] == placed.text


def test_a_span_never_becomes_empty_nor_leaves_its_paragraph() -> None:
    s = story()
    one_word = apply(s, edits.move_end(s, "q2", -10))[0]
    assert quote(one_word, "q2").text == "it"
    assert quote(apply(one_word, edits.move_start(one_word, "q2", 3))[0], "q2").text == "it"
    whole = apply(s, edits.move_end(s, "q3", 10))[0]
    assert quote(whole, "q3").text == "to change anything."
    with pytest.raises(EditError, match="needs some text"):
        edits.set_span(s, "q1", 5, 5)
    with pytest.raises(EditError, match="needs some text"):
        edits.add_quote(s, "p1", 40, 400)


def test_adding_a_missed_quote() -> None:
    s = story()
    added = round_trip(s, edits.add_quote(s, "p1", 0, 10, kind="reported", speaker_id="alice"))
    new = added.quotes[-1]
    assert (new.id, new.text, new.kind, new.speaker, new.review) == ("q4", "Alice said", "reported", "alice",
                                                                      "corrected")
    assert (new.start, new.end, new.method, new.confidence) == (0, 10, None, None)


def test_a_new_speaker_and_the_quote_attributed_to_them_are_one_step() -> None:
    s = story()
    edit = edits.attribute_to_new_speaker(s, "q2", "Carol Díaz", "Councillor", "person")
    after = round_trip(s, edit)
    assert after.speakers[-1] == Speaker("carol-diaz", "Carol Díaz", "Councillor", "person")
    assert quote(after, "q2").speaker == "carol-diaz"
    assert edits.speaker_id_for(after, "Carol Díaz") == "carol-diaz-2"
    with pytest.raises(EditError, match="needs a name"):
        edits.add_speaker(s, "  ")
    with pytest.raises(EditError, match="speaker kind 'persn'"):
        edits.add_speaker(s, "X", kind="persn")


def test_merging_moves_every_quote_joins_the_names_and_removes_the_speaker() -> None:
    s = story()
    merged = round_trip(s, edits.merge_speakers(s, "smith", "alice"))
    assert [sp.id for sp in merged.speakers] == ["alice", "bob"]
    assert quote(merged, "q3").speaker == "alice" and quote(merged, "q3").review is None
    assert merged.speaker_by_id["alice"].aliases == ["Alice", "A. Smith", "Smith"]
    with pytest.raises(EditError, match="into itself"):
        edits.merge_speakers(s, "bob", "bob")


def test_a_speaker_with_quotes_cannot_just_be_removed() -> None:
    s = story()
    with pytest.raises(EditError, match="still has quotes"):
        apply(s, edits.Remove(edits.SPEAKERS, "alice"))


def test_rename_keeps_the_old_name_as_an_alias_and_role_is_set() -> None:
    s = story()
    renamed = round_trip(s, edits.rename_speaker(s, "bob", "Robert Jones"))
    assert renamed.speaker_by_id["bob"].name == "Robert Jones"
    assert renamed.speaker_by_id["bob"].aliases == ["Bob Jones"]
    back = apply(renamed, edits.rename_speaker(renamed, "bob", "Bob Jones"))[0]
    assert back.speaker_by_id["bob"].aliases == ["Robert Jones"]
    with_role = round_trip(s, edits.set_role(s, "bob", " Council leader "))
    assert with_role.speaker_by_id["bob"].role == "Council leader"


def test_unknown_ids_and_fields_are_edit_errors() -> None:
    s = story()
    with pytest.raises(EditError, match="no quote has the id 'q9'"):
        edits.confirm(s, "q9")
    with pytest.raises(EditError, match="no field 'colour'"):
        apply(s, edits.SetFields(edits.QUOTES, "q1", (("colour", "red"),)))
    with pytest.raises(EditError, match="already in the story"):
        apply(s, edits.Insert(edits.QUOTES, s.quotes[0]))


def test_review_progress_queue_and_next_unchecked() -> None:
    s = story()
    assert progress(s.quotes) == (0, 3) and progress_label(s.quotes) == "checked 0/3"
    # least confident first; a quote without a confidence (q3) after those with one
    assert [q.id for q in review_queue(s)] == ["q2", "q1", "q3"]
    checked = apply(s, edits.reject(s, "q2"))[0]
    assert progress(checked.quotes) == (0, 2)  # a rejected quote is not one of the quotes
    assert [q.id for q in review_queue(checked)] == ["q1", "q3"]
    in_order = checked.quotes_in_order()
    assert next_unchecked(in_order, "q1").id == "q3"
    assert next_unchecked(in_order, "q3").id == "q1"  # wraps around
    done = apply(checked, edits.Batch((edits.confirm(checked, "q1"), edits.confirm(checked, "q3"))))[0]
    assert next_unchecked(done.quotes_in_order(), "q1") is None and review_queue(done) == []


@settings(max_examples=60, deadline=None)
@given(edit_steps())
def test_any_sequence_of_edits_is_undone_step_by_step(operations: list[tuple[str, int, int]]) -> None:
    """However the edits are mixed, undoing them in reverse order gives back each
    story on the way, down to the first."""
    current = story()
    history: list[tuple[Story, edits.Edit]] = []
    for name, pick, step in operations:
        try:
            after, inverse = apply(current, edit_for(current, name, pick, step, "p2"))
        except EditError:
            continue
        history.append((current, inverse))
        current = after
    for before, inverse in reversed(history):
        current, _ = apply(current, inverse)
        assert current == before
