"""The review keys of the story screen, pressed on an annotated copy of the seed story:
what each does to the story, and what the screen shows after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.tui.app import make_app
from explorer.tui.dialogs.choice import ChoiceDialog
from explorer.tui.dialogs.speaker_form import SpeakerForm
from explorer.tui.dialogs.speaker_picker import SpeakerPicker
from explorer.tui.dialogs.text_prompt import TextPrompt
from explorer.tui.widgets.paragraph_view import ParagraphView
from explorer.tui.widgets.quote_details import QuoteDetails
from explorer.tui.widgets.quote_list import QuoteList
from explorer.tui.widgets.speaker_list import SpeakerList
from tests.tui.conftest import WIDE, Notes, shown_text
from tests.tui.review_support import (annotated_copy, edited, listed_ids, review_screen, status, style_of,
                                      text_drawn)

pytestmark = pytest.mark.anyio


@pytest.fixture
def story_path(tmp_path: Path) -> Path:
    return annotated_copy(tmp_path)


async def test_a_confirms_x_rejects_and_the_cursor_goes_on_to_the_next_unchecked(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        quotes = screen.query_one(QuoteList)
        assert status(app).startswith("checked 0/42")
        await pilot.press("3", "a")
        assert edited(app, "q1").review == "confirmed"
        assert screen.current_quote().id == "q2" and quotes.highlighted_id() == "q2"
        assert shown_text(quotes).startswith("¶1 Volodymyr Zelensky · direct ✓")
        view = screen.query_one(ParagraphView)
        zelensky = style_of(view, "the importance").color
        await pilot.press("x")
        assert edited(app, "q2").review == "rejected"
        assert screen.current_quote().id == "q3" and "q2" not in listed_ids(app)
        assert quotes.border_subtitle == "41 · 1 rejected hidden"
        assert style_of(view, "the importance").color != zelensky  # no longer highlighted in the article
        assert status(app).startswith("● unsaved │ checked 1/41")  # a rejected quote is no quote
        await pilot.press("a")
        assert edited(app, "q3").review == "confirmed" and screen.current_quote().id == "q4"
        assert status(app).startswith("● unsaved │ checked 2/41")
        await pilot.press("k", "u")  # back to not checked
        assert edited(app, "q3").review is None and status(app).startswith("● unsaved │ checked 1/41")


async def test_after_a_in_the_paragraphs_pane_the_article_goes_to_the_next_quote(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        await pilot.press("G", "a")  # ¶17's only quote, q42; the next unchecked wraps to q1
        assert edited(app, "q42").review == "confirmed"
        assert (screen.focused_pane(), screen.paragraph, screen.current_quote().id) == ("paragraphs", 0, "q1")
        assert text_drawn(screen.query_one(ParagraphView), reverse=True, underline=False) == (
            "the best conversation in all this time.")


async def test_e_changes_the_speaker_to_another_or_to_unknown(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        await pilot.press("3", "e")
        picker = app.screen
        assert isinstance(picker, SpeakerPicker)
        assert "Speaker of q1" in str(picker.query_one("Label").render())
        await pilot.press(*"rut", "enter", "i")
        assert (edited(app, "q1").speaker, edited(app, "q1").review) == ("rutte", "corrected")
        assert shown_text(screen.query_one(QuoteList)).startswith("¶1 Mark Rutte · direct ✎")
        assert screen.query_one(SpeakerList).get_option("rutte").prompt.plain.startswith("● Mark Rutte  12 quotes")
        assert ("speaker Mark Rutte (corrected by a person; the annotator read “Ukrainian President Volodymyr "
                "Zelensky”)") in str(screen.query_one(QuoteDetails).render())
        await pilot.press("e", *"unk", "enter")
        assert edited(app, "q1").speaker is None
        assert shown_text(screen.query_one(QuoteList)).startswith("¶1 (unknown speaker) · direct ✎")


async def test_new_speaker_asks_name_role_and_kind(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", "j", "j", "j", "j", "e", *"MoD")  # q5, "Earlier reports"
        options = app.screen.query_one("#picker-list")
        assert [o.id for o in options.options] == ["\0new"]  # no speaker matches: only "new speaker…"
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, SpeakerForm) and form.query_one("#speaker-name").value == "MoD"
        await pilot.press("tab", *"UA", "tab", "down", "enter")  # role; kind: organization
        assert not isinstance(app.screen, SpeakerForm)
        story = review_screen(app).session.story
        assert story.speaker_by_id["mod"].kind == "organization"
        assert story.speaker_by_id["mod"].role == "UA"
        assert edited(app, "q5").speaker == "mod"
        await pilot.press("ctrl+z")  # one step: the quote and its new speaker
        assert "mod" not in review_screen(app).session.story.speaker_by_id
        assert edited(app, "q5").speaker is None


async def test_K_changes_the_kind_with_one_key(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", "j", "K")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog) and app.focused.id == "answer-reported"  # its kind now
        await pilot.press("m")
        assert (edited(app, "q2").kind, edited(app, "q2").review) == ("mixed", "corrected")
        assert "¶1 Volodymyr Zelensky · mixed ✎" in shown_text(review_screen(app).query_one(QuoteList))


async def test_span_keys_move_the_start_and_end_by_a_word_shown_in_the_article(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        view = screen.query_one(ParagraphView)
        await pilot.press("3", "j", "j")  # q3, ¶2: "the supply of Patriot systems is vital ..."
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert edited(app, "q3").text.startswith("of Patriot systems")
        assert text_drawn(view, reverse=True, underline=False).startswith("of Patriot systems is vital")
        assert screen.paragraph == 1  # the article shows the quote being changed
        await pilot.press("less_than_sign", "comma", "comma")
        assert edited(app, "q3").text == "supply of Patriot systems is vital for defending against Russia’s growing use of"
        await pilot.press("full_stop")
        assert edited(app, "q3").text.endswith("growing use of ballistic")
        assert text_drawn(view, reverse=True, underline=False).endswith("growing use of ballistic")
        assert edited(app, "q3").review == "corrected"
        await pilot.press("i")
        details = str(screen.query_one(QuoteDetails).render())  # the speaker was not changed: the reading stands
        assert "speaker “Zelensky” → Volodymyr Zelensky" in details and "corrected by a person" not in details


async def test_a_span_that_cannot_move_says_so_and_changes_nothing(story_path: Path) -> None:
    app = make_app(story_path)
    notes = Notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3", *["j"] * 12)  # q13: “Yeah, we might,”
        await pilot.press("comma", "comma")
        assert edited(app, "q13").text == "Yeah,"
        await pilot.press("comma")
        assert notes.last == "The quote's end cannot move earlier: a quote keeps one word, in its paragraph"
        await pilot.press("greater_than_sign")
        assert "start cannot move later" in notes.last
        assert review_screen(app).session.edit_count == 2


async def test_m_writes_a_note_and_i_shows_the_details(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        assert not screen.query(QuoteDetails)  # built when first shown
        await pilot.press("3", *["j"] * 11, "i")  # q12: "He" in ¶5
        details = screen.query_one(QuoteDetails)
        assert details.display
        text = str(details.render())
        assert "q12 · ¶ 5 · Donald Trump · reported · ○ not checked yet" in text
        assert "found by cue-object · confidence 0.48 · cue “acknowledged”" in text
        assert "“He” → Donald Trump, by pronoun: named in ¶ 5 “President Trump”" in text
        await pilot.press("m")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"seen", "enter")
        assert edited(app, "q12").note == "seen" and edited(app, "q12").review is None
        assert "note seen" in str(details.render())
        await pilot.press("4")
        assert "No quote in the sources pane" in str(details.render())
        await pilot.press("i")
        assert not details.display


async def test_adding_a_quote_from_a_selection(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        view = screen.query_one(ParagraphView)
        await pilot.press("slash", *"agreement, he", "enter")  # ¶4: "The agreement, he said, reflects ..."
        assert screen.paragraph == 3
        await pilot.press("v")
        assert text_drawn(view, reverse=True, underline=True) == "agreement, he"
        footer = {binding.action for _, binding, _, _ in screen.active_bindings.values() if binding.show}
        assert {"selection_move(-1)", "add_selected", "cancel_selection"} <= footer
        assert "confirm" not in footer  # while selecting, the footer lists the selection keys
        await pilot.press("comma", "less_than_sign", "right_parenthesis")
        assert text_drawn(view, reverse=True, underline=True) == (
            "The agreement, he said, reflects both sides’ shared commitment to boosting Ukraine’s defense "
            "capabilities in the face of relentless Russian strikes on civilian and energy infrastructure.")
        await pilot.press("comma", "h", "l")
        assert text_drawn(view, reverse=True, underline=True).endswith("civilian and energy")
        await pilot.press("enter")
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press(*"zel", "enter")
        assert isinstance(app.screen, ChoiceDialog) and app.focused.id == "answer-reported"
        await pilot.press("r")
        added = screen.session.story.quotes[-1]
        assert (added.id, added.paragraph, added.speaker, added.kind, added.review) == (
            "q43", "p4", "zelensky", "reported", "corrected")
        assert added.text.startswith("The agreement, he said") and added.text.endswith("civilian and energy")
        assert screen.selection is None and screen.current_quote().id == "q43"
        assert "q43" in listed_ids(app)


async def test_escape_cancels_a_selection_and_moving_the_cursor_ends_it(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        await pilot.press("v")
        assert screen.selection is not None
        await pilot.press("escape")
        assert screen.selection is None and not screen.session.unsaved
        await pilot.press("v", "j")
        assert screen.selection is None and screen.paragraph == 1


async def on_the_kremlin(pilot) -> SpeakerList:  # noqa: ANN001 - a Pilot
    """Focus the speakers pane with the Kremlin (one quote) selected."""
    speakers = review_screen(pilot.app).query_one(SpeakerList)
    await pilot.press("2")
    speakers.highlighted = speakers.get_option_index("kremlin")
    return speakers


async def test_merging_a_speaker_moves_the_quotes_and_joins_the_names(story_path: Path) -> None:
    app = make_app(story_path)
    notes = Notes(app)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        speakers = await on_the_kremlin(pilot)
        await pilot.press("M")
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press(*"tru", "enter")
        story = screen.session.story
        assert "kremlin" not in story.speaker_by_id and edited(app, "q19").speaker == "trump"
        assert story.speaker_by_id["trump"].aliases[-2:] == ["Kremlin", "The Kremlin"]
        assert notes.last == "Merged Kremlin into Donald Trump: 1 quote moved (ctrl+z undoes it)"
        assert "kremlin" not in [o.id for o in speakers.options]
        assert speakers.get_option("trump").prompt.plain.startswith("● Donald Trump  11 quotes")
        await pilot.press("ctrl+z")
        assert notes.last == "Undone: merged Kremlin into Donald Trump"
        assert "kremlin" in [o.id for o in speakers.options] and edited(app, "q19").speaker == "kremlin"


async def test_e_in_the_speakers_pane_renames_and_sets_the_role(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        speakers = await on_the_kremlin(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, SpeakerForm) and not app.screen.query("RadioSet")
        await pilot.press("ctrl+u", *"Peskov", "tab", *"envoy", "enter")
        kremlin = screen.session.story.speaker_by_id["kremlin"]
        assert (kremlin.name, kremlin.role) == ("Peskov", "envoy")
        assert kremlin.aliases == ["The Kremlin", "Kremlin"]
        assert speakers.get_option("kremlin").prompt.plain.startswith("● Peskov  1 quote")
        assert "¶8 Peskov · reported" in "\n".join(
            option.prompt.plain for option in screen.query_one(QuoteList).options)


async def test_undo_and_redo_every_edit_with_a_message(story_path: Path) -> None:
    app = make_app(story_path)
    notes = Notes(app)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        await pilot.press("3", "a", "a", "K", "d")
        assert [edited(app, q).review for q in ("q1", "q2", "q3")] == ["confirmed", "confirmed", "corrected"]
        await pilot.press("ctrl+z")
        assert notes.last == "Undone: q3 is direct" and edited(app, "q3").kind == "reported"
        await pilot.press("ctrl+z", "ctrl+z")
        assert [edited(app, q).review for q in ("q1", "q2", "q3")] == [None, None, None]
        assert screen.current_quote().id == "q1" and not screen.session.unsaved
        assert not status(app).startswith("● unsaved")
        await pilot.press("ctrl+z")
        assert notes.last == "Nothing to undo"
        await pilot.press("ctrl+y")
        assert notes.last == "Redone: confirmed q1" and edited(app, "q1").review == "confirmed"
        assert status(app).startswith("● unsaved")


async def test_r_goes_through_the_unchecked_quotes_least_confident_first(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        seen = []
        for _ in range(4):
            await pilot.press("r")
            seen.append(screen.current_quote().id)
        assert seen == ["q22", "q2", "q7", "q8"]  # 0.38, then the 0.48s in article order
        assert [screen.session.story.quotes[int(q[1:]) - 1].confidence for q in seen] == [0.38, 0.48, 0.48, 0.48]
        await pilot.press("3", "a")  # checks q8, goes on to q9 (article order)
        await pilot.press("r")
        assert screen.current_quote().id == "q22"  # q9 is not in the low-confidence queue's front
        await pilot.press("backspace")  # r is a jump: back returns
        assert screen.current_quote().id == "q9"


async def test_U_lists_only_the_unchecked_and_X_shows_the_rejected_struck_through(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        view = screen.query_one(ParagraphView)
        await pilot.press("3", "a", "x", "U")
        assert listed_ids(app)[:2] == ["q3", "q4"] and len(listed_ids(app)) == 40
        assert screen.query_one(QuoteList).border_subtitle == "40 of 41 unchecked · 1 rejected hidden"
        await pilot.press("a")  # checked: it leaves the list, the cursor stays at its place
        assert listed_ids(app)[0] == "q4" and screen.current_quote().id == "q4"
        await pilot.press("U", "X")
        assert "q2" in listed_ids(app)
        assert screen.query_one(QuoteList).get_option("q2").prompt.spans[-1].style == "strike $readable-dimmed"
        assert style_of(view, "the importance").strike
        await pilot.press("X")
        assert "q2" not in listed_ids(app) and not style_of(view, "the importance").strike


async def test_f_offers_unknown_speaker_to_list_the_unattributed_quotes(story_path: Path) -> None:
    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = review_screen(app)
        await pilot.press("f", *"unk")
        assert [o.id for o in app.screen.query_one("#picker-list").options] == ["\0unknown"]
        await pilot.press("enter")
        assert listed_ids(app) == ["q5", "q20", "q22", "q37"]
        assert "filter unknown speaker (4 ¶)" in status(app)
        await pilot.press("n")
        assert screen.paragraph == 2 and screen.current_quote().id == "q5"
        await pilot.press("e", *"KI", "enter")  # no such speaker: "new speaker…" is all that is left
        await pilot.press("enter")  # its name: what was typed
        assert listed_ids(app) == ["q20", "q22", "q37"] and "filter unknown speaker (3 ¶)" in status(app)


async def test_the_quote_keys_say_why_when_there_is_no_quote(story_path: Path) -> None:
    app = make_app(story_path)
    notes = Notes(app)
    async with app.run_test(size=WIDE) as pilot:
        for key in ("a", "x", "u", "e", "K", "m", "comma"):
            await pilot.press("4", key)
            assert notes.last.startswith("No quote in the sources pane"), key
        await pilot.press("1", "M")
        assert notes.last == "M merges the speaker selected in the speakers pane (2) into another"
        await pilot.press("3", "v")
        assert notes.last == "v selects words in the paragraphs pane (1)"
        assert not review_screen(app).session.unsaved


async def test_every_review_key_is_in_the_help_and_the_palette(story_path: Path) -> None:
    from explorer.tui import keys
    from explorer.tui.screens.help import HelpScreen

    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        commands = {command.title for command in app.get_system_commands(app.screen)}
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.shown_text()
        assert "Checking and correcting" in table and "Selecting words to add a quote (v)" in table
        for binding in keys.REVIEW_BINDINGS + keys.SELECTION_BINDINGS:
            assert help_screen.keys_label(binding) in table and binding.tooltip in table, binding.id
        assert {"Confirm", "Reject", "Speaker", "Kind", "Note", "Details", "Start ←", "End →", "Select", "Merge",
                "To check", "Unchecked", "Rejected", "Undo", "Redo", "Save"} <= commands
        assert "Next pane" in commands  # the story screen's own keys stay in the palette


async def test_an_edit_redraws_only_what_changed(story_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No paragraph is wrapped again and only the edited quote's prompt is built again."""
    from explorer.tui.widgets import paragraph_view

    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        calls: dict[str, int] = {"wrap": 0, "quote prompt": 0, "speaker prompt": 0}

        def counted(name: str, function):  # noqa: ANN001, ANN202
            def count(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
                calls[name] += 1
                return function(*args, **kwargs)
            return count

        monkeypatch.setattr(paragraph_view, "wrap_offsets", counted("wrap", paragraph_view.wrap_offsets))
        monkeypatch.setattr(QuoteList, "prompt", counted("quote prompt", QuoteList.prompt))
        monkeypatch.setattr(SpeakerList, "prompt", counted("speaker prompt", SpeakerList.prompt))
        await pilot.press("a", "K", "m")
        await pilot.pause()
        assert calls == {"wrap": 0, "quote prompt": 2, "speaker prompt": 2}  # q1, q2; Zelensky's count twice


async def test_the_footer_offers_the_review_keys_where_they_apply(story_path: Path) -> None:
    from explorer.tui.widgets.key_footer import KeyFooter

    app = make_app(story_path)
    async with app.run_test(size=WIDE) as pilot:
        def offered() -> str:
            return app.screen.query_one(KeyFooter).render().plain

        assert "a Confirm" in offered() and "^s Save" not in offered() and "^z Undo" not in offered()
        await pilot.press("4")
        assert "a Confirm" not in offered() and "x Reject" not in offered()  # no quote in the sources pane
        await pilot.press("3", "a")
        assert "^s Save" in offered() and "^z Undo" in offered() and "^y Redo" not in offered()
        await pilot.press("ctrl+z")
        assert "^y Redo" in offered() and "^s Save" not in offered()  # back where the file is
        await pilot.press("1", "v")
        assert "⏎ Add quote" in offered() and "esc Cancel" in offered() and "a Confirm" not in offered()


async def test_at_80x24_undo_with_the_quotes_pane_out_of_sight_does_not_crash(story_path: Path) -> None:
    """Below 110 columns the side panes take turns: with the speakers pane up, the quotes
    pane has no width. ctrl+z redrew a changed quote's row there, measured at width 0, and
    the explorer died with a traceback (ValueError: range() arg 3 must not be zero)."""
    from tests.tui.conftest import SMALL

    app = make_app(story_path)
    async with app.run_test(size=SMALL) as pilot:
        screen = review_screen(app)
        quotes = screen.query_one(QuoteList)
        await pilot.press("3", "a", "2")
        assert not quotes.display and edited(app, "q1").review == "confirmed"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.is_running and edited(app, "q1").review is None
        await pilot.press("ctrl+y", "3")
        await pilot.pause()
        assert edited(app, "q1").review == "confirmed"
        assert shown_text(quotes).startswith("¶1 Volodymyr Zelensky · direct ✓")
