"""What the confidence model sees of a finished quote: a list of features.

The rule or construction that found the quote, its kind, whether and how
its speaker was resolved, for a quote with no speaker mention its cue word,
and, for a quote the cue model decided on, that model's log-odds (a feature
with a value).  `explorer.annotate.learned` turns these into a probability
that the quote is right.

A quote with no speaker mention is right when the corpus gives it no source
either, and the cue word tells those apart: "it was *reported* that", "is
*expected* to" are sourceless, a "*said*" whose subject the parse lost is
not.  Without it, such quotes were all given one low confidence: in
cross-validation on the training articles the lowest tenth (0.07) was right
0.18 of the time; with it, 0.10 (and every tenth within 0.05).
"""

from __future__ import annotations

from explorer.annotate.found import FoundQuote


def confidence_features(quote: FoundQuote, text: str) -> list:
    """The confidence model's features for one quote whose speaker is resolved;
    `text` is the document's (the offsets point into it)."""
    method, kind = quote.method, quote.kind
    features: list = ["bias", f"method={method}", f"kind={kind}", f"method|kind={method}|{kind}"]
    if quote.resolution is not None:
        rule = quote.resolution.rule
    else:
        rule = "unresolved" if quote.mention is not None else "no-mention"
    features += [f"resolution={rule}", f"method|resolution={method}|{rule}"]
    if rule == "no-mention" and quote.cue is not None:
        features.append(f"cue|no-mention={' '.join(text[quote.cue[0]:quote.cue[1]].lower().split())}")
    if quote.score is not None:
        features += [("score", quote.score), (f"score|method={method}", quote.score)]
    chars = quote.content[1] - quote.content[0]
    features.append(f"chars={'short' if chars < 40 else 'medium' if chars < 160 else 'long'}|{kind}")
    return features
