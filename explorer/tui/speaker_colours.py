"""Speaker colours that read well on the current theme's backgrounds and stay told apart.

Themes give a handful of accent colours, several of them close in hue, so
the palette is a fixed set of well-separated hues instead; only the lightness
follows the theme: each colour is made just light enough (dark themes) or
dark enough (light themes) to reach WCAG's 4.5:1 on every background it is
drawn on (a pane, and the article's cursor line).  Colours repeat after
`len(HUES)` speakers.

Told apart: any two of the `len(HUES)` colours differ by at least
`MIN_DIFFERENCE` in CIE76 ΔE (distance in L*a*b*, where about 2.3 is the
least difference people see side by side), in every built-in theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from textual.color import Color
from textual.style import Style
from textual.widget import Widget

from explorer.tui.contrast import TEXT_CONTRAST, opaque_background, with_contrast

#: Hues (degrees) in the order speakers get them: the most quoted speakers
#: get the hues furthest apart.
HUES: tuple[int, ...] = (210, 30, 130, 320, 55, 175, 265, 0)
SATURATION = 0.75
#: The least CIE76 ΔE between two speakers' colours (tested on every built-in theme).
MIN_DIFFERENCE = 20.0


@lru_cache(maxsize=512)
def speaker_colour(rank: int, backgrounds: Sequence[Color]) -> Color:
    """The colour of the speaker at `rank` (0 = most quoted), legible on each of
    `backgrounds` (a tuple: the result is cached)."""
    hue = HUES[rank % len(HUES)] / 360
    return with_contrast(Color.from_hsl(hue, SATURATION, 0.5), tuple(backgrounds), TEXT_CONTRAST)


def widget_backgrounds(widget: Widget, *over: Color) -> tuple[Color, ...]:
    """`widget`'s background as the terminal shows it, and each of `over` drawn on it."""
    background = opaque_background(widget.background_colors[1], widget.app.current_theme.dark)
    return (background, *(background + colour for colour in over))


def speaker_style(widget: Widget, rank: int | None, *over: Color) -> Style:
    """A foreground style in the colour of the speaker at `rank`, legible on `widget`'s
    background and on each of `over` laid on it (a cursor line); no style for an
    unknown speaker (`rank` None)."""
    if rank is None:
        return Style()
    return Style(foreground=speaker_colour(rank, widget_backgrounds(widget, *over)))
