"""Generated stories and libraries for the benchmark and the tests.

    python tests/bench/make_corpus.py story OUT.yaml --paragraphs 2000 --quotes 1000
    python tests/bench/make_corpus.py library OUT_DIR --stories 5000 --broken 5

Everything is deterministic (seeded), so two runs give the same files. The
stories are valid story files written by `explorer.storyfile.dump_story`;
speakers are drawn from a shared pool of names, skewed so that a few people
are quoted in many stories, as in real news, which is what the
speakers-across-stories screen has to cope with.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `explorer` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from explorer.model import Paragraph, Quote, Source, Speaker, Story
from explorer.storyfile import dump_story

FIRST_NAMES = (
    "Anna Boris Chen Dmytro Elena Farid Grace Hugo Irina James Kateryna Liam Maria Nadia Oleh Priya "
    "Quentin Rosa Sergei Tetiana Umar Vera Walter Xenia Yusuf Zofia Ahmed Bianca Carlos Dana"
).split()
LAST_NAMES = (
    "Kovalenko Smith Novak Garcia Müller Rossi Tanaka Dubois Petrov Nowak Silva Jensen Okafor Ivanova "
    "Haddad Larsen Moreau Schmidt Bianchi Costa Walsh Yilmaz Sato Horvat Lindqvist"
).split()
OUTLETS = ("Ukrainska Pravda", "The Kyiv Independent", "Reuters", "Associated Press", "BBC News",
           "The Guardian", "Le Monde", "Der Spiegel", "Meduza", "Euromaidan Press")
ROLES = ("minister of defence", "spokesperson", "analyst", "member of parliament", "mayor",
         "president", "ambassador", "professor of economics", "")
CUES = ("said", "told reporters", "added", "wrote", "stressed", "warned", "noted", "claimed")
WORDS = (
    "the government announced new measures on energy prices while officials in the capital met "
    "representatives of regional councils to discuss reconstruction funding and the schedule for "
    "repairs to bridges railways and power lines damaged during the winter months according to "
    "documents seen by journalists who followed the negotiations closely over several weeks"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(picked).capitalize() + "."


#: Every name of the pool, and Zipf-like weights: a few people are quoted in many stories.
NAME_POOL = random.Random(1).sample([f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES],
                                    len(FIRST_NAMES) * len(LAST_NAMES))
NAME_WEIGHTS = [1 / (rank + 10) for rank in range(len(NAME_POOL))]


def _speaker_name(rng: random.Random) -> str:
    return rng.choices(NAME_POOL, NAME_WEIGHTS)[0]


def make_story(paragraphs: int, quotes: int, speakers: int, seed: int = 0, title: str | None = None) -> Story:
    """A valid story: `paragraphs` paragraphs, `quotes` quotes (one per paragraph
    at most, spread evenly) among `speakers` distinct speakers."""
    rng = random.Random(seed)
    names: list[str] = []
    while len(names) < speakers:
        name = _speaker_name(rng)
        if name not in names:
            names.append(name)
    speaker_list = [
        Speaker(f"s{i + 1}", name, rng.choice(ROLES), "person", [name.split()[-1]])
        for i, name in enumerate(names)
    ]
    quoted = set(rng.sample(range(paragraphs), min(quotes, paragraphs)))
    paragraph_list: list[Paragraph] = []
    quote_list: list[Quote] = []
    for index in range(paragraphs):
        pid = f"p{index + 1}"
        lead = _sentence(rng, rng.randint(12, 30))
        if index not in quoted:
            paragraph_list.append(Paragraph(pid, f"{lead} {_sentence(rng, rng.randint(10, 25))}"))
            continue
        speaker = rng.choice(speaker_list) if speaker_list else None
        words = _sentence(rng, rng.randint(8, 22))
        cue = rng.choice(CUES)
        mention = speaker.name if speaker else "an official"
        prefix = f"{lead} \u201c"
        text = f"{prefix}{words}\u201d {mention} {cue}."
        paragraph_list.append(Paragraph(pid, text))
        quote_list.append(Quote(f"q{len(quote_list) + 1}", pid, words, "direct", speaker.id if speaker else None,
                                cue, mention, len(prefix), len(prefix) + len(words)))
    return Story(
        title=title or _sentence(rng, rng.randint(5, 11)).rstrip("."),
        paragraphs=paragraph_list,
        speakers=speaker_list,
        quotes=quote_list,
        sources=[Source(rng.choice(OUTLETS), "listed")],
        outlet=rng.choice(OUTLETS),
        published=f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        language="en",
    )


#: A story file that does not load: the quote names a paragraph that is not there.
BROKEN_STORY = """format: 1
title: A story with a broken quote
paragraphs:
  - id: p1
    text: Nothing was said here.
