"""Reading a gold corpus in PolNeAR's layout, and predicted .ann files for it.

The corpus is `GOLD_DIR/text/NAME.txt` and `GOLD_DIR/attributions/NAME_ANNOTATOR.ann`
(or `NAME.ann`).  When several annotators annotated an article, the
alphabetically first file is used, always the same one.

A problem with the corpus as a whole (no such folder, not PolNeAR's layout,
no article to read, predictions that predict nothing) is an `EvalError` with a
one-line message.  A problem with one article leaves that article out, and
the rest go on: its text or its .ann file cannot be read (a folder, binary,
not UTF-8, a loop of links...), or the .ann file is malformed or has a span
that runs past the end of the text.  Each article left out is said on one
line naming the file and what is wrong with it.  Which articles are left out
depends on the files alone, so the same files give the same corpus (and
`train` the same model).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from explorer.annotate.brat import BratAttribution, BratError, read_ann
from explorer.annotate.heldout import in_split
from explorer.annotate.inputs import MODEL_MAX_CHARS, ArticleInput, InputError, read_input
from explorer.files import UnreadableFile, folder_problem, os_error_message, read_text_file, shown_path

#: One article of a corpus: its name, its text and its gold attributions.
CorpusArticle = tuple[str, str, list[BratAttribution]]
#: Where the line saying that an article was left out goes.
Say = Callable[[str], None]
#: An .ann file bigger than this is refused unread.  PolNeAR's biggest is 55 KB for
#: a text of 34 KB; each span repeats the words it covers, and spans overlap.
MAX_ANN_BYTES = 64 << 20


class EvalError(Exception):
    """A problem with the corpus or the predictions; one line, shown as is."""


class _LeftOut(Exception):
    """A problem with one article: the line that says which file, and what is wrong."""


@dataclass
class Corpus:
    """The articles read, in name order, and the names of those left out."""

    articles: list[CorpusArticle] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def _article_text(path: Path) -> str:
    """The text of `path`, read as annotate reads an article (through its size limit)."""
    try:
        return read_input(ArticleInput(str(path), path), MODEL_MAX_CHARS)
    except InputError as error:
        raise _LeftOut(f"{shown_path(path)}: {error}") from None


def _ann_too_big(size: int) -> str | None:
    return f"{size / 1e6:.1f} MB, too big for an .ann file" if size > MAX_ANN_BYTES else None


def _attributions(path: Path, text: str) -> list[BratAttribution]:
    """The attributions of the .ann file at `path`, which annotates `text`."""
    try:
        return read_ann(read_text_file(path, "a brat .ann file", _ann_too_big), len(text)).attributions
    except UnreadableFile as problem:
        raise _LeftOut(f"{shown_path(path)}: {problem.located()}") from None
    except BratError as error:
        raise _LeftOut(f"{shown_path(path)}:{error}") from None


def _listing(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError as error:
        raise EvalError(f"{shown_path(folder)}: cannot read the folder: {os_error_message(error)}") from None


def annotation_file(folder: Path, name: str, files: dict[str, list[str]]) -> Path | None:
    """NAME.ann, else the alphabetically first NAME_ANNOTATOR.ann, in `folder`."""
    candidates = files.get(name)
    if not candidates:
        return None
    return folder / (f"{name}.ann" if f"{name}.ann" in candidates else min(candidates))


def _annotation_index(folder: Path, names: set[str]) -> dict[str, list[str]]:
    """Article name -> the .ann files in `folder` that belong to it."""
    index: dict[str, list[str]] = {}
    for entry in _listing(folder):
        if not entry.endswith(".ann"):
            continue
        stem = entry[: -len(".ann")]
        name = stem if stem in names else stem.rsplit("_", 1)[0]
        if name in names:
            index.setdefault(name, []).append(entry)
    return index


def load_corpus(gold_dir: Path, limit: int | None = None, split: str = "all", *, say: Say) -> Corpus:
    """(name, text, gold attributions) for every article that has a gold file,
    in name order, only those of `split` (see `explorer.annotate.heldout`), at
    most `limit` of them; an article that cannot be read is left out, and `say`
    is given the line that says so."""
    problem = folder_problem(gold_dir)
    if problem:
        raise EvalError(f"{shown_path(gold_dir)}: {problem}")
    text_dir, ann_dir = gold_dir / "text", gold_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalError(f"{shown_path(gold_dir)}: not a corpus in PolNeAR's layout (needs text/ and attributions/ folders)")
    names = {entry[: -len(".txt")] for entry in _listing(text_dir) if entry.endswith(".txt") and entry[0] != "."}
    index = _annotation_index(ann_dir, names)
    corpus = Corpus()
    for name in sorted(index):
        if limit is not None and len(corpus.articles) >= limit:
            break
        if not in_split(name, split):
            continue
        try:
            text = _article_text(text_dir / f"{name}.txt")
            corpus.articles.append((name, text, _attributions(annotation_file(ann_dir, name, index), text)))
        except _LeftOut as left_out:
            corpus.left_out.append(name)
            say(f"{left_out} (left out)")
    if not corpus.articles:
        which = "" if split == "all" else f" of the {split} split"
        if corpus.left_out:
            raise EvalError(f"{shown_path(gold_dir)}: every article{which} was left out ({len(corpus.left_out):,}: "
                            "see above)")
        raise EvalError(f"{shown_path(gold_dir)}: no article{which} has both text/NAME.txt and attributions/NAME*.ann")
    return corpus


def read_predictions(pred_dir: Path, corpus: list[CorpusArticle], *,
                     say: Say) -> tuple[list[list[BratAttribution] | None], int]:
    """Predicted attributions per article (None for an article whose file cannot be
    read: it is left out, and `say` is given the line that says so), and how many
    articles had no file.

    A folder with no .ann file for any article of the corpus, or whose files
    predict nothing at all, is an error: scoring it would only say that
    nothing is wrong with predicting nothing.
    """
    problem = folder_problem(pred_dir)
    if problem:
        raise EvalError(f"{shown_path(pred_dir)}: {problem}")
    entries = _listing(pred_dir)
    index = _annotation_index(pred_dir, {name for name, _, _ in corpus})
    if not index:
        if not any(entry.endswith(".ann") for entry in entries):
            if any(entry.endswith((".yaml", ".yml")) for entry in entries):
                raise EvalError(f"{shown_path(pred_dir)}: holds story files, not brat .ann files: score stories with "
                                "eval --stories, or write .ann files with annotate --format brat")
            raise EvalError(f"{shown_path(pred_dir)}: no .ann files (brat standoff, as annotate --format brat writes)")
        raise EvalError(f"{shown_path(pred_dir)}: no .ann file is named after an article of the corpus "
                        "(NAME.ann for text/NAME.txt)")
    predictions: list[list[BratAttribution] | None] = []
    missing = 0
    for name, text, _ in corpus:
        path = annotation_file(pred_dir, name, index)
        if path is None:
            missing += 1
            predictions.append([])
            continue
        try:
            predictions.append(_attributions(path, text))
        except _LeftOut as left_out:
            predictions.append(None)
            say(f"{left_out} (left out)")
    if not any(predictions):
        readable = " that could be read" if None in predictions else ""
        raise EvalError(f"{shown_path(pred_dir)}: nothing was predicted (its .ann files{readable} hold no attribution)")
    return predictions, missing
