"""The title of an article: a headline line at the top, else one derived
from the first sentence.

With blank lines between paragraphs, a headline stands alone (short, one
sentence, not ending like one or in title case, or very short); a headline
ending in ";" takes the short line under it too (a deck, as USA Today's
"Headline; Deck." in PolNeAR).  Without blank lines it is one short sentence
that does not end like one or is in title case.
"""

from __future__ import annotations

import re

from explorer.annotate.source_list import SOURCES_HEADER
from explorer.annotate.text_lines import Line

#: A headline or a source list item has at most this many words.
_HEADLINE_WORDS = 25
_HEADLINE_CHARS = 200
#: A line standing alone at the top this short is a headline even if it ends
#: with a period (PolNeAR's headlines all do; a lede is rarely this short).
_SHORT_HEADLINE_WORDS = 15
#: A title derived from the first sentence is cut to this many characters.
_DERIVED_TITLE_CHARS = 100

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
#: A sentence ends at . ! or ? (after any closing marks), then space, then a
#: capital, a digit or an opening mark.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
#: The characters of the word before a sentence end (found scanning back from it).
_WORD_CHARACTERS = re.compile(r"[\w.’'-]")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr rev hon pres vs etc inc corp co ltd "
    "no jan feb mar apr jun jul aug sep sept oct nov dec ariz calif colo conn fla ill ind kan mass mich minn "
    "miss neb nev okla ore pa tenn tex va wash wis wyo".split()
)


def headline_lines(lines: list[Line], markdown: bool) -> list[Line]:
    """The lines that make the headline (none when the text has no headline).

    With blank lines between paragraphs, a headline stands alone: a short
    line (with its deck after a ";") with a blank line under it, that does
    not end like a sentence, is in title case, or is very short.  Without
    blank lines, it is one short sentence that does not end like one or is
    in title case.
    """
    content = [(i, line) for i, line in enumerate(lines) if not line.blank]
    if len(content) < 2:
        return []
    index, first = content[0]
    if markdown and first.heading:
        return [first]
    if not _short(first.clean) or SOURCES_HEADER.match(first.clean):
        return []
    headline = [first]
    below = lines[index + 1]
    if first.clean.endswith(";") and not below.blank and _short(below.clean):
        headline.append(below)
        if len(content) < 3:
            return []
        below = lines[index + 2] if index + 2 < len(lines) else below
    blank_separated = any(line.blank for line in lines[index:content[-1][0]])
    reads_as_headline = not _ends_sentence(headline[-1].clean) or _title_case(first.clean)
    if blank_separated:
        stands_alone = below.blank
        return headline if stands_alone and (reads_as_headline or len(first.clean.split()) <= _SHORT_HEADLINE_WORDS) else []
    return headline if reads_as_headline and not _sentence_breaks(first.clean) else []


def _short(line: str) -> bool:
    return len(line) <= _HEADLINE_CHARS and len(line.split()) <= _HEADLINE_WORDS


def _ends_sentence(line: str) -> bool:
    return line.rstrip("\"”’')]").endswith((".", "!", "?"))


def _title_case(line: str) -> bool:
    """Most words of four letters or more start with a capital."""
    long_words = [word for word in _WORD.findall(line) if len(word) >= 4]
    return bool(long_words) and sum(word[0].isupper() for word in long_words) >= 0.7 * len(long_words)


def _sentence_breaks(text: str) -> list[int]:
    """Offsets where a sentence ends inside `text` (abbreviations skipped)."""
    breaks = []
    for match in _SENTENCE_END.finditer(text):
        # The word is found scanning back from the end mark, not by the
        # pattern: a pattern that starts with the word tries every start
        # inside a long word (quadratic in its length).
        start = match.start()
        while start > 0 and _WORD_CHARACTERS.match(text[start - 1]):
            start -= 1
        word = text[start:match.start()]
        if word.lower().rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:\w\.)*\w", word):
            continue  # Mr. / U.S. / N.H. - not a sentence end
        breaks.append(match.end())
    return breaks


def title_text(headline: str) -> str:
    """A headline as a title: its final period (not an initial's) and ";" dropped."""
    title = " ".join(headline.split()).rstrip(";:, ")
    if title.endswith(".") and not re.search(r"(?:^|\W)(?:\w\.)+$", title):
        title = title[:-1].rstrip()
    return re.sub(r"(?<=\w)\.(?=[\"”’']+$)", "", title)  # ... 'of Islam.' -> 'of Islam'


def derived_title(first_paragraph: str) -> str:
    """A short title from the first sentence of the first paragraph."""
    breaks = _sentence_breaks(first_paragraph)
    sentence = first_paragraph[: breaks[0]] if breaks else first_paragraph
    sentence = " ".join(sentence.split())
    if len(sentence) > _DERIVED_TITLE_CHARS:
        cut = sentence[:_DERIVED_TITLE_CHARS].rsplit(" ", 1)[0] or sentence[:_DERIVED_TITLE_CHARS]
        return cut.rstrip(",;:—–- ") + "…"
    return title_text(sentence)
