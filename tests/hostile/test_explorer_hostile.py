"""Hostile stories and articles in the explorer: markup is shown literally and runs
nothing; escape sequences, control characters and bidi overrides never reach the
terminal (checked on every line of the screen, notifications included, and on
the bytes a real pseudo-terminal receives), nor the clipboard; `o` opens only
web links; a paragraph of a million characters without a space is wrapped and
stays responsive; story files built to be slow to check are indexed in linear
time; and a folder of broken files lists the good stories with one error line
for each bad one.
"""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import OptionList, Static

from explorer.library import LibraryIndex
from explorer.model import Paragraph, Quote, QuotePlacer, Source, Speaker, Story
from explorer.tui.app import NOTIFICATION_CHARS, make_app
from explorer.tui.safe_text import SHOWN_CHARS
from explorer.tui.screens.annotating import AnnotatedStoryScreen, AnnotatingScreen
from explorer.tui.screens.library import LibraryScreen
from explorer.tui.screens.story import StoryScreen
from explorer.tui.story_search import StorySearch
from explorer.tui.widgets import paragraph_view
from explorer.tui.widgets.paragraph_view import READABLE_WIDTH, ParagraphView
from explorer.tui.widgets.quote_list import ROW_QUOTE_CHARS, QuoteList
from explorer.tui.widgets.source_list import SourceList
from explorer.tui.widgets.speaker_list import SpeakerList
from explorer.tui.widgets.status_line import StatusLine
from explorer.tui.widgets.virtual_table import VirtualTable
from tests.hostile.conftest import (
    ARTICLES,
    FILES,
    long_article,
    many_identical_quotes,
    many_quotes_with_offsets,
    terminal_output,
    unknown_references,
)
from tests.hostile.test_story_files import EXPECTED as BROKEN
from tests.tui.conftest import SMALL, WIDE, Notes, shown_lines

pytestmark = pytest.mark.anyio

