"""The story screen as the place to check and correct a story.

`ReviewStoryScreen` is the story screen (`StoryScreen`: reading, moving,
filtering, searching) with the review keys of `explorer.tui.keys.REVIEW_BINDINGS`
on top.  The edited story, undo and redo live in a `ReviewSession`; every edit
is a pure operation of `explorer.edits`, and after it the story index is derived
again and each pane redraws only what changed (the article is never wrapped
again: edits do not touch paragraph text).

The quote keys act on `StoryScreen.current_quote()`.  After `a` or `x` the
cursor goes on to the next quote not checked yet, in the order the quotes pane
shows (`next_unchecked`); from the speakers pane it goes to the quotes pane.
The dialogs a key needs (speaker, kind, note, selection) are in
`explorer.tui.screens.review_dialogs`; saving and leaving in
`explorer.tui.screens.review_saving`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.reactive import reactive, var

from explorer import edits
from explorer.edits import Edit, EditError
from explorer.model import Quote, Story
from explorer.review import next_unchecked, progress_label, review_queue
from explorer.storyfile.editing import EditableStory
from explorer.tui import keys
from explorer.tui.history import Place
from explorer.tui.review_session import Change, ReviewSession
from explorer.tui.screens.review_dialogs import ReviewDialogs
from explorer.tui.screens.review_saving import ReviewSaving
from explorer.tui.screens.story import StoryScreen
from explorer.tui.story_index import UNKNOWN_SPEAKER
from explorer.tui.widgets.paragraph_view import ParagraphView
from explorer.tui.widgets.quote_details import QuoteDetails
from explorer.tui.widgets.quote_list import QuoteList
from explorer.tui.widgets.speaker_list import SpeakerList
from explorer.tui.widgets.status_line import StatusLine
from explorer.tui.word_selection import WordSelection

#: The actions of the selection keys: they apply only while words are selected, and
#: then only they (and the app's keys) do, so that the footer lists them.
SELECTING_ACTIONS = frozenset({
    "selection_move", "selection_end", "selection_start", "selection_sentence", "add_selected",
    "cancel_selection",
})
#: Panes where a quote can be under the cursor.
QUOTE_PANES = ("paragraphs", "quotes")


class ReviewStoryScreen(ReviewDialogs, ReviewSaving, StoryScreen):
    """One story in four panes, checked and corrected with the keyboard."""

    BINDINGS = [*keys.STORY_BINDINGS, *keys.REVIEW_BINDINGS, *keys.SELECTION_BINDINGS]
    #: A story fresh from the annotator has no file: it has unsaved changes until saved.
    STARTS_UNSAVED: ClassVar[bool] = False

    show_rejected: reactive[bool] = var(False, init=False)
    """Rejected quotes are listed (dimmed, struck through) and highlighted in the article."""
    unchecked_only: reactive[bool] = var(False, init=False)
    """The quotes pane lists only the quotes not checked yet."""
    selection: reactive[WordSelection | None] = var(None, init=False)
    """Words selected in the article to become a quote (`v`)."""
    details_shown: reactive[bool] = var(False, init=False)
    """The details of the current quote show under the panes (`i`)."""

    def __init__(self, story: Story, path: Path | None = None, *, opened: EditableStory | None = None,
                 **place: str | int | bool | None) -> None:
        """`opened`: the story file as opened for editing (None: a story without a file)."""
        super().__init__(story, path if opened is None else opened.path, **place)  # type: ignore[arg-type]
        self.session = ReviewSession(story, opened, saved=not self.STARTS_UNSAVED)
        self._queue_went_to: str | None = None  # the quote `r` went to last

    # -- layout and what follows the cursor --------------------------------------------

    def on_mount(self) -> None:
        for name in ("paragraph", "quote", "highlight"):
            self.watch(self, name, self.follow_current_quote, init=False)
        self.show_review_state()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id != "paragraphs":
            self.selection = None
        self.follow_current_quote()

    def on_speaker_list_highlighted(self, _message: SpeakerList.Highlighted) -> None:
        self.follow_current_quote()

    def on_paragraph_view_cursor_moved(self, _message: ParagraphView.CursorMoved) -> None:
        self.selection = None  # a selection belongs to its paragraph

    def follow_current_quote(self, *_: object) -> None:
        """The details show the quote the keys act on now."""
        details = self.query(QuoteDetails)
        if not details:
            return
        quote = self.current_quote()
        details.first().quote_id = quote.id if quote is not None else None
        details.first().absent = self.no_quote_reason()

    def no_quote_reason(self) -> str:
        """Why there is no current quote, for a message."""
        pane = self.focused_pane()
        if pane == "sources":
            return "No quote in the sources pane: the quote keys work in the paragraphs, speakers and quotes panes"
        if pane == "speakers":
            return "This speaker has no quotes"
        if pane == "paragraphs":
            return f"¶ {self.paragraph + 1} has no quotes (v selects words to add one)"
        return "No quote selected"

    # -- what applies now (the footer follows `keys.APPLIES`) -------------------------------

    @property
    def can_edit_speaker(self) -> bool:
        """`e` renames in the speakers pane, and changes the speaker of a quote elsewhere."""
        return self.focused_pane() == "speakers" or self.current_quote() is not None

    @property
    def has_unchecked(self) -> bool:
        return any(not quote.decided for quote in self.index.quotes)

    @property
    def can_undo(self) -> bool:
        return self.session.edit_count > 0

    @property
    def can_redo(self) -> bool:
        return self.session.can_redo

    @property
    def has_unsaved(self) -> bool:
        return self.session.unsaved

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The selection keys apply only while selecting, and then only they do."""
        if (self.selection is not None) != (action in SELECTING_ACTIONS):
            return False
        return super().check_action(action, parameters)

    def help_sections(self) -> list[keys.HelpSection]:
        """The story screen's keys, with the review keys after the story's own."""
        story, *rest = super().help_sections()
        return [story, ("Checking and correcting", keys.REVIEW_BINDINGS),
                ("Selecting words to add a quote (v)", keys.SELECTION_BINDINGS), *rest]

    # -- applying edits ---------------------------------------------------------------

    def apply_edit(self, build: Callable[[Story], Edit]) -> Change | None:
        """Make the edit `build` makes for the story now; show it, or say why it does not fit."""
        try:
            change = self.session.apply(build(self.session.story))
        except EditError as error:
            self.notify(str(error), title="Not changed", severity="warning", markup=False)
            return None
        self.show_change(change)
        return change

    def show_change(self, change: Change) -> None:
        """Bring every pane up to date with the session's story after `change`."""
        self.index.update(self.session.story)
        if self.speaker not in (None, UNKNOWN_SPEAKER) and self.speaker not in self.index.quote_counts:
            self.speaker = None  # the filtered speaker is gone (merged into another)
        self.query_one(ParagraphView).show_edit()
        self.query_one(QuoteList).show_edit(change.quotes, change.speakers)
        self.query_one(SpeakerList).show_edit(change.speakers | change.counts)
        self.query(QuoteDetails).refresh()  # there once `i` has shown it
        self.show_review_state()
        self.follow_current_quote()

    def show_review_state(self) -> None:
        """Progress and unsaved changes, in the status line and the screen's title."""
        status = self.query_one(StatusLine)
        status.checked = progress_label(self.session.story.quotes)
        status.unsaved = self.session.unsaved
        status.refresh()  # a filter's paragraph count may have changed too
        title = self.session.story.title
        self.title = f"● {title} (unsaved)" if self.session.unsaved else title
        self.refresh_bindings()  # undo, redo, save and the queue may apply now, or no more

    def quote_or_say(self) -> Quote | None:
        """The current quote, or None once the screen said why there is none."""
        quote = self.current_quote()
        if quote is None:
            self.notify(self.no_quote_reason(), markup=False)
        return quote

    def show_quote(self, quote_id: str, *, pane: str | None = None) -> None:
        """Put the cursor on a quote, in the article and in the quotes pane (focus in
        `pane`, else where it is when that pane can show a quote, else the quotes pane)."""
        quote = self.index.quote_by_id.get(quote_id)
        if quote is None or quote_id not in self.index.quote_position:
            return
        here = self.focused_pane()
        self.go(Place(self.index.paragraph_of(quote), quote_id, pane or (here if here in QUOTE_PANES else "quotes")))

    # -- deciding about a quote -------------------------------------------------------------

    def _decide(self, decision: Callable[[Story, str], Edit]) -> None:
        """`a` / `x`: decide, then go on to the next quote not checked yet."""
        quote = self.quote_or_say()
        if quote is None:
            return
        following = next_unchecked(self.query_one(QuoteList).shown_quotes(), quote.id)
        if self.apply_edit(lambda story: decision(story, quote.id)) is None:
            return
        if following is None:
            self.notify(f"Every quote is checked ({progress_label(self.session.story.quotes)})", markup=False)
        else:
            self.show_quote(following.id)

    def action_confirm(self) -> None:
        self._decide(edits.confirm)

    def action_reject(self) -> None:
        self._decide(edits.reject)

    def action_clear_review(self) -> None:
        quote = self.quote_or_say()
        if quote is None:
            return
        if not quote.decided:
            self.notify(f"{quote.id} is not checked yet", markup=False)
            return
        self.apply_edit(lambda story: edits.clear_review(story, quote.id))

    def _move_span(self, move: Callable[[Story, str, int], Edit], words: int, which: str) -> None:
        quote = self.quote_or_say()
        if quote is None:
            return
        edit = move(self.session.story, quote.id, words)
        fields = dict(edit.fields) if isinstance(edit, edits.SetFields) and edit.collection == edits.QUOTES else {}
        if self.index.spans.get(quote.id) == (fields.get("start"), fields.get("end")):
            direction = "earlier" if words < 0 else "later"
            self.notify(f"The quote's {which} cannot move {direction}: a quote keeps one word, in its paragraph",
                        markup=False)
            return
        if self.apply_edit(lambda _story: edit) is not None:
            self.show_quote(quote.id)  # the article shows the new span

    def action_move_start(self, words: int) -> None:
        self._move_span(edits.move_start, words, "start")

    def action_move_end(self, words: int) -> None:
        self._move_span(edits.move_end, words, "end")

    # -- undo and redo -------------------------------------------------------------------------

    def _step_back_or_forth(self, change: Change | None, done: str, nothing: str) -> None:
        if change is None:
            self.notify(nothing, markup=False)
            return
        self.show_change(change)
        self.notify(f"{done}: {change.label}", timeout=3, markup=False)
        shown = sorted((q for q in change.quotes if q in self.index.quote_position), key=self.index.quote_position.get)
        if shown and self.focused_pane() in QUOTE_PANES:
            self.show_quote(shown[0])  # the quote that changed back, where it can be seen

    def action_undo(self) -> None:
        self._step_back_or_forth(self.session.undo(), "Undone", "Nothing to undo")

    def action_redo(self) -> None:
        self._step_back_or_forth(self.session.redo(), "Redone", "Nothing to redo")

    # -- the review queue and what the quotes pane lists ------------------------------------------

    def action_next_in_queue(self) -> None:
        """`r`: the next quote not checked yet among those the quotes pane lists, the least
        confident first; pressed again on the quote it went to: the one after it in that
        order (so a quote can be left for later)."""
        listed = {q.id for q in self.query_one(QuoteList).shown_quotes()}
        queue = [q.id for q in review_queue(self.session.story) if q.id in listed]
        if not queue:
            where = " in this list" if self.speaker else ""
            self.notify(f"No quote left to check{where} ({progress_label(self.session.story.quotes)})", markup=False)
            return
        current = self.current_quote()
        left_for_later = current is not None and current.id == self._queue_went_to and current.id in queue
        at = queue.index(current.id) + 1 if left_for_later else 0
        target = self.index.quote_by_id[queue[at % len(queue)]]
        self._queue_went_to = target.id
        here = self.focused_pane()
        self.jump(Place(self.index.paragraph_of(target), target.id, here if here in QUOTE_PANES else "quotes"))

    def action_toggle_unchecked(self) -> None:
        self.unchecked_only = not self.unchecked_only

    def watch_unchecked_only(self, unchecked_only: bool) -> None:
        self.query_one(QuoteList).unchecked_only = unchecked_only
        self.notify("The quotes pane lists only the quotes not checked yet (U: all)" if unchecked_only
                    else "The quotes pane lists every quote", timeout=3, markup=False)

    def action_toggle_rejected(self) -> None:
        self.show_rejected = not self.show_rejected

    def watch_show_rejected(self, show_rejected: bool) -> None:
        rejected = frozenset(q.id for q in self.session.story.quotes if q.review == "rejected")
        self.index.update(self.session.story, show_rejected=show_rejected)
        self.show_change(Change("", rejected, frozenset(), frozenset(s.id for s in self.index.speakers), False))
        count = len(rejected)
        self.notify(f"{count} rejected quote{'s' if count != 1 else ''} "
                    f"{'shown, struck through (X hides them)' if show_rejected else 'hidden'}", timeout=3,
                    markup=False)

    def action_toggle_details(self) -> None:
        self.details_shown = not self.details_shown

    def watch_details_shown(self, shown: bool) -> None:
        if shown and not self.query(QuoteDetails):
            # Mounted when first asked for: at start-up it would be one more widget to
            # build and lay out before the first paint, for a pane most visits never open.
            self.mount(QuoteDetails(self.index, id="details"), before=self.query_one(StatusLine))
        self.query(QuoteDetails).set_class(shown, "-shown")
        self.follow_current_quote()

    # -- selecting words (v) ------------------------------------------------------------------

    def watch_selection(self, selection: WordSelection | None) -> None:
        self.query_one(ParagraphView).selection = selection
        self.refresh_bindings()  # the footer lists the selection keys, or the others again
