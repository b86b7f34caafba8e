"""Quote search across the library, the reporting-verb lens, the charts and exporting,
driven with Pilot on the sample library."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from explorer.index.pages import BULK_PAGE, PAGE, QuotePages
from explorer.storyfile import dump_story
from explorer.tui.app import make_app
from explorer.tui.dialogs.export_quotes import ExportDialog
from explorer.tui.screens.library_charts import LibraryChartsScreen
from explorer.tui.screens.quote_search import QuoteSearchScreen
from explorer.tui.screens.speaker_quotes import SpeakerQuotesScreen
from explorer.tui.screens.story import StoryScreen
from explorer.tui.widgets.quote_chart import QuoteChart
from explorer.tui.widgets.virtual_table import VirtualTable
from tests.bench.make_corpus import make_story
from tests.tui.conftest import Notes
from tests.tui.test_library import open_speakers, settle, table_lines, text_of

pytestmark = pytest.mark.anyio
SIZE = (150, 30)


async def open_search(pilot: Pilot, *keys: str) -> QuoteSearchScreen:
    await settle(pilot)
    await pilot.press("f")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuoteSearchScreen)
    await pilot.press(*keys)
    await pilot.pause()
    return screen


def results(pilot: Pilot) -> list[tuple[str, str]]:
    """(speaker, quote) of each result row."""
    rows = pilot.app.screen.query_one("#search-results").rows
    return [(hit.speaker, hit.text) for hit in rows]


async def test_f_searches_every_quote_as_you_type(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        screen = await open_search(pilot)
        assert len(results(pilot)) == 8  # no words: every quote, newest story first
        index = screen.index
        before = (index.statements, index.rows_read)
        await pilot.press(*"contr")  # a prefix while typing
        assert results(pilot) == [("Tom Becker", "We will not go back without a contract.")]
        lines = table_lines(pilot, "#search-results")
        assert lines[1].startswith("Tom Becker") and lines[1].rstrip().endswith("2024-06-09   2")
        assert text_of(pilot, "#search-status") == "1 quote · best match first"
        # Each keystroke: two counts (matches, less rejected ones), the ids of the results and
        # the quotes of the rows on screen; only the rows found are read.
        statements, rows = index.statements - before[0], index.rows_read - before[1]
        assert statements == 5 * 4 and rows <= 5 * (8 + 8 + 2)


async def test_phrases_and_excluded_words(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await open_search(pilot, *'"too big"')
        assert results(pilot) == [("Ana Silva", "Our classes are already too big.")]
        await pilot.press("ctrl+u", *"our -classes")
        assert results(pilot) == [("Maria Lopez", "This bridge will connect two halves of our city."),
                                  ("Tom Becker", "The cost is too high for a town of our size.")] or sorted(
            results(pilot)) == [("Maria Lopez", "This bridge will connect two halves of our city."),
                                ("Tom Becker", "The cost is too high for a town of our size.")]


async def test_filters_combine(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await open_search(pilot, *"speaker:lopez")
        assert len(results(pilot)) == 3
        box = pilot.app.screen.query_one(Input)

        async def query(text: str) -> list[tuple[str, str]]:
            box.value = text  # as if typed: the box's change runs the search
            await pilot.pause()
            return results(pilot)

        assert [text for _, text in await query("speaker:lopez outlet:harbor")] == [
            "This bridge will connect two halves of our city.", "We start building in May."]
        every = "speaker:lopez outlet:harbor from:2024-03 to:2024-03 kind:direct verb:says review:unchecked"
        assert len(await query(every)) == 2
        assert text_of(pilot, "#search-filters") == ("filters: speaker:lopez kind:direct outlet:harbor from:2024-03 "
                                                     "to:2024-03 review:unchecked verb:say")
        assert [text for _, text in await query(every + " building")] == ["We start building in May."]
        # a name is echoed as typed, and matches whatever its case
        assert [text for _, text in await query('speaker:"Maria LOPEZ" outlet:Harbor')] == [
            "This bridge will connect two halves of our city.", "We start building in May."]
        assert text_of(pilot, "#search-filters") == 'filters: speaker:"Maria LOPEZ" outlet:Harbor'
        assert await query('speaker:"Maria LOPEZ" kind:DIRECT') != []
        assert await query('story:"budget cuts" speaker:unknown') == []
        assert await query("to:2024-05 review:confirmed") == []
        assert len(await query("to:2024-05")) == 6


async def test_a_bad_filter_says_why_and_keeps_the_results(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await open_search(pilot, *"kind:dir")
        assert text_of(pilot, "#search-filters") == "kind:dir: a kind is one of direct, mixed, reported"
        assert len(results(pilot)) == 8
        await pilot.press(*"ect")
        assert text_of(pilot, "#search-filters") == "filters: kind:direct"


async def test_enter_opens_the_quote_in_its_story_and_escape_comes_back(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await open_search(pilot, *"burden", "enter", "enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, StoryScreen)
        assert screen.path == folder / "budget-cuts.yaml" and screen.quote == "q1"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, QuoteSearchScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen.__class__.__name__ == "LibraryScreen"


async def test_the_verb_lens_counts_and_filters_by_cue_verb(folder: Path) -> None:
    (folder / "warned.yaml").write_text((folder / "rail-strike.yaml").read_text().replace("cue: said", "cue: warned"))
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(pilot.app.screen, QuoteSearchScreen)
        lines = table_lines(pilot, "#search-verbs")
        assert lines[0].split() == ["Verb", "Quotes", "Stories", "Share"]
        assert [line.split() for line in lines[1:]] == [["say", "8", "3", "80%"], ["warn", "2", "1", "20%"]]
        await pilot.press("j", "enter")
        await pilot.pause()
        assert pilot.app.screen.query_one(Input).value == "verb:warn"
        assert [text for _, text in results(pilot)] == ["We will not go back without a contract.", "Talks continue."]
        await pilot.press("slash", "ctrl+u", *"speaker:becker", "escape", "v")  # the lens for one speaker
        await pilot.pause()
        assert [line.split() for line in table_lines(pilot, "#search-verbs")[1:]] == [
            ["say", "2", "2", "67%"], ["warn", "1", "1", "33%"]]


async def test_v_on_a_speaker_is_their_verb_lens(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SpeakerQuotesScreen)
        await pilot.press("v")
        await pilot.pause()
        assert pilot.app.screen.query_one(Input).value == 'speaker:"Maria Lopez"'
        assert [line.split() for line in table_lines(pilot, "#search-verbs")[1:]] == [["say", "3", "2", "100%"]]


async def test_at_80_columns_a_filter_s_whole_error_shows_under_the_box(folder: Path) -> None:
    """`review:nope` is answered under the box, on a line one row high: at 80 columns it read
    "review:nope: a review state is one of confirmed, corrected, rejected," and stopped there."""
    from explorer.index.search import REVIEW_FILTERS

    async with make_app(folder).run_test(size=(80, 24)) as pilot:
        await open_search(pilot, *"review:nope")
        await pilot.pause()
        message = f"review:nope: a review state is one of {', '.join(REVIEW_FILTERS)}"
        assert text_of(pilot, "#search-filters") == message
        box = pilot.app.screen.query_one("#search-filters").content_region
        strips = pilot.app.screen._compositor.render_strips()
        shown = " ".join(strips[y].text[box.x:box.right].strip() for y in range(box.y, box.bottom))
        assert shown == message


async def test_under_the_export_dialog_the_footer_shows_its_keys(folder: Path) -> None:
    """The footer under the export dialog was the search's ("/ Search  v Verbs  e Export"),
    none of which the dialog answers; it shows the dialog's keys."""
    from explorer.tui.widgets.key_footer import KeyFooter

    async with make_app(folder).run_test(size=(80, 24)) as pilot:
        await open_search(pilot, "escape", "e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportDialog)
        footer = pilot.app.screen.query_one(KeyFooter).render().plain
        assert "c CSV" in footer and "m Markdown" in footer and "esc Cancel" in footer
        assert "Search" not in footer and "Verbs" not in footer


@pytest.mark.parametrize("form", ["csv", "json", "md"])
async def test_e_exports_the_results_and_says_where(folder: Path, form: str) -> None:
    app = make_app(folder)
    notes = Notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, *"speaker:lopez", "escape", "e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportDialog)
        await pilot.press({"csv": "c", "json": "j", "md": "m"}[form])
        await pilot.pause()
        exported = list((folder / "exports").iterdir())
        assert len(exported) == 1 and exported[0].suffix == f".{form}"
        assert exported[0].name.startswith("quotes-speaker-lopez-")
        assert notes.last == f"3 quotes written to {exported[0]}"
        text = exported[0].read_text(encoding="utf-8")
    if form == "csv":
        rows = list(csv.DictReader(text.splitlines()))
        assert [row["text"] for row in rows][0] == "Every department has to share the burden."
        assert rows[0]["speaker"] == "MARIA LOPEZ" and rows[0]["verb"] == "say" and rows[0]["paragraph"] == "2"
    elif form == "json":
        rows = json.loads(text)
        assert rows[0]["story"] == "Mayor defends budget cuts" and rows[0]["review"] is None and len(rows) == 3
    else:
        assert text.splitlines()[:3] == ["# Quotes: speaker:lopez", "", "3 quotes."]
        assert text.splitlines()[4] == ("- “Every department has to share the burden.” — MARIA LOPEZ, "
                                        "The Daily Ledger, 2024-05-17, ¶ 2. *Mayor defends budget cuts*")


async def test_export_of_a_speakers_quotes_and_of_nothing(folder: Path) -> None:
    app = make_app(folder)
    notes = Notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, *"nothing-matches-this")
        await pilot.press("escape", "e")
        await pilot.pause()
        assert notes.last == "There are no quotes to export."
        await pilot.press("escape", "s", "e", "m")
        await pilot.pause()
        exported = list((folder / "exports").iterdir())
        assert [path.name[:26] for path in exported] == ["quotes-of-maria-lopez-2026"[:26]] or \
            exported[0].name.startswith("quotes-of-maria-lopez-")


