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
  alone or without a final period) is the title, not a paragraph; a
  headline ending in ";" takes the short line under it too (a deck, as USA
  Today's "Headline; Deck." in PolNeAR);
- a closing "Sources:" line followed only by short lines (with or without
  "-", "•", "*" or numbers), or "Sources: A; B" on one line, gives the
  listed sources; an item's URL, if any, is kept apart from its name;
- Markdown: YAML front matter (its `title:` is used), a first `#` heading as
  the title, emphasis, code, links, images, HTML tags, block quotes, list
  markers and rules are stripped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

Span = tuple[int, int]

#: A line longer than this (characters) is not hard-wrapped; a shorter one
#: is, if it is also at least `_WRAPPED_MIN` long.
_WRAPPED_MAX = 100
_WRAPPED_MIN = 40
#: A headline or a source list item has at most this many words.
_HEADLINE_WORDS = 25
_HEADLINE_CHARS = 200
#: A line standing alone at the top this short is a headline even if it ends
#: with a period (PolNeAR's headlines all do; a lede is rarely this short).
_SHORT_HEADLINE_WORDS = 15
_ITEM_WORDS = 12
#: A title derived from the first sentence is cut to this many characters.
_DERIVED_TITLE_CHARS = 100
UNTITLED = "Untitled article"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BREAKING_SPACE = re.compile(r"\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]\s*")
_BULLET = re.compile(r"^(?:[-•*+–—·▪◦‣]|\d{1,3}[.)])(?:\s+|(?=\S))")
_TXT_BULLET = re.compile(r"^[-•*+–—·▪◦‣]\s")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
_SOURCES_HEADER = re.compile(r"^(?:sources?|references)(?:\s*:\s*(?P<rest>.*)|\s*)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
#: A sentence ends at . ! or ? (after any closing marks), then space, then a
#: capital, a digit or an opening mark.
_SENTENCE_END = re.compile(r"(?P<word>[\w.’'-]*)[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr rev hon pres vs etc inc corp co ltd "
    "no jan feb mar apr jun jul aug sep sept oct nov dec ariz calif colo conn fla ill ind kan mass mich minn "
    "miss neb nev okla ore pa tenn tex va wash wis wyo".split()
)


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
    blanked out: parse that one, and offsets stay offsets into `text`.
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


@dataclass
class _Line:
    """One input line: its stripped span and its text with markup left out."""

    start: int
    end: int
    clean: str
    heading: bool = False
    item: bool = False

    @property
    def blank(self) -> bool:
        return not self.clean


def read_article(text: str, title: str | None = None, *, markdown: bool = False) -> Article:
    """Read an article's structure from `text`: title, paragraphs, listed sources.

    `title`, when given, replaces the title found or derived from the text
    (a headline line is still not a paragraph).  `markdown` reads the text
    as Markdown.
    """
    removed = bytearray(len(text))  # 1 where Markdown markup is left out
    front_title = None
    if markdown:
        front_title, body_start = _front_matter(text, removed)
        lines = _markdown_lines(text, removed, body_start)
    else:
        lines = _plain_lines(text)

    headline = [] if front_title else _headline(lines, markdown)
    body_lines = lines
    if headline:
        last = headline[-1]
        body_lines = [line for line in lines if line.start > last.start]
    sources, urls, body_lines = _source_list(body_lines, text)
    groups = _paragraph_groups(body_lines)

    shown = [_show(text, group[0].start, group[-1].end, removed) for group in groups]
    article = Article(
        text=text,
        title="",
        paragraphs=[(group[0].start, group[-1].end) for group in groups],
        sources=sources,
        source_urls=urls,
        analysis_text=_blank_out(text, removed) if markdown else text,
        _shown=shown,
    )
    if headline:
        article.title_span = (headline[0].start, headline[-1].end)
        found = _title_text(" ".join(line.clean for line in headline))
    elif front_title:
        found = front_title
    else:
        found = _derived_title(shown[0].text) if shown else ""
    chosen = " ".join((title if title is not None and title.strip() else found).split())
    article.title = chosen or UNTITLED
    return article


# --- lines ----------------------------------------------------------------------


def _line_spans(text: str) -> list[Span]:
    spans, position = [], 0
    for match in _LINE_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def _stripped(text: str, start: int, end: int) -> Span:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + len(piece.rstrip()) if piece.strip() else start + lead


def _plain_lines(text: str) -> list[_Line]:
    lines = []
    for start, end in _line_spans(text):
        start, end = _stripped(text, start, end)
        clean = text[start:end]
        lines.append(_Line(start, end, clean, item=bool(_TXT_BULLET.match(clean))))
    return lines


# Markdown: each rule gives the groups of a match that are markup (left out).
_MD_QUOTE_PREFIX = re.compile(r"^(?P<m>[ \t]{0,3}(?:>[ \t]?)+)")  # block quote
_MD_INLINE_RULES = (
    re.compile(r"(?P<m><!--.*?-->)"),
    re.compile(r"(?P<m>!?\[)[^\]\n]*(?P<n>\]\([^)\n]*\))"),  # link or image: keep the text
    re.compile(r"(?P<m>\[)[^\]\n]+(?P<n>\]\[[^\]\n]*\])"),  # reference link
    re.compile(r"(?P<m><)(?:https?://|mailto:)[^>\s]+(?P<n>>)"),  # autolink: keep the address
    re.compile(r"(?P<m></?[A-Za-z][^>\n]*>)"),  # HTML tag
    re.compile(r"(?P<m>`+)[^`\n]+?(?P<n>(?P=m))"),  # code span
    re.compile(r"(?P<m>\*\*|__|~~)(?=[^\s\x00])[^\n]*?(?<=[^\s\x00])(?P<n>(?P=m))"),
    re.compile(r"(?<![\w*\\])(?P<m>\*)(?=[^\s*\x00])[^\n]*?(?<=[^\s*\\\x00])(?P<n>\*)(?![\w*])"),
    re.compile(r"(?<![\w\\])(?P<m>_)(?=[^\s_\x00])[^\n]*?(?<=[^\s_\\\x00])(?P<n>_)(?!\w)"),
    re.compile(r"(?P<m>\\)[!-/:-@\[-`{-~]"),  # backslash escape
)
_MD_HEADING = re.compile(r"^[ \t]{0,3}(?P<m>#{1,6})(?:[ \t]+|$)")
_MD_HEADING_CLOSE = re.compile(r"(?P<m>[ \t]+#+)[ \t]*$")
_MD_ITEM = re.compile(r"^[ \t]*(?P<m>[-*+]|\d{1,9}[.)])[ \t]+")
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_MD_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_MD_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)")
_MD_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+")


def _markdown_lines(text: str, removed: bytearray, body_start: int = 0) -> list[_Line]:
    """Lines of Markdown (those before `body_start` blank) with their markup marked in `removed`."""
    lines: list[_Line] = []
    for start, end in _line_spans(text):
        raw = text[start:end]
        if start < body_start:  # front matter
            lines.append(_Line(start, start, ""))
            continue
        if _MD_FENCE.match(raw) or _MD_LINK_DEFINITION.match(raw) or (_MD_RULE.match(raw) and not _underlines(lines)):
            removed[start:end] = b"\x01" * (end - start)
            lines.append(_Line(start, start, ""))
            continue
        if _MD_SETEXT.match(raw) and _underlines(lines):
            removed[start:end] = b"\x01" * (end - start)
            lines[-1].heading = True
            lines.append(_Line(start, start, ""))
            continue
        work = list(raw)

        def drop(a: int, b: int) -> None:
            removed[start + a:start + b] = b"\x01" * (b - a)
            work[a:b] = "\x00" * (b - a)

        heading = item = False
        if match := _MD_QUOTE_PREFIX.match(raw):
            drop(*match.span("m"))
        if match := _MD_HEADING.match("".join(work).replace("\x00", " ")):
            heading = True
            drop(*match.span("m"))
            if close := _MD_HEADING_CLOSE.search(raw):
                drop(*close.span("m"))
        elif match := _MD_ITEM.match("".join(work).replace("\x00", " ")):
            item = True
            drop(*match.span("m"))
        for rule in _MD_INLINE_RULES:
            for match in list(rule.finditer("".join(work))):
                for group in ("m", "n"):
                    if group in rule.groupindex and match.start(group) >= 0:
                        drop(*match.span(group))
        clean = " ".join("".join(ch for ch in work if ch != "\x00").split())
        first = next((i for i, ch in enumerate(work) if ch != "\x00" and not ch.isspace()), None)
        if first is None:
            lines.append(_Line(start, start, "", heading=heading))
            continue
        last = max(i for i, ch in enumerate(work) if ch != "\x00" and not ch.isspace()) + 1
        lines.append(_Line(start + first, start + last, clean, heading=heading, item=item))
    return lines


def _underlines(lines: list[_Line]) -> bool:
    """True when a setext underline here would underline the line before."""
    return bool(lines) and not lines[-1].blank and not lines[-1].heading


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)(?:\r?\n|\r)(?:---|\.\.\.)[ \t]*(?=\r?\n|\r|\Z)", re.DOTALL)


