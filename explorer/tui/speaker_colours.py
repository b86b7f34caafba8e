"""Speaker colours that read well on the current theme's background.

Themes give a handful of accent colours, several of them close in hue, so
the palette is a fixed set of well-separated hues instead; only the lightness
follows the theme: each colour is made just light enough (dark themes) or
dark enough (light themes) to reach a WCAG contrast of `MIN_CONTRAST` with
the background it is drawn on.  Colours repeat after `len(HUES)` speakers.
"""

from __future__ import annotations

from functools import lru_cache

from textual.color import Color
from textual.style import Style
from textual.widget import Widget

#: Hues (degrees) in the order speakers get them: the most quoted speakers
#: get the hues furthest apart.
HUES: tuple[int, ...] = (210, 30, 130, 320, 55, 175, 265, 0)
SATURATION = 0.75
#: WCAG AA for normal text.
MIN_CONTRAST = 4.5

_BLACK = Color(0, 0, 0)
_WHITE = Color(255, 255, 255)


def relative_luminance(colour: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour, 0 (black) .. 1 (white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = colour.normalized
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: Color, second: Color) -> float:
    """WCAG 2 contrast ratio between two opaque colours, 1 .. 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def opaque_background(background: Color, dark: bool) -> Color:
    """A concrete background to measure against: ANSI-default and transparent
    backgrounds (the ansi-* themes) are taken as black or white."""
    if background.ansi is not None or background.a < 1:
        return _BLACK if dark else _WHITE
    return background


@lru_cache(maxsize=256)
def speaker_colour(rank: int, background: Color) -> Color:
    """The colour of the speaker at `rank` (0 = most quoted) drawn on `background`."""
    hue = HUES[rank % len(HUES)] / 360
    lighten = relative_luminance(background) < 0.18
    lightness = 0.5
    colour = Color.from_hsl(hue, SATURATION, lightness)
    for _ in range(20):
        if contrast_ratio(colour, background) >= MIN_CONTRAST:
            break
        lightness += 0.025 if lighten else -0.025
        colour = Color.from_hsl(hue, SATURATION, min(max(lightness, 0.0), 1.0))
    return colour


def speaker_style(widget: Widget, rank: int | None) -> Style:
    """A foreground style in the colour of the speaker at `rank`, legible on `widget`'s
    background; no style for an unknown speaker (`rank` None)."""
    if rank is None:
        return Style()
    background = opaque_background(widget.background_colors[1], widget.app.current_theme.dark)
    return Style(foreground=speaker_colour(rank, background))
