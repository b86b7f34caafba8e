"""The review keys that ask something before they edit: a quote's speaker (`e`), its kind
(`K`), a note (`m`); in the speakers pane rename and role (`e`) and merge (`M`); and
adding a quote from words selected in the article (`v`, then Enter).

A part of `ReviewStoryScreen` (a mixin): it uses the screen's `session`, `index`,
`apply_edit`, `quote_or_say` and `show_quote`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer import edits
from explorer.edits import Edit
from explorer.model import QUOTE_KINDS, Story
from explorer.tui.story_index import UNKNOWN_SPEAKER
from explorer.tui.widgets.quote_list import quoted
from explorer.tui.widgets.speaker_list import SpeakerList
from explorer.tui.word_selection import (
    WordSelection,
    moved,
    to_sentence_end,
    to_sentence_start,
    with_end,
    with_start,
    word_at,
)

if TYPE_CHECKING:
    from explorer.tui.dialogs.speaker_form import SpeakerDetails

# The dialogs are imported where they open: none is needed for the first paint, and
# together they are a tenth of the story screen's own start-up.

#: The picker's value for "new speaker…" (never a speaker id: those come from the story).
NEW_SPEAKER = "\0new"
#: Quote text longer than this is cut in a dialog's title.
SHOWN_CHARS = 60


@dataclass(frozen=True)
class SpeakerChoice:
    """Who a quote is by, as picked: a speaker id (None: unknown), or a new speaker."""

    speaker_id: str | None = None
    new: SpeakerDetails | None = None


def short(quote_text: str) -> str:
    """Quote text for a dialog's title: one line, cut with an ellipsis."""
    text = " ".join(quote_text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


class ReviewDialogs:
    """The edits that need a dialog first."""

    # -- picking a speaker (for a quote, or a quote to add) ----------------------------------

    def pick_speaker(self, title: str, current: str | None, then: Callable[[SpeakerChoice], None]) -> None:
        """Ask for a speaker: one of the story's, unknown, or a new one (a second dialog
        asks name, role and kind; what was typed in the picker is its name)."""
        from explorer.tui.dialogs.speaker_form import SpeakerForm
        from explorer.tui.dialogs.speaker_picker import PickerEntry, SpeakerPicker

        index = self.index
        unknown = self.unknown_speaker_entry()
        entries = [unknown, PickerEntry(NEW_SPEAKER, "new speaker…", "a name, a role and a kind", always=True)]
        picker = SpeakerPicker(index.speakers, index.quote_counts, title=title, entries=entries, current=current)

        def picked(value: str | None) -> None:
            if value is None:
                return
            if value == NEW_SPEAKER:
                form = SpeakerForm("New speaker", name=picker.typed.strip(), kind="person", accept="Add")
                self.app.push_screen(form, lambda details: then(SpeakerChoice(new=details)) if details else None)
            else:
                then(SpeakerChoice(None if value == UNKNOWN_SPEAKER else value))

        self.app.push_screen(picker, picked)

    def action_edit_speaker(self) -> None:
        """`e`: in the speakers pane rename and set the role; elsewhere change the quote's speaker."""
        if self.focused_pane() == "speakers":
            self._rename_speaker()
            return
        quote = self.quote_or_say()
        if quote is None:
            return

        def attribute(choice: SpeakerChoice) -> None:
            if choice.new is not None:
                new = choice.new
                self.apply_edit(lambda story: edits.attribute_to_new_speaker(story, quote.id, new.name, new.role,
                                                                             new.kind))
            elif choice.speaker_id == quote.speaker:
                self.notify(f"Not changed: {quote.id} is {self.index.speaker_label(quote.speaker or '')}'s already",
                            markup=False)
            else:
                self.apply_edit(lambda story: edits.set_speaker(story, quote.id, choice.speaker_id))
            self.show_quote(quote.id)

        self.pick_speaker(f"Speaker of {quote.id}: {short(quoted(quote))}", quote.speaker, attribute)

    # -- kind and note -------------------------------------------------------------------------

    def ask_kind(self, title: str, current: str, then: Callable[[str], None]) -> None:
        """Ask direct, mixed or reported (d, m, r)."""
        from explorer.tui.dialogs.choice import Answer, ChoiceDialog

        answers = [Answer(kind[0], kind, kind) for kind in QUOTE_KINDS]
        detail = "direct: the words inside the quotation marks; mixed: a reported clause holding a quoted " \
                 "fragment; reported: the content clause, no marks"
        self.app.push_screen(ChoiceDialog(title, answers, detail, default=current),
                             lambda kind: then(kind) if kind else None)

    def action_set_kind(self) -> None:
        quote = self.quote_or_say()
        if quote is None:
            return

        def set_kind(kind: str) -> None:
            if kind == quote.kind:
                self.notify(f"Not changed: {quote.id} is {kind} already", markup=False)
            else:
                self.apply_edit(lambda story: edits.set_kind(story, quote.id, kind))

        self.ask_kind(f"Kind of {quote.id}: {short(quoted(quote))}", quote.kind, set_kind)

    def action_write_note(self) -> None:
        from explorer.tui.dialogs.text_prompt import TextPrompt

        quote = self.quote_or_say()
        if quote is None:
            return

        def noted(text: str | None) -> None:
            if text is not None and text.strip() != quote.note:
                self.apply_edit(lambda story: edits.set_note(story, quote.id, text))

        self.app.push_screen(TextPrompt(f"Note on {quote.id}: {short(quoted(quote))}", quote.note,
                                        "Enter keeps the note (an empty one removes it), Escape changes nothing",
                                        placeholder="what you checked, what is doubtful"), noted)

    # -- the speakers pane -----------------------------------------------------------------------

    def _selected_speaker(self) -> str | None:
        speaker_id = self.query_one(SpeakerList).highlighted_id()
        if speaker_id is None:
            self.notify("No speaker selected", markup=False)
        return speaker_id

    def _rename_speaker(self) -> None:
        from explorer.tui.dialogs.speaker_form import SpeakerForm

        speaker_id = self._selected_speaker()
        if speaker_id is None:
            return
        speaker = self.session.story.speaker_by_id[speaker_id]

        def renamed(details: SpeakerDetails | None) -> None:
            if details is None:
                return
            if (details.name, details.role) == (speaker.name, speaker.role):
                self.notify("Not changed", markup=False)
                return
            self.apply_edit(lambda story: renaming(story, speaker_id, details))

        self.app.push_screen(SpeakerForm(f"Speaker {speaker.name}", name=speaker.name, role=speaker.role,
                                         accept="Save"), renamed)

    def action_merge_speaker(self) -> None:
        """`M` in the speakers pane: merge the selected speaker into one picked from the others."""
        from explorer.tui.dialogs.speaker_picker import SpeakerPicker

        if self.focused_pane() != "speakers":
            self.notify("M merges the speaker selected in the speakers pane (2) into another", markup=False)
            return
        source_id = self._selected_speaker()
        if source_id is None:
            return
        source = self.session.story.speaker_by_id[source_id]
        others = [s for s in self.index.speakers if s.id != source_id]

        def merge(target_id: str | None) -> None:
            if target_id is None:
                return
            moving = self.index.quote_counts.get(source_id, 0)
            if self.apply_edit(lambda story: edits.merge_speakers(story, source_id, target_id)) is None:
                return
            if self.speaker == source_id:
                self.speaker = target_id
            target = self.session.story.speaker_by_id[target_id]
            self.notify(f"Merged {source.name} into {target.name}: {moving} quote{'s' if moving != 1 else ''} "
                        "moved (ctrl+z undoes it)", markup=False)

        self.app.push_screen(SpeakerPicker(others, self.index.quote_counts, title=f"Merge {source.name} into…"),
                             merge)

    # -- selecting words, and adding them as a quote ------------------------------------------------

    def action_select_words(self) -> None:
        """`v`: select the current search match in the cursor paragraph, else its first word."""
        if self.focused_pane() != "paragraphs":
            self.notify("v selects words in the paragraphs pane (1)", markup=False)
            return
        if not self.index.story.paragraphs:
            self.notify("The story has no paragraphs: there are no words to select", markup=False)
            return
        text = self.index.story.paragraphs[self.paragraph].text
        match = self.matches[self.current_match] if self.current_match is not None else None
        span = (match.start, match.end) if match is not None and match.paragraph == self.paragraph else word_at(text, 0)
        if span is None:
            self.notify(f"¶ {self.paragraph + 1} has no words to select", markup=False)
            return
        self.selection = WordSelection(self.paragraph, *span)

    def _reselect(self, change: Callable[[str, int, int], tuple[int, int]]) -> None:
        selection = self.selection
        if selection is None:
            return
        text = self.index.story.paragraphs[selection.paragraph].text
        self.selection = WordSelection(selection.paragraph, *change(text, selection.start, selection.end))

    def action_selection_move(self, words: int) -> None:
        self._reselect(lambda text, start, end: moved(text, start, end, words))

    def action_selection_end(self, words: int) -> None:
        self._reselect(lambda text, start, end: with_end(text, start, end, words))

    def action_selection_start(self, words: int) -> None:
        self._reselect(lambda text, start, end: with_start(text, start, end, words))

    def action_selection_sentence(self, direction: int) -> None:
        self._reselect(to_sentence_end if direction > 0 else to_sentence_start)

    def action_cancel_selection(self) -> None:
        self.selection = None

    def action_add_selected(self) -> None:
        """Enter while selecting: ask the speaker, then the kind, and add the quote."""
        selection = self.selection
        if selection is None:
            return
        paragraph = self.index.story.paragraphs[selection.paragraph]
        words = paragraph.text[selection.start:selection.end]

        # Words just inside a quotation mark are most likely a direct quote.
        quoted_words = selection.start > 0 and paragraph.text[selection.start - 1] in edits.QUOTE_MARKS

        def with_speaker(choice: SpeakerChoice) -> None:
            self.ask_kind(f"Kind of the new quote: {short(words)}", "direct" if quoted_words else "reported",
                          lambda kind: add(choice, kind))

        def add(choice: SpeakerChoice, kind: str) -> None:
            change = self.apply_edit(lambda story: adding(story, paragraph.id, selection, kind, choice))
            if change is not None:
                self.selection = None
                added = next(iter(change.quotes))  # the step adds one quote (and maybe its speaker)
                self.show_quote(added, pane="paragraphs")
                self.notify(f"Added {added}: {short(words)}", markup=False)

        self.pick_speaker(f"Speaker of the new quote: {short(words)}", None, with_speaker)


def renaming(story: Story, speaker_id: str, details: SpeakerDetails) -> Edit:
    """A new name and role for a speaker, as one step (only what changed)."""
    speaker = story.speaker_by_id[speaker_id]
    steps: list[Edit] = []
    if details.name != speaker.name:
        steps.append(edits.rename_speaker(story, speaker_id, details.name))
        story, _ = edits.apply(story, steps[-1])
    if details.role != speaker.role:
        steps.append(edits.set_role(story, speaker_id, details.role))
    return steps[0] if len(steps) == 1 else edits.Batch(tuple(steps), " and ".join(step.label for step in steps))


def adding(story: Story, paragraph_id: str, selection: WordSelection, kind: str, choice: SpeakerChoice) -> Edit:
    """The selected words as a new quote of `kind`, by the speaker chosen (a new one made
    in the same step)."""
    if choice.new is None:
        return edits.add_quote(story, paragraph_id, selection.start, selection.end, kind=kind,
                               speaker_id=choice.speaker_id)
    new = choice.new
    create, speaker_id = edits.add_speaker(story, new.name, new.role, new.kind)
    with_speaker, _ = edits.apply(story, create)
    add = edits.add_quote(with_speaker, paragraph_id, selection.start, selection.end, kind=kind,
                          speaker_id=speaker_id)
    return edits.Batch((create, add), f"{add.label} by new speaker {new.name}")
