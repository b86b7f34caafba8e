"""How `eval` scores predicted attributions against gold ones (no I/O, no spaCy).

- Content spans are compared with quote marks and surrounding spaces trimmed
  from each fragment.  A prediction matches a gold attribution when their
  overlap is at least half the longer of the two; matching is one to one,
  best overlaps first.  An *exact* match is a prediction whose trimmed
  fragments are the gold's, character for character (one to one as well):
  the figure published systems report.
- Precision, recall and F1 of content, for all attributions and for quoted
  speech only.  Quoted gold is gold whose content holds a quotation mark;
  there only quoted predictions count: those matching quoted gold, and
  unmatched ones whose content holds a quotation mark.  A prediction that
  matches reported (unquoted) gold counts neither for nor against.
- Source accuracy: the share of matched attributions whose source agrees
  with the gold one (for brat gold: the source mentions overlap, or both
  have none); none matched, no figure.
- Calibration: a quote is *right* when a gold attribution covers at least
  half of its content and its speaker mention overlaps that attribution's
  source (`quote_is_right`); within each tenth of the confidence scale the
  share of right quotes should be near the confidences given.  How often a
  perfectly calibrated annotator would still miss that rule on the same
  confidences (`chance_of_a_miss`) says how much one miss means: a tenth of
  30 quotes at 0.15 has a standard error of 0.065 on its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from explorer.annotate.brat import BratAttribution, Spans, widen_to_marks

#: Characters trimmed from both ends of a content fragment before comparing.
TRIMMED = " \t\r\n\"“”‘’'`«»"
#: A quotation mark in a content span: curly or straight double quotes, a
#: doubled apostrophe ('' in the NYT archive) or an opening single quote.
QUOTATION_MARK = re.compile(r"[“”\"‘«»]|''")
#: The least share of the longer span that two contents must overlap to match.
MIN_OVERLAP = 0.5
#: A tenth of the confidence scale needs this many quotes for its share right to mean much.
MIN_DECILE_QUOTES = 30
#: How far the share right may stray from the confidence given.
CALIBRATION_TOLERANCE = 0.1


def trim_spans(text: str, spans: Spans) -> Spans:
    """Each fragment without quote marks and spaces at its ends (empty ones dropped)."""
    trimmed = []
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start] in TRIMMED:
            start += 1
        while end > start and text[end - 1] in TRIMMED:
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return tuple(trimmed)


def span_length(spans: Spans) -> int:
    return sum(end - start for start, end in spans)


def overlap(a: Spans, b: Spans) -> int:
    """Characters two fragment lists share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def holds_quotation(text: str, spans: Spans) -> bool:
    return any(QUOTATION_MARK.search(text[start:end]) for start, end in spans)


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    """F1; None with neither gold nor predictions, 0 with only one of them."""
    if precision is None and recall is None:
        return None
    if precision is None or recall is None:
        return 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Counts:
    """Matching counts for one article or a whole corpus.

    A figure with nothing to count is None (shown as "–"): precision with
    nothing predicted, recall with no gold, source accuracy with nothing matched.
    """

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    source_agrees: int = 0

    def add(self, other: "Counts") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.exact += other.exact
        self.source_agrees += other.source_agrees

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)

    @property
    def exact_precision(self) -> float | None:
        return _ratio(self.exact, self.predicted)

    @property
    def exact_recall(self) -> float | None:
        return _ratio(self.exact, self.gold)

    @property
    def exact_f1(self) -> float | None:
        return _f1(self.exact_precision, self.exact_recall)

    @property
    def source_accuracy(self) -> float | None:
        return _ratio(self.source_agrees, self.matched)

    def as_dict(self) -> dict:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": rounded(self.precision),
            "recall": rounded(self.recall),
            "f1": rounded(self.f1),
            "exact": self.exact,
            "exact_precision": rounded(self.exact_precision),
            "exact_recall": rounded(self.exact_recall),
            "exact_f1": rounded(self.exact_f1),
            "source_accuracy": rounded(self.source_accuracy),
        }


