"""Bounded fuzzing of the loader and a property of the writer (hypothesis).

The loader must answer every input with a `Story` or a `StoryFileError`;
anything else (a crash, a hang, another exception) is a bug.  The writer's
output must always load back to the same story.
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.model import Paragraph, Quote, Source, Speaker, Story
from explorer.storyfile import StoryFileError, dump_story, parse_story

FUZZ = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments that steer random text toward YAML the loader has to think about.
_YAML_BITS = [
    "format: 1\n", "title: ", "paragraphs:\n", "  - id: p1\n", "    text: ", "quotes:\n", "speakers:\n",
    "sources:\n", "    paragraph: p1\n", "    start: 3\n", "    end: 1\n", "&a ", "*a", "!!python/object ",
    "!!binary ", "[", "]", "{", "}", "- ", ": ", "\n", "  ", '"', "'", "\\e", "|\n", ">\n", "? ", "---\n",
    "...\n", "%YAML 1.1\n", "~", "null", "2024-01-01", "0x1F", "1e400", ".nan", "\t", "#", "\ufeff", "\x00",
    # Explicit standard tags with values they may not hold, a number past Python's
    # digit limit, characters YAML refuses, a second document.
    "!!int ", "!!float ", "!!bool ", "!!null ", "!!timestamp ", "!!str ", "!!seq ", "!!map ", "! ", "9" * 4400,
    "\x07", "\ufffe", "\x85", "---\n", "? ", "kind: persn\n", "review: confirmd\n", "    start: 99999999999999999999\n",
]


def _check(text: str) -> None:
    try:
        story = parse_story(text, "fuzz.yaml")
    except StoryFileError as error:
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert "\n" not in problem.message
    else:
        assert isinstance(story, Story)


@FUZZ
@given(st.lists(st.sampled_from(_YAML_BITS) | st.text(max_size=8), max_size=40).map("".join))
def test_loader_never_crashes_on_yaml_ish_text(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_loader_never_crashes_on_bytes(data: bytes) -> None:
    _check(data.decode("utf-8", errors="replace"))


_ids = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=6)
_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@st.composite
def stories(draw: st.DrawFn) -> Story:
    paragraph_ids = draw(st.lists(_ids, min_size=1, max_size=5, unique=True))
    paragraphs = [Paragraph(pid, draw(_text.filter(bool))) for pid in paragraph_ids]
    speaker_ids = draw(st.lists(_ids, max_size=4, unique=True))
    speakers = [Speaker(sid, draw(_text.filter(str.strip)), draw(_text),
                        draw(st.sampled_from(["person", "organization", "outlet"])), draw(st.lists(_text, max_size=3)))
                for sid in speaker_ids]
    quotes = []
    for index, paragraph in enumerate(draw(st.lists(st.sampled_from(paragraphs), max_size=6))):
        # A quote holds at least one character: empty quote text is an error.
        start = draw(st.integers(0, len(paragraph.text) - 1))
        end = draw(st.integers(start + 1, len(paragraph.text)))
        quotes.append(Quote(f"q{index}", paragraph.id, paragraph.text[start:end],
                            draw(st.sampled_from(["direct", "mixed", "reported"])),
                            draw(st.sampled_from([None, *speaker_ids])), draw(_text), draw(_text), start, end,
                            draw(st.none() | _text.filter(bool)), draw(st.none() | st.floats(0, 1))))
    sources = [Source(draw(_text.filter(bool)), kind, draw(st.none() | _text.filter(bool)),
                      draw(st.lists(st.sampled_from(paragraph_ids), max_size=3)))
               for kind in draw(st.lists(st.sampled_from(["listed", "cited"]), max_size=3))]
    return Story(draw(_text.filter(str.strip)), paragraphs, speakers, quotes, sources,
                 draw(st.none() | _text.filter(bool)), draw(st.none() | _text.filter(bool)), None, "en")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_any_written_story_loads_back_unchanged(story: Story) -> None:
    assert parse_story(dump_story(story), "w.yaml") == story
