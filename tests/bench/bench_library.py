"""The library on its SQLite index, measured (on demand, not collected by pytest).

    python tests/bench/bench_library.py [--runs 7] [--keep DIR]

On generated libraries of 5,000 and 20,000 stories (`make_corpus.make_library`;
`--keep DIR` keeps them there between runs, they take a minute to write):

1. Launch to first paint, whole process, headless (the explorer quits after
   its first paint), against the bare Textual app of `bench_explorer`: the
   library with no index yet (names listed from a walk), with a warm index,
   and with a warm index of 20,000 stories.  Targets 1.3x, and 1.5x at 20,000.
2. The full cold index of 5,000 stories, in one process and as the explorer's
   refresh process builds it (two parsing processes), against the bare parse
   of the same files in one process; the database's size against the story
   files'.  `--rounds` times the three in turn (default 3) and gives medians
   and each round's ratios.  Targets: the explorer's no slower than the
   parse; at most 2x the size.
3. In the app (Pilot, 120x40, warm index): a keystroke of a quote search to the
   first screen update showing its results (median over several words), at
   5,000 and 20,000; `s` to the speakers listed and to the most quoted
   speaker's quotes all listed; a library-filter keystroke after 100 and
   after 3,000 characters typed.  Targets: search 50 ms (100 ms at 20,000),
   speakers 150 ms, their quotes 200 ms.

Every figure is a median of runs taken in this one run.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_explorer import (BARE_APP, HEADLESS, PaintClock, key_to_paint_ms, launch_figure,  # noqa: E402
                                        launch_ratio, medians, row)
from tests.bench.make_corpus import make_library  # noqa: E402

SEARCH_WORDS = ("repairs", "documents", "negotiations", "reconstruction", "schedule", "winter", "councils")


def library_at(keep: Path | None, scratch: Path, count: int) -> Path:
    folder = (keep or scratch) / f"library-{count}"
    if not (folder.is_dir() and len(list(folder.glob("*.yaml"))) == count):
        started = time.perf_counter()
        shutil.rmtree(folder, ignore_errors=True)
        make_library(folder, count, broken=5)
        print(f"   (generated {count:,} stories in {time.perf_counter() - started:.0f} s)")
    return folder


def bench_startup(small: Path, big: Path, cache: Path, runs: int) -> None:
    from explorer.library import LibraryIndex

    print(f"1. Launch to first paint (whole process, headless, median of {runs})")
    env = {**HEADLESS, "XDG_CACHE_HOME": str(cache)}
    LibraryIndex(big).build()
    LibraryIndex(small).build()
    cold_cache = cache / "cold"

    def before(name: str) -> None:
        if name == "no index":
            shutil.rmtree(cold_cache, ignore_errors=True)

    python = sys.executable
    found = medians({
        "bare": ([python, "-c", BARE_APP], HEADLESS),
        "no index": ([python, "-m", "explorer", str(small)], {**env, "XDG_CACHE_HOME": str(cold_cache)}),
        "warm": ([python, "-m", "explorer", str(small)], env),
        "warm 20k": ([python, "-m", "explorer", str(big)], env),
    }, runs, before=before)
    row("bare Textual app (Header, Footer)", launch_figure(found["bare"]))
    for name, label, target in (("no index", "library of 5,000 up, no index yet (names listed)", 1.3),
                                ("warm", "library of 5,000 up, warm index (a screenful, then all)", 1.3),
                                ("warm 20k", "library of 20,000 up, warm index", 1.5)):
        row(label, launch_figure(found[name]), launch_ratio(found[name], found["bare"], target))


def bench_cold_index(small: Path, cache: Path, rounds: int) -> None:
    from explorer.index.refresh import refresh
    from explorer.storyfile import StoryFileError, find_story_files, load_story

    print(f"2. The whole cold index of 5,000 stories, against parsing them (median of {rounds} rounds, each "
          "round parse, index, explorer's index in turn)")
    files = find_story_files([small])
    cache.mkdir(parents=True, exist_ok=True)  # (part 1 makes it; run alone, part 2 must)

    def parse() -> None:
        for path in files:
            try:
                load_story(path)
            except StoryFileError:
                pass

    def cold_index(name: str, **options: object) -> dict:
        database = cache / f"{name}.sqlite3"
        for left in cache.glob(f"{name}.sqlite3*"):  # a kept one from an earlier run would be warm
            left.unlink()
        events: list[dict] = []
        refresh(database, small, report=events.append, **options)  # type: ignore[arg-type]
        return {"batches": sum(1 for event in events if event["event"] == "batch"),
                "size": sum(path.stat().st_size for path in cache.glob(f"{name}.sqlite3*"))}

    # The load of a shared machine drifts: each round times the three one after another, and
    # a round's ratios compare figures taken seconds apart.
    times: dict[str, list[float]] = {"parse": [], "index": [], "explorer": []}
    found: dict = {}
    for _ in range(rounds):
        for name, run in (("parse", parse), ("index", lambda: found.update(cold_index("cold-index"))),
                          ("explorer", lambda: cold_index("cold-index-jobs", jobs=2))):
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    ratios = {name: sorted(t / p for t, p in zip(times[name], times["parse"])) for name in ("index", "explorer")}

    def spread(values: list[float], unit: str = "s") -> str:
        return " ".join(f"{value:.2f}{unit}" for value in values)

    row("bare parse of the 5,000 files (load_story, one after another)", f"{statistics.median(times['parse']):.2f} s",
        spread(times["parse"]))
    row("full cold index, one process (walk, parse, write; progress)", f"{statistics.median(times['index']):.2f} s",
        f"{statistics.median(ratios['index']):.2f}x the parse (rounds {spread(ratios['index'], 'x')}); "
        f"{found['batches']} progress batches")
    row("the same cold index as the explorer builds it (2 parsing processes)",
        f"{statistics.median(times['explorer']):.2f} s", f"{statistics.median(ratios['explorer']):.2f}x the parse "
        f"(rounds {spread(ratios['explorer'], 'x')}; target <= 1.0x)")
    stories = sum(path.stat().st_size for path in files)
    row("database size / story files", f"{found['size'] / 1e6:.1f} MB",
        f"{found['size'] / stories:.2f}x {stories / 1e6:.1f} MB (target <= 2x)")


async def app_figures(folder: Path, runs: int) -> dict[str, float]:
    from explorer.tui.app import make_app
    from explorer.tui.screens.quote_search import QuoteSearchScreen
    from explorer.tui.screens.speaker_quotes import SpeakerQuotesScreen
    from explorer.tui.widgets.virtual_table import VirtualTable

    figures: dict[str, float] = {}
    # As `story-explorer` starts (cli.run_open): garbage collection paused until the first
    # paint, then on again with what the start made frozen (the app does that part).
    gc.disable()
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        library = app.screen
        clock = PaintClock(app)

        # The library filter, after 100 and after 3,000 characters typed.
        typed = "kov " * 1000
        library.action_focus_filter()
        await pilot.pause()  # (the focus selects the text: each run below moves to its end first)
        box = library.query_one("Input")
        for length in (100, 3000):  # the next key is a "k", after that many characters
            times = []
            for _ in range(runs):
                box.value = typed[:length]
                await pilot.pause()
                box.action_end()
                await app.wait_for_refresh()
                expected = typed[:length + 1]
                times.append((await key_to_paint_ms(app, clock, "k", lambda expected=expected: box.value == expected,
                                                    char="k"))[1])
            figures[f"filter {length}"] = statistics.median(times)
        await pilot.press("escape", "escape")
        await pilot.pause()

        # Speakers across stories, then the most quoted speaker's quotes.
        clock.done = None
        start = time.perf_counter()
        def speakers_listed() -> bool:
            tables = app.screen.query("#speakers-table") if isinstance(app.screen, SpeakerQuotesScreen) else []
            return bool(tables) and tables.first(VirtualTable).row_count > 0

        await key_to_paint_ms(app, clock, "s", speakers_listed)
        figures["speakers"] = ((clock.painted or time.perf_counter()) - start) * 1000
        speakers = app.screen
        top = speakers.speakers[0]
        quotes_table = speakers.query_one("#speaker-quotes-table", VirtualTable)
        while quotes_table.row_count < top.quotes:
            await asyncio.sleep(0.001)
        await app.wait_for_refresh()
        figures["quotes"] = (time.perf_counter() - start) * 1000
        figures["quote count"], figures["story count"] = top.quotes, top.stories
        await pilot.press("escape")
        await pilot.pause()

        # Quote search: the last letter of each word, key to results painted.
        await pilot.press("f")
        await pilot.pause()
        search = app.screen
        assert isinstance(search, QuoteSearchScreen)
        box = search.query_one("#quote-search")
        results = search.query_one("#search-results", VirtualTable)
        times = []
        for word in SEARCH_WORDS * max(1, runs // 3):
            box.value = word[:-1]
            await pilot.pause()
            box.action_end()
            await app.wait_for_refresh()
            await asyncio.sleep(0.05)
            before = search.result
            times.append((await key_to_paint_ms(app, clock, word[-1], lambda before=before: search.result is not before
                                                and results.rows is search.result.hits, char=word[-1]))[0])
        figures["search"] = statistics.median(times)
        figures["search max"] = max(times)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (default 7)")
    parser.add_argument("--keep", type=Path, help="keep the generated libraries in this folder")
    parser.add_argument("--parts", default="123", help="which parts to run (default 123)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of part 2 (default 3)")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    with tempfile.TemporaryDirectory(prefix="bench-library-") as scratch_name:
        scratch = Path(scratch_name)
        cache = (args.keep or scratch) / "cache"  # kept too: a warm index is rebuilt only when it must be
        os.environ["XDG_CACHE_HOME"] = str(cache)  # never the user's cache
        small = library_at(args.keep, scratch, 5000)
        big = library_at(args.keep, scratch, 20000)
        if "1" in args.parts:
            bench_startup(small, big, cache, args.runs)
            print()
        if "2" in args.parts:
            bench_cold_index(small, cache, args.rounds)
            print()
        if "3" in args.parts:
            from explorer.library import LibraryIndex

            LibraryIndex(small).build()
            LibraryIndex(big).build()
            print("3. In the app, warm index (Pilot, 120x40; key to the first paint showing the change)")
            for folder, count, target in ((small, "5,000", 50), (big, "20,000", 100)):
                figures = asyncio.run(app_figures(folder, args.runs))
                row(f"quote search keystroke, {count} stories (median over {len(SEARCH_WORDS)} words)",
                    f"{figures['search']:.1f} ms", f"target {target} ms; slowest {figures['search max']:.0f} ms")
                row(f"speakers across {count} stories listed (s)", f"{figures['speakers']:.0f} ms", "target 150 ms")
                row(f"the top speaker's {figures['quote count']:,.0f} quotes from {figures['story count']:,.0f} "
                    "stories all listed", f"{figures['quotes']:.0f} ms", "target 200 ms (from s)")
                row(f"library filter keystroke, {count} stories, after 100 / 3,000 characters",
                    f"{figures['filter 100']:.1f} / {figures['filter 3000']:.1f} ms", "settled paint")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
