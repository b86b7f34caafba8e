"""The story-file loader: every kind of problem, with its place, and the round trip."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from explorer.model import Paragraph, Quote, Source, Speaker, Story
from explorer.storyfile.problems import PROBLEMS_KEPT
from explorer.storyfile import (
    StoryFileError,
    dump_story,
    find_story_files,
    load_story,
    parse_story,
    story_paths,
    write_story,
)

GOOD = """\
format: 1
title: Mayor opens the bridge
outlet: The Daily
published: 2024-05-01
paragraphs:
  - id: p1
    text: The mayor said “it is a great day” and “it is a great day” again.
  - id: p2
    text: According to the council, the bridge cost $4 million.
speakers:
  - id: mayor
    name: Jane Doe
    role: Mayor
    aliases: [the mayor]
  - id: council
    name: City Council
    kind: organization
quotes:
  - id: q1
    paragraph: p1
    text: it is a great day
    speaker: mayor
    cue: said
    mention: The mayor
  - id: q2
    paragraph: p1
    text: it is a great day
    speaker: mayor
  - id: q3
    paragraph: p2
    text: the bridge cost $4 million.
    kind: reported
    speaker: council
    cue: According to
    start: 26
    end: 53
sources:
  - name: City press office
  - name: The Daily
    kind: cited
    paragraphs: [p2]
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(StoryFileError) as caught:
        parse_story(textwrap.dedent(text), "s.yaml")
    return [str(p) for p in caught.value.problems]


def test_good_story_loads_with_offsets_found_from_text() -> None:
    story = parse_story(GOOD, "s.yaml")
    assert story.title == "Mayor opens the bridge"
    assert story.published == "2024-05-01"  # a date stays as written
    q1, q2, q3 = story.quotes
    # The same words twice: each quote takes its own occurrence.
    assert (q1.start, q1.end) == (16, 33)
    assert (q2.start, q2.end) == (40, 57)
    assert story.paragraphs[0].text[q2.start:q2.end] == "it is a great day"
    assert (q3.start, q3.end) == (26, 53)
    assert story.speakers[0].kind == "person"
    assert story.source_paragraphs(story.sources[0]) == ["p1", "p2"]  # listed, no paragraphs: all
    assert story.source_paragraphs(story.sources[1]) == ["p2"]


