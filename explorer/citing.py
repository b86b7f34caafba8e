"""A quote as a journalist cites it: the words, then who said them and where.

    “Yeah, we might,” — Donald Trump, Ukrainska Pravda, 2025-07-06, ¶ 8, https://…

Direct quotes are put in quotation marks; a mixed quote is the reporter's
clause, which holds its own marks, and stands as it is; reported speech is the
reporter's words, so it is not put in marks and its speaker is labelled
"(reported)".  What is not known (outlet, date, url) is left out.  One rule for
the explorer's `y` and the Markdown export, so a pasted quote reads the same
from either.
"""

from __future__ import annotations

UNKNOWN_SPEAKER = "unknown speaker"


def cited_words(text: str, kind: str) -> str:
    """The quote's words as cited: a direct quote inside quotation marks, the others as they stand."""
    return f"“{text}”" if kind == "direct" else text


def citation(text: str, kind: str, speaker: str | None, outlet: str | None, published: str | None,
             paragraph: object, url: str | None = None) -> str:
    """“…” — Speaker, Outlet, date, ¶ n, url (see the module docstring)."""
    who = (speaker or UNKNOWN_SPEAKER) + (" (reported)" if kind == "reported" else "")
    where = [who, *(part for part in (outlet, published) if part), f"¶ {paragraph}", *([url] if url else [])]
    return f"{cited_words(text, kind)} — {', '.join(where)}"
