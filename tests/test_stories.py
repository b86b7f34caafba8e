"""The bundled, hand-checked stories in stories/: they load, they say what
the articles say, and they follow the format's rules for quote text.

The seed story is checked against the seed article itself and the PolNeAR
stories against their source texts and metadata (copies in tests/files/originals/).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from explorer.model import Story
from explorer.storyfile import StoryFileError, dump_story, find_story_files, load_story, parse_story
from tests.conftest import POLNEAR_ORIGINALS, SEED_ARTICLE, SEED_TRUMP_DIRECT

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "stories"
POLNEAR = POLNEAR_ORIGINALS
SEED_STORY = STORIES / "zelensky-trump-call.yaml"

#: Story file -> the PolNeAR training article it was annotated from.
POLNEAR_STORIES = {
    "london-s-muslim-mayor-rebuffs-trump-on-exception-to-ban.yaml": "usa-today_2016-05-11_london-s-muslim-mayor-rebuffs-tr",
    "pence-blames-media-for-trump-s-obama-founded-isis-flap.yaml": "politico_2016-08-11_pence-blames-media-for-trump-s-o",
    "some-emails-to-powell-rice-s-aides-sent-to-secure-storage.yaml": "wash-post_2016-03-05_some-emails-to-powell-rice-s-aid",
}
OUTLET_NAMES = {"usa-today": "USA Today", "politico": "Politico", "wash-post": "The Washington Post"}

#: A span in double quotation marks, curly or straight (a story may mix them:
#: `“... nation."`). Single quotes are left out: in these articles they mark
#: titles and slogans ('Make America Great Again'), not speech.
QUOTED_SPAN = re.compile(r"[“\"][^“”\"]*[”\"]")
QUOTE_MARKS = "“”\""

STORY_FILES = find_story_files([STORIES])


def load(path: Path) -> Story:
    """Load a story, failing the test with every problem the loader found."""
    try:
        return load_story(path)
    except StoryFileError as error:
        pytest.fail("\n".join(map(str, error.problems)))


@pytest.fixture(scope="module")
def seed() -> Story:
    return load(SEED_STORY)


def paragraph_text(story: Story, paragraph_id: str) -> str:
    return story.paragraphs[story.paragraph_position[paragraph_id]].text


# --- every bundled story -------------------------------------------------------


def test_the_bundled_stories_are_the_seed_and_at_least_two_more():
    names = {path.name for path in STORY_FILES}
    assert SEED_STORY.name in names
    assert set(POLNEAR_STORIES) <= names
    assert len(names) >= 3


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.name)
def test_story_loads_without_problems(path: Path):
    story = load(path)
    assert story.title.strip()
    assert story.language == "en"
    assert [p.id for p in story.paragraphs] == [f"p{i}" for i in range(1, len(story.paragraphs) + 1)]
    assert story.quotes and story.speakers


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.name)
def test_dumping_a_story_and_loading_it_again_gives_the_same_story(path: Path):
    story = load(path)
    assert parse_story(dump_story(story), f"{path.name} (dumped)") == story


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.name)
def test_quote_text_follows_its_kind(path: Path):
    """Direct: exactly the words inside a pair of marks. Mixed: a clause that
    holds marks. Reported: a clause with no marks at all (else it is mixed)."""
    story = load(path)
    for quote in story.quotes:
        text = paragraph_text(story, quote.paragraph)
        assert text[quote.start:quote.end] == quote.text
        if quote.kind == "direct":
            assert text[quote.start - 1] in QUOTE_MARKS and text[quote.end] in QUOTE_MARKS, quote.id
            assert not any(mark in quote.text for mark in QUOTE_MARKS), quote.id
        elif quote.kind == "mixed":
            assert any(mark in quote.text for mark in QUOTE_MARKS), quote.id
        else:
            assert not any(mark in quote.text for mark in QUOTE_MARKS), quote.id


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.name)
def test_every_span_in_quotation_marks_is_annotated(path: Path):
    story = load(path)
    for paragraph in story.paragraphs:
        for match in QUOTED_SPAN.finditer(paragraph.text):
            inside = (match.start() + 1, match.end() - 1)
            holders = [
                q for q in story.quotes
                if q.paragraph == paragraph.id and q.kind in ("direct", "mixed") and q.start <= inside[0] and inside[1] <= q.end
            ]
            assert holders, f"{paragraph.id}: {match.group()} is in no direct or mixed quote"


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.name)
def test_mentions_and_cues_are_as_written_and_every_speaker_is_quoted(path: Path):
    story = load(path)
    for quote in story.quotes:
        text = paragraph_text(story, quote.paragraph)
        assert quote.mention and quote.mention in text, quote.id
        assert quote.cue and quote.cue in text, quote.id
    for speaker in story.speakers:
        assert story.quote_count(speaker.id) > 0, f"{speaker.id} is never quoted"


# --- the seed story ------------------------------------------------------------


def test_seed_paragraphs_are_the_article_lines_byte_for_byte(seed: Story):
    lines = SEED_ARTICLE.read_text(encoding="utf-8").split("\n")
    assert lines[17] == "Sources:"
    assert [p.text for p in seed.paragraphs] == lines[:17]
    assert [f"- {s.name}" for s in seed.sources if s.kind == "listed"] == lines[18:21]


def test_seed_has_fourteen_quotes_in_quotation_marks(seed: Story):
    kinds = Counter(q.kind for q in seed.quotes)
    assert (kinds["direct"], kinds["mixed"]) == (13, 1)
    per_paragraph = Counter(q.paragraph for q in seed.quotes if q.kind != "reported")
    assert per_paragraph == {"p1": 1, "p5": 3, "p6": 2, "p7": 1, "p11": 3, "p12": 1, "p13": 1, "p14": 1, "p15": 1}


def test_seed_trump_has_exactly_six_direct_quotes(seed: Story):
    trump = [q.text for q in seed.quotes_in_order() if q.speaker == "trump" and q.kind == "direct"]
    assert trump == list(SEED_TRUMP_DIRECT)


def test_seed_quotes_without_their_own_cue_keep_the_speaker_before_them(seed: Story):
    post = [q.text for q in seed.quotes_in_order() if q.speaker == "nypost" and q.kind == "direct"]
    assert post == [
        "Why, Mr. President, is your administration punishing Ukraine?",
        "If we let him succeed, if we help him succeed, it won’t just threaten Europe,",
        "It will tell China that our alliances are fickle.",
        "Putin understands only force",
    ]
    assert seed.speaker_by_id["nypost"].kind == "outlet"


def test_seed_only_mixed_quote_is_rutte_in_p13(seed: Story):
    [mixed] = [q for q in seed.quotes if q.kind == "mixed"]
    assert (mixed.speaker, mixed.paragraph, mixed.cue) == ("rutte", "p13", "acknowledged")
    assert mixed.text == "Trump was “the only one” able to break the initial stalemate and start direct talks with Putin"


def test_seed_reported_speech_keeps_the_content_clause_and_its_cue(seed: Story):
    reported = {(q.paragraph, q.cue): q for q in seed.quotes if q.kind == "reported"}
    assert reported[("p2", "noting")].text.startswith("the supply of Patriot systems is vital")
    assert reported[("p2", "According to")].speaker == "zelensky"
    assert reported[("p9", "denied")].text == "military aid had been suspended"
    assert reported[("p17", "confirmed")].speaker == "rutte"
    assert reported[("p8", "confirmed")].speaker == "kremlin"


def test_seed_speakers(seed: Story):
    assert {s.id: s.name for s in seed.speakers} == {
        "zelensky": "Volodymyr Zelensky",
        "trump": "Donald Trump",
        "putin": "Vladimir Putin",
        "rutte": "Mark Rutte",
        "lavrov": "Sergey Lavrov",
        "nypost": "New York Post editorial board",
        "kremlin": "The Kremlin",
    }
    assert seed.speaker_by_id["trump"].matches("the u.s. president")
    assert seed.speaker_by_id["rutte"].matches("The NATO chief")
    assert seed.speaker_by_id["kremlin"].kind == "organization"


def test_seed_sources_listed_and_cited(seed: Story):
    listed = [s for s in seed.sources if s.kind == "listed"]
    assert [s.name for s in listed] == ["Ukrainska Pravda", "The Kyiv Independent", "RBC-Ukraine"]
    all_paragraphs = [p.id for p in seed.paragraphs]
    assert all(seed.source_paragraphs(s) == all_paragraphs for s in listed)
    cited = {s.name: s.paragraphs for s in seed.sources if s.kind == "cited"}
    assert cited == {"The New York Times": ["p13"], "New York Post": ["p10", "p11", "p12"]}


# --- the PolNeAR stories ---------------------------------------------------------


@pytest.mark.parametrize("story_file,article", sorted(POLNEAR_STORIES.items()))
def test_polnear_story_is_its_article_and_metadata(story_file: str, article: str):
    story = load(STORIES / story_file)
    text = (POLNEAR / "train" / "text" / f"{article}.txt").read_text(encoding="utf-8")
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    # The first block is the headline: it is the story's title, not a paragraph.
    assert [p.text for p in story.paragraphs] == blocks[1:]
    with open(POLNEAR / "metadata-train.tsv", encoding="utf-8", newline="") as table:
        meta = next(row for row in csv.DictReader(table, delimiter="\t") if row["filename"] == article)
    assert (story.title, story.published) == (meta["title"], meta["publication_date"])
    assert story.outlet == OUTLET_NAMES[meta["publisher"]]
