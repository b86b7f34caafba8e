"""The trained part of the annotator: two logistic models over named features.

- The *cue model* says how likely a candidate construction
  (`explorer.annotate.constructions`) is an attribution, from the features
  `explorer.annotate.features` names.  Candidates at or above its threshold
  are kept, best first, none inside another's content.
- The *confidence model* turns what is known about a finished quote (the
  rule or construction that found it, its kind, how its speaker was
  resolved, the cue model's score) into the probability that the quote is
  right: its content matches an attribution of the corpus and its speaker
  mention the one the corpus gives.  It is fitted on predictions for
  articles the cue model was not trained on, so that its probabilities are
  honest; `story-explorer eval --calibration` prints how they hold on the
  held-out articles.

Both live in one JSON file in the package (`data/attribution_model.json`:
feature name -> weight, plain text that anyone can read and diff), loaded
once, lazily, the first time the annotator needs it.
`story-explorer train` rebuilds it (`explorer.annotate.training`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

MODEL_FILE = "attribution_model.json"
FORMAT = 1


class ModelError(Exception):
    """The model file is missing or not one this version can read; one line."""


@dataclass
class LogisticModel:
    """Weights by feature name; a feature may carry a value (default 1)."""

    weights: dict[str, float] = field(default_factory=dict)

    def score(self, features) -> float:
        """The log-odds of `features` (names, or (name, value) pairs)."""
        weights = self.weights
        total = 0.0
        for feature in features:
            if isinstance(feature, tuple):
                name, value = feature
                total += weights.get(name, 0.0) * value
            else:
                total += weights.get(feature, 0.0)
        return total

    def probability(self, features) -> float:
        return sigmoid(self.score(features))


def sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def logit(probability: float) -> float:
    probability = min(max(probability, 1e-6), 1 - 1e-6)
    return math.log(probability / (1 - probability))


@dataclass
class AttributionModel:
    """The cue model, its threshold, and the confidence model."""

    cues: LogisticModel
    threshold: float
    confidence: LogisticModel
    about: dict = field(default_factory=dict)

    def to_json(self) -> str:
        """The model as the JSON the package ships (keys sorted, weights rounded: a stable diff)."""
        document = {
            "format": FORMAT,
            "about": self.about,
            "threshold": self.threshold,
            "cue_weights": {name: round(weight, 6) for name, weight in sorted(self.cues.weights.items())},
            "confidence_weights": {name: round(weight, 6) for name, weight in sorted(self.confidence.weights.items())},
        }
        return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "AttributionModel":
        try:
            document = json.loads(text)
            if document.get("format") != FORMAT:
                raise ModelError(f"attribution model format {document.get('format')!r}, expected {FORMAT}")
            return cls(
                cues=LogisticModel({str(k): float(v) for k, v in document["cue_weights"].items()}),
                threshold=float(document["threshold"]),
                confidence=LogisticModel({str(k): float(v) for k, v in document["confidence_weights"].items()}),
                about=dict(document.get("about", {})),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ModelError(f"attribution model unreadable: {error}") from error


@cache
def shipped_model() -> AttributionModel:
    """The model shipped in the package, read once."""
    try:
        text = resources.files("explorer.annotate").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    except OSError as error:
        raise ModelError(f"attribution model missing from the package ({MODEL_FILE}): run story-explorer train") from error
    return AttributionModel.from_json(text)
