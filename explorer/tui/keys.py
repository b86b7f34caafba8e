"""The keys of the explorer's story screen and the app-wide keys, declared once.

The screens and panes take their `BINDINGS` from here; the footer, the `?`
help screen and the command palette are all generated from these lists, so
the key table cannot drift from what the keys do.  Each binding has an id
(`App.set_keymap` can remap it) and a `tooltip`, which the help screen shows
as the longer explanation.

The footer offers only what applies now: `APPLIES` says, by binding id, in
which panes and in which state of the story screen a key applies (a key
pressed at another time still runs and says why it does nothing), and
`FOOTER_RANK` which keys a narrow footer keeps longest.  A new key joins the
footer's logic by adding its id to these two tables.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding

#: Moving inside any pane (the paragraphs and the three lists use the same
#: action names, so one list serves them all).
PANE_BINDINGS: list[Binding] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="pane.down", tooltip="Move down one item"),
    Binding("k,up", "cursor_up", "Up", show=False, id="pane.up", tooltip="Move up one item"),
    Binding("g,home", "first", "First", show=False, id="pane.first", tooltip="Go to the first item"),
    Binding("G,end", "last", "Last", show=False, id="pane.last", tooltip="Go to the last item"),
    Binding("pagedown", "page_down", "Page down", show=False, id="pane.page_down", tooltip="Move down a page"),
    Binding("pageup", "page_up", "Page up", show=False, id="pane.page_up", tooltip="Move up a page"),
    Binding(
        "enter",
        "select",
        "Open",
        show=False,
        id="pane.select",
        tooltip="Act on the selection: a paragraph shows its first quote, a speaker filters by them, "
        "a quote goes to its paragraph, a source marks its paragraphs",
    ),
]

STORY_BINDINGS: list[Binding] = [
    Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="story.next_pane", tooltip="Focus the next pane"),
    Binding(
        "shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="story.previous_pane",
        tooltip="Focus the previous pane",
    ),
    Binding("1", "focus_pane('paragraphs')", "Paragraphs", show=False, id="story.paragraphs",
            tooltip="Focus the paragraphs (the article)"),
    Binding("2", "focus_pane('speakers')", "Speakers", show=False, id="story.speakers",
            tooltip="Focus the speakers, most quoted first"),
    Binding("3", "focus_pane('quotes')", "Quotes", show=False, id="story.quotes",
            tooltip="Focus the quotes, in article order"),
    Binding("4", "focus_pane('sources')", "Sources", show=False, id="story.sources",
            tooltip="Focus the sources and the outlets the article cites"),
    Binding("f", "pick_speaker", "Filter", id="story.filter",
            tooltip="Pick a speaker (type to narrow the list): show only their quotes, dim the other paragraphs"),
    Binding("slash", "search", "Search", id="story.search",
            tooltip="Search the article text (case-insensitive); Enter goes to the first match, Escape cancels"),
    Binding("n", "step(1)", "Next", id="story.next",
            tooltip="Next search match, or next paragraph where the filtered speaker speaks; "
            "with both a search and a filter, n follows the one you set last"),
    Binding("N,p", "step(-1)", "Previous", id="story.previous",
            tooltip="Previous search match or filtered paragraph (the same choice as n)"),
    Binding("s", "jump_to_sources", "Sources", id="story.jump_sources",
            tooltip="Go to the sources pane with the sources the selected paragraph or quote draws on selected"),
    Binding("o", "open_source", "Open url", id="story.open_url",
            tooltip="In the sources pane: open the selected source's url in the browser (when none can "
            "start, the link is copied instead)"),
    Binding("y", "copy_quote", "Copy", id="story.copy",
            tooltip="Copy the quote the cursor is on as a citation: “…” — speaker, outlet, date, ¶ n, url "
            "(the quotes pane's quote; in the paragraphs pane the cursor paragraph's; in the speakers pane "
            "the speaker's first)"),
    Binding("backspace,left_square_bracket", "back", "Back", id="story.back",
            tooltip="Back to where you were before the last jump"),
    Binding("right_square_bracket", "forward", "Forward", show=False, id="story.forward",
            tooltip="Forward again after going back"),
    Binding("escape", "back_out", "Clear", id="story.escape",
            tooltip="Clear the search or the speaker filter (the one set last first), then source marks, "
            "then return to the library"),
]

#: Enter in each pane of the story screen, named for what it does there (the
#: footer shows it; `PANE_BINDINGS` has the general explanation for the help).
PANE_ENTER: dict[str, Binding] = {
    pane: Binding("enter", "select", name, id=f"{pane}.select", tooltip=tooltip)
    for pane, name, tooltip in (
        ("paragraphs", "Its quotes", "Select the paragraph's first quote in the quotes pane"),
        ("speakers", "Their quotes", "Filter by this speaker: only their quotes, the other paragraphs dimmed"),
        ("quotes", "Go to ¶", "Go to the quote's paragraph, the quote highlighted"),
        ("sources", "Mark ¶s", "Mark the paragraphs that draw on this source"),
    )
}

#: The app-wide keys (on `StoryExplorerApp`).
APP_BINDINGS: list[Binding] = [
    Binding("question_mark", "help", "Help", id="app.help", tooltip="Show the keys of this screen"),
    Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit the explorer"),
    Binding("ctrl+p", "command_palette", "Palette", show=False, priority=True, id="app.palette",
            tooltip="Every action by name, themes, and go to a speaker, quote or source"),
]

#: Keys of the search box at the bottom of the story screen.
SEARCH_BINDINGS: list[Binding] = [
    Binding("enter", "submit", "Go", id="search.go", tooltip="Close the search box and go to the first match"),
    Binding("escape", "cancel", "Cancel", id="search.cancel", tooltip="Close the search box, keep the old search"),
]


def pane_bindings(pane: str) -> list[Binding]:
    """The keys of the story screen's pane `pane`: `PANE_BINDINGS`, Enter named for what it does there."""
    return [PANE_ENTER[pane] if binding.action == "select" else binding for binding in PANE_BINDINGS]