async def test_c_draws_the_library_charts(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, LibraryChartsScreen)
        charts = {chart.id: chart for chart in screen.query(QuoteChart)}
        assert charts["chart-speakers"].counts[0].label == "Maria Lopez"
        assert [c.quotes for c in charts["chart-speakers"].counts] == [3, 2, 2, 1]
        assert [(c.label, c.quotes) for c in charts["chart-outlets"].counts] == [
            ("Harbor Times", 3), ("The Daily Ledger", 3), ("Northern Courier", 2)]
        assert [(c.label, c.quotes) for c in charts["chart-months"].counts] == [
            ("2024-03", 3), ("2024-05", 3), ("2024-06", 2)]
        assert [c.label for c in charts["chart-kinds"].counts] == ["direct 100%"]
        assert text_of(pilot, "#charts-status") == "8 quotes in the library"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen.__class__.__name__ == "LibraryScreen"


async def test_the_charts_scroll_to_the_end_and_back_with_G_and_g(folder: Path) -> None:
    """At 80×24 the four charts stand one under another, taller than the screen: G and
    g (End and Home) go to the last and the first, as in every list of the explorer."""
    async with make_app(folder).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        charts = pilot.app.screen.query_one("#charts")
        heights = []
        while len(heights) < 3 or len(set(heights[-3:])) > 1:  # the charts draw their bars after mounting
            await pilot.pause()
            heights.append(charts.max_scroll_y)
            assert len(heights) < 200
        assert charts.max_scroll_y > 0 and charts.scroll_y == 0
        for key, where in (("G", charts.max_scroll_y), ("g", 0), ("end", charts.max_scroll_y), ("home", 0)):
            await pilot.press(key)
            await pilot.pause()
            assert charts.scroll_y == where, key