def test_issue_example_gets_exactly_three_errors_with_lines() -> None:
    text = GOOD.replace("    role: Mayor", "    rol: Mayor").replace(
        "    speaker: council", "    speaker: councl"
    ).replace("    text: it is a great day\n    speaker: mayor\n    cue", "    text: it is a bad day\n    speaker: mayor\n    cue")
    assert problems_of(text) == [
        "s.yaml:13:5: unknown key 'rol' in speaker 1; did you mean 'role'?",
        "s.yaml:21:11: quote 'q1': text 'it is a bad day' is not in paragraph 'p1'",
        "s.yaml:33:14: quote 'q3' names unknown speaker 'councl'; did you mean 'council'?",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("title: Mayor opens the bridge\n", ""), "s.yaml:1:1: the story has no 'title'"),
        (("title: Mayor opens the bridge", "title: '  '"), "s.yaml:2:8: 'title' must not be blank"),
        (("title: Mayor opens the bridge", "title: [a, b]"), "s.yaml:2:8: 'title' must be a string, not a list"),
        (("format: 1", "format: 2"), "s.yaml:1:9: format 2 is not one this program reads (it reads format 1)"),
        (("quotes:\n", "  - id: mayor\n    name: Again\nquotes:\n"), "s.yaml:18:9: duplicate speaker id 'mayor' (first used on line 11)"),
        (("  - id: q2", "  - id: q1"), "s.yaml:25:9: duplicate quote id 'q1' (first used on line 19)"),
        (("    paragraph: p2", "    paragraph: p9"), "s.yaml:30:16: quote 'q3' names unknown paragraph 'p9'"),
        (("    start: 26", "    start: 25"), "s.yaml:35:12: quote 'q3': offsets 25..53 hold ' the bridge cost $4 million.', not the quote text 'the bridge cost $4 million.'"),
        (("    end: 53\n", ""), "s.yaml:35:12: quote 'q3' gives only one of 'start' and 'end': give both or neither"),
        (("    start: 26", "    start: many"), "s.yaml:35:12: 'start' must be a whole number, not the text 'many'"),
        (("    kind: reported", "    kind: rumour"), "s.yaml:32:11: kind 'rumour' is not one of direct, mixed, reported"),
        (("    kind: organization", "    kind: robot"), "s.yaml:17:11: kind 'robot' is not one of person, organization, outlet"),
        (("    paragraphs: [p2]", "    paragraphs: [p7]"), "s.yaml:41:17: source 'The Daily' names unknown paragraph 'p7'"),
        (("    aliases: [the mayor]", "    aliases: the mayor"), "s.yaml:14:14: 'aliases' must be a list of strings, not the text 'the mayor'"),
        (("speakers:\n", "speakers:\n  - just a name\n"), "s.yaml:11:5: speaker 1 must be a mapping of keys to values, not the text 'just a name'"),
        (("outlet: The Daily", "outlet: The Daily\noutlet: Other"), "s.yaml:4:1: duplicate key 'outlet' in the story"),
        (("outlet: The Daily", "outlet: The Daily\ncolour: red"), "s.yaml:4:1: unknown key 'colour' in the story (known keys: format, title, outlet, published, url, language, paragraphs, speakers, quotes, sources)"),
        (("    cue: said", "    cue: said\n    confidence: 3"), "s.yaml:24:17: confidence must be between 0 and 1, not 3"),
    ],
)
def test_each_loader_error_is_reported_where_it_is(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    assert problems_of(GOOD.replace(old, new, 1)) == [expected]


SIX_FAULTS = (GOOD.replace("title: Mayor opens", "titel: Mayor opens")
              .replace("speakers:\n", "  - id: p1\n    text: The same id again.\nspeakers:\n")
              .replace("    role: Mayor\n", "    role: Mayor\n    kind: persn\n")
              .replace("    kind: organization", "    kind: organisaton")
              .replace("    speaker: mayor\n    cue: said", "    speaker: mayr\n    cue: said")
              .replace("    start: 26", "    start: 27")
              .replace("    kind: reported", "    kind: reportd")
              .replace("    mention: The mayor", "    mention: The mayor\n    review: confirmd"))


def test_every_independent_fault_is_reported_in_one_run() -> None:
    """A missing title does not stop the paragraphs, speakers and quotes from being
    checked, and near misses of kinds and review states get a hint like keys and ids."""
    assert problems_of(SIX_FAULTS) == [
        "s.yaml:1:1: the story has no 'title'",
        "s.yaml:2:1: unknown key 'titel' in the story; did you mean 'title'?",
        "s.yaml:10:9: duplicate paragraph id 'p1' (first used on line 6)",
        "s.yaml:16:11: kind 'persn' is not one of person, organization, outlet; did you mean 'person'?",
        "s.yaml:20:11: kind 'organisaton' is not one of person, organization, outlet; did you mean 'organization'?",
        "s.yaml:25:14: quote 'q1' names unknown speaker 'mayr'; did you mean 'mayor'?",
        "s.yaml:28:13: review 'confirmd' is not one of confirmed, corrected, rejected; did you mean 'confirmed'?",
        "s.yaml:36:11: kind 'reportd' is not one of direct, mixed, reported; did you mean 'reported'?",
        "s.yaml:39:12: quote 'q3': offsets 27..53 hold 'he bridge cost $4 million.', not the quote text "
        "'the bridge cost $4 million.'",
    ]


def test_a_record_missing_a_field_still_lends_its_id() -> None:
    """A paragraph without text is reported once: the quotes naming it are not also
    reported as naming an unknown paragraph, and the rest is checked as usual."""
    text = GOOD.replace("    text: According to the council, the bridge cost $4 million.\n", "").replace(
        "    speaker: council", "    speaker: counsil")
    assert problems_of(text) == [
        "s.yaml:8:5: paragraph 2 has no 'text'",
        "s.yaml:32:14: quote 'q3' names unknown speaker 'counsil'; did you mean 'council'?",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    end: 53", "    end: 100000000000000000000"),
         "s.yaml:35:12: quote 'q3': offsets 26..100000000000000000000 lie outside paragraph 'p2', whose text runs from 0 to 53"),
        (("    start: 26", "    start: -1"),
         "s.yaml:35:12: quote 'q3': offsets -1..53 lie outside paragraph 'p2', whose text runs from 0 to 53"),
        (("    start: 26\n    end: 53", "    start: 30\n    end: 30"),
         "s.yaml:35:12: quote 'q3': offsets 30..30 hold nothing: 'start' must be less than 'end'"),
        (("    text: the bridge cost $4 million.", "    text: ''"),
         "s.yaml:31:11: the text of quote 'q3' is empty: a quote holds at least one character"),
        (("  - id: q2", "  - id: ''"), "s.yaml:25:9: 'id' must not be empty"),
        (("  - id: p2", "  - id: '  '"), "s.yaml:8:9: 'id' must not be empty"),
        (("  - id: council", "  - id: ''"), "s.yaml:15:9: 'id' must not be empty"),
    ],
)
def test_values_that_must_not_be_accepted(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    problems = problems_of(GOOD.replace(old, new, 1))
    assert problems[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("format: !!bool maybe\ntitle: t\n", "1:9: 'maybe' is not a valid !!bool value (!!bool holds true or false)"),
        ("format: 1\ntitle: !!int abc\n", "2:8: 'abc' is not a valid !!int value (!!int holds a whole number)"),
        ("format: 1\ntitle: !!int ''\n", "2:8: '' is not a valid !!int value (!!int holds a whole number)"),
        ("format: 1\ntitle: t\n!!int '': 1\n", "3:1: '' is not a valid !!int value (!!int holds a whole number)"),
        ("format: 1\ntitle: t\n!!float x: 1\n", "3:1: 'x' is not a valid !!float value (!!float holds a number)"),
        ("format: 1\ntitle: t\nurl: !!null x\n", "3:6: 'x' is not a valid !!null value (!!null holds null or nothing)"),
        ("format: 1\ntitle: t\npublished: !!timestamp soon\n",
         "3:12: 'soon' is not a valid !!timestamp value (!!timestamp holds a date)"),
        ("format: " + "9" * 5000 + "\ntitle: t\n", "1:9: a number of 5,000 digits is too long to read (at most 4,300)"),
        ("format: 1\ntitle: t\nparagraphs: [{id: p, text: abc}]\n"
         "quotes: [{id: q, paragraph: p, text: b, start: !!float xyz, end: 2}]\n",
         "4:48: 'xyz' is not a valid !!float value (!!float holds a number)"),
        ("format: 1\ntitle: t\nparagraphs: !!null [a]\n", "3:13: 'paragraphs' must be a list, not a list tagged !!null"),
        ("--- !!bool\nformat: 1\ntitle: t\n",
         "1:5: the story must be a mapping of keys to values, not a mapping tagged !!bool"),
        ("format: 1\ntitle: t\noutlet: a\x07b\n",
         "3:10: invalid YAML: the character U+0007 is not allowed in YAML text (write it as an escape in a "
         "double-quoted string)"),
        ("format: 1\ntitle: t\noutlet: \u00e9\ufffe\n",
         "3:10: invalid YAML: the character U+FFFE is not allowed in YAML text (write it as an escape in a "
         "double-quoted string)"),
        ("format: 1\ntitle: t\n---\nformat: 1\n", "3:1: a second YAML document ('---'): a story file holds one"),
    ],
)
def test_bad_values_of_tags_and_characters_are_one_located_error(text: str, expected: str) -> None:
    """Each used to end in a traceback (a ValueError, KeyError or IndexError from
    converting the value), or in a message at 1:1 or one that contradicted itself."""
    assert problems_of(text) == [f"s.yaml:{expected}"]


