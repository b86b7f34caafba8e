"""The keys of the explorer's story screen and the app-wide keys, declared once.

The screens and panes take their `BINDINGS` from here; the footer, the `?`
help screen and the command palette are all generated from these lists, so
the key table cannot drift from what the keys do.  Each binding has an id
(`App.set_keymap` can remap it) and a `tooltip`, which the help screen shows
as the longer explanation.
"""

from __future__ import annotations

from dataclasses import replace

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
    Binding("n", "step(1)", "Next", show=False, id="story.next",
            tooltip="Next search match, or next paragraph where the filtered speaker speaks; "
            "with both a search and a filter, n follows the one you set last"),
    Binding("N,p", "step(-1)", "Previous", show=False, id="story.previous",
            tooltip="Previous search match or filtered paragraph (the same choice as n)"),
    Binding("s", "jump_to_sources", "Sources", id="story.jump_sources",
            tooltip="Go to the sources pane with the sources the selected paragraph or quote draws on selected"),
    Binding("o", "open_source", "Open url", show=False, id="story.open_url",
            tooltip="Open the selected source's url in the browser"),
    Binding("y", "copy_quote", "Copy", id="story.copy",
            tooltip="Copy the selected quote with its speaker (also shown in a notification)"),
    Binding("backspace,left_square_bracket", "back", "Back", id="story.back",
            tooltip="Back to where you were before the last jump"),
    Binding("right_square_bracket", "forward", "Forward", show=False, id="story.forward",
            tooltip="Forward again after going back"),
    Binding("escape", "back_out", "Back out", show=False, id="story.escape",
            tooltip="Clear the search or the speaker filter (the one set last first), then source marks, "
            "then return to the library"),
]

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


def key_names(binding: Binding) -> list[str]:
    """The keys of a binding, as listed in its comma-separated `key`."""
    return [key.strip() for key in binding.key.split(",")]


def list_keys(enter_tooltip: str) -> list[Binding]:
    """The pane keys as the help of a screen with lists shows them: Enter says what it opens there."""
    return [replace(binding, tooltip=enter_tooltip) if binding.action == "select" else binding
            for binding in PANE_BINDINGS]
