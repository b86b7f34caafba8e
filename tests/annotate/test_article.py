"""Reading article text: paragraphs, headline, closing source list, Markdown.

Every span the reader gives is a span of the input text, so each test also
checks that the paragraphs it finds are where it says they are.
"""

from __future__ import annotations

import pytest

from explorer.annotate.article import UNTITLED, Article, read_article
from tests.conftest import POLNEAR_ORIGINALS, SEED_ARTICLE

POLNEAR_TEXT = POLNEAR_ORIGINALS / "train" / "text"

LEDE = "The mayor said on Tuesday that the bridge would reopen in May, months ahead of the schedule."
SECOND = "“We are ready,” the city engineer told reporters, adding that the works had cost less than planned."


def shown(article: Article) -> list[str]:
    return [article.paragraph_text(i) for i in range(len(article.paragraphs))]


def spans(article: Article) -> list[str]:
    return [article.text[start:end] for start, end in article.paragraphs]


# --- paragraphs -------------------------------------------------------------------


def test_single_newlines_separate_paragraphs_when_there_is_no_blank_line():
    article = read_article(f"{LEDE}\n{SECOND}\n")
    assert spans(article) == [LEDE, SECOND]
    assert shown(article) == [LEDE, SECOND]


def test_blank_lines_separate_paragraphs():
    text = f"{LEDE}\n\n  {SECOND}  \n\n\n"
    article = read_article(text)
    assert spans(article) == [LEDE, SECOND]  # surrounding whitespace is not part of a paragraph


def test_windows_and_old_mac_line_breaks_count_as_newlines():
    assert spans(read_article(f"{LEDE}\r\n\r\n{SECOND}")) == [LEDE, SECOND]
    assert spans(read_article(f"{LEDE}\r{SECOND}")) == [LEDE, SECOND]


def test_unicode_separators_break_lines_and_paragraphs():
    """Text from word processors and web pages: U+2029 ends a paragraph as a
    blank line does, U+2028, a vertical tab (Word's line break) and a form
    feed end a line; a hard-wrapped paragraph joined by U+2028 stays one
    paragraph.  NEL (0x85, an ellipsis decoded wrongly) is text."""
    assert spans(read_article(f"{LEDE}\u2029{SECOND}")) == [LEDE, SECOND]
    assert spans(read_article(f"{LEDE}\u2028{SECOND}")) == [LEDE, SECOND]
    assert spans(read_article(f"{LEDE}\x0b{SECOND}\x0c{LEDE}")) == [LEDE, SECOND, LEDE]
    assert spans(read_article(f"{LEDE}\x85{SECOND}")) == [f"{LEDE}\x85{SECOND}"]
    wrapped = "The mayor said on Tuesday that the bridge would\u2028reopen in May, months ahead of the schedule."
    article = read_article(f"{wrapped}\u2029{SECOND}")
    assert spans(article) == [wrapped, SECOND]
    assert shown(article) == [LEDE, SECOND]


def test_hard_wrapped_lines_between_blank_lines_make_one_paragraph_shown_on_one_line():
    wrapped = "The mayor said on Tuesday that the bridge would\nreopen in May, months ahead of the schedule."
    article = read_article(f"{wrapped}\n\n{SECOND}")
    assert spans(article) == [wrapped, SECOND]
    assert shown(article) == [LEDE, SECOND]


def test_long_lines_inside_a_blank_line_block_are_separate_paragraphs():
    long_line = LEDE + " " + LEDE  # over 100 characters: not a wrapped line
    article = read_article(f"{long_line}\n{SECOND}\n\n{LEDE}")
    assert spans(article) == [long_line, SECOND, LEDE]


def test_seed_article_has_seventeen_paragraphs_and_three_listed_sources():
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    article = read_article(text)
    assert spans(article) == text.split("\n")[:17]
    assert article.sources == ["Ukrainska Pravda", "The Kyiv Independent", "RBC-Ukraine"]
    assert article.title_span is None  # its first line is a paragraph, so the title is derived
    assert article.title.startswith("Ukrainian President Volodymyr Zelensky has described")


def test_polnear_headline_is_the_title_and_the_blocks_are_the_paragraphs():
    text = (POLNEAR_TEXT / "wash-post_2016-03-05_some-emails-to-powell-rice-s-aid.txt").read_text(encoding="utf-8")
    article = read_article(text)
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    assert article.title == "Some emails to Powell, Rice's aides sent to secure storage"
    assert article.text[slice(*article.title_span)] == blocks[0]
    assert spans(article) == blocks[1:]


