"""How far a story's review has come (explorer.review.progress): the one rule the story
screen, the library's index and `diff` count by.  A rejected quote is not an attribution:
it is neither one of the quotes nor a checked one; checked are the confirmed and corrected."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import edits
from explorer.cli import main
from explorer.model import Paragraph, Quote, Speaker, Story
from explorer.review import is_attribution, is_checked, progress, progress_label
from explorer.storyfile import write_story


def quotes(*reviews: str | None) -> list[Quote]:
    return [Quote(f"q{number}", "p1", "words", review=review) for number, review in enumerate(reviews, 1)]


def test_a_rejected_quote_is_left_out_of_both_figures() -> None:
    reviewed = quotes("confirmed", "rejected", "corrected", "rejected", None)
    assert progress(reviewed) == (2, 3)
    assert progress_label(reviewed) == "checked 2/3"


def test_what_is_left_to_check_is_the_quotes_without_a_review_state() -> None:
    reviewed = quotes("confirmed", "rejected", None, None, "corrected")
    checked, total = progress(reviewed)
    assert total - checked == sum(1 for quote in reviewed if quote.review is None) == 2


def test_wrong_quotes_rejected_and_the_rest_confirmed_is_fully_checked() -> None:
    assert progress(quotes("confirmed", "rejected", "confirmed")) == (2, 2)
    assert progress(quotes("rejected")) == (0, 0)


@pytest.mark.parametrize(("review", "attribution", "checked"), [
    (None, True, False), ("confirmed", True, True), ("corrected", True, True), ("rejected", False, False)])
def test_each_review_state(review: str | None, attribution: bool, checked: bool) -> None:
    quote = quotes(review)[0]
    assert (is_attribution(quote), is_checked(quote)) == (attribution, checked)


def test_diff_says_the_new_versions_progress_by_the_same_rule(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """`diff`'s "(the new version: n of N quotes checked)": one quote confirmed, one rejected."""
    story = Story(title="Two versions", paragraphs=[Paragraph("p1", "Alice said “we will win,” and “we won.”")],
                  speakers=[Speaker("alice", "Alice Smith")],
                  quotes=[Quote("q1", "p1", "we will win,", speaker="alice"), Quote("q2", "p1", "we won.", speaker="alice")])
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    write_story(story, old)
    reviewed = edits.apply(story, edits.Batch((edits.confirm(story, "q1"), edits.reject(story, "q2"))))[0]
    write_story(reviewed, new)
    assert main(["diff", str(old), str(new)]) == 1
    assert capsys.readouterr().err.endswith("(the new version: 1 of 1 quotes checked)\n")
