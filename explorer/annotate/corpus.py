"""Reading a gold corpus in PolNeAR's layout, and predicted .ann files for it.

The corpus is `GOLD_DIR/text/NAME.txt` and `GOLD_DIR/attributions/NAME_ANNOTATOR.ann`
(or `NAME.ann`).  When several annotators annotated an article, the
alphabetically first file is used, always the same one.  Every problem is an
`EvalError` with a one-line message.
"""

from __future__ import annotations

import os
from pathlib import Path

from explorer.annotate.brat import BratAttribution, BratError, read_ann
from explorer.annotate.heldout import in_split
from explorer.files import shown_path

#: One article of a corpus: its name, its text and its gold attributions.
CorpusArticle = tuple[str, str, list[BratAttribution]]


class EvalError(Exception):
    """A problem with the corpus or the predictions; one line, shown as is."""


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise EvalError(f"{shown_path(path)}: not UTF-8 text (byte {error.start})") from error
    except OSError as error:
        raise EvalError(f"{shown_path(path)}: {error.strerror or error}") from error


def _read_ann(path: Path) -> list[BratAttribution]:
    try:
        return read_ann(read_text(path)).attributions
    except BratError as error:
        raise EvalError(f"{shown_path(path)}:{error}") from error


def annotation_file(folder: Path, name: str, files: dict[str, list[str]]) -> Path | None:
    """NAME.ann, else the alphabetically first NAME_ANNOTATOR.ann, in `folder`."""
    candidates = files.get(name)
    if not candidates:
        return None
    return folder / (f"{name}.ann" if f"{name}.ann" in candidates else min(candidates))


def _annotation_index(folder: Path, names: set[str]) -> dict[str, list[str]]:
    """Article name -> the .ann files in `folder` that belong to it."""
    index: dict[str, list[str]] = {}
    for entry in sorted(os.listdir(folder)):
        if not entry.endswith(".ann"):
            continue
        stem = entry[: -len(".ann")]
        name = stem if stem in names else stem.rsplit("_", 1)[0]
        if name in names:
            index.setdefault(name, []).append(entry)
    return index


def load_corpus(gold_dir: Path, limit: int | None = None, split: str = "all") -> list[CorpusArticle]:
    """(name, text, gold attributions) for every article that has a gold file,
    in name order, only those of `split` (see `explorer.annotate.heldout`),
    at most `limit` of them."""
    text_dir, ann_dir = gold_dir / "text", gold_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalError(f"{shown_path(gold_dir)}: not a corpus in PolNeAR's layout (needs text/ and attributions/ folders)")
    names = {p.stem for p in text_dir.glob("*.txt")}
    index = _annotation_index(ann_dir, names)
    corpus = []
    for name in sorted(index):
        if limit is not None and len(corpus) >= limit:
            break
        if in_split(name, split):
            corpus.append((name, read_text(text_dir / f"{name}.txt"), _read_ann(annotation_file(ann_dir, name, index))))
    if not corpus:
        which = "" if split == "all" else f" of the {split} split"
        raise EvalError(f"{shown_path(gold_dir)}: no article{which} has both text/NAME.txt and attributions/NAME*.ann")
    return corpus


def read_predictions(pred_dir: Path, corpus: list[CorpusArticle]) -> tuple[list[list[BratAttribution]], int]:
    """Predicted attributions per article, and how many articles had no file.

    A folder with no .ann file for any article of the corpus, or whose files
    predict nothing at all, is an error: scoring it would only say that
    nothing is wrong with predicting nothing.
    """
    if not pred_dir.is_dir():
        raise EvalError(f"{shown_path(pred_dir)}: no such folder")
    entries = os.listdir(pred_dir)
    index = _annotation_index(pred_dir, {name for name, _, _ in corpus})
    if not index:
        if not any(entry.endswith(".ann") for entry in entries):
            if any(entry.endswith((".yaml", ".yml")) for entry in entries):
                raise EvalError(f"{shown_path(pred_dir)}: holds story files, not brat .ann files: score stories with "
                                "eval --stories, or write .ann files with annotate --format brat")
            raise EvalError(f"{shown_path(pred_dir)}: no .ann files (brat standoff, as annotate --format brat writes)")
        raise EvalError(f"{shown_path(pred_dir)}: no .ann file is named after an article of the corpus "
                        "(NAME.ann for text/NAME.txt)")
    predictions, missing = [], 0
    for name, _, _ in corpus:
        path = annotation_file(pred_dir, name, index)
        if path is None:
            missing += 1
            predictions.append([])
        else:
            predictions.append(_read_ann(path))
    if not any(predictions):
        raise EvalError(f"{shown_path(pred_dir)}: nothing was predicted (its .ann files hold no attribution)")
    return predictions, missing
