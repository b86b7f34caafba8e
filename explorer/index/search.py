"""Quote search: words and phrases in every quote, with filters that combine.

A search is a `QuoteFilter`; the explorer's search box and `quotes --search`
both build one.  In the box, filters are written as `field:value` among the
words (`patriot missiles speaker:trump kind:direct from:2025-06`); a value
with spaces goes in double quotes (`outlet:"Kyiv Independent"`).

Words go to SQLite's FTS5 index (unicode61 tokens, accents ignored): every
word must occur, a "quoted phrase" must occur as written, `-word` must not
occur, and results are ranked by BM25.  Without words, quotes come newest
story first, in article order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from explorer.index.cues import cue_lemma
from explorer.model import QUOTE_KINDS
from explorer.review import CHECKED_STATES, NOT_AN_ATTRIBUTION

#: Review states a filter accepts: the story format's three, "unchecked" (no
#: review yet), "checked" (confirmed or corrected, as the library counts them) and
#: "any" (every quote).  Without one, rejected quotes are left out, as the story
#: screen hides them and the library's counts leave them out.
REVIEW_FILTERS = ("confirmed", "corrected", "rejected", "unchecked", "checked", "any")
#: `explorer.review`'s rule in SQL, on quotes `q`: the quote is an attribution (not rejected)...
ATTRIBUTION_SQL = f"q.review IS NOT '{NOT_AN_ATTRIBUTION}'"
#: ... and it is checked (confirmed or corrected).
CHECKED_SQL = "q.review IN (" + ", ".join(f"'{state}'" for state in CHECKED_STATES) + ")"
#: `speaker:unknown` lists the quotes whose speaker is not known.
UNKNOWN_SPEAKER = "unknown"

_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\Z")  # a month 13 would match nothing, silently


class FilterError(ValueError):
    """A filter the search cannot use; the message says which and why."""


@dataclass(frozen=True)
class QuoteFilter:
    """Which quotes to list.  Text fields match a part, case ignored; `verb` is a
    cue lemma (any form is taken: "warned" means warn); dates compare as
    written (`until` "2024-05" takes all of May)."""

    words: str = ""
    speaker: str | None = None
    kind: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    review: str | None = None
    verb: str | None = None
    story: str | None = None

    @property
    def is_empty(self) -> bool:
        return self == QuoteFilter()


#: Box field names -> QuoteFilter fields ("from"/"to" read better than since/until).
FIELD_NAMES = {"speaker": "speaker", "kind": "kind", "outlet": "outlet", "from": "since", "to": "until",
               "review": "review", "verb": "verb", "story": "story"}


#: Filters whose value is a name, kept as typed ("speaker:Donald Trump").
_NAMES_AS_TYPED = frozenset({"speaker", "outlet", "story"})


def check_filter(found: QuoteFilter) -> QuoteFilter:
    """`found` with its values checked and normalised; `FilterError` for a bad one."""
    if found.kind is not None and found.kind not in QUOTE_KINDS:
        raise FilterError(f"kind:{found.kind}: a kind is one of {', '.join(QUOTE_KINDS)}")
    if found.review is not None and found.review not in REVIEW_FILTERS:
        raise FilterError(f"review:{found.review}: a review state is one of {', '.join(REVIEW_FILTERS)}")
    for name, value in (("from", found.since), ("to", found.until)):
        if value is not None and not _DATE.match(value):
            raise FilterError(f"{name}:{value}: a date is YYYY, YYYY-MM or YYYY-MM-DD")
    if found.verb is not None:
        found = replace(found, verb=cue_lemma(found.verb) or found.verb.casefold())
    return found


def tokens(text: str) -> list[tuple[str, bool]]:
    """The tokens of a search as typed: (text without its quote marks, whether it
    started with one).  A double quote opens a part that runs to the next one,
    spaces included (`outlet:"Kyiv Independent"` is one token); an unclosed
    quote runs to the end, as while it is being typed."""
    found: list[tuple[str, bool]] = []
    index, length = 0, len(text)
    while index < length:
        if text[index].isspace():
            index += 1
            continue
        quoted_start = text[index] == '"'
        parts = []
        while index < length and not text[index].isspace():
            if text[index] == '"':
                close = text.find('"', index + 1)
                close = length if close == -1 else close
                parts.append(text[index + 1:close])
                index = close + 1
            else:
                parts.append(text[index])
                index += 1
        found.append(("".join(parts), quoted_start))
    return found


def parse_query(text: str) -> QuoteFilter:
    """The filter the search box says: words, "phrases" and `field:value` filters."""
    words: list[str] = []
    values: dict[str, str] = {}
    for token, quoted in tokens(text):
        name, colon, value = token.partition(":")
        if colon and not quoted and name.casefold() in FIELD_NAMES:
            if value:
                field = FIELD_NAMES[name.casefold()]
                # names are kept as typed, for the filter line to echo them; every comparison casefolds
                values[field] = value if field in _NAMES_AS_TYPED else value.casefold()
            continue
        words.append(f'"{token}"' if quoted else token)
    return check_filter(QuoteFilter(" ".join(words), **values))


def describe_filter(found: QuoteFilter) -> str:
    """The filters (not the words) as the box writes them: `speaker:trump kind:direct`."""
    names = {field: name for name, field in FIELD_NAMES.items()}
    parts = []
    for item in fields(QuoteFilter):
        value = getattr(found, item.name)
        if item.name != "words" and value:
            parts.append(f"{names[item.name]}:{_quoted(value)}")
    return " ".join(parts)


def _quoted(value: str) -> str:
    return f'"{value}"' if any(ch.isspace() or ch in "\"'" for ch in value) else value


def fts_query(words: str, *, prefix_last: bool = False) -> str | None:
    """The FTS5 query for the words of a search (None when there are none).

    Each word is a quoted FTS5 string, so nothing typed is FTS5 syntax;
    "phrases" stay phrases; `-word` excludes.  `prefix_last` makes the last
    word a prefix (as you type "missi", "missiles" is found)."""
    found = tokens(words)
    wanted, unwanted = [], []
    for index, (token, quoted) in enumerate(found):
        exclude = token.startswith("-") and not quoted
        term = token[1:] if exclude else token
        if not any(ch.isalnum() for ch in term):
            continue  # punctuation alone is no FTS5 token
        string = '"' + term.replace('"', '""') + '"'
        if prefix_last and index == len(found) - 1 and not exclude and not quoted and not words[-1:].isspace():
            string += "*"
        (unwanted if exclude else wanted).append(string)
    if not wanted:
        return None
    return " NOT ".join([" AND ".join(wanted), *unwanted])


def where_clauses(found: QuoteFilter, casefold_name: str = "casefold") -> tuple[list[str], list[object]]:
    """SQL conditions (on quotes q, stories s, speakers p) and their parameters."""
    clauses: list[str] = []  # (a story that does not load has no quotes in the index)
    parameters: list[object] = []
    if found.speaker is not None:
        if found.speaker.casefold() == UNKNOWN_SPEAKER:
            clauses.append("q.speaker IS NULL")
        else:
            clauses.append("instr(p.names, ?) > 0")
            parameters.append(found.speaker.casefold())
    if found.kind is not None:
        clauses.append("q.kind = ?")
        parameters.append(found.kind)
    if found.outlet is not None:
        clauses.append(f"s.id IN (SELECT id FROM stories WHERE instr({casefold_name}(outlet), ?) > 0)")
        parameters.append(found.outlet.casefold())
    if found.story is not None:
        clauses.append(f"s.id IN (SELECT id FROM stories WHERE instr({casefold_name}(title), ?) > 0)")
        parameters.append(found.story.casefold())
    if found.since is not None:
        clauses.append("s.published >= ?")
        parameters.append(found.since)
    if found.until is not None:
        clauses.append("substr(s.published, 1, ?) <= ?")
        parameters.extend([len(found.until), found.until])
    if found.review is None:
        clauses.append(ATTRIBUTION_SQL)
    elif found.review == "unchecked":
        clauses.append("q.review IS NULL")
    elif found.review == "checked":
        clauses.append(CHECKED_SQL)
    elif found.review != "any":
        clauses.append("q.review = ?")
        parameters.append(found.review)
    if found.verb is not None:
        clauses.append("q.lemma = ?")
        parameters.append(found.verb)
    return clauses, parameters
