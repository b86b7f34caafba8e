"""The story screen on hostile sizes, timed (on demand, not collected by pytest).

    python tests/bench/bench_story_screen.py [--runs 9]

The tests assert the work these keys do (wraps, lines drawn, places searched);
this prints what that costs in time, on this machine, in one run:

1. The help: `?` and Escape on the seed story and on the story whose paragraph
   is a million characters without a space (the same figures: the help does
   not depend on the article), and the paragraph's own keys (j, G, n).
2. Typing into the search box: ms per key with 10, 1,000 and 5,000
   characters already typed (a key that adds to the query: the figures
   should not grow with the length; before, 5 KB took 25 s to type).

Pilot at 150x45; ms from the key to the first screen update that shows its
change (see bench_explorer.PaintClock), medians of --runs presses.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from explorer.tui.app import make_app  # noqa: E402
from explorer.tui.screens.help import HelpScreen  # noqa: E402
from explorer.tui.screens.story import StoryScreen  # noqa: E402
from explorer.tui.widgets.search_bar import SearchBar  # noqa: E402
from tests.bench.bench_explorer import PaintClock, key_to_paint_ms, row  # noqa: E402

SEED_STORY = ROOT / "stories" / "zelensky-trump-call.yaml"
LONG_PARAGRAPH = ROOT / "tests" / "hostile" / "files" / "long_paragraph.yaml"
SIZE = (150, 45)


async def help_and_keys(path: Path, query: str, runs: int) -> dict[str, float]:
    """Median ms of `?`, of Escape closing the help, and of j, G and n (after searching
    `query`) on `path`."""
    app = make_app(path)
    found: dict[str, list[float]] = {"?": [], "escape": [], "j": [], "G": [], "n": []}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock = PaintClock(app)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        for _ in range(runs):
            found["?"].append((await key_to_paint_ms(app, clock, "question_mark",
                                                     lambda: isinstance(app.screen, HelpScreen), "?"))[0])
            found["escape"].append((await key_to_paint_ms(app, clock, "escape",
                                                          lambda: app.screen is screen))[0])
            await pilot.press("g")
            found["j"].append((await key_to_paint_ms(app, clock, "j", lambda: screen.paragraph == 1, "j"))[0])
            last = len(screen.index.story.paragraphs) - 1
            found["G"].append((await key_to_paint_ms(app, clock, "G", lambda: screen.paragraph == last, "G"))[0])
        await pilot.press("slash", *query, "enter")
        for _ in range(runs):
            before = screen.current_match
            found["n"].append((await key_to_paint_ms(app, clock, "n",
                                                     lambda before=before: screen.current_match != before, "n"))[0])
    return {key: statistics.median(values) for key, values in found.items()}


async def typing(runs: int, lengths: tuple[int, ...]) -> dict[int, float]:
    """Median ms per key typed into the search box with each of `lengths` characters already there."""
    app = make_app(SEED_STORY)
    found: dict[int, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        clock = PaintClock(app)
        screen = app.screen
        await pilot.press("slash")
        bar = app.screen.query_one(SearchBar)
        typed = ("the patriot systems " * (max(lengths) // 20 + 2))
        for length in lengths:
            bar.value = typed[:length]  # the start, as one paste; the keys below are typed
            bar.cursor_position = length
            await pilot.pause()
            times = []
            for offset in range(runs):
                char = typed[length + offset]
                expected = length + offset + 1
                times.append((await key_to_paint_ms(app, clock, "space" if char == " " else char,
                                                    lambda expected=expected: len(screen.search) == expected,
                                                    char))[0])
            found[length] = statistics.median(times)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    print("The help and the keys (ms to paint, medians)")
    seed = asyncio.run(help_and_keys(SEED_STORY, "patriot", runs))
    long = asyncio.run(help_and_keys(LONG_PARAGRAPH, "é", runs))
    for key in seed:
        row(f"{key}: seed story / million-character paragraph", f"{seed[key]:.1f} / {long[key]:.1f}")
    print("Typing into the search box (ms per key, medians)")
    lengths = (10, 1_000, 5_000)
    per_key = asyncio.run(typing(runs, lengths))
    for length in lengths:
        row(f"a key with {length:,} characters already typed", f"{per_key[length]:.1f}",
            f"{per_key[length] / per_key[lengths[0]]:.2f}x the first")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
