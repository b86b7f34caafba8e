"""Inputs built to be slow cost work linear in their size (issue: time must be
bounded by the size of the input).

No clock here: the work is counted.  For each shape of shapes.py, the
Python-level operations (lines run and calls made, C calls included) of
reading the article at twice the size are at most about twice those at the
size; the tokenizer never sees a run of punctuation longer than LONG_RUN;
the paragraph-sentence component writes its sentence starts in one array;
and the Markdown scanner, rewritten to pair markers in one pass, finds what
the regular expressions it replaced found (those tried every start inside
a long line: 60 KB of `*a ` took 24 s).  The times themselves are in
tests/bench/bench_shapes.py.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.annotate.article import LONG_RUN, read_article
from explorer.annotate.markdown_inline import inline_markup
from explorer.annotate.pipeline import sentence_starts_after_line_breaks
from tests.annotate.shapes import SHAPES

SIZE = 3_000
GROWTH = 2.3


def operations(work) -> int:
    """How many Python lines and calls (C calls too) `work()` runs."""
    count = 0

    def trace(frame, event, arg):  # noqa: ANN001, ANN202
        nonlocal count
        count += 1
        return trace

    def profile(frame, event, arg):  # noqa: ANN001, ANN202
        nonlocal count
        if event == "c_call":
            count += 1

    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("name", SHAPES)
def test_reading_a_shape_twice_the_size_costs_about_twice_the_work(name):
    build, markdown = SHAPES[name]
    small = operations(lambda: read_article(build(SIZE), markdown=markdown))
    large = operations(lambda: read_article(build(2 * SIZE), markdown=markdown))
    assert large <= GROWTH * small, (name, small, large)


@pytest.mark.parametrize("name", ["a run of quote marks", "a run of symbols and emoji"])
def test_the_tokenizer_never_sees_a_long_run_of_punctuation(name):
    build, markdown = SHAPES[name]
    text = build(20_000)
    article = read_article(text, markdown=markdown)
    assert len(article.analysis_text) == len(text)
    longest = max((len(run) for run in re.findall(r"[^\w\s]+", article.analysis_text)), default=0)
    assert longest <= LONG_RUN
    # quote marks in short runs are untouched
    assert read_article('He said: "Yes."').analysis_text == 'He said: "Yes."'


class _Token:
    def __init__(self, i: int, text: str, whitespace: str) -> None:
        self.i, self.text, self.whitespace_ = i, text, whitespace


def test_sentence_starts_after_line_breaks_are_one_pass_over_the_tokens():
    tokens = [_Token(i, "x", "\n" if i % 2 else " ") for i in range(10_001)]

    class Doc:
        def __getitem__(self, index):
            return tokens[index]

    assert sentence_starts_after_line_breaks(Doc()) == list(range(2, 10_001, 2))


def test_the_paragraph_sentence_component_writes_every_start_at_once(nlp):
    """Each line starts a sentence, and the starts are written in one array
    (one token at a time cost the square of the number of lines)."""
    text = "".join(f"Line {n} has words\n" for n in range(300))
    doc = nlp(text)
    starts = [sentence.start for sentence in doc.sents]
    assert [doc[i].text for i in starts] == ["Line"] * 300
    component = nlp.get_pipe("paragraph_sentences")
    calls = []
    fresh = nlp.make_doc(text)

    class Counting:
        def __getitem__(self, index):
            return fresh[index]

        def to_array(self, attributes):
            calls.append("to_array")
            return fresh.to_array(attributes)

        def from_array(self, attributes, values):
            calls.append("from_array")
            return fresh.from_array(attributes, values)

    component(Counting())
    assert calls == ["to_array", "from_array"]


# --- the Markdown scanner finds what the regular expressions found -----------------------------

#: The rules the scanner replaced, kept here as the specification of what it finds.
_SPECIFICATION = (
    re.compile(r"(?P<m><!--.*?-->)"),
    re.compile(r"(?P<m>!?\[)[^\]\n]*(?P<n>\]\([^)\n]*\))"),
    re.compile(r"(?P<m>\[)[^\]\n]+(?P<n>\]\[[^\]\n]*\])"),
    re.compile(r"(?P<m><)(?:https?://|mailto:)[^>\s]+(?P<n>>)"),
    re.compile(r"(?P<m></?[A-Za-z][^>\n]*>)"),
    re.compile(r"(?P<m>`+)[^`\n]+?(?P<n>(?P=m))"),
    re.compile(r"(?P<m>\*\*|__|~~)(?=[^\s\x00])[^\n]*?(?<=[^\s\x00])(?P<n>(?P=m))"),
    re.compile(r"(?<![\w*\\])(?P<m>\*)(?=[^\s*\x00])[^\n]*?(?<=[^\s*\\\x00])(?P<n>\*)(?![\w*])"),
    re.compile(r"(?<![\w\\])(?P<m>_)(?=[^\s_\x00])[^\n]*?(?<=[^\s_\\\x00])(?P<n>_)(?!\w)"),
    re.compile(r"(?P<m>\\)[!-/:-@\[-`{-~]"),
)


def _specified(line: str) -> set[int]:
    work, found = list(line), set()
    for rule in _SPECIFICATION:
        for match in list(rule.finditer("".join(work))):
            for group in ("m", "n"):
                if group in rule.groupindex and match.start(group) >= 0:
                    start, end = match.span(group)
                    found.update(range(start, end))
                    work[start:end] = "\x00" * (end - start)
    return found


_PIECES = st.sampled_from(["*", "**", "_", "__", "~~", "`", "``", "[", "]", "(", ")", "!", "<", ">", "<!--", "-->",
                           "https://", "mailto:", "a", "b", " ", "\\", "x_y", "/", "<a", "</b>", "é", "\t"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_the_scanner_finds_what_the_regular_expressions_found(line):
    assert {i for start, end in inline_markup(line) for i in range(start, end)} == _specified(line)
