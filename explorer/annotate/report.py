"""The tables `eval` prints: the scores, the worst articles, the calibration."""

from __future__ import annotations

from explorer.annotate.scoring import CALIBRATION_TOLERANCE, MIN_DECILE_QUOTES, ArticleScore, Counts, Decile

#: Shown for a figure with nothing to count (precision with nothing predicted ...).
NO_FIGURE = "–"

_LEGEND = (
    "P, R, F1: quote content matched one to one, at least 50% of the longer span overlapping;",
    "exact: content spans identical (quote marks and spaces at their ends aside);",
    "source: the share of matched quotes whose speaker agrees with the gold one.",
)


def figure(value: float | None, width: int) -> str:
    """A figure with three decimals, right-aligned, or "–" when there is none."""
    return f"{value:{width}.3f}" if value is not None else NO_FIGURE.rjust(width)


def _row(label: str, counts: Counts) -> str:
    return (f"{label:17}{counts.gold:7d}{counts.predicted:7d}{counts.matched:7d}"
            f"{figure(counts.precision, 7)}{figure(counts.recall, 7)}{figure(counts.f1, 7)}"
            f"{figure(counts.exact_f1, 7)}{figure(counts.source_accuracy, 8)}")


def score_table(total: ArticleScore, worst: list[ArticleScore], header: str) -> str:
    """The scores of a run, for quoted speech and all attributions, and the worst articles."""
    lines = [header, ""]
    lines.append(f"{'':17}{'gold':>7}{'pred':>7}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}{'exact':>7}{'source':>8}")
    lines.append(_row("quoted speech", total.quoted))
    lines.append(_row("all attributions", total.all))
    lines += ["", *_LEGEND]
    if worst:
        lines += ["", f"worst {len(worst)} articles (by F1 over all attributions):"]
        lines.append(f"{'all F1':>7}{'quoted F1':>10}{'gold':>6}{'pred':>6}  article")
        for score in worst:
            lines.append(f"{figure(score.all.f1, 7)}{figure(score.quoted.f1, 10)}{score.all.gold:6d}"
                         f"{score.all.predicted:6d}  {score.name}")
    return "\n".join(lines)


def calibration_table(deciles: list[Decile], chance_of_a_miss: float) -> str:
    """Confidence against the share of quotes right, a tenth of the scale a row,
    and how often a perfectly calibrated annotator would miss the rule
    (`explorer.annotate.scoring.chance_of_a_miss`)."""
    lines = ["calibration: each quote's confidence against whether it is right (its content matches a gold",
             "attribution and its speaker agrees)", ""]
    lines.append(f"{'confidence':>12}{'quotes':>8}{'mean':>7}{'right':>7}  ")
    counted = held = 0
    for decile in deciles:
        if decile.quotes == 0:
            verdict = ""
        elif not decile.counted:
            verdict = f"(fewer than {MIN_DECILE_QUOTES})"
        else:
            counted += 1
            held += bool(decile.calibrated)
            verdict = "ok" if decile.calibrated else f"off by more than {CALIBRATION_TOLERANCE}"
        lines.append(f"{decile.low:5.1f} – {decile.high:3.1f}{decile.quotes:8d}{figure(decile.mean_confidence, 7)}"
                     f"{figure(decile.share_right, 7)}  {verdict}".rstrip())
    lines += ["", f"{held} of {counted} tenths with at least {MIN_DECILE_QUOTES} quotes are within "
                  f"{CALIBRATION_TOLERANCE} of their mean confidence",
              f"(with these confidences, a perfectly calibrated annotator has a tenth off by more than "
              f"{CALIBRATION_TOLERANCE}", f"in {chance_of_a_miss:.0%} of samples of this size)"]
    return "\n".join(lines)