def key_names(binding: Binding) -> list[str]:
    """The keys of a binding, as listed in its comma-separated `key`."""
    return [key.strip() for key in binding.key.split(",")]


def list_keys(enter_tooltip: str) -> list[Binding]:
    """The pane keys as the help of a screen with lists shows them: Enter says what it opens there."""
    return [replace(binding, tooltip=enter_tooltip) if binding.action == "select" else binding
            for binding in PANE_BINDINGS]


@dataclass(frozen=True)
class Applies:
    """When a key of the story screen applies: the footer offers it only then."""

    panes: tuple[str, ...] = ()
    """The focus is in one of these panes (empty: in any)."""
    state: str = ""
    """The name of a true-or-false property of the story screen that must be true
    (`StoryScreen.stepping`, ...); empty: in any state."""


#: Binding id -> when it applies (ids not listed apply always).
APPLIES: dict[str, Applies] = {
    "story.next": Applies(state="stepping"),
    "story.previous": Applies(state="stepping"),
    "story.escape": Applies(state="clearable"),
    "story.open_url": Applies(panes=("sources",)),
    "story.jump_sources": Applies(panes=("paragraphs", "speakers", "quotes")),
    "story.copy": Applies(panes=("paragraphs", "speakers", "quotes"), state="has_current_quote"),
    "story.back": Applies(state="can_go_back"),
    "story.forward": Applies(state="can_go_forward"),
}

#: The keys a footer too narrow for all keeps longest, in that order; keys not
#: listed go first.  `?` lists every key, whatever the footer shows.
FOOTER_RANK: tuple[str, ...] = (
    "app.help",
    "app.quit",
    "story.escape",
    "story.next",
    "story.previous",
    *(binding.id or "" for binding in PANE_ENTER.values()),
    "story.open_url",
    "annotated.save",
    "story.filter",
    "story.search",
    "story.copy",
    "story.jump_sources",
    "story.back",
    "search.go",
    "search.cancel",
    "app.palette",
)
