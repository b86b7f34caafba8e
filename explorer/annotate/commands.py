"""`story-explorer annotate`: article text in, story files (or brat .ann) out.

The model is loaded once and the inputs go through `nlp.pipe` in batches
(with `--jobs N` worker processes), so a folder of a thousand articles costs
one model load.  Each input stands alone: one that cannot be read, is
empty, or whose output file already exists (without `--force`) gets a
one-line `path: message` on stderr and the others are still written; the
exit status is 1 if any input failed.  Files are written atomically (a
temporary file in the same folder, then renamed), so an interrupted run
leaves no half-written file.

spaCy is imported only when a run starts, never by importing this module.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from explorer.annotate.article import Article, read_article
from explorer.annotate.build import build_story
from explorer.files import (
    UnreadableFile,
    decode_text,
    is_folder,
    read_stream,
    read_text_file,
    shown_path,
    walk_files,
    write_text_atomic,
)
from explorer.storyfile import dump_story

if TYPE_CHECKING:  # pragma: no cover
    from explorer.annotate.extract import Extraction

#: Where stories go without `-o`.
DEFAULT_OUTPUT = Path("stories")
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")
STORY_SUFFIXES = (".yaml", ".yml")
STDIN = "-"
STDIN_LABEL = "<stdin>"
#: Documents per `nlp.pipe` batch (the fastest setting measured, FACTS.md).
BATCH_SIZE = 16
#: A file this many times bigger than the model's character limit is refused
#: unread (UTF-8 takes at most 4 bytes a character).
_BYTES_PER_CHAR = 4
_SLUG_CHARS = 60


class InputError(Exception):
    """An input that cannot be annotated; the message is one line."""


@dataclass(frozen=True)
class ArticleInput:
    """One input: a file (found in folder `root`, if it came from a folder) or stdin."""

    label: str
    path: Path | None = None
    root: Path | None = None

    @property
    def markdown(self) -> bool:
        return self.path is not None and self.path.suffix.lower() in MARKDOWN_SUFFIXES


@dataclass
class Totals:
    files: int = 0
    quotes: int = 0
    speakers: int = 0
    failures: int = 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="story-explorer annotate",
        description="Annotate article text with spaCy: paragraphs, direct, mixed and reported quotes "
        "with their speakers, speakers with roles, and sources. Writes one story per input "
        "(default: into stories/, named from the title). Existing files are never overwritten "
        "without --force; files are written atomically. Exit status 1 if any input failed.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt or .md files, folders of them, or - for stdin")
    parser.add_argument("-o", "--output", metavar="OUT", help="output file (one input), folder (default: stories/), or - for stdout (one input)")
    parser.add_argument("--model", metavar="NAME", help="spaCy model package (default: an installed en_core_web_* package)")
    parser.add_argument("--jobs", metavar="N", type=int, default=1, help="worker processes for many files (default: 1)")
    parser.add_argument("--format", choices=("story", "brat"), default="story", help="story YAML (default) or brat standoff .ann")
    parser.add_argument("--force", action="store_true", help="overwrite existing output files")
    parser.add_argument("--title", help="title for the story (one input) instead of the derived one")
    return parser


def run(args: argparse.Namespace) -> int:
    """Annotate every input; 0 when all were written, 1 if any failed, 2 on bad usage."""
    from explorer.annotate.pipeline import AnnotateError

    inputs, missing = find_inputs(args.inputs)
    for message in missing:
        print(message, file=sys.stderr)
    try:
        outputs = Outputs(args.output, args.format, inputs, force=args.force, single=_single_input(args.inputs))
        if args.jobs < 1:
            raise InputError(f"--jobs must be 1 or more, not {args.jobs}")
        if args.title is not None and len(inputs) > 1:
            raise InputError(f"--title names one story, but there are {len(inputs)} inputs")
    except InputError as error:
        print(f"story-explorer annotate: {error}", file=sys.stderr)
        return 2
    if not inputs:
        print("story-explorer annotate: nothing to annotate", file=sys.stderr)
        return 1
    try:
        totals = annotate(inputs, outputs, args)
    except AnnotateError as error:
        print(f"story-explorer annotate: {error}", file=sys.stderr)
        return 1
    totals.failures += len(missing)
    print(_summary(totals, args.format), file=sys.stderr)
    return 1 if totals.failures else 0


def _single_input(arguments: list[str]) -> bool:
    """True when the arguments name one file (or stdin), not folders or several."""
    return len(arguments) == 1 and not is_folder(Path(arguments[0]))


def find_inputs(arguments: list[str]) -> tuple[list[ArticleInput], list[str]]:
    """The inputs the arguments name, in order, each once; and a message
    for each folder with no articles in it.

    A folder gives its .txt/.md files (recursively, hidden ones skipped,
    sorted, links out of it not followed: `explorer.files.walk_files`); a
    file is taken whatever its name, so that a missing or odd one is
    reported when it is read.
    """
    inputs: list[ArticleInput] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(item: ArticleInput) -> None:
        key = STDIN if item.path is None else os.path.realpath(item.path)
        if key not in seen:
            seen.add(key)
            inputs.append(item)

    for argument in arguments:
        if argument == STDIN:
            add(ArticleInput(STDIN_LABEL))
            continue
        path = Path(argument)
        if not is_folder(path):
            add(ArticleInput(argument, path))
            continue
        walk = walk_files(path, ARTICLE_SUFFIXES)
        problems.extend(f"{shown_path(skipped)}: {reason}" for skipped, reason in walk.skipped)
        found = walk.files
        if not found:
            problems.append(f"{shown_path(argument)}: no .txt or .md files in this folder")
        for file in found:
            add(ArticleInput(str(file), file, path))
    return inputs, problems


def read_input(item: ArticleInput, max_chars: int) -> str:
    """The text of an input, or `InputError` (binary, not UTF-8, empty, too long...)."""

    def too_big(size: int) -> str | None:
        if size > max_chars * _BYTES_PER_CHAR:
            return f"file is {size / 1e6:.1f} MB, too long for the spaCy model ({max_chars:,} characters at most)"
        return None

    what = "article text"
    try:
        text = decode_text(read_stream(sys.stdin.buffer, too_big), what) if item.path is None else read_text_file(item.path, what, too_big)
    except UnreadableFile as problem:
        where = f"{problem.line}:{problem.column}: " if problem.line is not None else ""
        raise InputError(where + problem.message) from None
    if not text.strip():
        raise InputError("empty: no text to annotate")
    if len(text) > max_chars:
        raise InputError(f"{len(text):,} characters, too long for the spaCy model ({max_chars:,} at most)")
    return text


def slug(title: str) -> str:
    """A file name stem from a title: lowercase words joined by "-", at most 60 characters."""
    plain = unicodedata.normalize("NFKD", title)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    words = [word for word in re.split(r"[\W_]+", plain) if word]
    stem = ""
    for word in words:
        if len(stem) + len(word) + 1 > _SLUG_CHARS:
            break
        stem = f"{stem}-{word}" if stem else word
    return stem or (words[0][:_SLUG_CHARS] if words else "story")


class Outputs:
    """Where each input's output goes, decided from `-o` and `--format`.

    story: `-o -` is stdout, `-o FILE.yaml` a file (one input), any other
    `-o` a folder; without `-o`, the folder stories/.  A story is named from
    its title.  brat: `-o FILE.ann` a file (one input), any other `-o` a
    folder (NAME.ann, keeping the sub-folders of an input folder); without
    `-o`, NAME.ann beside NAME.txt, and stdout for stdin.
    Two inputs of one run never get the same file: the second gets "-2".
    """

    def __init__(self, output: str | None, form: str, inputs: list[ArticleInput], *, force: bool, single: bool) -> None:
        self.form = form
        self.force = force
        self.suffix = ".ann" if form == "brat" else ".yaml"
        file_suffixes = (".ann",) if form == "brat" else STORY_SUFFIXES
        self.to_stdout = output == STDIN
        self.file: Path | None = None
        self.folder: Path | None = None if form == "brat" else DEFAULT_OUTPUT
        self.taken: set[Path] = set()
        if output is None or output == STDIN:
            if self.to_stdout and not single:
                raise InputError("-o - writes to stdout, which takes one input")
            return
        target = Path(output)
        if target.suffix.lower() in file_suffixes and not target.is_dir():
            if not single:
                raise InputError(f"-o {output} is a file, which takes one input; give a folder for {len(inputs)} inputs")
            self.file = target
        elif target.exists() and not target.is_dir():
            raise InputError(f"-o {output} is a file, not a folder (a {form} file name ends in {' or '.join(file_suffixes)})")
        else:
            self.folder = target

    def target(self, item: ArticleInput, article: Article) -> Path | None:
        """The file for this input (None: stdout); `InputError` when it
        exists and may not be overwritten."""
        if self.to_stdout or (self.form == "brat" and item.path is None and self.folder is None):
            return None
        if self.file is not None:
            path = self.file
        elif self.form == "brat":
            path = self._brat_path(item)
        else:
            path = self.folder / (slug(article.title) + self.suffix)
        path = self._unused(path)
        if path.exists() and not self.force:
            raise InputError(f"{path} already exists (use --force to overwrite)")
        self.taken.add(path)
        return path

    def _brat_path(self, item: ArticleInput) -> Path:
        if item.path is None:
            return self.folder / f"stdin{self.suffix}"
        relative = item.path.relative_to(item.root) if item.root is not None else Path(item.path.name)
        base = self.folder if self.folder is not None else (item.root or item.path.parent)
        return (base / relative).with_suffix(self.suffix)

    def _unused(self, path: Path) -> Path:
        candidate, number = path, 1
        while candidate in self.taken:
            number += 1
            candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        return candidate


@dataclass
class _Job:
    item: ArticleInput
    article: Article
    target: Path | None


def annotate(inputs: list[ArticleInput], outputs: Outputs, args: argparse.Namespace) -> Totals:
    """Read, parse, extract and write every input; the totals of the run."""
    from explorer.annotate.extract import extract
    from explorer.annotate.pipeline import load_pipeline

    nlp = load_pipeline(args.model)
    totals = Totals()
    progress = Progress(len(inputs), sys.stderr)
    pending: dict[int, _Job] = {}

    def fail(label: str, message: str) -> None:
        totals.failures += 1
        progress.message(f"{shown_path(label)}: {message}")
        progress.advance(totals.failures)

    def texts() -> Iterator[tuple[str, int]]:
        for number, item in enumerate(inputs):
            try:
                text = read_input(item, nlp.max_length)
                article = read_article(text, args.title, markdown=item.markdown)
                pending[number] = _Job(item, article, outputs.target(item, article))
            except InputError as error:
                fail(item.label, str(error))
                continue
            yield article.analysis_text, number

    processes = min(args.jobs, len(inputs))
    for doc, number in nlp.pipe(texts(), as_tuples=True, batch_size=BATCH_SIZE, n_process=processes):
        job = pending.pop(number)
        try:
            extraction = extract(doc, job.article.paragraphs)
            quotes, speakers = _write(job, extraction, outputs, nlp.lang)
        except FileExistsError as error:  # created by someone else since it was checked
            fail(job.item.label, str(error))
            continue
        except OSError as error:
            fail(job.item.label, f"cannot write {job.target}: {error.strerror or error}")
            continue
        except Exception as error:  # a bug on one odd article must not sink the batch
            fail(job.item.label, f"annotator failed: {type(error).__name__}: {error}")
            continue
        totals.files += 1
        totals.quotes += quotes
        totals.speakers += speakers
        progress.advance(totals.failures)
    progress.close()
    return totals


def _write(job: _Job, extraction: "Extraction", outputs: Outputs, language: str) -> tuple[int, int]:
    """Write one output; the number of quotes and speakers it holds."""
    from explorer.annotate.brat import write_ann

    if outputs.form == "brat":
        content = write_ann(extraction, job.article.text)
        counts = (len(extraction.quotes), len(extraction.speakers))
    else:
        story = build_story(job.article, extraction, language=language)
        content = dump_story(story)
        counts = (len(story.quotes), len(story.speakers))
    if job.target is None:
        sys.stdout.write(content)
        sys.stdout.flush()
    else:
        job.target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(job.target, content, force=outputs.force)
    return counts


def _summary(totals: Totals, form: str) -> str:
    def count(number: int, word: str) -> str:
        return f"{number} {word}{'' if number == 1 else 's'}"

    written = count(totals.files, "brat file") if form == "brat" else (
        f"{totals.files} stor{'y' if totals.files == 1 else 'ies'}")
    return (f"annotated {written}: {count(totals.quotes, 'quote')}, {count(totals.speakers, 'speaker')}; "
            f"{count(totals.failures, 'failure')}")


class Progress:
    """A one-line progress bar on a terminal (nothing when `stream` is not one).

    Messages printed while it shows clear the bar first, so they stand on
    lines of their own.
    """

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.live = total > 1 and stream.isatty()
        self.shown = False

    def advance(self, failures: int) -> None:
        self.done += 1
        if self.live:
            filled = self.WIDTH * self.done // max(self.total, 1)
            failed = f", {failures} failed" if failures else ""
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total} files{failed}")
            self.stream.flush()
            self.shown = True

    def message(self, line: str) -> None:
        self._clear()
        print(line, file=self.stream)

    def close(self) -> None:
        self._clear()

    def _clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.shown = False
