"""Inputs built to cost the annotator more than their size: each shape at any size.

Found by probing the released program (each took from seconds to minutes at
tens of kilobytes): Markdown emphasis and brackets on one long line, many
line breaks, a long Sources list, runs of quote marks and other symbols, and
long runs of spaces.  The tests (test_linear_shapes.py) and the benchmark
(tests/bench/bench_shapes.py) build them here.
"""

from __future__ import annotations

from collections.abc import Callable


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


#: name -> (builds a text of about `size` characters, read as Markdown?)
SHAPES: dict[str, tuple[Callable[[int], str], bool]] = {
    "markdown emphasis on one line (*a )": (lambda size: _repeat("*a ", size), True),
    "markdown strong on one line (**a )": (lambda size: _repeat("**a ", size), True),
    "nested brackets on one line ([)": (lambda size: _repeat("[", size), True),
    "unclosed tags and comments (<a <!--)": (lambda size: _repeat("<a <!--", size), True),
    "many line breaks": (lambda size: "".join(f"Line {n} of the list.\n" for n in range(size // 22 + 1)), False),
    "many paragraphs": (lambda size: "".join(f"Para {n} says little.\n\n" for n in range(size // 22 + 1)), False),
    "a long Sources list": (
        lambda size: "The story is short.\n\nSources:\n" + "".join(f"- Source number {n}\n" for n in range(size // 19 + 1)),
        False,
    ),
    "a run of quote marks": (lambda size: 'He said: "' + '"' * size, False),
    "a run of symbols and emoji": (lambda size: "Look " + _repeat("“(🙂!", size), False),
    "a long run of spaces": (lambda size: "It was said. a" + " " * size + "b\nThe end.\n", False),
}