async def test_c_on_a_speaker_charts_their_quotes_per_story(folder: Path) -> None:
    async with make_app(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "c")
        await pilot.pause()
        chart = pilot.app.screen.query_one("#speaker-chart", QuoteChart)
        assert chart.display and not pilot.app.screen.query_one("#speaker-quote-detail").display
        assert [(c.label, c.quotes) for c in chart.counts] == [("2024-03-02", 2), ("2024-05-17", 1)]
        await pilot.press("j")
        await pilot.pause()
        assert [(c.label, c.quotes) for c in chart.counts] == [("2024-05-17", 2)]


async def test_c_on_a_speaker_in_more_stories_than_bars_fit_counts_per_month(tmp_path: Path) -> None:
    """One speaker in 60 stories over three months: at 80 columns a bar a story would be
    one column wide and merge with the next; the chart counts a month a bar instead, and
    its title says so (the status line has the number of stories)."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(60):
        story = make_story(3, 2, 1, seed=number, title=f"Story {number}")
        story.speakers[0].name = "Ada Park"
        story.published = f"2024-0{3 + number % 3}-{1 + number % 28:02d}"
        (folder / f"story-{number}.yaml").write_text(dump_story(story), encoding="utf-8")
    async with make_app(folder).run_test(size=(80, 24)) as pilot:
        await open_speakers(pilot)
        await pilot.press("c")
        await pilot.pause()
        chart = pilot.app.screen.query_one("#speaker-chart", QuoteChart)
        assert [(c.label, c.quotes, c.stories) for c in chart.counts] == [
            ("2024-03", 40, 20), ("2024-04", 40, 20), ("2024-05", 40, 20)]
        assert chart.title == "Ada Park: quotes per month"


@pytest.fixture
def crowded(tmp_path: Path) -> Path:
    """A library of one story in which one speaker is quoted 3,000 times."""
    folder = tmp_path / "crowded"
    folder.mkdir()
    (folder / "long.yaml").write_text(dump_story(make_story(3000, 3000, 1, seed=3)), encoding="utf-8")
    return folder


def count_described(table: VirtualTable) -> list[object]:
    """The rows `table` describes from now on (what it paints)."""
    described: list[object] = []
    describe = table.describe
    table.describe = lambda row: described.append(row) or describe(row)
    return described


async def test_thousands_of_quotes_cost_the_rows_on_screen(crowded: Path) -> None:
    async with make_app(crowded).run_test(size=SIZE) as pilot:
        await open_speakers(pilot)
        table = pilot.app.screen.query_one("#speaker-quotes-table", VirtualTable)
        quotes = table.rows
        assert isinstance(quotes, QuotePages) and len(quotes) == 3000
        # Their ids in one query; the quotes of one page, read as the first rows were painted.
        assert (quotes.pages_read, quotes.quotes_read) == (1, PAGE)
        described = count_described(table)
        table.refresh()
        await pilot.pause()
        visible = table.scrollable_content_region.height - 1  # under the header
        assert len(described) == visible < PAGE
        assert quotes[visible - 1].text[:20] in table_lines(pilot, "#speaker-quotes-table")[visible]  # the last row
        await pilot.press("enter", "G")  # into their quotes, to the last: its page is read, no other
        await pilot.pause()
        assert (quotes.pages_read, quotes.quotes_read) == (2, 2 * PAGE)
        assert text_of(pilot, "#speaker-quote-detail").startswith(f"“{quotes[2999].text}”")

        await pilot.press("escape", "f")  # every quote of the library: the first 1,000 listed
        await pilot.pause()
        search = pilot.app.screen
        assert isinstance(search, QuoteSearchScreen) and len(search.result.hits) == 1000
        assert search.result.hits.quotes_read == PAGE
        results = search.query_one("#search-results", VirtualTable)
        await pilot.press("x")
        await pilot.pause()
        described = count_described(results)
        await pilot.press("backspace")  # a new list (every quote again): each row on screen painted once
        await pilot.pause()
        assert len(search.result.hits) == 1000 and search.result.hits.quotes_read == PAGE
        assert len(described) == len(set(map(id, described))) == results.scrollable_content_region.height - 1
        exported = [hit.as_record() for hit in search.result.hits if hit is not None]  # what `e` writes: all
        assert len(exported) == 1000
        assert search.result.hits.pages_read == 3  # the page on screen, then the rest in pages of BULK_PAGE
        assert BULK_PAGE == 500


async def test_a_quote_gone_from_the_index_since_the_list_was_made_shows_as_gone(crowded: Path) -> None:
    async with make_app(crowded).run_test(size=SIZE) as pilot:
        await open_speakers(pilot)
        screen = pilot.app.screen
        quotes = screen.query_one("#speaker-quotes-table", VirtualTable).rows
        last = quotes.ids[-PAGE:]  # a page not read yet: its story is indexed again, say
        screen.index.connection.execute(f"DELETE FROM quotes WHERE id IN ({','.join(map(str, last))})")
        await pilot.press("enter", "G", "enter")  # to the last quote, and Enter on it: nothing opens
        await pilot.pause()
        assert quotes[-1] is None and not quotes.damaged and pilot.app.screen is screen
        assert "This quote can no longer be read from the index" in table_lines(pilot, "#speaker-quotes-table")[-1]
        assert text_of(pilot, "#speaker-quote-detail") == ""
