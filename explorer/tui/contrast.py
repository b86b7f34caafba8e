"""Colour arithmetic for legible text: WCAG contrast, colour difference, and
moving a colour's lightness until it reads on the backgrounds it is drawn on.

The story screen draws text in colours that come from the theme (muted text,
accents, matches) or from a fixed set of hues (speakers).  Themes do not
promise that these read well on their own surfaces (Textual's light theme
draws muted text at a contrast of 1.2), so every such colour goes through
`with_contrast` before it is used: its hue and saturation are kept, only the
lightness moves, as little as needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from textual.color import Color

#: WCAG 2 AA for normal text.
TEXT_CONTRAST = 4.5
#: Where white and black text have the same contrast: a background darker than
#: this takes lighter text, a lighter one darker text.
_CROSSOVER = 0.179

BLACK = Color(0, 0, 0)
WHITE = Color(255, 255, 255)


@lru_cache(maxsize=4096)
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


def least_contrast(colour: Color, backgrounds: Iterable[Color]) -> float:
    """The lowest contrast of `colour` against any of `backgrounds`."""
    return min(contrast_ratio(colour, background) for background in backgrounds)


def is_dark(backgrounds: Sequence[Color]) -> bool:
    """True when text on these backgrounds should be lighter than they are."""
    return sum(relative_luminance(b) for b in backgrounds) / len(backgrounds) < _CROSSOVER


def with_contrast(colour: Color, backgrounds: Sequence[Color], minimum: float = TEXT_CONTRAST) -> Color:
    """`colour`, made just light enough (dark backgrounds) or dark enough (light ones)
    to reach `minimum` contrast on every one of `backgrounds`; unchanged if it does.

    Only the HSL lightness moves (hue and saturation stay), found by bisection;
    when even white or black does not reach `minimum`, that extreme is returned.
    """
    if least_contrast(colour, backgrounds) >= minimum:
        return colour
    hue, saturation, lightness = colour.hsl
    low, high = (lightness, 1.0) if is_dark(backgrounds) else (lightness, 0.0)
    extreme = Color.from_hsl(hue, saturation, high)
    if least_contrast(extreme, backgrounds) < minimum:
        return extreme
    for _ in range(24):  # `high` always reaches `minimum`, `low` never does
        middle = (low + high) / 2
        if least_contrast(Color.from_hsl(hue, saturation, middle), backgrounds) >= minimum:
            high = middle
        else:
            low = middle
    return Color.from_hsl(hue, saturation, high)


@lru_cache(maxsize=4096)
def lab(colour: Color) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""

    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in colour.normalized)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def colour_difference(first: Color, second: Color) -> float:
    """CIE76 ΔE*ab: the distance of two colours in L*a*b*.  About 2.3 is the smallest
    difference people notice side by side; 20 and more reads as another colour."""
    (l1, a1, b1), (l2, a2, b2) = lab(first), lab(second)
    return ((l1 - l2) ** 2 + (a1 - a2) ** 2 + (b1 - b2) ** 2) ** 0.5


def opaque_background(background: Color, dark: bool) -> Color:
    """A concrete background to measure against: ANSI-default and transparent
    backgrounds (the ansi-* themes) are taken as black or white."""
    if background.ansi is not None or background.a < 1:
        return BLACK if dark else WHITE
    return background
