"""How fast the review keys answer, measured (on demand, not collected by pytest).

    python tests/bench/bench_review.py [--runs 15]

A generated story of 2,000 paragraphs and 1,000 quotes (60 speakers), opened from
its file and driven at 150x45: every review key, timed from the key to the first
screen update that shows its change (as `bench_explorer.py` times keys), beside a
plain cursor move in the same run.  Keys that open a dialog are timed to the
dialog on screen, and the key that answers it to the edit on screen.  Then saving
that story: ctrl+s to the saved state on screen, and the save itself (writing the
file) called directly.  Targets: every key under 50 ms, saving under 300 ms
(medians).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


from explorer import edits  # noqa: E402
from explorer.storyfile import dump_story  # noqa: E402
from explorer.tui.app import make_app  # noqa: E402
from explorer.tui.dialogs.choice import ChoiceDialog  # noqa: E402
from explorer.tui.dialogs.speaker_picker import SpeakerPicker  # noqa: E402
from explorer.tui.dialogs.text_prompt import TextPrompt  # noqa: E402
from explorer.tui.screens.review_story import ReviewStoryScreen  # noqa: E402
from tests.bench.bench_explorer import PaintClock, median_key_ms, row  # noqa: E402
from tests.bench.make_corpus import make_story  # noqa: E402

Figures = dict[str, tuple[float, float]]


async def review_figures(path: Path, runs: int) -> tuple[Figures, list[float]]:
    app = make_app(path)
    clock = PaintClock(app)
    figures: Figures = {}
    async with app.run_test(size=(150, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewStoryScreen)
        session = screen.session

        def edited() -> Callable[[], bool]:
            """The story took one more step (an edit, an undo or a redo) since now."""
            before = (session.edit_count, session.story)
            return lambda: (session.edit_count, session.story) != before

        def changes(attribute: str) -> Callable[[], Callable[[], bool]]:
            def start() -> Callable[[], bool]:
                before = getattr(screen, attribute)
                return lambda: getattr(screen, attribute) != before
            return start

        def on_screen(kind: type) -> Callable[[], Callable[[], bool]]:
            return lambda: lambda: isinstance(app.screen, kind)

        async def press(*keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()

        async def time_key(name: str, key: str, done: Callable[[], Callable[[], bool]], *, char: str | None = None,
                           setup: Callable[[], Awaitable[None]] | None = None) -> None:
            figures[name] = await median_key_ms(app, clock, key, done, runs=runs, char=char, setup=setup)

        await time_key("cursor", "j", changes("paragraph"))
        await press("3")
        await time_key("quote cursor", "j", changes("quote"))
        await time_key("a", "a", edited, char="a")
        await time_key("x", "x", edited, char="x")

        async def back_on_a_checked_quote() -> None:
            await press("a", "k")

        await time_key("u", "u", edited, char="u", setup=back_on_a_checked_quote)
        # Each span key after its opposite, so that the quote keeps its length over the runs.
        for name, key, char, opposite in (("<", "less_than_sign", "<", "greater_than_sign"),
                                          (">", "greater_than_sign", ">", "less_than_sign"),
                                          (",", "comma", ",", "full_stop"), (".", "full_stop", ".", "comma")):
            await time_key(name, key, edited, char=char, setup=lambda opposite=opposite: press(opposite))
        await time_key("ctrl+z", "ctrl+z", edited)
        await time_key("ctrl+y", "ctrl+y", edited)
        await time_key("r", "r", changes("quote"), char="r")
        await time_key("i", "i", changes("details_shown"), char="i")
        await time_key("U", "U", changes("unchecked_only"), char="U")
        await time_key("X", "X", changes("show_rejected"), char="X")

        await time_key("e (picker up)", "e", on_screen(SpeakerPicker), char="e", setup=lambda: press("escape"))
        await press("escape")

        async def picker_on_a_speaker() -> None:
            await press("e", "down")

        await time_key("e, Enter (speaker changed)", "enter", edited, setup=picker_on_a_speaker)
        await time_key("K (kinds up)", "K", on_screen(ChoiceDialog), char="K", setup=lambda: press("escape"))
        await press("escape")
        await time_key("K, m (kind changed)", "m", edited, char="m",
                       setup=lambda: press("K", "d" if screen.current_quote().kind == "mixed" else "r", "K"))
        await time_key("m (note box up)", "m", on_screen(TextPrompt), char="m", setup=lambda: press("escape"))
        await press("escape")
        await time_key("m, Enter (note written)", "enter", edited,
                       setup=lambda: press("m", *f"seen {time.perf_counter_ns() % 1000}"))

        await press("1")
        await time_key("v (selection)", "v", changes("selection"), char="v", setup=lambda: press("escape", "j"))
        await time_key("v, . (selection longer)", "full_stop", changes("selection"), char=".",
                       setup=lambda: press("escape", "j", "v"))
        await press("escape")

        async def new_quote_asked() -> None:
            await press("escape", "j", "v", "enter", "enter")  # the first speaker; the kinds dialog is up

        await time_key("v, Enter, Enter, d (quote added)", "d", edited, char="d", setup=new_quote_asked)
        await press("2", "g")
        await time_key("M (merge picker up)", "M", on_screen(SpeakerPicker), char="M", setup=lambda: press("escape"))
        await press("escape")
        await time_key("M, Enter (speakers merged)", "enter", edited, setup=lambda: press("g", "M"))

        async def one_more_edit() -> None:
            await press("3", "a")

        await time_key("ctrl+s (saved on screen)", "ctrl+s", lambda: lambda: not session.unsaved,
                       setup=one_more_edit)
        saves = []
        for _ in range(runs):
            session.apply(edits.confirm(session.story, session.story.quotes[0].id))
            start = time.perf_counter()
            session.save()
            saves.append((time.perf_counter() - start) * 1000)
            session.undo()
    return figures, saves


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="presses per figure (default 15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-review-") as scratch:
        path = Path(scratch) / "big-story.yaml"
        path.write_text(dump_story(make_story(2000, 1000, 60, seed=7)), encoding="utf-8")
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
              f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}; story of 2,000 paragraphs, 1,000 quotes, "
              f"{path.stat().st_size / 1e6:.1f} MB\n")
        print(f"Review keys at 150x45, median of {args.runs}, key to first paint (settled)")
        figures, saves = asyncio.run(review_figures(path, args.runs))
    for name, (painted, settled) in figures.items():
        row(name, f"{painted:.1f} ms", f"settled {settled:.1f} ms" + ("" if painted < 50 else "  OVER 50 ms"))
    cursor = figures["cursor"][0]
    slowest = max((name for name in figures if name not in ("cursor", "quote cursor")), key=lambda n: figures[n][0])
    print()
    row("slowest review key", f"{figures[slowest][0]:.1f} ms", f"{slowest}; {figures[slowest][0] / cursor:.2f}x "
        "the cursor move")
    row("save the story (session.save, writing the file)", f"{statistics.median(saves):.1f} ms", "target < 300 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
