"""Start-up and speed of the explorer, measured (on demand, not collected by pytest).

    python tests/bench/bench_explorer.py [--runs 7]

1. Launch to first paint, whole process (`python -m explorer STORY`, headless,
   quitting after the first paint via STORY_EXPLORER_EXIT_AFTER_FIRST_PAINT),
   on the seed story, against a bare Textual app with a Header and a Footer
   started the same way.  Target: at most 1.5x the bare app.  Each launch is
   timed to the first paint (the time the process prints then) and to its
   exit, shown in brackets (with what runs after the first paint, and the
   interpreter's teardown).
2. A generated story of 2,000 paragraphs and 1,000 quotes, driven by Pilot at
   150x45: a cursor move, applying a speaker filter (from the picker and by
   Enter on a speaker), clearing it.  Median ms from the key to the first
   screen update that shows the change (target: under 50 ms), and to the
   settled screen (after a layout change Textual repaints the scroll bars a
   frame later).
(The library, its index, search and speakers: `bench_library.py`.)

Every figure is a median of runs taken in this one run; ratios compare
figures of this run only (the machine may be noisy).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from explorer.tui.app import EXIT_AFTER_FIRST_PAINT, make_app  # noqa: E402
from tests.bench.make_corpus import make_story  # noqa: E402

SEED_STORY = ROOT / "stories" / "zelensky-trump-call.yaml"
HEADLESS = {"TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver", EXIT_AFTER_FIRST_PAINT: "1"}

#: The baseline: the least a Textual app with a header and a footer costs to start.
BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        import sys, time
        print(f"first paint at {time.time():.6f}", file=sys.__stderr__, flush=True)  # as the explorer says it
        self.exit()

Bare().run()
"""


