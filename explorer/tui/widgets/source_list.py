"""The sources pane: the article's own sources and the outlets it cites,
each with the paragraphs that draw on it."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive, var
from textual.widgets.option_list import Option

from explorer.tui import keys
from explorer.tui.safe_text import shown
from explorer.tui.story_index import StoryIndex
from explorer.tui.widgets.pane_list import PaneList

MARK = "◆ "
#: A "¶ 3, 7, …" list in a message names at most this many paragraphs.
LISTED_PARAGRAPHS = 12


def no_sources_note(index: StoryIndex, paragraph: int) -> str:
    """What to say when paragraph `paragraph` (0-based) draws on none of the story's
    sources: how many it has and where they are drawn on."""
    sources = index.story.sources
    if not sources:
        return "This story names no sources"
    covered = sorted({p for paragraphs in index.source_paragraphs for p in paragraphs})
    count = f"the story's {len(sources)} sources" if len(sources) > 1 else "the story's one source"
    if not covered:
        return f"¶ {paragraph + 1} draws on none of {count}: none names a paragraph"
    verb = "cited in" if all(source.kind == "cited" for source in sources) else "drawn on in"
    shown = ", ".join(str(p + 1) for p in covered[:LISTED_PARAGRAPHS]) + (", …" if len(covered) > LISTED_PARAGRAPHS else "")
    pronoun = "they are" if len(sources) > 1 else "it is"
    return f"¶ {paragraph + 1} draws on none of {count}: {pronoun} {verb} ¶ {shown}"


class SourceList(PaneList):
    """The story's sources; those `s` selected are marked."""

    BINDINGS = keys.pane_bindings("sources")

    marked: reactive[frozenset[int]] = var(frozenset())
    """Positions (in `story.sources`) of the sources drawn on by the paragraph `s` came from."""

    class Chosen(Message):
        """Enter on a source: mark its paragraphs."""

        def __init__(self, source: int) -> None:
            super().__init__()
            self.source = source

    def prompt(self, position: int) -> Content:
        """Name and kind; where it applies; its url."""
        source = self.index.story.sources[position]
        parts: list[str | tuple[str, str]] = [
            (MARK, "$readable-accent bold") if position in self.marked else "  ",
            (shown(source.name), "bold"),
            (f" · {source.kind}", "$readable-muted"),
            ("\n  " + self.index.source_label(position), "$readable-secondary"),
        ]
        if source.url:
            parts.append(("\n  " + shown(source.url), "$readable-muted"))
        return Content.assemble(*parts, strip_control_codes=False)

    def rebuild(self) -> None:
        highlighted = self.highlighted
        self.set_options(Option(self.prompt(i), id=str(i)) for i in range(len(self.index.story.sources)))
        if self.option_count:
            self.highlighted = highlighted if highlighted is not None else 0

    def watch_marked(self) -> None:
        if self.is_mounted:
            self.rebuild()

    def option_chosen(self, option: Option) -> None:
        self.post_message(self.Chosen(int(option.id or 0)))