@dataclass
class ArticleScore:
    name: str
    all: Counts = field(default_factory=Counts)
    quoted: Counts = field(default_factory=Counts)

    def add(self, other: "ArticleScore") -> None:
        self.all.add(other.all)
        self.quoted.add(other.quoted)


def spans_agree(text: str, gold_source: Spans, predicted_source: Spans) -> bool:
    """The source rule for brat gold: the mentions overlap, or neither has one."""
    gold_source, predicted_source = trim_spans(text, gold_source), trim_spans(text, predicted_source)
    if not gold_source or not predicted_source:
        return not gold_source and not predicted_source
    return overlap(gold_source, predicted_source) > 0


def match(text: str, gold: list[BratAttribution], predicted: list[BratAttribution]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best overlaps first."""
    gold_spans = [trim_spans(text, g.content) for g in gold]
    predicted_spans = [trim_spans(text, p.content) for p in predicted]
    candidates = []
    for gi, g in enumerate(gold_spans):
        g_first, g_last, g_length = (g[0][0], g[-1][1], span_length(g)) if g else (0, 0, 0)
        for pi, p in enumerate(predicted_spans):
            if not g or not p or p[0][0] >= g_last or p[-1][1] <= g_first:
                continue
            shared = overlap(g, p)
            ratio = shared / max(g_length, span_length(p))
            if ratio >= MIN_OVERLAP:
                candidates.append((-ratio, gi, pi))
    candidates.sort()
    pairs, gold_taken, predicted_taken = [], set(), set()
    for _, gi, pi in candidates:
        if gi not in gold_taken and pi not in predicted_taken:
            gold_taken.add(gi)
            predicted_taken.add(pi)
            pairs.append((gi, pi))
    return pairs


def _exact(text: str, gold: list[BratAttribution], predicted: list[BratAttribution]) -> int:
    """How many predictions have exactly a gold content (one to one)."""
    gold_spans = Counter(trim_spans(text, g.content) for g in gold)
    predicted_spans = Counter(trim_spans(text, p.content) for p in predicted)
    return sum((gold_spans & predicted_spans).values())


def score_article(name: str, text: str, gold: list[BratAttribution], predicted: list[BratAttribution],
                  agree: Callable[[int, int], bool] | None = None) -> ArticleScore:
    """The counts of one article.  `agree(gold index, predicted index)` says
    whether a matched pair's sources agree (default: `spans_agree`)."""
    agree = agree or (lambda gi, pi: spans_agree(text, gold[gi].source, predicted[pi].source))
    score = ArticleScore(name)
    pairs = match(text, gold, predicted)
    gold_quoted = [holds_quotation(text, g.content) for g in gold]
    predicted_quoted = [holds_quotation(text, p.content) for p in predicted]
    score.all = Counts(gold=len(gold), predicted=len(predicted), matched=len(pairs), exact=_exact(text, gold, predicted))
    score.quoted.gold = sum(gold_quoted)
    matched_predictions = set()
    for gi, pi in pairs:
        agrees = agree(gi, pi)
        score.all.source_agrees += agrees
        matched_predictions.add(pi)
        if gold_quoted[gi]:
            score.quoted.matched += 1
            score.quoted.predicted += 1
            score.quoted.source_agrees += agrees
    # Unmatched predictions that look quoted count against precision.
    score.quoted.predicted += sum(1 for pi, quoted in enumerate(predicted_quoted) if quoted and pi not in matched_predictions)
    # Exact matches in the quoted track: among the quoted gold and the predictions counted there.
    matching_quoted_gold = {pi for gi, pi in pairs if gold_quoted[gi]}
    counted = [p for pi, p in enumerate(predicted) if predicted_quoted[pi] or pi in matching_quoted_gold]
    score.quoted.exact = _exact(text, [g for gi, g in enumerate(gold) if gold_quoted[gi]], counted)
    return score


def quote_is_right(text: str, gold: list[BratAttribution], fragments: Spans, direct: bool,
                   source_agrees: Callable[[int], bool]) -> bool:
    """Whether one annotated quote is right: some gold attribution covers at
    least half of the quote's content `fragments` (widened over their marks
    when `direct`) and `source_agrees(that attribution's index)`."""
    if direct:
        fragments = tuple(widen_to_marks(text, *fragment) for fragment in fragments)
    predicted = trim_spans(text, fragments)
    if not predicted:
        return False
    return any(
        overlap(trim_spans(text, attribution.content), predicted) * 2 >= span_length(predicted) and source_agrees(index)
        for index, attribution in enumerate(gold)
    )


@dataclass
class Decile:
    """The quotes whose confidence falls in [low, high): how many, their mean
    confidence and the share of them that is right."""

    low: float
    high: float
    quotes: int = 0
    confidence_sum: float = 0.0
    right: int = 0

    @property
    def mean_confidence(self) -> float | None:
        return _ratio(self.confidence_sum, self.quotes)

    @property
    def share_right(self) -> float | None:
        return _ratio(self.right, self.quotes)

    @property
    def counted(self) -> bool:
        """True when enough quotes fall here for the share right to be judged."""
        return self.quotes >= MIN_DECILE_QUOTES

    @property
    def calibrated(self) -> bool | None:
        """Whether the share right is within the tolerance of the mean confidence (None: too few quotes)."""
        if not self.counted:
            return None
        return abs(self.share_right - self.mean_confidence) <= CALIBRATION_TOLERANCE


def calibration(quotes: list[tuple[float, bool]]) -> list[Decile]:
    """(confidence, right) pairs sorted into the ten tenths of the scale (1.0 in the last)."""
    deciles = [Decile(n / 10, (n + 1) / 10) for n in range(10)]
    for confidence, right in quotes:
        decile = deciles[min(max(int(confidence * 10), 0), 9)]
        decile.quotes += 1
        decile.confidence_sum += confidence
        decile.right += bool(right)
    return deciles


#: Draws of a perfectly calibrated annotator that `chance_of_a_miss` makes;
#: its figure is then within about 0.01 of the true chance.
CALIBRATION_DRAWS = 2000
#: Random numbers `chance_of_a_miss` holds at once (8 MB): a tenth of 8,000 quotes drawn
#: 2,000 times at once held 128 MB.
_DRAWN_AT_ONCE = 1 << 20


def chance_of_a_miss(confidences: list[float], draws: int = CALIBRATION_DRAWS) -> float:
    """The share of `draws` runs in which a perfectly calibrated annotator,
    giving these `confidences` (each quote right with exactly that
    probability), has some tenth of at least `MIN_DECILE_QUOTES` quotes whose
    share right is further than `CALIBRATION_TOLERANCE` from its mean
    confidence.  Seeded: the same confidences give the same figure."""
    import numpy as np

    values = np.clip(np.asarray(confidences, dtype=np.float64), 0.0, 1.0)
    if values.size == 0:
        return 0.0
    tenths = np.minimum((values * 10).astype(np.int64), 9)
    generator = np.random.default_rng(0)
    missed = np.zeros(draws, dtype=bool)
    for tenth in range(10):
        inside = values[tenths == tenth]
        if inside.size < MIN_DECILE_QUOTES:
            continue
        rows = max(1, _DRAWN_AT_ONCE // inside.size)
        for first in range(0, draws, rows):  # a block of draws at a time: the same numbers, in the same order
            block = min(rows, draws - first)
            share_right = (generator.random((block, inside.size)) < inside).mean(axis=1)
            # the same tolerance test as `Decile.calibrated`
            missed[first:first + block] |= np.abs(share_right - inside.mean()) > CALIBRATION_TOLERANCE
    return float(missed.mean())
