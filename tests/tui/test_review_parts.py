"""Parts of reviewing that need no screen: selecting words, and the story index kept up
to date after edits (rejected quotes left out, speakers keeping their order and colour)."""

from __future__ import annotations

from explorer import edits
from explorer.model import Story
from explorer.tui.story_index import UNKNOWN_SPEAKER, StoryIndex
from explorer.tui.word_selection import moved, to_sentence_end, to_sentence_start, with_end, with_start, word_at

TEXT = "He said “we will win.” Then U.S. officials left. Mr. Smith stayed!"


def words(span: tuple[int, int]) -> str:
    return TEXT[span[0]:span[1]]


def test_a_selection_starts_on_a_word_and_moves_word_by_word() -> None:
    first = word_at(TEXT, 0)
    assert words(first) == "He"
    assert words(word_at(TEXT, 9)) == "we"  # inside the opening mark: the word after it
    assert words(word_at(TEXT, 2)) == "said"  # a space: the next word
    assert words(moved(TEXT, *first, 2)) == "we"
    assert words(moved(TEXT, *first, -1)) == "He"  # stops at the first word
    two = with_end(TEXT, *first, 1)
    assert words(two) == "He said"
    assert words(moved(TEXT, *two, 1)) == "said “we"  # as many words as before
    assert words(moved(TEXT, *two, 50)) == "Smith stayed!"
    assert words(with_start(TEXT, *moved(TEXT, *two, 1), -1)) == "He said “we"
    assert word_at("   ", 0) is None


def test_a_selection_reaches_to_the_end_and_start_of_its_sentence() -> None:
    we = word_at(TEXT, 9)
    quote = to_sentence_end(TEXT, *we)
    assert words(quote) == "we will win."  # the closing mark is left out
    # "U.S." is not the end of a sentence; a second press goes on to the next one
    assert words(to_sentence_end(TEXT, *quote)) == "we will win.” Then U.S. officials left."
    smith = word_at(TEXT, TEXT.index("Smith"))
    assert words(to_sentence_start(TEXT, *smith)) == "Mr. Smith"  # "Mr." does not end one either
    officials = word_at(TEXT, TEXT.index("officials"))
    assert words(to_sentence_start(TEXT, *officials)) == "Then U.S. officials"
    then = word_at(TEXT, TEXT.index("Then"))
    assert words(to_sentence_start(TEXT, *then)) == "He said “we will win.” Then"
    assert to_sentence_start(TEXT, *word_at(TEXT, 0)) == word_at(TEXT, 0)


def test_rejected_quotes_are_left_out_unless_shown(tiny_story: Story) -> None:
    rejected, _ = edits.apply(tiny_story, edits.reject(tiny_story, "q2"))
    index = StoryIndex(rejected, show_rejected=False)
    assert [q.id for q in index.quotes] == ["q1", "q3"]
    assert index.quote_counts == {"alice": 1, "bob": 0}
    assert index.speaker_paragraphs["bob"] == [] and [q.id for q in index.paragraph_quotes[2]] == ["q3"]
    assert "q2" in index.quote_by_id and index.spans["q2"] == (13, 22)
    index.update(rejected, show_rejected=True)
    assert [q.id for q in index.paragraph_quotes[2]] == ["q2", "q3"] and index.quote_counts["bob"] == 1


def test_unattributed_quotes_are_listed_under_the_unknown_speaker(tiny_story: Story) -> None:
    index = StoryIndex(tiny_story)
    assert [q.id for q in index.speaker_quotes[UNKNOWN_SPEAKER]] == ["q3"]
    assert index.speaker_label(UNKNOWN_SPEAKER) == "unknown speaker" and index.speaker_label("bob") == "Bob Jones"
    assert index.speaker_key(index.quote_by_id["q3"]) == UNKNOWN_SPEAKER
    attributed, _ = edits.apply(tiny_story, edits.set_speaker(tiny_story, "q3", "alice"))
    index.update(attributed)
    assert index.speaker_quotes[UNKNOWN_SPEAKER] == [] and index.speaker_paragraphs[UNKNOWN_SPEAKER] == []


def test_while_editing_speakers_keep_their_order_and_colour(tiny_story: Story) -> None:
    index = StoryIndex(tiny_story)
    assert [s.id for s in index.speakers] == ["alice", "bob"]
    # Bob now has two quotes to Alice's one: a fresh index would list him first
    story, _ = edits.apply(tiny_story, edits.set_speaker(tiny_story, "q3", "bob"))
    assert [s.id for s in StoryIndex(story).speakers] == ["bob", "alice"]
    index.update(story)
    assert [s.id for s in index.speakers] == ["alice", "bob"] and index.speaker_rank == {"alice": 0, "bob": 1}
    assert index.quote_counts == {"alice": 1, "bob": 2}
    create, new_id = edits.add_speaker(story, "Carol")
    story, _ = edits.apply(story, create)
    story, _ = edits.apply(story, edits.merge_speakers(story, "alice", "bob"))
    index.update(story)
    assert [s.id for s in index.speakers] == ["bob", new_id]
    assert index.speaker_rank == {"bob": 1, new_id: 2}  # Bob keeps his colour, Carol gets a new one