# --- the title ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "first_line,title",
    [
        ("Mayor says bridge will reopen in May", "Mayor says bridge will reopen in May"),
        ("Bridge To Reopen Months Early, Mayor Says.", "Bridge To Reopen Months Early, Mayor Says"),
        ("Zelensky calls Trump call “the best conversation”", "Zelensky calls Trump call “the best conversation”"),
    ],
)
def test_a_short_first_line_without_final_period_or_in_title_case_is_the_headline(first_line, title):
    article = read_article(f"{first_line}\n{LEDE}\n{SECOND}")
    assert article.title == title
    assert spans(article) == [LEDE, SECOND]
    assert article.text[slice(*article.title_span)] == first_line


def test_a_short_sentence_standing_alone_above_the_text_is_the_headline():
    article = read_article(f"Mayor says the bridge will reopen early. Is it safe?\n\n{LEDE}\n\n{SECOND}")
    assert article.title == "Mayor says the bridge will reopen early. Is it safe?"
    assert spans(article) == [LEDE, SECOND]


def test_a_short_first_sentence_in_running_text_is_a_paragraph():
    article = read_article(f"The bridge is open again.\n{LEDE}\n{SECOND}")
    assert article.title_span is None
    assert spans(article)[0] == "The bridge is open again."
    assert article.title == "The bridge is open again"


def test_a_headline_ending_in_a_semicolon_takes_its_deck():
    article = read_article(f"Bridge reopens early; \nCity says works cost less than planned.\n\n{LEDE}")
    assert article.title == "Bridge reopens early; City says works cost less than planned"
    assert spans(article) == [LEDE]


def test_without_headline_the_title_is_the_first_sentence_cut_short():
    article = read_article(f"{LEDE} {SECOND}\n{SECOND}")
    assert article.title == "The mayor said on Tuesday that the bridge would reopen in May, months ahead of the schedule"
    long_sentence = "The mayor said " + "very " * 40 + "clearly that the bridge would reopen."
    title = read_article(f"{long_sentence}\n{SECOND}").title
    assert title.endswith("…") and len(title) <= 101 and title.startswith("The mayor said very")


def test_abbreviations_do_not_end_the_first_sentence():
    article = read_article(f"Mr. Smith told the U.S. Senate on Monday it was over. Then he left the room in a hurry.\n{SECOND}")
    assert article.title == "Mr. Smith told the U.S. Senate on Monday it was over"


def test_a_given_title_replaces_the_found_one_but_the_headline_stays_out_of_the_paragraphs():
    article = read_article(f"Bridge reopens\n\n{LEDE}", title="  My  title ")
    assert article.title == "My title"
    assert spans(article) == [LEDE]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Sources:\n- Reuters"])
def test_a_text_without_paragraphs_still_has_a_title(text):
    assert read_article(text).title


def test_an_empty_text_is_untitled():
    article = read_article("")
    assert (article.title, article.paragraphs, article.sources) == (UNTITLED, [], [])


def test_a_one_line_text_is_a_paragraph_not_a_headline():
    article = read_article("Bridge reopens")
    assert spans(article) == ["Bridge reopens"] and article.title == "Bridge reopens"


# --- the source list ----------------------------------------------------------------


@pytest.mark.parametrize(
    "source_list",
    [
        "Sources:\n- Ukrainska Pravda\n- The Kyiv Independent\n- RBC-Ukraine",
        "Sources:\n• Ukrainska Pravda\n• The Kyiv Independent\n• RBC-Ukraine\n",
        "Sources:\nUkrainska Pravda\nThe Kyiv Independent\nRBC-Ukraine",
        "SOURCES\n\n1. Ukrainska Pravda\n2. The Kyiv Independent\n3. RBC-Ukraine",
        "Sources: Ukrainska Pravda; The Kyiv Independent; RBC-Ukraine.",
        "Sources: Ukrainska Pravda, The Kyiv Independent, RBC-Ukraine",
    ],
)
def test_closing_source_list_is_sources_not_paragraphs(source_list):
    article = read_article(f"{LEDE}\n{SECOND}\n{source_list}")
    assert article.sources == ["Ukrainska Pravda", "The Kyiv Independent", "RBC-Ukraine"]
    assert spans(article) == [LEDE, SECOND]


