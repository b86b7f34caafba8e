"""Pictures of the story screen on the seed story, at fixed terminal sizes.

Each test's docstring says what the picture must show; check it by eye
(`pytest --snapshot-update`, then open the .svg under __snapshots__/)
before committing a changed picture.
"""

from __future__ import annotations

from explorer.tui.app import make_app
from tests.tui.conftest import SEED_STORY, SMALL

SIZE = (140, 42)


def test_story_screen(snap_compare) -> None:  # noqa: ANN001
    """140x42: the article on the left, paragraphs numbered 1.. with a cursor bar on
    ¶1 and the quotes coloured by speaker; on the right Speakers (Donald Trump 13
    quotes first), Quotes (¶1 Volodymyr Zelensky first) and Sources (three listed
    "whole article", The New York Times ¶ 13, New York Post ¶ 10, 11, 12); the
    status line "… checked 0/46 │ ¶ 1/17"; the footer with f / s y ⌫, the review keys
    a x e r ^z ^s, then ? and q."""
    assert snap_compare(make_app(SEED_STORY), terminal_size=SIZE)


def test_filtered_by_trump(snap_compare) -> None:  # noqa: ANN001
    """Enter on Donald Trump, then 1 and n: the Speakers pane marks him "◀ filter",
    the Quotes pane lists only his quotes ("13 of 46" under it), the article sits
    on ¶5 with his paragraphs 5-9 dotted and the others dimmed, "very strategic."
    reversed; the status line says "filter Donald Trump (5 ¶)" and "¶ 5/17"."""
    assert snap_compare(make_app(SEED_STORY), press=["2", "enter", "1", "n"], terminal_size=SIZE)


def test_search_patriot(snap_compare) -> None:  # noqa: ANN001
    """/patriot Enter, then n: the cursor on ¶2 with both "Patriot"s highlighted, the
    second as the current match; ¶5 also highlighted; the status line says
    "search “patriot” 2/4" and "¶ 2/17"; the search box is closed."""
    assert snap_compare(make_app(SEED_STORY), press=["slash", *"patriot", "enter", "n"], terminal_size=SIZE)


def test_help_screen(snap_compare) -> None:  # noqa: ANN001
    """?: a centred "Keys" box over the story listing the sections Story, In every
    pane, Search box, Speaker picker (f) and Everywhere, each key with its name and
    explanation (? Help, tab Next pane, ... j / ↓ Down ...)."""
    assert snap_compare(make_app(SEED_STORY), press=["question_mark"], terminal_size=SIZE)


def test_story_screen_80x24(snap_compare) -> None:  # noqa: ANN001
    """80x24: the article full width on top (¶1 with its cursor bar, then ¶2), under
    it the tab line "2 Speakers  3 Quotes  4 Sources" and the Speakers pane alone;
    the status line ("checked 0/46 │ ¶ 1/17") and the footer at the bottom (cut after
    "x Reject" until the footer keeps the most useful keys); nothing cut off mid-border."""
    assert snap_compare(make_app(SEED_STORY), terminal_size=SMALL)
