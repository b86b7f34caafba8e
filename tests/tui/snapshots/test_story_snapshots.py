"""Pictures of the story screen on the seed story, at fixed terminal sizes, in the dark
theme (textual-dark) and, where colour matters, the light one (textual-light).

Each test's docstring says what the picture must show; check it by eye
(`pytest --snapshot-update`, then open the .svg under __snapshots__/)
before committing a changed picture.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from explorer.tui.app import make_app
from explorer.tui.dialogs.save_story import SaveStoryDialog
from tests.tui.conftest import LONDON_STORY, SEED_STORY, SMALL

SIZE = (140, 42)
THEMES = ["textual-dark", "textual-light"]


def in_theme(theme: str):  # noqa: ANN201
    """A `run_before` that switches the app to `theme` before the keys are pressed."""

    async def switch(pilot: Pilot) -> None:
        pilot.app.theme = theme
        await pilot.pause()

    return switch


@pytest.mark.parametrize("theme", THEMES)
def test_story_screen(snap_compare, theme: str) -> None:  # noqa: ANN001
    """140x42: the article on the left, paragraphs numbered 1.. (the numbers grey but
    readable, in the light theme too) with a cursor bar on ¶1 and the quotes coloured
    by speaker; ¶3's unknown speaker's quote italic grey; on the right Speakers (Donald
    Trump 13 quotes first), Quotes (¶1 Volodymyr Zelensky first) and Sources (three
    listed "whole article", The New York Times ¶ 13, New York Post ¶ 10, 11, 12); the
    status line "… checked 0/46 │ ¶ 1/17"; the footer "⏎ Its quotes  f Filter  / Search
    s Sources  y Copy  a Confirm  x Reject  e Speaker  v Select  r To check  ? Help  q Quit
    ^p Palette" (no n, N or esc: nothing is set)."""
    assert snap_compare(make_app(SEED_STORY), terminal_size=SIZE, run_before=in_theme(theme))


@pytest.mark.parametrize("theme", THEMES)
def test_filtered_by_trump(snap_compare, theme: str) -> None:  # noqa: ANN001
    """Enter on Donald Trump, then 1 and n: the Speakers pane marks him "◀ filter",
    the Quotes pane lists only his quotes ("13 of 46" under it, readable), the article
    sits on ¶5 with his paragraphs 5-9 dotted and the others dimmed (still readable),
    "very strategic." reversed; the status line says "filter Donald Trump (5 ¶)" and
    "¶ 5/17"; the footer offers n Next, N Previous and esc Clear."""
    assert snap_compare(make_app(SEED_STORY), press=["2", "enter", "1", "n"], terminal_size=SIZE,
                        run_before=in_theme(theme))


@pytest.mark.parametrize("theme", THEMES)
def test_search_patriot(snap_compare, theme: str) -> None:  # noqa: ANN001
    """/patriot Enter, then n: the cursor on ¶2 with both "Patriot"s highlighted on a
    muted orange, the second as the current match, bold on a strong orange (dark) or
    brown (light) that stands out more; ¶5's "Patriot" highlighted too; the status line
    says "search “patriot” 2/4" and "¶ 2/17"; the search box is closed; the footer
    offers n Next, N Previous and esc Clear."""
    assert snap_compare(make_app(SEED_STORY), press=["slash", *"patriot", "enter", "n"], terminal_size=SIZE,
                        run_before=in_theme(theme))


def test_help_screen(snap_compare) -> None:  # noqa: ANN001
    """?: a centred "Keys" box over the story listing the sections Story, In every
    pane, Search box, Speaker picker (f) and Everywhere, each key with its name and
    its explanation beside it, long ones wrapped under themselves (? Help, tab Next
    pane, ...); the footer shows the help's keys: esc Close, pgdn Page down, pgup
    Page up, g Top, G Bottom."""
    assert snap_compare(make_app(SEED_STORY), press=["question_mark"], terminal_size=SIZE)


