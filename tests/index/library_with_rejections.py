"""A library with quotes a reviewer rejected, shared by the index's tests and the screens':
the sample library of make_corpus and one reviewed story."""

from __future__ import annotations

from pathlib import Path

from explorer.model import Paragraph, Quote, Speaker, Story
from explorer.storyfile import dump_story
from tests.bench.make_corpus import make_sample_library

REVIEWED_FILE = "reviewed.yaml"
REVIEWED_TITLE = "Bridge opening delayed"
#: Maria Lopez's quotes in the reviewed story that are attributions (the rejected one left out).
LOPEZ_KEPT = ("Our bridge is late,", "We open in the autumn,", "Nobody will pay more.")


def reviewed_story() -> Story:
    """Five quotes: confirmed, corrected and unchecked ones of Maria Lopez (3 attributions,
    2 checked), one of hers rejected, and the only quote of Ghost Writer rejected: he is
    listed as a speaker of the story but quoted nowhere.  The rejected ones are reported
    speech, the only reported quotes of the library."""
    text = ("“Our bridge is late,” Maria Lopez said. She said the council was to blame. "
            "“We open in the autumn,” she added. A writer said the plan had failed. "
            "“Nobody will pay more.”")
    return Story(
        title=REVIEWED_TITLE, outlet="Harbor Times", published="2024-07-01", language="en",
        paragraphs=[Paragraph("p1", text)],
        speakers=[Speaker("s1", "Maria Lopez", "mayor"), Speaker("s2", "Ghost Writer")],
        quotes=[Quote("q1", "p1", LOPEZ_KEPT[0], speaker="s1", cue="said", review="confirmed"),
                Quote("q2", "p1", "the council was to blame", kind="reported", speaker="s1", cue="said",
                      review="rejected"),
                Quote("q3", "p1", LOPEZ_KEPT[1], speaker="s1", cue="added", review="corrected"),
                Quote("q4", "p1", "the plan had failed", kind="reported", speaker="s2", cue="said",
                      review="rejected"),
                Quote("q5", "p1", LOPEZ_KEPT[2], speaker="s1")])


def make_library_with_rejections(folder: Path) -> Path:
    """`make_sample_library` in `folder`, plus `REVIEWED_FILE`; returns the folder."""
    make_sample_library(folder)
    (folder / REVIEWED_FILE).write_text(dump_story(reviewed_story()), encoding="utf-8")
    return folder
