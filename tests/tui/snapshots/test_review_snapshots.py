"""Pictures of the story screen while checking and correcting the annotated seed story,
in a dark and a light theme (the review marks and the unsaved marker are colours).

Each test's docstring says what the picture must show; check it by eye
(`pytest --snapshot-update`, then open the .svg under __snapshots__/) before
committing a changed picture.  Nothing here saves: the story file stays as it is.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from explorer.tui.app import make_app
from tests.tui.review_support import SEED_ANNOTATED

SIZE = (140, 42)
THEMES = ["textual-dark", "textual-light"]


def in_theme(theme: str, *keys: str):  # noqa: ANN201 - a run_before for snap_compare
    async def run_before(pilot: Pilot) -> None:
        pilot.app.theme = theme
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_checking_with_the_details_shown(theme: str, snap_compare) -> None:  # noqa: ANN001
    """3 a x i: in the quotes pane ¶1's quote marked ✓ (green), ¶1's second quote gone
    (rejected, "41 · 1 rejected hidden" under the pane), the cursor on ¶2's "the supply
    of Patriot systems…"; the article's cursor on ¶2 with that quote reversed; the
    Details box across the bottom: "q3 · ¶ 2 · Volodymyr Zelensky · reported · ○ not
    checked yet" (the state in the warning colour), "found by cue-clause · confidence
    0.72 · cue “noting”", "speaker “Zelensky” → Volodymyr Zelensky", then the words in
    italics on one line; the status line " ● unsaved " (reversed) "checked 1/41" (the
    rejected quote is none of the 41) "¶ 2/17"; the footer with ⏎ Go to ¶, a Confirm, x Reject, e Speaker, r To check,
    ^z Undo, ^s Save."""
    assert snap_compare(make_app(SEED_ANNOTATED), terminal_size=SIZE, run_before=in_theme(theme, "3", "a", "x", "i"))


@pytest.mark.parametrize("theme", THEMES)
def test_rejected_quotes_shown_struck_through(theme: str, snap_compare) -> None:  # noqa: ANN001
    """3 x X: ¶1's quote rejected and shown again: in the quotes pane its lines dimmed
    and struck through with a red ✗, in the article "the best conversation in all this
    time." dimmed and struck through; the others in their speakers' colours; "checked
    0/41" in the status line (shown, the rejected quote is still no quote)."""
    assert snap_compare(make_app(SEED_ANNOTATED), terminal_size=SIZE, run_before=in_theme(theme, "3", "x", "X"))


@pytest.mark.parametrize("theme", THEMES)
def test_selecting_words_for_a_new_quote(theme: str, snap_compare) -> None:  # noqa: ANN001
    """j j j v ): ¶4 under the cursor, its first sentence "Zelensky highlighted … incoming
    systems." selected (reversed and underlined); the footer lists only the selection
    keys: ← Left, → Right, ⏎ Add quote, esc Cancel, < Start ←, > Start →, , End ←,
    . End →, ) Sentence (then ? Help, q Quit)."""
    assert snap_compare(make_app(SEED_ANNOTATED), terminal_size=SIZE,
                        run_before=in_theme(theme, "j", "j", "j", "v", "right_parenthesis"))


@pytest.mark.parametrize("theme", THEMES)
def test_leaving_with_unsaved_changes_asks(theme: str, snap_compare) -> None:  # noqa: ANN001
    """a q: over the story a box "Save your changes to seed-annotated.yaml?", "Discarding
    loses every edit since the last save.", and three answers "s Save" (focused),
    "d Discard", "c Cancel", each key underlined; behind it " ● unsaved " and "checked
    1/42"; the footer shows the dialog's keys: s Save, d Discard, c Cancel, esc Cancel."""
    assert snap_compare(make_app(SEED_ANNOTATED), terminal_size=SIZE, run_before=in_theme(theme, "a", "q"))