@pytest.mark.parametrize("theme", THEMES)
def test_help_screen_80x24_says_there_is_more(snap_compare, theme: str) -> None:  # noqa: ANN001
    """? at 80x24: the Keys box fills the screen, its bottom edge reads "▼ more below
    (j, PgDn, G) · Escape, ? or q closes"; the explanations readable (grey on the box's
    background) in both themes; the footer shows the help's keys."""
    assert snap_compare(make_app(SEED_STORY), press=["question_mark"], terminal_size=SMALL,
                        run_before=in_theme(theme))


def test_story_screen_80x24(snap_compare) -> None:  # noqa: ANN001
    """80x24: the article full width on top (¶1 with its cursor bar, then ¶2), under
    it the tab line "2 Speakers  3 Quotes  4 Sources" and the Speakers pane alone;
    the status line ("checked 0/46 │ ¶ 1/17") and the footer ("⏎ Its quotes  f Filter
    / Search  a Confirm  x Reject  ? Help  q Quit") at the bottom; nothing cut off
    mid-border."""
    assert snap_compare(make_app(SEED_STORY), terminal_size=SMALL)


@pytest.mark.parametrize("theme", THEMES)
def test_search_set_80x24(snap_compare, theme: str) -> None:  # noqa: ANN001
    """80x24, /patriot Enter: the footer keeps "⏎ Its quotes  f Filter  / Search  n Next
    N Previous  esc Clear  ? Help  q Quit" whole (the rest left out); the status line
    "search “patriot” 1/4  │  ¶ 2/17" at its right; the tab names readable."""
    assert snap_compare(make_app(SEED_STORY), press=["slash", *"patriot", "enter"], terminal_size=SMALL,
                        run_before=in_theme(theme))


def test_sources_pane_80x24(snap_compare) -> None:  # noqa: ANN001
    """80x24, 4: the Sources pane under the article, its tab underlined; the footer
    offers "⏎ Mark ¶s", "o Open url" and "r To check", and no longer y Copy, s Sources
    or the quote keys a and x."""
    assert snap_compare(make_app(SEED_STORY), press=["4"], terminal_size=SMALL)


def test_speaker_picker(snap_compare) -> None:  # noqa: ANN001
    """f, then "ru": the picker "Filter quotes by speaker" with "ru" typed, listing the
    speakers whose name or alias holds it (Donald Trump first, highlighted, then Mark
    Rutte, Vladimir Putin, Sergey Lavrov); the footer shows the picker's keys: ↑ Up,
    ↓ Down, ⏎ Choose, esc Cancel."""
    assert snap_compare(make_app(SEED_STORY), press=["f", "r", "u"], terminal_size=SMALL)


def test_copied_citation_80x24(snap_compare) -> None:  # noqa: ANN001
    """London story, y at 80x24: a "Copied" toast with the citation "Republican
    presidential candidate Donald Trump's offer — Sadiq Khan (reported), USA Today,
    2016-05-11, ¶ 1", standing above the status line, whose "¶ 1/10" stays in view."""
    app = make_app(LONDON_STORY)
    app.copy_to_clipboard = lambda text: None
    assert snap_compare(app, press=["y"], terminal_size=SMALL)


@pytest.mark.parametrize("theme", THEMES)
def test_save_dialog_warns_whole_80x24(snap_compare, theme: str) -> None:  # noqa: ANN001
    """80x24, the save dialog on an existing file with a long name, after one Enter:
    "Save the story as", the path box, "in …/a folder with a rather long name" (the
    whole folder, wrapped), and the whole warning "… already exists. Press Overwrite to
    replace it." wrapped over lines, readable; the buttons Cancel and Overwrite; the
    footer offers the dialog's key, esc Cancel."""
    folder = Path("/tmp/story-explorer-snapshots/a folder with a rather long name")
    folder.mkdir(parents=True, exist_ok=True)
    existing = folder / "zelensky-hails-july-4-call-with-trump-as-the-best-conversation.yaml"
    existing.write_text("keep me\n")

    async def open_dialog(pilot: Pilot) -> None:
        pilot.app.theme = theme
        pilot.app.push_screen(SaveStoryDialog(existing))
        await pilot.pause()

    assert snap_compare(make_app(SEED_STORY), press=["enter"], terminal_size=SMALL, run_before=open_dialog)
