"""Reading article text: title, paragraphs and the closing source list.

No spaCy here.  `read_article` finds the structure of a plain-text or
Markdown article while keeping every offset an offset into the input text:
paragraphs are `(start, end)` character spans of `Article.text`, so a parse
of the text and the brat files written from it agree with the input file.

What a paragraph shows in a story (`Article.paragraph_text`) may differ from
its span: line breaks inside a hard-wrapped paragraph become one space, and
Markdown markup (`**`, `[text](url)`, `#`) is left out.  `Article.locate`
maps a span of the input to offsets into that shown text.

The layouts read:

- paragraphs separated by blank lines (a block of hard-wrapped lines is one
  paragraph; lines of other lengths in one block are one paragraph each), or
  by single newlines when the text has no blank line between paragraphs;
- a first line that reads like a headline (short, one sentence, standing
  alone or without a final period) is the title, not a paragraph
  (`explorer.annotate.headline`);
- a closing "Sources:" list gives the listed sources
  (`explorer.annotate.source_list`);
- Markdown: YAML front matter (its `title:` is used), a first `#` heading as
  the title, emphasis, code, links, images, HTML tags, block quotes, list
  markers and rules are stripped (`explorer.annotate.markdown`).

This module holds what is left: the `Article`, the grouping of lines into
paragraphs and the text each paragraph shows.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from explorer.annotate.headline import derived_title, headline_lines, title_text
from explorer.annotate.markdown import front_matter, markdown_lines
from explorer.annotate.source_list import source_list
from explorer.annotate.text_lines import Line, Span, plain_lines

#: A line longer than this (characters) is not hard-wrapped; a shorter one
#: is, if it is also at least `_WRAPPED_MIN` long.
_WRAPPED_MAX = 100
_WRAPPED_MIN = 40
UNTITLED = "Untitled article"

_LINE_BREAK_CHARACTER = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _breaking_spaces(piece: str) -> list[tuple[int, int]]:
    """The runs of whitespace in `piece` that hold a line break, in order.

    Found from each line break outwards, not by a pattern that starts with
    the spaces before it: that one tries every start inside a long run of
    spaces (quadratic in its length: 40 KB of spaces took 23 s).
    """
    runs: list[tuple[int, int]] = []
    for match in _LINE_BREAK_CHARACTER.finditer(piece):
        if runs and match.start() < runs[-1][1]:
            continue  # inside the run found from an earlier break
        start, end = match.start(), match.end()
        floor = runs[-1][1] if runs else 0
        while start > floor and piece[start - 1].isspace():
            start -= 1
        while end < len(piece) and piece[end].isspace():
            end += 1
        runs.append((start, end))
    return runs


@dataclass
class _Shown:
    """How a paragraph is shown: its text and, unless it is the input span
    unchanged, the input offset of every character of it."""

    text: str
    start: int
    origin: list[int] | None = None

    def offset(self, position: int) -> int:
        """The shown-text offset for input offset `position` (the number of
        shown characters that come from before it)."""
        if self.origin is None:
            return min(max(position - self.start, 0), len(self.text))
        return bisect_left(self.origin, position)


@dataclass
class Article:
    """An article read from text: see the module docstring for the layouts.

    `text` is the input as is; `paragraphs`, `title_span` are spans of it.
    `analysis_text` has the same length as `text` with Markdown markup
    blanked out and long runs of punctuation split (`split_long_runs`):
    parse that one, and offsets stay offsets into `text`.
    """

    text: str
    title: str
    paragraphs: list[Span] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    #: Listed source name -> the URL its item gave.
    source_urls: dict[str, str] = field(default_factory=dict)
    #: Where the title stands in the text (None when derived or given).
    title_span: Span | None = None
    analysis_text: str = ""
    _shown: list[_Shown] = field(default_factory=list, repr=False, compare=False)

    def paragraph_text(self, index: int) -> str:
        """Paragraph `index` (0-based) as a story shows it."""
        return self._shown[index].text

    def paragraph_at(self, position: int) -> int | None:
        """The index of the paragraph holding input offset `position`, if any."""
        index = bisect_left(self.paragraphs, position + 1, key=lambda span: span[0]) - 1
        if index >= 0 and position < self.paragraphs[index][1]:
            return index
        return None

    def locate(self, span: Span) -> tuple[int, int, int] | None:
        """`(paragraph index, start, end)`: input span `span` as offsets into
        the shown text of the paragraph that holds its start (else the first
        paragraph it overlaps), clipped to that paragraph and trimmed of
        surrounding whitespace.  None when it is in no paragraph or holds
        nothing but whitespace there."""
        start, end = span
        index = self.paragraph_at(start)
        if index is None:
            index = next((i for i, (s, e) in enumerate(self.paragraphs) if s < end and start < e), None)
            if index is None:
                return None
        shown = self._shown[index]
        first, last = shown.offset(start), shown.offset(end)
        while first < last and shown.text[first].isspace():
            first += 1
        while last > first and shown.text[last - 1].isspace():
            last -= 1
        return (index, first, last) if first < last else None

    def shown(self, span: Span) -> str:
        """The text of an input span as a story shows it (for cues and
        mentions): from its paragraph when it is in one, else the input text
        with its whitespace collapsed."""
        place = self.locate(span)
        if place is not None and self.paragraph_at(span[0]) is not None:
            index, first, last = place
            return self._shown[index].text[first:last]
        return " ".join(self.text[span[0]:span[1]].split())



def read_article(text: str, title: str | None = None, *, markdown: bool = False) -> Article:
    """Read an article's structure from `text`: title, paragraphs, listed sources.

    `title`, when given, replaces the title found or derived from the text
    (a headline line is still not a paragraph).  `markdown` reads the text
    as Markdown.
    """
    removed = bytearray(len(text))  # 1 where Markdown markup is left out
    front_title = None
    if markdown:
        front_title, body_start = front_matter(text, removed)
        lines = markdown_lines(text, removed, body_start)
    else:
        lines = plain_lines(text)

    headline = [] if front_title else headline_lines(lines, markdown)
    body_lines = lines
    if headline:
        last = headline[-1]
        body_lines = [line for line in lines if line.start > last.start]
    sources, urls, body_lines = source_list(body_lines, text)
    groups = _paragraph_groups(body_lines)

    shown = [_show(text, group[0].start, group[-1].end, removed) for group in groups]
    article = Article(
        text=text,
        title="",
        paragraphs=[(group[0].start, group[-1].end) for group in groups],
        sources=sources,
        source_urls=urls,
        analysis_text=split_long_runs(_blank_out(text, removed) if markdown else text),
        _shown=shown,
    )
    if headline:
        article.title_span = (headline[0].start, headline[-1].end)
        found = title_text(" ".join(line.clean for line in headline))
    elif front_title:
        found = front_title
    else:
        found = derived_title(shown[0].text) if shown else ""
    chosen = " ".join((title if title is not None and title.strip() else found).split())
    article.title = chosen or UNTITLED
    return article



# --- paragraphs -------------------------------------------------------------------


def _paragraph_groups(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into paragraphs (see the module docstring)."""
    content = [line for line in lines if not line.blank]
    if not content:
        return []
    first, last = lines.index(content[0]), lines.index(content[-1])
    blank_separated = any(line.blank for line in lines[first:last])
    groups: list[list[Line]] = []
    previous: Line | None = None
    for line in lines[first:last + 1]:
        if line.blank:
            previous = None
            continue
        joins = (
            blank_separated
            and previous is not None
            and not (previous.heading or line.heading or line.item)
            and _WRAPPED_MIN <= len(previous.clean) <= _WRAPPED_MAX
        )
        if joins:
            groups[-1].append(line)
        else:
            groups.append([line])
        previous = line
    return groups


