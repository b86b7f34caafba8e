"""The story screen's colours in every built-in theme: text reads (WCAG contrast of
4.5:1 or more, measured on what the screen draws), search matches show, the
current one more, and speakers' colours stay told apart."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.app import App
from textual.color import Color
from textual.style import Style
from textual.theme import BUILTIN_THEMES
from textual.widget import Widget

from explorer.tui.app import make_app
from explorer.tui.component_style import component_style
from explorer.tui.contrast import TEXT_CONTRAST, colour_difference, contrast_ratio
from explorer.tui.readable_theme import (
    CURRENT_MATCH_CONTRAST,
    MATCH_DIFFERENCE,
    NEUTRAL,
    theme_backgrounds,
)
from explorer.tui.speaker_colours import HUES, MIN_DIFFERENCE, speaker_colour
from explorer.tui.widgets.paragraph_view import ParagraphView
from tests.tui.conftest import SEED_STORY, SMALL, WIDE

pytestmark = pytest.mark.anyio

#: The built-in themes whose colours are RGB (the ansi-* themes use the terminal's
#: palette, which cannot be measured: only the match test covers them).
MEASURED = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi"))


#: Drawing that is not text: box lines and the scroll bars' blocks.  The cursor
#: bar ▌ and the marks ● ◆ ◀ are measured like text.
NOT_TEXT = {chr(code) for code in range(0x2500, 0x2580)} | set("▁▂▃▄▅▆▇█▔▕▏▐ ")

#: The states measured: keys pressed on the seed story, and the size.
STATES = {
    # ¶2 holds the current match and another; ¶3 an unknown speaker's quote; ¶5 a match;
    # sources marked in the article and in their pane; the blurred lists' cursors.
    "search and sources": (WIDE, ["4", "enter", "1", "slash", *"patriot", "enter", "n"]),
    # Trump's paragraphs dotted, the others dimmed; the filter mark in the speakers pane.
    "filter": (WIDE, ["2", "enter", "1", "n"]),
    # The tabs over the one side pane; the quotes pane focused, its cursor row.
    "narrow": (SMALL, ["3", "j"]),
}


def rgb(colour) -> Color | None:  # noqa: ANN001 - a Rich colour
    return None if colour is None or colour.triplet is None else Color(*colour.triplet)


def screen_segments(app: App) -> list[tuple[int, Segment]]:
    """(line, segment) for every segment the whole screen shows now (the compositor's strips:
    Textual has no public call for the composed screen)."""
    return [(y, segment) for y, strip in enumerate(app.screen._compositor.render_strips()) for segment in strip]


def low_contrast(app: App) -> list[str]:
    """Every piece of text on the screen under 4.5:1 against its own background."""
    found = []
    for y, segment in screen_segments(app):
        text, style = segment.text, segment.style
        if not set(text) - NOT_TEXT:
            continue
        foreground, background = rgb(style.color), rgb(style.bgcolor)
        if style.reverse:
            foreground, background = background, foreground
        if foreground is None or background is None:
            found.append(f"line {y}: {text.strip()!r} in a colour that cannot be measured ({style})")
        elif (ratio := contrast_ratio(foreground, background)) < TEXT_CONTRAST:
            found.append(f"line {y}: {text.strip()!r} {foreground.hex} on {background.hex}: {ratio:.2f}")
    return found


def match_styles(view: ParagraphView, word: str) -> list[tuple[RichStyle, RichStyle]]:
    """(style of the match, style of the text after it on its line) for each `word` the article shows."""
    found = []
    for y in range(view.scrollable_content_region.height):
        segments = list(view.render_line(y))
        for position, segment in enumerate(segments):
            if segment.text == word:
                after = next(s for s in segments[position + 1:] if s.text.strip())
                found.append((segment.style, after.style))
    return found


def match_problems(view: ParagraphView, theme: str) -> list[str]:
    """What is wrong with the "Patriot" matches the article shows (the second is current)."""
    styles = match_styles(view, "Patriot")
    if len(styles) < 3:
        return [f"{len(styles)} matches shown"]
    (current, current_line), others = styles[1], [styles[0], *styles[2:]]
    problems = []
    if not current.bold or any(match.bold for match, _ in others):
        problems.append("the current match alone is not bold")
    if any(match.bgcolor is None or match.bgcolor == line.bgcolor for match, line in styles):
        problems.append("a match has no background of its own")
    if theme.startswith("ansi") or problems:
        return problems
    difference = [colour_difference(rgb(match.bgcolor), rgb(line.bgcolor)) for match, line in others]
    current_difference = colour_difference(rgb(current.bgcolor), rgb(current_line.bgcolor))
    if min(difference) < MATCH_DIFFERENCE - 0.5:
        problems.append(f"a match stands only ΔE {min(difference):.1f} from its line")
    if contrast_ratio(rgb(current.bgcolor), rgb(current_line.bgcolor)) < CURRENT_MATCH_CONTRAST - 0.05:
        problems.append("the current match is under 3:1 against its line")
    if current_difference <= max(difference):
        problems.append("the current match does not stand out more than the others")
    return problems


@pytest.mark.parametrize("state", sorted(STATES))
async def test_every_text_on_the_story_screen_reads_and_every_match_shows_in_every_theme(state: str) -> None:
    """Numbers, unknown speakers' quotes, dimmed and muted text, matches, the cursor, marks,
    the status line, the tabs, the footer and the panes' titles read, in each theme of the
    app.  In the search state, /patriot Enter n: ¶2's second "Patriot" is current, ¶2's
    first and ¶5's are not; each stands out from its line (ΔE ≥ 20), the current one more,
    at 3:1, and bold (in the ansi-* themes: each has a background of its own, the current
    one is bold).  One run per state, the theme switched under it."""
    size, keys = STATES[state]
    app = make_app(SEED_STORY)
    failures: dict[str, list[str]] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        assert set(app.available_themes) >= set(BUILTIN_THEMES)
        searching = state == "search and sources"
        if searching:
            assert app.screen.current_match == 1
        for theme in sorted(app.available_themes):
            if not searching and theme.startswith("ansi"):
                continue
            app.theme = theme
            await pilot.pause()
            found = [] if theme.startswith("ansi") else low_contrast(app)
            if searching:
                found += match_problems(app.screen.query_one(ParagraphView), theme)
            if found:
                failures[theme] = found
    assert not failures, "\n".join(f"{theme}: {line}" for theme, lines in failures.items() for line in lines)


@pytest.mark.parametrize("theme", MEASURED)
def test_speaker_colours_read_and_stay_told_apart_in_every_theme(theme: str) -> None:
    """Each of the len(HUES) speaker colours reaches 4.5:1 on the panes' backgrounds, and any two
    of them differ by ΔE ≥ MIN_DIFFERENCE (CIE76, in L*a*b*)."""
    backgrounds = tuple(theme_backgrounds(BUILTIN_THEMES[theme].to_color_system().generate(), NEUTRAL))
    colours = [speaker_colour(rank, backgrounds) for rank in range(len(HUES))]
    for colour in colours:
        assert min(contrast_ratio(colour, b) for b in backgrounds) >= TEXT_CONTRAST - 0.01, colour.hex
    closest = min(colour_difference(a, b) for i, a in enumerate(colours) for b in colours[i + 1:])
    assert closest >= MIN_DIFFERENCE, closest


class Marked(Widget):
    DEFAULT_CSS = "Marked > .marked--match { background: #ffa62b; color: #121212; text-style: bold; }"
    COMPONENT_CLASSES = {"marked--match"}


async def test_component_style_keeps_an_opaque_background() -> None:
    """The cause of the invisible matches: Textual's partial visual style drops an opaque
    background (it blends it in by 1 - alpha); `component_style` keeps it."""

    class Probe(App):
        def compose(self):  # noqa: ANN202
            yield Marked()

    async with Probe().run_test() as pilot:
        widget = pilot.app.query_one(Marked)
        lost = widget.get_visual_style("marked--match", partial=True)
        assert lost.background is None or lost.background.a == 0  # what Textual 8.2 gives
        kept = component_style(widget, "marked--match")
        assert isinstance(kept, Style)
        assert kept.background == Color.parse("#ffa62b") and kept.foreground == Color.parse("#121212")
        assert kept.bold