def test_a_source_item_keeps_its_url_apart_from_its_name():
    article = read_article(f"{LEDE}\n\nSources:\n- Ukrainska Pravda: https://www.pravda.com.ua/eng/\n"
                           "- The Kyiv Independent (https://kyivindependent.com)\n- https://rbc.ua/news/1")
    assert article.sources == ["Ukrainska Pravda", "The Kyiv Independent", "rbc.ua"]
    assert article.source_urls == {
        "Ukrainska Pravda": "https://www.pravda.com.ua/eng/",
        "The Kyiv Independent": "https://kyivindependent.com",
        "rbc.ua": "https://rbc.ua/news/1",
    }


def test_a_sources_line_followed_by_running_text_is_a_paragraph():
    long_item = "the mayor's office, which said on Tuesday that the bridge would reopen in May"
    article = read_article(f"{LEDE}\nSources:\n{long_item}")
    assert article.sources == []
    assert spans(article) == [LEDE, "Sources:", long_item]


def test_a_sentence_starting_with_sources_is_not_a_source_list():
    article = read_article(f"{LEDE}\nSources say the deal is off.")
    assert article.sources == [] and len(article.paragraphs) == 2


# --- Markdown -------------------------------------------------------------------------

MARKDOWN = """\
---
layout: post
date: 2025-07-06
---

# Bridge *reopens* early

The mayor said on **Tuesday** that the [bridge](https://example.org/bridge) would
reopen in May, months ahead of the `schedule`.

> “We are ready,” the city engineer told reporters, adding that the works had cost less than planned.

## What comes next

- Traffic returns on Monday
- Buses follow a week later

## Sources

- [Ukrainska Pravda](https://www.pravda.com.ua/)
- **The Kyiv Independent**
"""


def test_markdown_heading_is_the_title_and_markup_is_left_out_of_the_paragraphs():
    article = read_article(MARKDOWN, markdown=True)
    assert article.title == "Bridge reopens early"
    assert shown(article) == [LEDE, SECOND, "What comes next", "Traffic returns on Monday", "Buses follow a week later"]
    assert article.sources == ["Ukrainska Pravda", "The Kyiv Independent"]
    assert article.source_urls == {"Ukrainska Pravda": "https://www.pravda.com.ua/"}


def test_markdown_keeps_offsets_into_the_original_text():
    article = read_article(MARKDOWN, markdown=True)
    assert article.text == MARKDOWN
    assert len(article.analysis_text) == len(MARKDOWN)
    start = MARKDOWN.index("**Tuesday**")
    assert article.analysis_text[start:start + 11] == "  Tuesday  "
    assert article.text[slice(*article.paragraphs[0])].startswith("The mayor said on **Tuesday**")
    # A span of the input (the bold word, markup included) maps onto the shown paragraph.
    index, first, last = article.locate((start, start + 11))
    assert (index, article.paragraph_text(index)[first:last]) == (0, "Tuesday")


def test_markdown_front_matter_title_is_used_without_a_heading():
    article = read_article(f'---\ntitle: "Bridge reopens"\n---\n{LEDE}\n', markdown=True)
    assert article.title == "Bridge reopens"
    assert shown(article) == [LEDE]


def test_markdown_setext_heading_and_snake_case_words():
    article = read_article("Bridge reopens\n==============\n\nThe file_name and 2*3*4 stay as written, *this* does not.",
                           markdown=True)
    assert article.title == "Bridge reopens"
    assert shown(article) == ["The file_name and 2*3*4 stay as written, this does not."]


# --- mapping spans ------------------------------------------------------------------


def test_locate_maps_an_input_span_into_its_paragraph():
    text = f"Bridge reopens\n\n{LEDE}\n\n{SECOND}"
    article = read_article(text)
    start = text.index("We are ready")
    assert article.locate((start, start + 12)) == (1, 1, 13)
    assert article.shown((start, start + 12)) == "We are ready"


def test_locate_clips_a_span_running_over_the_paragraph_end_and_refuses_one_outside():
    text = f"Bridge reopens\n\n{LEDE}\n\n{SECOND}"
    article = read_article(text)
    start = text.index("months")
    index, first, last = article.locate((start, len(text)))
    assert index == 0 and article.paragraph_text(0)[first:last] == "months ahead of the schedule."
    assert article.locate((0, 6)) is None  # in the headline
    assert article.locate((start, start)) is None  # empty


def test_locate_through_a_wrapped_line_break():
    wrapped = "The mayor said on Tuesday that the bridge would\nreopen in May, months ahead of the schedule."
    article = read_article(f"{wrapped}\n\n{SECOND}")
    start = wrapped.index("would")
    index, first, last = article.locate((start, start + len("would\nreopen")))
    assert article.paragraph_text(index)[first:last] == "would reopen"