quotes:
  - id: q1
    paragraph: p9
    text: Nothing
"""


def make_library(folder: Path, stories: int, broken: int = 0, seed: int = 0) -> list[Path]:
    """Write `stories` stories of about 14 KB each (30 paragraphs, 12 quotes,
    6 speakers) into `folder`, of which `broken` do not load; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    broken_at = set(rng.sample(range(stories), broken)) if broken else set()
    paths = []
    for index in range(stories):
        path = folder / f"story-{index:05d}.yaml"
        if index in broken_at:
            path.write_text(BROKEN_STORY, encoding="utf-8")
        else:
            story = make_story(30, 12, 6, seed=seed * 100_003 + index)
            path.write_text(dump_story(story), encoding="utf-8")
        paths.append(path)
    return paths


#: A small readable library for tests and snapshots: (file, title, outlet, date,
#: [(speaker, role, [what they said])]).  "MARIA LOPEZ" is "Maria Lopez" in
#: capitals, to be merged with her across stories.
SAMPLE_STORIES = (
    ("bridge-vote.yaml", "Council approves new bridge over the river", "Harbor Times", "2024-03-02",
     [("Maria Lopez", "mayor", ["This bridge will connect two halves of our city.", "We start building in May."]),
      ("Tom Becker", "council member", ["The cost is too high for a town of our size."])]),
    ("budget-cuts.yaml", "Mayor defends budget cuts", "The Daily Ledger", "2024-05-17",
     [("MARIA LOPEZ", "mayor", ["Every department has to share the burden."]),
      ("Ana Silva", "teacher", ["Our classes are already too big.", "Parents will notice."])]),
    ("rail-strike.yaml", "Rail strike enters its second week", "Northern Courier", "2024-06-09",
     [("Tom Becker", "union leader", ["We will not go back without a contract."]),
      ("Rail Operator", "", ["Talks continue."])]),
)


def make_sample_library(folder: Path, broken: bool = True) -> list[Path]:
    """Write `SAMPLE_STORIES` (and `broken-story.yaml` when `broken`) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for file_name, title, outlet, published, speakers in SAMPLE_STORIES:
        story = Story(title=title, outlet=outlet, published=published, language="en")
        story.paragraphs.append(Paragraph("p1", f"{title}."))
        for number, (name, role, sayings) in enumerate(speakers, 1):
            speaker = Speaker(f"s{number}", name, role)
            story.speakers.append(speaker)
            for words in sayings:
                pid = f"p{len(story.paragraphs) + 1}"
                text = f"\u201c{words}\u201d {name} said."
                story.paragraphs.append(Paragraph(pid, text))
                story.quotes.append(Quote(f"q{len(story.quotes) + 1}", pid, words, "direct", speaker.id, "said",
                                          name, 1, 1 + len(words)))
        path = folder / file_name
        path.write_text(dump_story(story), encoding="utf-8")
        paths.append(path)
    if broken:
        path = folder / "broken-story.yaml"
        path.write_text(BROKEN_STORY, encoding="utf-8")
        paths.append(path)
    return sorted(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    story = sub.add_parser("story", help="one big story file")
    story.add_argument("out", type=Path)
    story.add_argument("--paragraphs", type=int, default=2000)
    story.add_argument("--quotes", type=int, default=1000)
    story.add_argument("--speakers", type=int, default=60)
    library = sub.add_parser("library", help="a folder of stories")
    library.add_argument("out", type=Path)
    library.add_argument("--stories", type=int, default=5000)
    library.add_argument("--broken", type=int, default=5)
    args = parser.parse_args(argv)
    if args.what == "story":
        args.out.write_text(dump_story(make_story(args.paragraphs, args.quotes, args.speakers)), encoding="utf-8")
    else:
        make_library(args.out, args.stories, args.broken)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
