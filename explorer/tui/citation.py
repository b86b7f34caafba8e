"""A quote as a journalist pastes it: the words, then who said them and where.

    “Yeah, we might,” — Donald Trump, Ukrainska Pravda, 2025-07-06, ¶ 8, https://…

Direct quotes are put in quotation marks; a mixed quote is the reporter's
clause, which holds its own marks, and stands as it is; reported speech is the
reporter's words, so it is not put in marks and is labelled "(reported)".
What the story does not give (outlet, date, url) is left out.  Control
characters are shown as visible stand-ins, as on the screen: pasted into a
terminal, an escape sequence could end a bracketed paste and run the rest.
"""

from __future__ import annotations

from explorer.model import Quote, Story
from explorer.tui.safe_text import printable
from explorer.tui.widgets.quote_list import quoted

UNKNOWN = "unknown speaker"


def citation(story: Story, quote: Quote, paragraph: int) -> str:
    """`quote` of `story` with its speaker, the story's outlet and date, its paragraph
    (`paragraph`, 1-based) and the story's url."""
    speaker = printable(story.speaker_name(quote) or UNKNOWN)
    if quote.kind == "reported":
        speaker += " (reported)"
    where = [speaker, *(printable(part) for part in (story.outlet, story.published) if part), f"¶ {paragraph}"]
    if story.url:
        where.append(printable(story.url))
    return f"{quoted(quote)} — {', '.join(where)}"
