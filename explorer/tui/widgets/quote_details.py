"""Why this attribution? The details of the quote the review keys act on: where it is,
its speaker and kind, how the annotator found it (method, confidence, cue, mention),
how the mention was resolved, its review state and the reviewer's note.

Shown under the panes while `i` has it on; it follows the current quote and redraws
after each edit (it only renders a few lines, so it is rebuilt whole)."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from explorer.model import Quote
from explorer.tui.review_marks import review_word
from explorer.tui.safe_text import printable
from explorer.tui.story_index import UNKNOWN_SPEAKER_NAME, StoryIndex
from explorer.tui.widgets.quote_list import quoted

MUTED = "$readable-muted"


def resolution_text(index: StoryIndex, quote: Quote) -> str:
    """How the mention became the speaker: “he” → Donald Trump, by pronoun: named in
    ¶ 5 “President Trump” (as far as the story records it).  A quote a person gave to
    another speaker shows the annotator's reading as only that."""
    speaker = index.story.speaker_name(quote) or UNKNOWN_SPEAKER_NAME
    resolution = quote.resolution
    how = ""
    if resolution is not None:
        where = []
        position = index.story.paragraph_position.get(resolution.paragraph or "")
        if position is not None:
            where.append(f"named in ¶ {position + 1}")
        if resolution.text:
            where.append(f"“{resolution.text}”")
        how = f"by {resolution.rule}" + (": " + " ".join(where) if where else "")
    if not quote.mention:
        return f"{speaker} (no mention recorded)"
    if quote.review == "corrected" and not _names_the_speaker(index, quote):
        read = f"the annotator read “{quote.mention}”" + (f", {how}" if how else "")
        return f"{speaker} (corrected by a person; {read})"
    return f"“{quote.mention}” → {speaker}" + (f", {how}" if how else "")


def _names_the_speaker(index: StoryIndex, quote: Quote) -> bool:
    """Whether the mention (or the antecedent it was resolved by) still names the quote's
    speaker: a quote corrected in its span or kind keeps the annotator's reading, one
    given to another speaker does not.  A capitalised word of the mention in the speaker's
    name, or the last word of one of their aliases, will do ("Zelensky" names Volodymyr
    Zelensky; "President" alone names no one)."""
    speaker = index.story.speaker_by_id.get(quote.speaker or "")
    if speaker is None:
        return False
    names = {word.lower() for word in speaker.name.split()}
    names.update(alias.split()[-1].lower() for alias in speaker.aliases if alias.split())  # not their roles
    read = f"{quote.mention or ''} {quote.resolution.text if quote.resolution and quote.resolution.text else ''}"
    return any(word.lower().strip(".,’'") in names for word in read.split() if word[:1].isupper())


def found_text(quote: Quote) -> Content:
    """How the annotator found the quote: method, confidence, cue (or: by hand)."""
    parts: list[Content] = []
    if quote.method:
        parts.append(Content.assemble(("found by ", MUTED), printable(quote.method)))
    if quote.confidence is not None:
        parts.append(Content.assemble(("confidence ", MUTED), f"{quote.confidence:.2f}"))
    if quote.cue:
        parts.append(Content.assemble(("cue ", MUTED), f"“{printable(quote.cue)}”"))
    if not parts:
        return Content.styled("no annotator's evidence (made by hand)", MUTED)
    return Content(" · ").join(parts)


class QuoteDetails(Widget):
    """A few lines about one quote (`quote_id`); a word when there is none."""

    DEFAULT_CSS = """
    QuoteDetails {
        height: auto;
        max-height: 8;
        border: round $border-blurred;
        border-title-color: $readable-muted;
        background: $surface;
        color: $readable-foreground;
        padding: 0 1;
        display: none;
        &.-shown { display: block; }
    }
    """

    quote_id: reactive[str | None] = reactive(None)
    absent: reactive[str] = reactive("No quote here")
    """What to say when there is no quote."""

    def __init__(self, index: StoryIndex, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.border_title = "i Details"

    def render(self) -> Content:
        quote = self.index.quote_by_id.get(self.quote_id or "")
        if quote is None:
            return Content.styled(self.absent, MUTED)
        position = self.index.story.paragraph_position.get(quote.paragraph, -1)
        speaker = self.index.story.speaker_name(quote)
        lines = [
            Content.assemble(
                (f"{printable(quote.id)} · ¶ {position + 1} · ", MUTED),
                (printable(speaker) if speaker else UNKNOWN_SPEAKER_NAME, "bold" if speaker else f"italic {MUTED}"),
                (f" · {quote.kind} · ", MUTED),
                review_word(quote),
                strip_control_codes=False,
            ),
            found_text(quote),
            Content.assemble(("speaker ", MUTED), printable(resolution_text(self.index, quote)),
                             strip_control_codes=False),
        ]
        if quote.note:
            lines.append(Content.assemble(("note ", MUTED), printable(quote.note), strip_control_codes=False))
        # Last and on one line: the article shows the words in full, the evidence matters more here.
        lines.append(Content(quoted(quote), strip_control_codes=False).stylize("italic").truncate(
            max(self.scrollable_content_region.width, 8), ellipsis=True))
        return Content("\n").join(lines)
