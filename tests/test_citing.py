"""One citation rule for the explorer's `y` and the Markdown export: a pasted
quote reads the same from either (direct in marks, reported speech without
marks and its speaker labelled, what is unknown left out)."""

from __future__ import annotations

from explorer.citing import citation
from explorer.export import as_markdown
from explorer.model import Paragraph, Quote, Speaker, Story
from explorer.tui.citation import citation as copied_citation

STORY = Story(
    title="Bridge reopens", outlet="Harbor Times", published="2024-03-02", url=None,
    paragraphs=[Paragraph("p1", "“We are ready,” the mayor said. Crews worked all winter, she said.")],
    speakers=[Speaker("mayor", "Ana Ruiz", "Mayor")],
    quotes=[Quote("q1", "p1", "We are ready,", "direct", "mayor"),
            Quote("q2", "p1", "Crews worked all winter", "reported", "mayor"),
            Quote("q3", "p1", "worked all winter", "reported", None)],
)


def test_each_kind_is_cited_by_one_rule():
    assert citation("We are ready,", "direct", "Ana Ruiz", None, None, 1) == "“We are ready,” — Ana Ruiz, ¶ 1"
    assert citation("Crews worked", "reported", "Ana Ruiz", "Harbor Times", "2024-03-02", 1, "https://x.example") == (
        "Crews worked — Ana Ruiz (reported), Harbor Times, 2024-03-02, ¶ 1, https://x.example")
    assert citation("they said “no”", "mixed", None, None, None, 2) == "they said “no” — unknown speaker, ¶ 2"


def test_the_markdown_export_cites_as_y_copies():
    records = [{"text": quote.text, "kind": quote.kind, "speaker": STORY.speaker_name(quote), "outlet": STORY.outlet,
                "published": STORY.published, "paragraph": 1, "story": STORY.title, "url": None, "review": None}
               for quote in STORY.quotes]
    lines = as_markdown(records, "Quotes").splitlines()[4:]
    assert lines == [f"- {copied_citation(STORY, quote, 1)}. *Bridge reopens*" for quote in STORY.quotes]
    assert lines[1] == "- Crews worked all winter — Ana Ruiz (reported), Harbor Times, 2024-03-02, ¶ 1. *Bridge reopens*"
