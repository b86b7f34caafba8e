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

from collections.abc import Sequence
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
            tooltip="Search the article text (case-insensitive); Enter goes to the first match from the cursor's "
            "paragraph on, Escape cancels"),
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
        ("sources", "Mark ¶s", "Mark the paragraphs that draw on this source; the article shows the first of them"),
    )
}

#: Checking and correcting the story (the story screen).  The quote keys act on the
#: quote under the cursor (`StoryScreen.current_quote`): the quotes pane's, the cursor
#: paragraph's in the article, the speaker's first in the speakers pane.
REVIEW_BINDINGS: list[Binding] = [
    Binding("a", "confirm", "Confirm", id="review.confirm",
            tooltip="The quote is right: mark it confirmed, then go on to the next quote not checked yet"),
    Binding("x", "reject", "Reject", id="review.reject",
            tooltip="Not an attribution: mark the quote rejected (it stays in the file, hidden; X shows it), "
            "then go on to the next quote not checked yet"),
    Binding("u", "clear_review", "Unmark", show=False, id="review.clear",
            tooltip="Back to not checked (undoes confirm, reject or corrected on the quote)"),
    Binding("e", "edit_speaker", "Speaker", id="review.speaker",
            tooltip="Change the quote's speaker: pick one (type to narrow), unknown speaker, or new speaker… "
            "(name, role, kind); in the speakers pane: rename the speaker and set their role"),
    Binding("K", "set_kind", "Kind", show=False, id="review.kind",
            tooltip="Change the quote's kind: direct, mixed or reported"),
    Binding("m", "write_note", "Note", show=False, id="review.note",
            tooltip="Write a note on the quote (an empty note removes it)"),
    Binding("i", "toggle_details", "Details", show=False, id="review.details",
            tooltip="Show or hide the details of the quote: how it was found (method, confidence, cue, mention, "
            "how the mention was resolved), its review state and note"),
    Binding("less_than_sign", "move_start(-1)", "Start ←", show=False, id="review.start_left",
            tooltip="The quote starts one word earlier (shown at once in the article)"),
    Binding("greater_than_sign", "move_start(1)", "Start →", show=False, id="review.start_right",
            tooltip="The quote starts one word later"),
    Binding("comma", "move_end(-1)", "End ←", show=False, id="review.end_left",
            tooltip="The quote ends one word earlier"),
    Binding("full_stop", "move_end(1)", "End →", show=False, id="review.end_right",
            tooltip="The quote ends one word later"),
    Binding("v", "select_words", "Select", id="review.select",
            tooltip="In the paragraphs pane: select words to add a quote the annotator missed (the search match "
            "in the paragraph, else its first word); then the selection keys below"),
    Binding("M", "merge_speaker", "Merge", id="review.merge",
            tooltip="In the speakers pane: merge the speaker into another one you pick (every quote moves, "
            "the names join the other's aliases)"),
    Binding("r", "next_in_queue", "To check", id="review.queue",
            tooltip="Go to the next quote not checked yet, the least confident first (quotes without a "
            "confidence last)"),
    Binding("U", "toggle_unchecked", "Unchecked", show=False, id="review.unchecked",
            tooltip="Show only the quotes not checked yet in the quotes pane, or all of them again"),
    Binding("X", "toggle_rejected", "Rejected", show=False, id="review.rejected",
            tooltip="Show the rejected quotes (dimmed and struck through), or hide them again"),
    Binding("ctrl+z", "undo", "Undo", id="review.undo", tooltip="Undo the last edit (the message says which)"),
    Binding("ctrl+y", "redo", "Redo", id="review.redo", tooltip="Redo the last edit undone"),
    Binding("ctrl+s", "save", "Save", id="review.save",
            tooltip="Save the edits into the story file (a story made from an article asks where); "
            "a file changed on disk since it was opened is never overwritten"),
]

#: While words are selected (`v`): priority keys, so that they come before the
#: article's own; each applies only while selecting (`check_action`).
SELECTION_BINDINGS: list[Binding] = [
    Binding("left,h", "selection_move(-1)", "Left", priority=True, id="select.left",
            tooltip="Move the selection one word left"),
    Binding("right,l", "selection_move(1)", "Right", priority=True, id="select.right",
            tooltip="Move the selection one word right"),
    Binding("comma", "selection_end(-1)", "End ←", priority=True, id="select.end_left",
            tooltip="The selection ends one word earlier"),
    Binding("full_stop", "selection_end(1)", "End →", priority=True, id="select.end_right",
            tooltip="The selection ends one word later"),
    Binding("less_than_sign", "selection_start(-1)", "Start ←", priority=True,
            id="select.start_left", tooltip="The selection starts one word earlier"),
    Binding("greater_than_sign", "selection_start(1)", "Start →", priority=True,
            id="select.start_right", tooltip="The selection starts one word later"),
    Binding("right_parenthesis", "selection_sentence(1)", "Sentence", priority=True, id="select.sentence_end",
            tooltip="The selection reaches to the end of its sentence (again: the next sentence)"),
    Binding("left_parenthesis", "selection_sentence(-1)", "Sentence start", show=False, priority=True,
            id="select.sentence_start", tooltip="The selection reaches back to the start of its sentence"),
    Binding("enter", "add_selected", "Add quote", priority=True, id="select.add",
            tooltip="Add the selected words as a quote: pick its speaker, then its kind"),
    Binding("escape", "cancel_selection", "Cancel", priority=True, id="select.cancel",
            tooltip="Stop selecting, add nothing"),
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
    Binding("enter", "submit", "Go", id="search.go", tooltip="Close the search box and go to the first match from the cursor's paragraph on"),
    Binding("escape", "cancel", "Cancel", id="search.cancel", tooltip="Close the search box, keep the old search"),
]

#: A titled group of bindings, as the help screen lists them (here, not beside the help
#: screen, so a screen can say what it lists without importing that screen).
HelpSection = tuple[str, Sequence[Binding]]


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


#: The panes where a quote can be under the cursor (`StoryScreen.current_quote`).
_QUOTE_PANES = ("paragraphs", "speakers", "quotes")

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
    **{f"review.{name}": Applies(panes=_QUOTE_PANES, state="has_current_quote")
       for name in ("confirm", "reject", "clear", "kind", "note", "start_left", "start_right", "end_left",
                    "end_right")},
    "review.speaker": Applies(panes=_QUOTE_PANES, state="can_edit_speaker"),
    "review.select": Applies(panes=("paragraphs",)),
    "review.merge": Applies(panes=("speakers",)),
    "review.queue": Applies(state="has_unchecked"),
    "review.undo": Applies(state="can_undo"),
    "review.redo": Applies(state="can_redo"),
    "review.save": Applies(state="has_unsaved"),
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
    # While words are selected these are the only story keys offered; at 80 columns the
    # word moves give way first (the help lists them).
    "select.add",
    "select.cancel",
    "select.sentence_end",
    "select.left",
    "select.right",
    "select.end_right",
    "select.end_left",
    "select.start_left",
    "select.start_right",
    "annotated.save",
    "review.save",
    "story.filter",
    "story.search",
    "review.confirm",
    "review.reject",
    "story.back",
    "review.queue",
    "review.undo",
    "story.copy",
    "story.jump_sources",
    "review.speaker",
    "review.merge",
    "review.redo",
    "search.go",
    "search.cancel",
    "app.palette",
)