def launch_seconds(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time of one process from its launch to its first paint, and to its exit; a
    failed run stops the benchmark.  The first paint is the time the process prints as
    "first paint at T" (the explorer does under EXIT_AFTER_FIRST_PAINT, and the bare app
    alike): what a screen does right after its first paint, and the interpreter's
    teardown, count in the second figure only.  A process that prints none (`python -c
    pass`) has its exit as both.

    PYTHONDONTWRITEBYTECODE is left out of the process's environment: with it set (some
    containers and CI images do) the explorer's own modules would be compiled from source
    at every launch, while Textual's come compiled from site-packages, and the ratio would
    measure the compiler.  The untimed warm-up launch writes the explorer's bytecode, as a
    user's first start does."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    start = time.time()
    result = subprocess.run(argv, env={**environment, **env}, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.time() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    painted = [line.split()[-1] for line in result.stderr.splitlines() if line.startswith("first paint at ")]
    return (float(painted[-1]) - start if painted else elapsed), elapsed


def medians(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int,
            before: Callable[[str], None] = lambda name: None) -> dict[str, tuple[float, float]]:
    """Median wall times of each command, to its first paint and to its exit
    (`launch_seconds`), the runs interleaved so that noise hits all alike."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for name, (argv, env) in commands.items():  # warm the OS file cache once, untimed
        before(name)
        launch_seconds(argv, env)
    for _ in range(runs):
        for name, (argv, env) in commands.items():
            before(name)
            times[name].append(launch_seconds(argv, env))
    return {name: (statistics.median(first for first, _ in values), statistics.median(end for _, end in values))
            for name, values in times.items()}


class PaintClock:
    """The first screen update the app writes once a key's change holds: the app's
    private `_display`, wrapped on this one app instance (the benchmark's hook, not
    the program's), checks the change as each update goes out."""

    def __init__(self, app: App) -> None:
        self.done: Callable[[], bool] | None = None
        self.painted: float | None = None
        display = app._display

        def timed_display(screen, renderable):  # noqa: ANN001, ANN202
            display(screen, renderable)
            if renderable is not None and self.painted is None and self.done is not None and self.done():
                self.painted = time.perf_counter()

        app._display = timed_display  # type: ignore[method-assign]


async def key_to_paint_ms(app: App, clock: PaintClock, key: str, done: Callable[[], bool],
                          char: str | None = None) -> tuple[float, float]:
    """Ms from posting `key` to the app until the first screen update written after
    `done()` holds, and until the screen has settled (Textual repaints scroll bars a
    frame after a layout change).  Not `Pilot.press`: that sleeps in 20 ms steps
    until the process looks idle, a floor of about 60 ms whatever the work."""
    clock.done, clock.painted = done, None
    start = time.perf_counter()
    app.post_message(events.Key(key, char))
    while not done():
        await asyncio.sleep(0.0005)
        if time.perf_counter() - start > 10:
            raise SystemExit(f"key {key!r}: the expected change never came")
    await app.wait_for_refresh()
    settled = time.perf_counter()
    clock.done = None
    return ((clock.painted or settled) - start) * 1000, (settled - start) * 1000


async def median_key_ms(app: App, clock: PaintClock, key: str, done: Callable[[], bool], *, runs: int = 15,
                        char: str | None = None,
                        setup: Callable[[], Awaitable[None]] | None = None) -> tuple[float, float]:
    """Medians of `key_to_paint_ms` (painted, settled) over `runs` presses, each after `setup`."""
    painted, settled = [], []
    for _ in range(runs):
        if setup is not None:
            await setup()
            # Let the setup's own repaints finish (a dialog closing repaints the whole
            # screen): the figure is from an idle app to the key's repaint, nothing else.
            await app.wait_for_refresh()
            await asyncio.sleep(0.1)
        first, last = await key_to_paint_ms(app, clock, key, done(), char)
        painted.append(first)
        settled.append(last)
    return statistics.median(painted), statistics.median(settled)


def row(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<58} {value:>10}  {note}")


# --- 1. start-up -----------------------------------------------------------------------


def bench_startup(runs: int, big_story: Path) -> None:
    print(f"1. Launch to first paint (whole process, headless, median of {runs})")
    python = sys.executable
    found = medians({
        "bare": ([python, "-c", BARE_APP], HEADLESS),
        "seed": ([python, "-m", "explorer", str(SEED_STORY)], HEADLESS),
        "big": ([python, "-m", "explorer", str(big_story)], HEADLESS),
        "pass": ([python, "-c", "pass"], {}),
    }, runs)
    row("python -c pass", f"{found['pass'][1]:.3f} s")
    row("bare Textual app (Header, Footer)", launch_figure(found["bare"]))
    row("explorer on the seed story", launch_figure(found["seed"]), launch_ratio(found["seed"], found["bare"], 1.5))
    row("explorer on the 2,000-paragraph story", launch_figure(found["big"]), launch_ratio(found["big"], found["bare"]))


def launch_figure(times: tuple[float, float]) -> str:
    """A launch as the tables show it: to the first paint (to the exit)."""
    return f"{times[0]:.3f} s ({times[1]:.3f} s)"


def launch_ratio(times: tuple[float, float], bare: tuple[float, float], target: float | None = None) -> str:
    """Both figures of a launch against the bare app's, with the target of the first."""
    wanted = f" (target <= {target}x)" if target else ""
    return f"{times[0] / bare[0]:.2f}x the bare app to first paint{wanted}, {times[1] / bare[1]:.2f}x to exit"


# --- 2. the big story -----------------------------------------------------------------


async def big_story_figures(path: Path) -> dict[str, float]:
    app = make_app(path)
    clock = PaintClock(app)
    async with app.run_test(size=(150, 45)) as pilot:
        await pilot.pause()
        screen = app.screen

        def changes(attribute: str) -> Callable[[], bool]:
            """A test that `screen.attribute` moved from its value now."""
            before = getattr(screen, attribute)
            return lambda: getattr(screen, attribute) != before

        figures = {"cursor": await median_key_ms(app, clock, "j", lambda: changes("paragraph"))}
        await pilot.press("3")  # the quotes pane
        figures["quote cursor"] = await median_key_ms(app, clock, "j", lambda: changes("quote"))
        await pilot.press("1")

        async def open_picker() -> None:
            await pilot.press("escape", "f")  # clear the filter, open the speaker picker
            await pilot.pause()

        async def set_filter() -> None:
            await pilot.press("f", "enter")
            await pilot.pause()

        figures["filter"] = await median_key_ms(app, clock, "enter", lambda: lambda: screen.speaker is not None,
                                                setup=open_picker)
        await pilot.press("escape")

        async def on_top_speaker() -> None:
            await pilot.press("escape", "2", "g")  # no filter; the speakers pane, on the most quoted

        figures["enter filter"] = await median_key_ms(app, clock, "enter", lambda: lambda: screen.speaker is not None,
                                                      setup=on_top_speaker)
        await pilot.press("escape", "1")
        figures["clear"] = await median_key_ms(app, clock, "escape", lambda: lambda: screen.speaker is None,
                                               setup=set_filter)
        figures["pilot cursor"] = await pilot_press_ms(pilot, "j")
    return figures


async def pilot_press_ms(pilot: Pilot, key: str, runs: int = 9) -> float:
    """The same cursor move timed the Pilot way (press, then pause), to show its floor."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_big_story(path: Path) -> None:
    print("2. Story of 2,000 paragraphs and 1,000 quotes, Pilot at 150x45 (median of 15, key to paint)")
    figures = asyncio.run(big_story_figures(path))
    for label, name in (("cursor move in the paragraphs (j)", "cursor"), ("cursor move in the quotes (j)", "quote cursor"),
                        ("speaker filter: choose the most quoted speaker (f, Enter)", "filter"),
                        ("speaker filter: Enter on the most quoted speaker", "enter filter"),
                        ("clear the speaker filter (Escape)", "clear")):
        painted, settled = figures[name]
        row(label, f"{painted:.1f} ms", f"target < 50 ms; settled (scroll bars) {settled:.1f} ms")
    row("(the cursor move timed as Pilot press + pause: its sleep floor)", f"{figures['pilot cursor']:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="process launches per figure (default 7)")
    parser.add_argument("--parts", default="12", help="which parts to run, e.g. 2 (default 12)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-explorer-") as scratch:
        big_story = Path(scratch) / "big-story.yaml"
        from explorer.storyfile import dump_story

        big_story.write_text(dump_story(make_story(2000, 1000, 60, seed=7)), encoding="utf-8")
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
              f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
        if "1" in args.parts:
            bench_startup(args.runs, big_story)
            print()
        if "2" in args.parts:
            bench_big_story(big_story)
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