def test_the_loader_raises_nothing_but_story_file_errors_whatever_goes_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    """A guard around the checks: should any of them fail on an input nobody thought
    of, the caller still gets one located problem, not a RecursionError."""
    def fail(*_args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("explorer.storyfile.loading.build_story", fail)
    assert problems_of(GOOD) == ["s.yaml:1:1: cannot check this file (RecursionError); please report it as a bug"]


def test_nesting_and_long_values_cost_one_line() -> None:
    deep = "format: 1\ntitle: t\nparagraphs: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert problems_of(deep) == [
        "s.yaml:3:1012: invalid YAML: while increasing flow level, exceeded maximum nesting depth"]
    key = "k" * 3_000_000
    (problem,) = problems_of(f"format: 1\ntitle: t\n? {key}\n: 1\n")
    assert problem.startswith("s.yaml:3:3: unknown key 'kkkkk") and len(problem) < 250


def test_tags_are_quoted_escaped_and_clipped() -> None:
    """A tag is written with %-escapes that the parser decodes: an escape sequence in one
    reached the terminal in the message that refused it."""
    assert problems_of("format: 1\ntitle: !<tag:x%1b[31mRED%e2%80%ae> t\n") == [
        "s.yaml:2:8: unsupported tag tag:x\\x1b[31mRED\\u202e (story files are plain YAML; nothing in them is executed)"]
    (problem,) = problems_of(f"format: 1\ntitle: !<tag:{'x' * 100_000}> t\n")
    assert len(problem) < 200
    assert problems_of("--- !<tag:%1b[2J> some text\n") == [
        "s.yaml:1:5: the story must be a mapping of keys to values, not text tagged tag:\\x1b[2J"]