HOSTILE_TEXT = FILES / "hostile_text.yaml"
LONG_PARAGRAPH = FILES / "long_paragraph.yaml"
#: The story files of files/ that load; every other one is broken (`BROKEN`).
GOOD = {
    "hostile_text.yaml": "[bold red]Markup[/] in a title [@click=app.quit]quit[/]",
    "long_paragraph.yaml": "A paragraph of a million characters and no space",
}
#: Characters that must never reach the terminal from story text: C0 and C1
#: controls (the screen shows pictures for them) and bidi overrides and isolates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def screen_lines(app: App) -> list[str]:
    """Every line the whole screen shows now, notifications and dialogs included.

    (Textual has no public call for the composed screen as text; the
    compositor's strips are what the driver would write.)"""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def assert_screen_is_safe(app: App) -> None:
    """No control character, escape or bidi override anywhere on the screen."""
    for number, line in enumerate(screen_lines(app)):
        assert not _UNSAFE.search(line), f"screen line {number}: {line!r}"


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def copy_of_all_files(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for path in FILES.glob("*.yaml"):
        shutil.copy(path, folder)
    return folder


# --- the library on a folder of every hostile story file ----------------------------


async def test_the_library_lists_good_stories_and_one_error_line_for_each_bad_one(tmp_path: Path) -> None:
    folder = copy_of_all_files(tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*BROKEN, *GOOD])
    app = make_app(folder)
    notes = Notes(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        rows = [line.rstrip() for line in shown_lines(app.screen.query_one(VirtualTable))][1:len(BROKEN) + len(GOOD) + 1]
        names = sorted([*BROKEN, *GOOD])
        for name, row in zip(names, rows):
            if name in GOOD:
                assert row.startswith(GOOD[name][:40]), row
            else:
                shown = f"✗ {name}:{BROKEN[name]}"
                assert row == shown or (row.endswith("…") and shown.startswith(row[:-1])), row
        assert rows[names.index("hostile_text.yaml")].split()[-3:] == ["1", "2", "0/2"]  # speakers, quotes, checked
        assert "␛[31mRed␛[0m" in rows[names.index("hostile_text.yaml")]
        assert str(app.screen.query_one("#library-status", Static).render()) == f"{len(names)} stories · {len(BROKEN)} broken"
        assert_screen_is_safe(app)

        # Enter on a broken story shows its whole error; the library stays.
        await pilot.press(*["j"] * names.index("python_tag.yaml"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert notes.last == f"{folder / 'python_tag.yaml'}:{BROKEN['python_tag.yaml']}"

        # Enter on the good ones opens them; Escape comes back.
        for name in GOOD:
            await pilot.press("g", *["j"] * names.index(name), "enter")
            await pilot.pause()
            assert isinstance(app.screen, StoryScreen) and app.screen.path == folder / name
            assert_screen_is_safe(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)


async def test_the_library_filter_takes_markup_literally(tmp_path: Path) -> None:
    async with make_app(copy_of_all_files(tmp_path)).run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"[@click=app.quit]", "enter")
        await pilot.pause()
        assert pilot.app.is_running
        rows = [line.rstrip() for line in shown_lines(pilot.app.screen.query_one(VirtualTable))]
        assert rows[1].startswith(GOOD["hostile_text.yaml"][:40]) and not rows[2]


# --- the hostile-text story, every pane ------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["wide", "small"])
async def test_every_pane_of_the_hostile_text_story_shows_it_literally(size: tuple[int, int]) -> None:
    app = make_app(HOSTILE_TEXT)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        shown = "\n".join(screen_lines(app))
        for literal in ["[@click=app.quit]click me[/]", "[bold]this is not bold[/]", "␛[2J␛[H cleared?",
                        "␛]0;pwned title␇", "␛]52;c;cHduZWQ=␇", "␁␂␡\ufffd", "\ufffdevil.exe\ufffd",
                        "[b]Mallory[/b] ␛[5m"]:
            assert literal in shown, literal
        assert_screen_is_safe(app)
        # Every pane, every dialog, with the keys a reader uses; the app is still running after each.
        keys = ["j", "j", "j", "k", "enter", "2", "enter", "3", "y", "j", "y", "enter", "4", "enter", "s",
                "escape", "escape", "f", "escape", "question_mark", "escape", "slash", *"[@", "enter", "n",
                "escape", "ctrl+p", *"Mallory", "escape"]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running, key
            assert_screen_is_safe(app)
        # The clipboard gets what the screen shows: a control character pasted into a
        # terminal could end a bracketed paste and run what follows.
        assert set(copied) == {"“[@click=app.quit]click me[/]” — [b]Mallory[/b] ␛[5m, ␛[31mRed␛[0m Outlet, ¶ 1",
                               "“שלום” — [b]Mallory[/b] ␛[5m, ␛[31mRed␛[0m Outlet, ¶ 3"}


async def test_clicking_action_markup_runs_nothing() -> None:
    app = make_app(HOSTILE_TEXT)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        # The article's first lines (where the action markup is) and the side panes' rows.
        for y in range(1, 6):
            await pilot.click(offset=(30, y))
            await pilot.click(offset=(WIDE[0] - 30, y))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, StoryScreen)


# --- a paragraph of a million characters without a space ----------------------------------


class Work:
    """Counts what the explorer does for each key: paragraphs wrapped, article lines drawn,
    search matches looked at while drawing them, scans of the whole article by the search."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.wraps = self.lines = self.match_lookups = self.scans = 0
        work = self
        wrap, render_line, scan = paragraph_view.wrap_offsets, ParagraphView.render_line, StorySearch._scan
        matches = StorySearch.matches

        class CountedMatches(tuple):
            def __getitem__(self, position):  # noqa: ANN001, ANN204
                work.match_lookups += 1
                return super().__getitem__(position)

        def counted_wrap(text: str, width: int) -> list[tuple[int, int]]:
            self.wraps += len(text) >= 1_000_000  # the long paragraph only
            return wrap(text, width)

        def counted_line(view: ParagraphView, y: int) -> Strip:
            self.lines += 1
            return render_line(view, y)

        def counted_scan(search: StorySearch, query: str) -> list[tuple[int, int]]:
            self.scans += 1
            return scan(search, query)

        monkeypatch.setattr(paragraph_view, "wrap_offsets", counted_wrap)
        monkeypatch.setattr(ParagraphView, "render_line", counted_line)
        monkeypatch.setattr(StorySearch, "_scan", counted_scan)
        monkeypatch.setattr(StorySearch, "matches", lambda search, query: CountedMatches(matches(search, query)))

    def reset(self) -> None:
        self.wraps = self.lines = self.match_lookups = self.scans = 0


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["wide", "small"])
async def test_a_million_character_paragraph_is_wrapped_once_and_each_key_draws_only_what_shows(
        size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The paragraph is wrapped once, at start; no key wraps it again (`?` and Escape neither:
    before, `?` took 2.5 s on a busy machine, building the help's hundred labels); each key
    draws at most a few screens of article lines, and drawing a line looks at a handful of
    the 43,478 search matches, not all of them.  (Timings: tests/bench/bench_hostile.py.)"""
    work = Work(monkeypatch)
    app = make_app(LONG_PARAGRAPH)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ParagraphView)
        assert work.wraps == 1
        lines = [line.rstrip() for line in shown_lines(view)]
        # Cut into lines of the pane's (readable) width, not one endless line and not a crash.
        text_width = min(view.scrollable_content_region.width - view.gutter_width, READABLE_WIDTH)
        assert lines[0].startswith("▌1   Word-without-spaces/é字")
        assert all(len(line) >= text_width - 2 for line in lines[:-1])
        top, height = view.paragraph_lines(0)
        assert (top, height) == (0, pytest.approx(1_000_000 / text_width, rel=0.05))  # 23 characters: 23 cells
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        shown = view.scrollable_content_region.height

        async def press(*keys: str) -> None:
            for key in keys:
                work.reset()
                await pilot.press(key)
                await pilot.pause()
                assert app.is_running
                assert work.wraps == 0, key
                assert work.lines <= 4 * shown, (key, work.lines)
                assert work.match_lookups <= 40 * shown, (key, work.match_lookups)

        await press("j", "k", "G", "g", "pagedown", "3", "j", "enter", "y", "2", "enter", "escape")
        await press("slash", "é")
        assert work.scans == 1  # the first key of the search scans the article
        await press("字", "enter", "n", "n", "p")
        assert work.scans == 0  # the second only checks the places the first found
        assert len(screen.matches) == 1_000_000 // 23  # every "é字" of the paragraph (one in 23 characters)
        assert (screen.paragraph, screen.current_match) == (0, 1)
        await press("escape", "question_mark", "escape", "f", "escape")
        assert screen.matches == ()


