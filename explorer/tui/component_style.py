"""A widget's component class as a `Style` to put in `Content` spans.

Textual's `Widget.get_visual_style(name, partial=True)` is meant for this,
but (Textual 8.2) it loses what matters here: it blends an opaque
background in by `1 - alpha`, that is not at all (the search matches'
`$warning` background never reached the screen), and it resolves an `auto`
colour against transparent black, so in a light theme muted text came out
near white.  `component_style` reads the component's rules as written and
leaves the blending to the rendering, which knows the real background.
"""

from __future__ import annotations

from textual.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    """The colour, background and text style that `widget`'s CSS gives component class `name`
    (only what the rules set: the rest comes from the line the span is drawn on)."""
    styles = widget.get_component_styles(name)
    flags = styles.text_style
    return Style(
        background=styles.background if styles.has_rule("background") else None,
        foreground=styles.color if styles.has_rule("color") else None,
        bold=flags.bold,
        dim=flags.dim,
        italic=flags.italic,
        underline=flags.underline,
        reverse=flags.reverse,
        strike=flags.strike,
    )