def test_a_file_that_is_not_a_story_is_never_quoted() -> None:
    """A link to ~/.env or a config file in a story folder: the messages say what the
    file is not, and quote none of it."""
    for text, expected in [
        ("API_KEY=sk-secret-value\nOTHER=x\n", "1:1: the story must be a mapping of keys to values, not text"),
        ("password: hunter2\nuser: me\n", "1:1: not a story file: it has none of the keys of a story (format, "
                                           "title, paragraphs ...)"),
        ("- hunter2\n", "1:1: the story must be a mapping of keys to values, not a list"),
        ("secret: !!python/object:os.system hunter2\n", "1:1: not a story file: it has none of the keys of a story "
                                                       "(format, title, paragraphs ...)"),
    ]:
        assert problems_of(text) == [f"s.yaml:{expected}"]


def test_too_many_values_are_refused_where_the_count_is_passed() -> None:
    text = "format: 1\ntitle: t\nparagraphs: [" + "0, " * 100 + "]\n"
    with pytest.raises(StoryFileError) as caught:
        parse_story(text, "s.yaml", max_values=50)
    assert [str(p) for p in caught.value.problems] == [
        "s.yaml:3:143: more than 50 YAML values: over the limit for story files (STORY_EXPLORER_MAX_VALUES changes it)"]


def test_problems_past_the_first_ones_are_counted_not_kept() -> None:
    text = "format: 1\ntitle: t\nparagraphs: [" + "0, " * 1_000 + "]\n"
    with pytest.raises(StoryFileError) as caught:
        parse_story(text, "s.yaml")
    error = caught.value
    assert (len(error.problems), error.more, error.total) == (PROBLEMS_KEPT, 1_000 - PROBLEMS_KEPT, 1_000)
    assert str(error.problems[0]) == "s.yaml:3:14: paragraph 1 must be a mapping of keys to values, not the number 0"


def test_invalid_yaml_and_wrong_top_level() -> None:
    # an unclosed bracket or quote is placed where it opens, not where the reader gave up
    assert problems_of("format: 1\ntitle: [unclosed\n") == [
        "s.yaml:2:8: invalid YAML: parsing a flow sequence that starts here, did not find expected ',' or ']' "
        "(line 3, column 1)"
    ]
    assert problems_of('format: 1\ntitle: "unclosed\nparagraphs: []\n') == [
        "s.yaml:2:8: invalid YAML: scanning a quoted scalar that starts here, found unexpected end of stream "
        "(line 4, column 1)"
    ]
    assert problems_of("- a\n- b\n") == ["s.yaml:1:1: the story must be a mapping of keys to values, not a list"]
    assert problems_of("") == ["s.yaml:1:1: empty story file: it needs at least 'format' and 'title'"]