# --- many quotes: placing them is linear ------------------------------------------------------


def _first_free(text: str, quote: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The placement rule, written plainly (and slowly): the first occurrence no quote holds."""
    start = text.find(quote) if quote else -1
    while start != -1 and (start, start + len(quote)) in taken:
        start = text.find(quote, start + 1)
    return None if start == -1 else (start, start + len(quote))


@settings(max_examples=300, deadline=None)
@given(text=st.text("ab ", max_size=30),
       steps=st.lists(st.tuples(st.booleans(), st.text("ab", min_size=0, max_size=3), st.integers(0, 30)), max_size=25))
def test_quote_placer_places_as_the_plain_rule(text: str, steps: list[tuple[bool, str, int]]) -> None:
    placer, taken = QuotePlacer(text), []
    for given_offsets, quote, start in steps:
        if given_offsets:  # a quote with offsets holds its span
            span = (start, start + len(quote))
            placer.take(span)
            taken.append(span)
            continue
        expected = _first_free(text, quote, taken)
        assert placer.place(quote) == expected
        if expected is not None:
            taken.append(expected)


#: The start of a generated paragraph -> the file it comes from.
_PARAGRAPH_STARTS = {"xxxxxxxxxx": "many_identical_quotes", "abcdefghij": "many_quotes_with_offsets"}


def count_quote_placer_finds(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times `QuotePlacer` searches a paragraph, by the generated file it is in
    (`_PARAGRAPH_STARTS`; "other" for the rest), counted from here on."""
    finds = dict.fromkeys([*_PARAGRAPH_STARTS.values(), "other"], 0)
    place = QuotePlacer.place

    def counted_place(placer: QuotePlacer, quote_text: str) -> tuple[int, int] | None:
        text = placer.text
        counting = placer.text = _CountingText(text)
        try:
            return place(placer, quote_text)
        finally:
            placer.text = text
            finds[_PARAGRAPH_STARTS.get(text[:10], "other")] += counting.finds

    monkeypatch.setattr(QuotePlacer, "place", counted_place)
    return finds


class _CountingText(str):
    """A paragraph's text that counts the searches made in it."""

    finds = 0

    def find(self, *args: object) -> int:  # type: ignore[override]
        self.finds += 1
        return super().find(*args)


def test_story_files_built_to_be_slow_are_indexed_in_linear_time(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Before quote placement and "did you mean" were made linear, these three took
    about 6 minutes, 15 s and 5 s: the searches and the name comparisons made are counted."""
    folder = tmp_path / "library"
    folder.mkdir()
    many_identical_quotes(folder / "many_identical_quotes.yaml", 5_000)
    many_quotes_with_offsets(folder / "many_quotes_with_offsets.yaml", 10_000)
    unknown_references(folder / "unknown_references.yaml", 1_000)
    finds = count_quote_placer_finds(monkeypatch)
    hints: list[int] = []
    close_matches = difflib.get_close_matches

    def counted_hint(word: str, possibilities: list[str], *args: object, **kwargs: object) -> list[str]:
        hints.append(len(possibilities))
        return close_matches(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted_hint)
    entries = {entry.path.stem: entry for entry in LibraryIndex(folder).build()}
    # Placing 5,000 identical quotes takes one search each (it was one per quote already placed).
    assert finds["many_identical_quotes"] <= 5_000 + 1
    assert finds["many_quotes_with_offsets"] == 0  # offsets given: nothing to search
    # "did you mean" for the first 100 problems only, among at most 1,000 names each.
    assert len(hints) <= 100 and sum(hints) <= 100 * 1_000
    assert entries["many_identical_quotes"].quotes == 5_000
    assert entries["many_quotes_with_offsets"].quotes == 10_000
    assert entries["unknown_references"].error.endswith(
        "quote 'q0' names unknown paragraph 'parb0'; did you mean 'para0'?")


async def test_a_story_of_many_identical_quotes_opens_at_once(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """5,000 quotes "x" (220 KB): placing them took 6 minutes before QuotePlacer; now one
    search a quote, when the file is loaded and when the story screen indexes it."""
    path = many_identical_quotes(tmp_path / "many.yaml", 5_000)
    finds = count_quote_placer_finds(monkeypatch)
    app = make_app(path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        assert app.screen.index.spans["q4999"] == (4999, 5000)
    assert finds["many_identical_quotes"] <= 2 * (5_000 + 1)


# --- notifications, the clipboard and links -------------------------------------------------


def mallory_story() -> Story:
    """Escape sequences and a bidi override where notifications and the clipboard take text from."""
    name = "\u202eMallory\x1b]0;pwned\x07\x1b[5m"
    return Story(
        title="Notifications",
        paragraphs=[Paragraph("p1", "He said “hello” today.")],
        speakers=[Speaker("m", name, aliases=["Mallory"])],
        quotes=[Quote("q1", "p1", "hello", speaker="m")],
        sources=[Source("Wire\x1b]0;pwned\x07", kind="listed"),
                 Source("Script", kind="listed", url="javascript:alert(1)"),
                 Source("Local", kind="listed", url="file:///etc/passwd"),
                 Source("Handler", kind="listed", url="ms-msdt:/id PCWDiagnostic"),
                 Source("Web", kind="listed", url="https://example.org/a?b=1")],
    )


def in_toasts(app: App, text: str) -> bool:
    """True when a notification on screen shows `text` (compared without whitespace:
    a toast wraps long words anywhere)."""
    shown = "".join(line.split("▌", 1)[1] for line in screen_lines(app) if "▌" in line)
    return "".join(text.split()) in "".join(shown.split())


async def test_notifications_and_the_clipboard_show_story_text_literally() -> None:
    app = make_app(mallory_story(), speaker="Mallory")
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("y", "4", "o")
        await pilot.pause()
        assert copied == ["“hello” — \ufffdMallory␛]0;pwned␇␛[5m, ¶ 1"]
        assert in_toasts(app, "“hello” — \ufffdMallory␛]0;pwned␇␛[5m, ¶ 1")
        assert in_toasts(app, "Wire␛]0;pwned␇ has no url")
        assert_screen_is_safe(app)


async def test_o_opens_only_web_links(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(mallory_story())
    opened: list[str] = []
    monkeypatch.setattr("explorer.tui.screens.story_keys.open_in_browser", lambda url: opened.append(url) or True)
    notes = Notes(app)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("4")
        for _ in range(4):
            await pilot.press("j", "o")
            await pilot.pause()
        assert opened == ["https://example.org/a?b=1"]
        assert notes.messages == [
            "Not opening javascript:alert(1): only http and https links are opened",
            "Not opening file:///etc/passwd: only http and https links are opened",
            "Not opening ms-msdt:/id PCWDiagnostic: only http and https links are opened",
            "Opening https://example.org/a?b=1",
        ]


async def test_a_broken_story_with_escape_sequences_in_its_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "\x1b]0;pwned\x07\u202e.yaml").write_text("format: 1\n", encoding="utf-8")
    app = make_app(folder)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        row = [line.rstrip() for line in shown_lines(app.screen.query_one(VirtualTable))][1]
        assert row == "✗ \\x1b]0;pwned\\x07\\u202e.yaml:1:1: the story has no 'title'"  # the name, escaped
        assert in_toasts(app, "library/\\x1b]0;pwned\\x07\\u202e.yaml:1:1: the story has no 'title'")
        assert_screen_is_safe(app)


# --- articles opened in the explorer -------------------------------------------------------

ANNOTATE_ERRORS = {
    "binary.txt": "binary file, not article text (it holds NUL bytes)",
    "empty.txt": "empty: no text to annotate",
    "latin1.txt": "1:4: not UTF-8 text: byte 0xe9 cannot be decoded",
}


@pytest.mark.parametrize("name", sorted(ANNOTATE_ERRORS))
async def test_a_broken_article_shows_one_error_line(name: str) -> None:
    app = make_app(ARTICLES / name)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AnnotatingScreen)
        assert str(app.screen.query_one("#annotating-step", Static).render()) == "Could not annotate the article:"
        assert str(app.screen.query_one("#annotating-error", Static).render()) == (
            f"{ARTICLES / name}: {ANNOTATE_ERRORS[name]}")
        assert_screen_is_safe(app)


async def test_an_article_over_the_model_limit_shows_one_error_line(nlp, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: nlp)
    article = tmp_path / "long.txt"
    article.write_text(long_article(5_000_000), encoding="utf-8")
    app = make_app(article)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert str(app.screen.query_one("#annotating-error", Static).render()) == (
            f"{article}: 5,000,000 characters, too long for the spaCy model (1,000,000 at most)")


async def test_an_annotated_hostile_article_is_shown_literally(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: nlp)
    app = make_app(ARTICLES / "hostile_text.txt")
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AnnotatedStoryScreen)
        shown = "\n".join(screen_lines(app))
        assert "[bold red]Markup[/] in a headline" in shown
        assert "␛[2J␛[H the screen is cleared ␛]52;c;cHduZWQ=␇" in shown
        assert_screen_is_safe(app)
        for key in ["3", "j", "y", "enter", "j", "y", "2", "4", "1", "G"]:
            await pilot.press(key)
            await pilot.pause()
            assert_screen_is_safe(app)
        assert copied == [
            "“␛[2J␛[H the screen is cleared ␛]52;c;cHduZWQ=␇ and the clipboard written” — unknown speaker, ¶ 2",
            "“\ufffdevil.exe\ufffd is harmless” — unknown speaker, ¶ 3"]


# --- what really reaches the terminal ----------------------------------------------------


def assert_no_story_sequence(output: str) -> None:
    """None of the story's escape sequences, bells or bidi overrides is in `output`;
    the only OSC the explorer writes is its own 22 (the mouse pointer's shape)."""
    for sequence in ["\x1b[2J\x1b[H", "\x1b]0;pwned", "\x1b]52;c;", "\x1b]8;;https://evil", "\x1b[31mRed",
                     "\x1b[5m", "\u202e", "\x01", "\x02", "\x7f", "\x85", "\x08"]:
        assert sequence not in output, repr(sequence)
    assert re.findall(r"\x1b\](\d*)", output) and set(re.findall(r"\x1b\](\d*)", output)) == {"22"}
    assert output.count("\x07") == output.count("\x1b]22;")  # every bell ends one of those OSCs


@pytest.mark.parametrize("what", ["story", "library"])
def test_nothing_in_a_story_reaches_the_terminal(what: str, tmp_path: Path) -> None:
    path = HOSTILE_TEXT if what == "story" else copy_of_all_files(tmp_path)
    if what == "library":  # indexed beforehand, so that the first paint shows the stories, not their file names
        LibraryIndex(path).build()
    output = terminal_output(path)
    assert_no_story_sequence(output)
    # The story's text did reach the screen, as visible stand-ins.
    assert ("␛]0;pwned title␇" if what == "story" else "␛[31mRed␛[0m") in output


# --- megabytes of text where a line is laid out ----------------------------------------------


def story_of_long_names() -> Story:
    """A 1 MB title, speaker name and role, a 2 MB source name and url, a 1 MB quote."""
    long_quote = "word " * 200_000
    return Story(
        title="T" * 1_000_000,
        paragraphs=[Paragraph("p1", f"He said “{long_quote}” today.")],
        speakers=[Speaker("n", "N" * 1_000_000, role="R" * 1_000_000)],
        quotes=[Quote("q1", "p1", long_quote, speaker="n")],
        sources=[Source("S" * 2_000_000, kind="listed", url="https://example.org/" + "u" * 1_000_000)],
    )


def sent_to_textual(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(title, message) of each notification as the explorer hands it to Textual."""
    sent: list[tuple[str, str]] = []
    original = App.notify

    def notify(app: App, message: str, *, title: str = "", **kwargs: object) -> None:
        sent.append((title, message))
        original(app, message, title=title, **kwargs)

    monkeypatch.setattr(App, "notify", notify)
    return sent


def longest_prompt(pane: OptionList) -> int:
    return max(len(option.prompt.plain) for option in pane.options)


async def test_megabyte_names_are_laid_out_only_as_far_as_they_can_show(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1 MB speaker name or a 2 MB source name took 18-27 s to lay out before the first
    paint: every row, the status line and every message now holds a bounded text."""
    sent = sent_to_textual(monkeypatch)
    app = make_app(story_of_long_names())
    app.copy_to_clipboard = lambda text: None
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert longest_prompt(screen.query_one(SpeakerList)) <= 2 * SHOWN_CHARS + 20  # name, role
        assert longest_prompt(screen.query_one(SourceList)) <= 2 * SHOWN_CHARS + 40  # name, url
        assert longest_prompt(screen.query_one(QuoteList)) <= SHOWN_CHARS + ROW_QUOTE_CHARS + 20
        await pilot.press("2", "enter", "3", "y", "f")
        await pilot.pause()
        picker = app.screen.query_one("#picker-list", OptionList)
        assert longest_prompt(picker) <= 2 * SHOWN_CHARS + 20
        await pilot.press("escape", "ctrl+p")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        palette = app.screen.query_one(OptionList)  # the command palette's list
        assert palette.option_count and longest_prompt(palette) <= SHOWN_CHARS + 100
        await pilot.press("escape")
        status = screen.query_one(StatusLine)
        assert "filter NNN" in status.render().plain and len(status.state().plain) <= SHOWN_CHARS + 40
        assert sent and all(len(message) <= NOTIFICATION_CHARS and len(title) <= SHOWN_CHARS
                            for title, message in sent)


async def test_the_error_of_a_huge_unknown_key_is_clipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 3 MB key gave a 3 MB message: the notification holds a bounded start of it (1 MB
    here; the loader's time, not the explorer's, grows with the key)."""
    path = tmp_path / "key.yaml"
    path.write_text("format: 1\ntitle: T\n? " + "k" * 1_000_000 + "\n: 1\nparagraphs: []\n", encoding="utf-8")
    sent = sent_to_textual(monkeypatch)
    async with make_app(path).run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        (title, message), = sent
        assert title == "Cannot open the story"
        assert message.startswith(f"{path}:3:3: unknown key 'kkk") and len(message) <= NOTIFICATION_CHARS


async def test_every_notification_is_clipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a message quotes (here a --speaker of a megabyte that names no one), the
    notification holds its first NOTIFICATION_CHARS characters."""
    sent = sent_to_textual(monkeypatch)
    async with make_app(mallory_story(), speaker="z" * 1_000_000).run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        (_, message), = sent
        assert message.startswith("--speaker zzz") and message.endswith("…") and len(message) == NOTIFICATION_CHARS
