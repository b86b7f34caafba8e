"""The explorer's own theme variables: the theme's colours, made readable where they are drawn.

Textual's themes do not promise legible secondary colours: muted text in
the light theme measures 1.2:1 on its surface, the accent 3:1, a search match
keeps no background at all.  `readable_variables` derives, for the current
theme, colour variables that the explorer's CSS uses instead
(`$readable-muted`, `$match-background`, ...): each starts from the theme's
own colour and is moved in lightness only as far as it takes to reach
WCAG's 4.5:1 for text on every background the explorer draws it on.

ANSI themes draw with the terminal's own palette, which cannot be measured:
there the variables are the theme's colours as they are.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import Color, ColorParseError
from textual.theme import Theme

from explorer.tui.contrast import TEXT_CONTRAST, colour_difference, contrast_ratio, is_dark, with_contrast

#: The neutral backgrounds the panes draw text on: the screen (under the tabs), the
#: panes, the cursor line of the article (boost, over the surface) and a list row
#: under the mouse.  (The status line, on the panel, has its own.)
NEUTRAL = ("background", "surface", "boost", "block-hover-background")

#: variable: (the theme variable it comes from, the backgrounds it must read on).
READABLE: dict[str, tuple[str, tuple[str, ...]]] = {
    "readable-foreground": ("foreground", NEUTRAL),
    "readable-on-panel": ("foreground", ("panel",)),
    "readable-muted": ("text-muted", NEUTRAL),
    "readable-dimmed": ("text-disabled", NEUTRAL),
    "readable-accent": ("text-accent", NEUTRAL),
    "readable-secondary": ("text-secondary", NEUTRAL),
    "readable-warning": ("text-warning", NEUTRAL),
    "readable-footer-key": ("footer-key-foreground", ("footer-background",)),
    "readable-footer-description": ("footer-description-foreground", ("footer-background",)),
}
#: How far (CIE76 ΔE) a match's background stands from the line it is on, at least:
#: the other matches and the current one.
MATCH_DIFFERENCE = 20.0
CURRENT_MATCH_DIFFERENCE = 40.0
#: The current match's background against the line (WCAG's 3:1 for what is not text).
CURRENT_MATCH_CONTRAST = 3.0

#: In an ANSI theme the match variables are the theme's own colours (the others: `READABLE`'s sources).
_ANSI_MATCHES = {
    "match-background": "warning-muted",
    "match-foreground": "foreground",
    "current-match-background": "warning",
    "current-match-foreground": "background",
}


def theme_colour(value: str, on: Color) -> Color | None:
    """The opaque colour a CSS colour value (`#1E1E1E`, `#FFFFFF0A`, `auto 60%`,
    `#0178D4 30%`) shows drawn over `on`; None for ANSI and unparsable values."""
    name, _, percent = value.strip().partition(" ")
    alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
    if name == "auto":
        return on + on.get_contrast_text(alpha)
    try:
        colour = Color.parse(name)
    except ColorParseError:
        return None
    if colour.ansi is not None:
        return None
    return on + colour.multiply_alpha(alpha)


def theme_backgrounds(variables: Mapping[str, str], names: tuple[str, ...]) -> list[Color] | None:
    """The opaque backgrounds `names` stand for: each over the surface, the surface over the background."""
    base = theme_colour(variables["background"], Color(0, 0, 0))
    if base is None:
        return None
    surface = theme_colour(variables["surface"], base)
    if surface is None:
        return None
    found = []
    for name in names:
        colour = theme_colour(variables[name], base if name in ("background", "surface") else surface)
        if colour is None:
            return None
        found.append(colour)
    return found


def _away_from(colour: Color, backgrounds: list[Color], difference: float, contrast: float = 1.0) -> Color:
    """`colour` moved in lightness, away from the backgrounds, only as far as it takes to
    stand `difference` (ΔE) and `contrast` from each of them (found by bisection)."""

    def stands_out(candidate: Color) -> bool:
        return all(colour_difference(candidate, b) >= difference and contrast_ratio(candidate, b) >= contrast
                   for b in backgrounds)

    if stands_out(colour):
        return colour
    hue, saturation, lightness = colour.hsl
    near, far = lightness, (1.0 if is_dark(backgrounds) else 0.0)
    if not stands_out(Color.from_hsl(hue, saturation, far)):
        return Color.from_hsl(hue, saturation, far)
    for _ in range(20):  # `far` stands out, `near` does not
        middle = (near + far) / 2
        if stands_out(Color.from_hsl(hue, saturation, middle)):
            far = middle
        else:
            near = middle
    return Color.from_hsl(hue, saturation, far)


def readable_variables(theme: Theme) -> dict[str, str]:
    """The explorer's colour variables for `theme` (see the module docstring)."""
    variables = theme.to_color_system().generate()
    neutral = theme_backgrounds(variables, NEUTRAL)
    if neutral is None:  # an ANSI theme: the terminal's palette decides
        sources = {name: source for name, (source, _) in READABLE.items()} | _ANSI_MATCHES
        return {name: variables[source] for name, source in sources.items()}
    found: dict[str, str] = {}
    for name, (source, on) in READABLE.items():
        backgrounds = theme_backgrounds(variables, on) or neutral
        colour = theme_colour(variables[source], backgrounds[0]) or theme_colour(variables["foreground"],
                                                                                 backgrounds[0])
        found[name] = with_contrast(colour, backgrounds).hex if colour else variables[source]
    surface = neutral[1]
    foreground = theme_colour(variables["foreground"], surface) or surface.get_contrast_text(1.0)
    warning = theme_colour(variables["warning"], surface) or foreground
    muted = theme_colour(variables["warning-muted"], surface) or warning
    match = _away_from(muted, neutral, MATCH_DIFFERENCE)
    current = _away_from(warning, neutral, CURRENT_MATCH_DIFFERENCE, CURRENT_MATCH_CONTRAST)
    found["match-background"] = match.hex
    found["match-foreground"] = with_contrast(foreground, [match]).hex
    found["current-match-background"] = current.hex
    found["current-match-foreground"] = with_contrast(surface, [current], TEXT_CONTRAST).hex
    return found
