"""A tiny gold corpus in PolNeAR's layout, written by the tests of `eval`:
two articles, one of them annotated by two annotators."""

from __future__ import annotations

from pathlib import Path

ARTICLE_A = (
    "Bridge reopens early\n\n"
    "“We are ready,” the mayor said on Monday. She added that the crews had worked through the winter.\n\n"
    "According to the city, the repairs cost less than planned.\n"
)
#: PolNeAR's layout: Source, Cue, Content (with its quote marks), Attribution, E.
GOLD_A = """T1\tSource 65 74\tthe mayor
T2\tCue 75 79\tsaid
T3\tContent 22 63\t“We are ready,”
T4\tAttribution 75 79\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tSource 91 94\tShe
T6\tCue 95 100\tadded
T7\tContent 101 152\tthat the crews had worked through the winter
T8\tAttribution 95 100\tadded
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5
T9\tCue 155 167\tAccording to
T10\tSource 168 176\tthe city
T11\tContent 178 213\tthe repairs cost less than planned
T12\tAttribution 155 167\tAccording to
E3\tAttribution:T12 Content:T11 Cue:T9 Source:T10
"""
ARTICLE_B = "Ferry ends\n\nThe last ferry crossed the river on Sunday, the operator said.\n"
GOLD_B = """T1\tSource 54 66\tthe operator
T2\tCue 67 71\tsaid
T3\tContent 12 52\tThe last ferry crossed the river on Sunday
T4\tAttribution 67 71\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
"""


def fix_offsets(text: str, ann: str) -> str:
    """Recompute each T line's offsets from its text (the first free occurrence),
    so the fixtures above stay readable."""
    lines, taken = [], {}
    for line in ann.splitlines():
        if line.startswith("T"):
            tid, label_span, covered = line.split("\t")
            label = label_span.split()[0]
            start = text.index(covered, taken.get((label, covered), 0))
            taken[(label, covered)] = start + 1
            line = f"{tid}\t{label} {start} {start + len(covered)}\t{covered}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def write_corpus(tmp_path: Path) -> Path:
    """A PolNeAR-style corpus: article a has two annotators (aaaa is the one used)."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "text" / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    gold_a = fix_offsets(ARTICLE_A, GOLD_A)
    (tmp_path / "attributions" / "a_aaaa.ann").write_text(gold_a, encoding="utf-8")
    # a second annotator, who saw only the first attribution
    (tmp_path / "attributions" / "a_bbbb.ann").write_text("".join(gold_a.splitlines(True)[:5]), encoding="utf-8")
    (tmp_path / "attributions" / "b_cccc.ann").write_text(fix_offsets(ARTICLE_B, GOLD_B), encoding="utf-8")
    return tmp_path
