"""What the confidence model sees of a finished quote: a list of features.

The rule or construction that found the quote, its kind, whether and how
its speaker was resolved, and, for a quote the cue model decided on, that
model's log-odds (a feature with a value).  `explorer.annotate.learned`
turns these into a probability that the quote is right.
"""

from __future__ import annotations

from explorer.annotate.found import FoundQuote


def confidence_features(quote: FoundQuote) -> list:
    """The confidence model's features for one quote whose speaker is resolved."""
    method, kind = quote.method, quote.kind
    features: list = ["bias", f"method={method}", f"kind={kind}", f"method|kind={method}|{kind}"]
    if quote.resolution is not None:
        rule = quote.resolution.rule
    else:
        rule = "unresolved" if quote.mention is not None else "no-mention"
    features += [f"resolution={rule}", f"method|resolution={method}|{rule}"]
    if quote.score is not None:
        features += [("score", quote.score), (f"score|method={method}", quote.score)]
    chars = quote.content[1] - quote.content[0]
    features.append(f"chars={'short' if chars < 40 else 'medium' if chars < 160 else 'long'}|{kind}")
    return features