def _front_matter(text: str, removed: bytearray) -> tuple[str | None, int]:
    """YAML front matter (`---` ... `---`), marked as left out: its `title:`
    if any, and where the text after it starts (0 without front matter)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, 0
    removed[: match.end()] = b"\x01" * match.end()
    for line in match.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == "title" and value.strip().strip("\"'"):
            return " ".join(value.strip().strip("\"'").split()), match.end()
    return None, match.end()


# --- title ------------------------------------------------------------------------


def _headline(lines: list[_Line], markdown: bool) -> list[_Line]:
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
    if not _short(first.clean) or _SOURCES_HEADER.match(first.clean):
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
        word = match.group("word")
        if word.lower().rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:\w\.)*\w", word):
            continue  # Mr. / U.S. / N.H. - not a sentence end
        breaks.append(match.end())
    return breaks


def _title_text(headline: str) -> str:
    """A headline as a title: its final period (not an initial's) and ";" dropped."""
    title = " ".join(headline.split()).rstrip(";:, ")
    if title.endswith(".") and not re.search(r"(?:^|\W)(?:\w\.)+$", title):
        title = title[:-1].rstrip()
    return re.sub(r"(?<=\w)\.(?=[\"”’']+$)", "", title)  # ... 'of Islam.' -> 'of Islam'


def _derived_title(first_paragraph: str) -> str:
    """A short title from the first sentence of the first paragraph."""
    breaks = _sentence_breaks(first_paragraph)
    sentence = first_paragraph[: breaks[0]] if breaks else first_paragraph
    sentence = " ".join(sentence.split())
    if len(sentence) > _DERIVED_TITLE_CHARS:
        cut = sentence[:_DERIVED_TITLE_CHARS].rsplit(" ", 1)[0] or sentence[:_DERIVED_TITLE_CHARS]
        return cut.rstrip(",;:—–- ") + "…"
    return _title_text(sentence)


# --- sources ----------------------------------------------------------------------


def _source_list(lines: list[_Line], text: str) -> tuple[list[str], dict[str, str], list[_Line]]:
    """The closing source list: (names, name -> URL, the lines before it)."""
    for index in range(len(lines) - 1, -1, -1):
        header = lines[index]
        clean_match = _SOURCES_HEADER.match(header.clean.strip("*_ "))
        if not clean_match:
            continue
        after = [line for line in lines[index + 1:] if not line.blank]
        # The items are read from the raw line, so that a link keeps its URL.
        match = _SOURCES_HEADER.match(_whole_line(text, header).strip("*_#> ")) or clean_match
        inline = (match.group("rest") or "").strip("*_ ")
        if inline and after:
            return [], {}, lines
        raw_items = [_whole_line(text, line) for line in after]
        if inline:
            raw_items = [part for part in re.split(r"\s*;\s*", inline) if part]
            if len(raw_items) == 1 and not _URL.search(inline):
                raw_items = [part for part in re.split(r"\s*,\s*", inline) if part]
        items = [_source_item(raw) for raw in raw_items]
        if not items or any(not name or len(name.split()) > _ITEM_WORDS for name, _ in items):
            return [], {}, lines
        names: list[str] = []
        urls: dict[str, str] = {}
        for name, url in items:
            if name not in names:
                names.append(name)
            if url:
                urls.setdefault(name, url)
        return names, urls, lines[:index]
    return [], {}, lines


def _whole_line(text: str, line: _Line) -> str:
    """The input line holding `line`, Markdown and all."""
    start = max(text.rfind("\n", 0, line.start), text.rfind("\r", 0, line.start)) + 1
    end = _LINE_BREAK.search(text, line.end)
    return text[start:end.start() if end else len(text)].strip()


def _source_item(raw: str) -> tuple[str, str | None]:
    """One source list item: its name and URL, bullets and Markdown dropped."""
    url_match = _URL.search(raw)
    url = url_match.group().rstrip(".,;") if url_match else None
    plain = re.sub(r"\]\([^)]*\)", "", raw)  # [name](url) -> [name
    plain = re.sub(r"\(\s*\)|<\s*>", "", _URL.sub("", plain))
    plain = _BULLET.sub("", plain.strip())
    plain = re.sub(r"[\[\]*`]|(?<!\w)_|_(?!\w)", "", plain)
    name = " ".join(plain.split()).strip(" -–—:|,;.")
    if not name and url:
        name = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE).split("/")[0]
    return name, url


# --- paragraphs -------------------------------------------------------------------


def _paragraph_groups(lines: list[_Line]) -> list[list[_Line]]:
    """Lines grouped into paragraphs (see the module docstring)."""
    content = [line for line in lines if not line.blank]
    if not content:
        return []
    first, last = lines.index(content[0]), lines.index(content[-1])
    blank_separated = any(line.blank for line in lines[first:last])
    groups: list[list[_Line]] = []
    previous: _Line | None = None
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
    if not any(removed[start:end]) and not _BREAKING_SPACE.search(piece):
        return _Shown(piece, start)
    chars: list[str] = []
    origin: list[int] = []
    position = start
    for match in _BREAKING_SPACE.finditer(piece):
        _keep(text, position, start + match.start(), removed, chars, origin)
        chars.append(" ")
        origin.append(start + match.start())
        position = start + match.end()
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


def _blank_out(text: str, removed: bytearray) -> str:
    """`text` with the removed characters (except line breaks) made spaces."""
    if not any(removed):
        return text
    return "".join(" " if flag and ch not in "\r\n" else ch for ch, flag in zip(text, removed))
