"""A quote of a story as the explorer's `y` copies it (`explorer.citing`).

Control characters are shown as visible stand-ins, as on the screen: pasted
into a terminal, an escape sequence could end a bracketed paste and run the
rest.
"""

from __future__ import annotations

from explorer.citing import citation as cited
from explorer.model import Quote, Story
from explorer.tui.safe_text import printable


def citation(story: Story, quote: Quote, paragraph: int) -> str:
    """`quote` of `story` with its speaker, the story's outlet and date, its paragraph
    (`paragraph`, 1-based) and the story's url."""
    speaker = story.speaker_name(quote)
    return cited(printable(quote.text), quote.kind, printable(speaker) if speaker else None,
                 *(printable(part) if part else None for part in (story.outlet, story.published)), paragraph,
                 printable(story.url) if story.url else None)