def test_tags_are_refused_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"format: 1\ntitle: !!python/object/apply:os.system ['touch {marker}']\n"
    assert problems_of(text) == [
        "s.yaml:2:8: unsupported tag !!python/object/apply:os.system (story files are plain YAML; nothing in them is executed)"
    ]
    assert not marker.exists()


def test_aliases_are_refused() -> None:
    assert problems_of("format: 1\ntitle: &t Hello\noutlet: *t\n") == [
        "s.yaml:2:8: anchors and aliases (& and *) are not allowed in story files"
    ]


def test_file_errors(tmp_path: Path) -> None:
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"format: 1\x00\x01")
    latin = tmp_path / "l.yaml"
    latin.write_bytes(b"format: 1\ntitle: caf\xe9\n")
    big = tmp_path / "big.yaml"
    big.write_text("title: x\n" * 20)
    for path, max_bytes, message in [
        (binary, None, "1:1: binary file, not a story (it holds NUL bytes)"),
        (latin, None, "2:11: not UTF-8 text: byte 0xe9 cannot be decoded"),
        (big, 100, "1:1: file is 0.0 MB, over the 0.0001 MB limit for story files"),
        (tmp_path / "missing.yaml", None, "1:1: no such file"),
    ]:
        with pytest.raises(StoryFileError) as caught:
            load_story(path, max_bytes)
        assert str(caught.value) == f"{path}:{message}"


def sample_story() -> Story:
    return Story(
        title="Ünïcode “title”: [bold]not markup[/]",
        paragraphs=[Paragraph("p1", "She said “yes” — 100%."), Paragraph("p2", "Then: no.\tTab.")],
        speakers=[Speaker("s", "Zoë Ñ", "Minister", "person", ["she", "the minister"])],
        quotes=[
            Quote("q1", "p1", "yes", "direct", "s", "said", "She", 10, 13, "cue-clause", 0.75),
            Quote("q2", "p2", "no.", "reported", None, "", "", 6, 9),
        ],
        sources=[Source("Wire", "listed", "https://example.org/a"), Source("Paper", "cited", None, ["p2"])],
        outlet="Outlet",
        published="2024-01-02",
        url="https://example.org",
        language="en",
    )


def test_round_trip_load_write_load(tmp_path: Path) -> None:
    story = sample_story()
    path = tmp_path / "s.yaml"
    write_story(story, path)
    loaded = load_story(path)
    assert loaded == story
    assert "Zoë" in path.read_text(encoding="utf-8")  # unicode kept as is, not escaped
    again = tmp_path / "again.yaml"
    write_story(loaded, again)
    assert again.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_write_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("precious")
    with pytest.raises(FileExistsError):
        write_story(sample_story(), path)
    assert path.read_text() == "precious"
    write_story(sample_story(), path, force=True)
    assert load_story(path) == sample_story()
    assert [p.name for p in tmp_path.iterdir()] == ["s.yaml"]  # no temporary left behind


def test_find_story_files(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("")
    (tmp_path / "a.yml").write_text("")
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.yaml").write_text("")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.yaml").write_text("")
    (tmp_path / "sub" / ".d.yaml.swp.yaml").write_text("")  # an editor's hidden file
    (tmp_path / "sub" / "deeper" / ".git").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / ".git" / "e.yaml").write_text("")
    (tmp_path / "sub" / "deeper" / "f.YAML").write_text("")
    found = find_story_files([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.yml", "b.yaml", "sub/d.yaml",
                                                                 "sub/deeper/f.YAML"]
    (tmp_path / "x.txt").write_text("")
    named = story_paths([tmp_path / "x.txt", tmp_path / "gone.yaml", tmp_path / "sub" / "d.yaml"])
    assert named.files == [tmp_path / "sub" / "d.yaml"]
    assert named.skipped == [(tmp_path / "x.txt", "not a story file (.yaml or .yml expected)"),
                             (tmp_path / "gone.yaml", "no such file or folder")]


def test_dump_is_readable_block_yaml() -> None:
    text = dump_story(sample_story())
    assert text.startswith("format: 1\ntitle: ")
    assert "\nparagraphs:\n- id: p1\n" in text
    assert "method: cue-clause" in text
