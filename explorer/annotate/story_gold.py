"""Checked stories as gold: every story a person has reviewed measures the annotator.

`eval --stories DIR` reads the stories in DIR.  A story is gold only when
every one of its quotes has a review state (confirmed, corrected or
rejected): a story checked halfway would count the quotes nobody looked at
as if they were right.  Its confirmed and corrected quotes are the gold
attributions; rejected ones are not (they record the machine's mistakes).
Stories not fully checked (a story without quotes has nothing checked),
and files that do not load, are skipped and counted.

The paragraphs of a gold story are joined with blank lines into one text,
which the annotator reads afresh (the same paragraphs, in the same order);
the gold quotes' offsets are moved into that text, so predictions and gold
are scored as `eval` scores brat gold.  A matched quote's source agrees when
the predicted speaker and the gold one share a name or an alias (or both are
unknown): a story knows its speakers, not where their mentions stand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from explorer.annotate.brat import BratAttribution, widen_to_marks
from explorer.annotate.corpus import EvalError
from explorer.files import folder_problem, shown_path
from explorer.model import Story
from explorer.storyfile import StoryFileError, find_story_files, load_story

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass
class GoldStory:
    """One checked story as gold: its joined text, its paragraphs' spans in it,
    the gold attributions and, for each, the names of its speaker."""

    name: str
    text: str
    paragraphs: list[tuple[int, int]]
    gold: list[BratAttribution] = field(default_factory=list)
    #: The speaker labels (name and aliases, casefolded) of each gold attribution; empty: unknown.
    speakers: list[frozenset[str]] = field(default_factory=list)


@dataclass
class StoryCorpus:
    stories: list[GoldStory] = field(default_factory=list)
    #: Stories that load but are not fully checked.
    unchecked: int = 0
    #: Files that do not load as stories.
    broken: int = 0


def speaker_labels(name: str | None, aliases: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
    """A speaker's names, casefolded, to tell whether two speakers are one."""
    return frozenset(label.casefold() for label in (name, *aliases) if label)


def gold_story(story: Story, name: str) -> GoldStory:
    """A fully checked story as gold (see the module docstring)."""
    text_parts, paragraphs, starts = [], [], {}
    position = 0
    for paragraph in story.paragraphs:
        if text_parts:
            position += len(PARAGRAPH_SEPARATOR)
        starts[paragraph.id] = position
        paragraphs.append((position, position + len(paragraph.text)))
        text_parts.append(paragraph.text)
        position += len(paragraph.text)
    text = PARAGRAPH_SEPARATOR.join(text_parts)
    gold = GoldStory(name, text, paragraphs)
    for quote in story.quotes_in_order():
        if quote.review == "rejected" or quote.start is None or quote.end is None:
            continue
        start, end = starts[quote.paragraph] + quote.start, starts[quote.paragraph] + quote.end
        if quote.kind == "direct":
            start, end = widen_to_marks(text, start, end)
        gold.gold.append(BratAttribution(content=((start, end),)))
        speaker = story.speaker_by_id.get(quote.speaker) if quote.speaker else None
        gold.speakers.append(speaker_labels(speaker.name, speaker.aliases) if speaker else frozenset())
    return gold


def load_story_corpus(folder: Path, say: Callable[[str], None] = lambda line: None) -> StoryCorpus:
    """The fully checked stories of `folder` (recursively), as gold; a file
    that does not load is left out and `say`s so in one line, as `eval`
    leaves out an unreadable article of a corpus."""
    problem = folder_problem(folder)
    if problem:
        raise EvalError(f"{shown_path(folder)}: {problem}")
    corpus = StoryCorpus()
    for path in find_story_files([folder]):
        try:
            story = load_story(path)
        except StoryFileError as error:
            corpus.broken += 1
            say(f"{error} (left out)")
            continue
        if not story.quotes or not all(quote.decided for quote in story.quotes):
            corpus.unchecked += 1
            continue
        corpus.stories.append(gold_story(story, str(path.relative_to(folder))))
    return corpus
