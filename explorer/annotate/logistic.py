"""Fitting a logistic model over named features, with numpy alone.

Full-batch Adam on the L2-regularised mean log loss: the same data give the
same weights, bit for bit, on any machine with the same numpy (no random
start, no shuffling, no mini-batches).  Rows are lists of
feature names or (name, value) pairs; names seen fewer than `min_count`
times are dropped (a weight learnt from one example is noise).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def fit_logistic(
    rows: Sequence[Sequence], labels: Sequence[int], *, l2: float = 1e-4, iterations: int = 600,
    min_count: int = 2, learning_rate: float = 0.05, always: Sequence[str] = ("bias",),
) -> dict[str, float]:
    """Weights by feature name for `rows` (features) and `labels` (0 or 1)."""
    import numpy as np

    counts: Counter[str] = Counter()
    for row in rows:
        counts.update({_name(feature) for feature in row})
    names = sorted(name for name, count in counts.items() if count >= min_count or name in always)
    index = {name: number for number, name in enumerate(names)}
    row_ids, column_ids, values = [], [], []
    for number, row in enumerate(rows):
        for feature in row:
            column = index.get(_name(feature))
            if column is not None:
                row_ids.append(number)
                column_ids.append(column)
                values.append(feature[1] if isinstance(feature, tuple) else 1.0)
    rows_array = np.asarray(row_ids, dtype=np.int64)
    columns_array = np.asarray(column_ids, dtype=np.int64)
    values_array = np.asarray(values, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    n, width = len(labels), len(names)
    weights = np.zeros(width)
    first_moment = np.zeros(width)
    second_moment = np.zeros(width)
    beta1, beta2 = 0.9, 0.999
    for step in range(1, iterations + 1):
        margins = np.bincount(rows_array, weights=weights[columns_array] * values_array, minlength=n)
        errors = 1.0 / (1.0 + np.exp(-margins)) - y
        gradient = np.bincount(columns_array, weights=errors[rows_array] * values_array, minlength=width) / n + l2 * weights
        first_moment = beta1 * first_moment + (1 - beta1) * gradient
        second_moment = beta2 * second_moment + (1 - beta2) * gradient ** 2
        corrected = first_moment / (1 - beta1 ** step)
        weights = weights - learning_rate * corrected / (np.sqrt(second_moment / (1 - beta2 ** step)) + 1e-8)
    return {name: float(weight) for name, weight in zip(names, weights) if weight != 0.0}


def _name(feature) -> str:
    return feature[0] if isinstance(feature, tuple) else feature