def _show(text: str, start: int, end: int, removed: bytearray) -> _Shown:
    """A paragraph's shown text: markup left out, line breaks made one space."""
    piece = text[start:end]
    breaks = _breaking_spaces(piece)
    if not any(removed[start:end]) and not breaks:
        return _Shown(piece, start)
    chars: list[str] = []
    origin: list[int] = []
    position = start
    for run_start, run_end in breaks:
        _keep(text, position, start + run_start, removed, chars, origin)
        chars.append(" ")
        origin.append(start + run_start)
        position = start + run_end
    _keep(text, position, end, removed, chars, origin)
    # Markup left out between spaces leaves two spaces: keep the first.
    shown: list[str] = []
    kept: list[int] = []
    for ch, place in zip(chars, origin):
        if ch == " " and shown and shown[-1] == " " and any(removed[kept[-1] + 1:place]):
            continue
        shown.append(ch)
        kept.append(place)
    return _Shown("".join(shown), start, kept)


def _keep(text: str, start: int, end: int, removed: bytearray, chars: list[str], origin: list[int]) -> None:
    for position in range(start, end):
        if not removed[position]:
            chars.append(text[position])
            origin.append(position)


#: A run of more characters than this that are neither letters, digits nor
#: spaces ('"' * 8000, emoji, "!?!?...") is split for the tokenizer.
LONG_RUN = 32
_LONG_RUN = re.compile(r"[^\w\s]{%d,}" % (LONG_RUN + 1))


def split_long_runs(text: str) -> str:
    """`text` with every other character of a long run of punctuation or
    symbols made a space: spaCy's tokenizer peels such a run one character at
    a time from each end, which costs the square of its length (8,000 quote
    marks in a row took 7 s, 200 KB over 5 minutes).  The text keeps its
    length, so offsets stay offsets into the input; nothing in such a run is
    a quote anyone said."""
    if not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(lambda run: "".join(ch if n % 2 == 0 else " " for n, ch in enumerate(run.group())), text)


def _blank_out(text: str, removed: bytearray) -> str:
    """`text` with the removed characters (except line breaks) made spaces."""
    if not any(removed):
        return text
    return "".join(" " if flag and ch not in "\r\n" else ch for ch, flag in zip(text, removed))
