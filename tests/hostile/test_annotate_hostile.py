"""Hostile and broken input to `story-explorer annotate`: every bad input gets one
clear `path: message` line and the rest of the batch goes on; the exit status
says whether anything failed; an existing story is never overwritten without
--force, and an interrupted write leaves the old file whole and no temporary
file behind; a file name with control characters stays on one line and out of
the terminal.  The inputs are the files in files/articles/ (a folder of mixed
files); the long ones are generated here.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import files, storyfile
from explorer.storyfile import load_story
from tests.annotate.test_annotate_cli import outputs_in
from tests.archive.conftest import problem_lines
from tests.hostile.conftest import ARTICLES, long_article

#: Each input the annotator refuses, and its message (after "path: ").
REFUSED = {
    "binary.txt": "binary file, not article text (it holds NUL bytes)",
    "blank.txt": "empty: no text to annotate",
    "empty.txt": "empty: no text to annotate",
    "latin1.txt": "1:4: not UTF-8 text: byte 0xe9 cannot be decoded",
}
#: The stories written from the folder (named from the titles); notes.csv is not an article.
WRITTEN = {
    "hostile_text.txt": "bold-red-markup-in-a-headline-click-app-quit-quit.yaml",
    "nested/ferry.md": "ferry-service-ends.yaml",
    "no_quotes.txt": "council-meets-on-tuesday.yaml",
    "unbalanced_quotes.txt": "marks-that-never-close.yaml",
}
#: The model's character limit (spaCy's default `nlp.max_length`).
MODEL_LIMIT = 1_000_000


def quotes_stand_at_their_offsets(path: Path) -> None:
    """The story at `path` loads, and every quote's text is its paragraph's text at its offsets."""
    story = load_story(path)
    text_of = {p.id: p.text for p in story.paragraphs}
    for quote in story.quotes:
        assert text_of[quote.paragraph][quote.start:quote.end] == quote.text


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_refused_input_is_one_line_exit_1_and_nothing_written(annotate, tmp_path: Path, name: str) -> None:
    path = ARTICLES / name
    code, out, err = annotate(path, "-o", tmp_path / "out.yaml")
    assert code == 1
    assert out == ""
    assert err.splitlines() == [f"{path}: {REFUSED[name]}", "annotated 0 stories: 0 quotes, 0 speakers; 1 failure"]
    assert list(outputs_in(tmp_path)) == []


def test_the_mixed_folder_end_to_end(tmp_path: Path) -> None:
    """The real command (its own process, its own model load) on the folder of mixed files."""
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "explorer", "annotate", str(ARTICLES), "-o", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout == ""
    assert problem_lines(result.stderr) == [f"{ARTICLES / name}: {message}" for name, message in sorted(REFUSED.items())]
    assert result.stderr.splitlines()[-2:] == [
        f"annotated {len(WRITTEN)} stories: {sum(len(load_story(out / name).quotes) for name in WRITTEN.values())} "
        f"quotes, {sum(len(load_story(out / name).speakers) for name in WRITTEN.values())} speakers; "
        f"{len(REFUSED)} failures",
        f"open them with: story-explorer {out}"]
    assert sorted(p.name for p in outputs_in(out)) == sorted(WRITTEN.values())
    for story in outputs_in(out):
        quotes_stand_at_their_offsets(story)
    check = subprocess.run([sys.executable, "-m", "explorer", "validate", str(out)], capture_output=True, text=True,
                           timeout=60)
    assert (check.returncode, check.stdout) == (0, "")


def test_a_batch_of_good_inputs_exits_0(annotate, tmp_path: Path) -> None:
    inputs = [ARTICLES / name for name in WRITTEN]
    code, _, err = annotate(*inputs, "-o", tmp_path)
    assert code == 0, err
    assert problem_lines(err) == []
    assert sorted(p.name for p in outputs_in(tmp_path)) == sorted(WRITTEN.values())


def test_an_article_without_quotes_gives_a_story_without_direct_quotes(annotate, tmp_path: Path) -> None:
    code, _, err = annotate(ARTICLES / "no_quotes.txt", "-o", tmp_path / "s.yaml")
    assert code == 0, err
    story = load_story(tmp_path / "s.yaml")
    assert story.title == "Council meets on Tuesday"
    assert [p.text for p in story.paragraphs] == [
        "The city council will meet on Tuesday evening to discuss the budget for the coming year.",
        "The meeting starts at seven and is open to the public. Parking is available behind the hall.",
    ]
    assert not [q for q in story.quotes if q.kind in ("direct", "mixed")]


def test_unbalanced_quotation_marks_keep_every_paragraph_and_quote_in_place(annotate, tmp_path: Path) -> None:
    code, _, err = annotate(ARTICLES / "unbalanced_quotes.txt", "-o", tmp_path / "s.yaml")
    assert code == 0, err
    story = load_story(tmp_path / "s.yaml")
    source = (ARTICLES / "unbalanced_quotes.txt").read_text(encoding="utf-8").split("\n\n")
    assert [p.text for p in story.paragraphs] == [block.strip() for block in source[1:]]
    quotes_stand_at_their_offsets(tmp_path / "s.yaml")
    # An unclosed mark does not swallow the paragraphs after it.
    assert {q.paragraph for q in story.quotes} >= {"p1", "p2"}


def test_hostile_text_is_kept_verbatim_in_the_story(annotate, tmp_path: Path) -> None:
    code, _, err = annotate(ARTICLES / "hostile_text.txt", "-o", tmp_path / "s.yaml")
    assert code == 0, err
    story = load_story(tmp_path / "s.yaml")
    assert story.title == "[bold red]Markup[/] in a headline [@click=app.quit]quit[/]"
    texts = [p.text for p in story.paragraphs]
    assert "[@click=app.quit]click me[/]" in texts[0]
    assert "\x1b[2J\x1b[H" in texts[1] and "\x1b]52;c;cHduZWQ=\x07" in texts[1]
    assert "\u202eevil.exe\u202c" in texts[2] and "zero\u200bwidth\u200djoin\ufeff" in texts[2]
    assert "\x01\x02\x7f" in texts[3] and "a\ttab" in texts[3]
    quotes_stand_at_their_offsets(tmp_path / "s.yaml")
    assert "[@click=app.quit]click me[/] and [link=https://evil.example]a link[/link]" in [q.text for q in story.quotes]


@pytest.mark.parametrize(("chars", "message"), [
    (5_000_000, "file is 5.0 MB, too long for the spaCy model (1,000,000 characters at most)"),
    (1_200_000, "1,200,000 characters, too long for the spaCy model (1,000,000 at most)"),
])
def test_an_article_over_the_model_limit_is_refused_without_being_parsed(
        annotate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chars: int, message: str) -> None:
    """The work done is the proof: the pipeline given to the run refuses to parse anything, so
    an article that reached it would be reported as an annotator failure, not refused.
    (tests/bench/bench_archive.py times the refusal.)"""
    article = tmp_path / "long.txt"
    article.write_text(long_article(chars).encode("ascii", "replace").decode(), encoding="utf-8")
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: _NoParsing())
    code, _, err = annotate(article, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{article}: {message}"]
    assert not (tmp_path / "out").exists()


class _NoParsing:
    """A stand-in for the spaCy pipeline with its limits, that fails any parse of the long
    article asked of it (the run's warm-up parses a text of its own, given nothing back)."""

    max_length = MODEL_LIMIT
    lang = "en"

    def __call__(self, text: str) -> None:
        if text.startswith("A very long article"):
            raise AssertionError("parsed")

    def pipe(self, texts, **kwargs):  # noqa: ANN001, ANN201
        return [self(text) for text in texts]


def test_a_long_article_is_annotated(annotate, tmp_path: Path) -> None:
    """60,000 characters (about 3 s); tests/bench/bench_hostile.py times one at the model's limit."""
    article = tmp_path / "long.txt"
    text = long_article(60_000)
    article.write_text(text, encoding="utf-8")
    code, _, err = annotate(article, "-o", tmp_path / "s.yaml")
    assert code == 0, err
    story = load_story(tmp_path / "s.yaml")
    assert story.title == "A very long article"
    assert len(story.paragraphs) == text.count("\n\n")
    assert len(story.quotes) > 50
    quotes_stand_at_their_offsets(tmp_path / "s.yaml")


def test_empty_and_binary_stdin(annotate, monkeypatch: pytest.MonkeyPatch) -> None:
    for data, message in [(b"", REFUSED["empty.txt"]), (b"\x89PNG\r\n\x1a\n\x00", REFUSED["binary.txt"])]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        code, out, err = annotate("-", "-o", "-")
        assert (code, out) == (1, "")
        assert problem_lines(err) == [f"<stdin>: {message}"]


# --- never overwrite, never half-write ------------------------------------------------

HAND_CORRECTED = "format: 1\ntitle: Hand-corrected, do not lose\n"


def test_an_existing_story_in_a_batch_is_kept_and_the_others_written(annotate, articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    kept = out / WRITTEN["no_quotes.txt"]
    kept.write_text(HAND_CORRECTED, encoding="utf-8")
    code, _, err = annotate(articles / "no_quotes.txt", articles / "unbalanced_quotes.txt", "-o", out)
    assert code == 1
    assert problem_lines(err) == [f"{articles / 'no_quotes.txt'}: {kept} already exists (use --force to overwrite)"]
    assert kept.read_text(encoding="utf-8") == HAND_CORRECTED
    assert sorted(p.name for p in outputs_in(out)) == sorted([kept.name, WRITTEN["unbalanced_quotes.txt"]])


def test_a_story_created_while_annotating_is_not_overwritten(annotate, articles: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone writes the file between the check and the write: the write is refused (with
    the same message as when the file was there from the start), theirs kept."""
    target = tmp_path / "s.yaml"
    real_dump = storyfile.dump_story

    def dump_while_someone_writes(story):  # noqa: ANN001, ANN202
        target.write_text(HAND_CORRECTED, encoding="utf-8")
        return real_dump(story)

    monkeypatch.setattr("explorer.storyfile.dump_story", dump_while_someone_writes)
    code, _, err = annotate(articles / "no_quotes.txt", "-o", target)
    assert code == 1
    assert problem_lines(err) == [f"{articles / 'no_quotes.txt'}: {target} already exists (use --force to overwrite)"]
    assert target.read_text(encoding="utf-8") == HAND_CORRECTED
    assert [p.name for p in outputs_in(tmp_path) if p.name != "articles"] == ["s.yaml"]


class _StoppedFile:
    """A file that takes half of what is written to it, then its writer is stopped
    (SIGTERM, which a worker turns into SystemExit: what the command sends its
    workers when it is interrupted)."""

    def __init__(self, real: io.TextIOBase) -> None:
        self.real = real

    def __enter__(self) -> _StoppedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def write(self, text: str) -> int:
        self.real.write(text[: len(text) // 2])
        self.real.flush()
        raise SystemExit(143)


def _stop_mid_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(files.os, "fdopen", lambda *args, **kwargs: _StoppedFile(real_fdopen(*args, **kwargs)))


def _stop_at(name: str):  # noqa: ANN202
    def patch(monkeypatch: pytest.MonkeyPatch) -> None:
        def stopped(*args: object, **kwargs: object) -> None:
            raise SystemExit(143)

        monkeypatch.setattr(files.os, name, stopped)

    return patch


@pytest.mark.parametrize(("force", "stop"), [
    (True, _stop_mid_write),
    (True, _stop_at("fsync")),
    (True, _stop_at("replace")),
    (False, _stop_mid_write),
    (False, _stop_at("link")),
], ids=["force-mid-write", "force-at-fsync", "force-at-rename", "new-mid-write", "new-at-link"])
def test_a_worker_stopped_mid_write_leaves_the_old_file_whole_and_no_temporary_file(
        annotate, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool, stop) -> None:  # noqa: ANN001
    out = tmp_path / "out"
    out.mkdir()
    target = out / "story.yaml"
    if force:
        target.write_text(HAND_CORRECTED, encoding="utf-8")
    stop(monkeypatch)
    code, out_text, err = annotate(articles / "no_quotes.txt", "-o", target, *(["--force"] if force else []))
    assert (code, out_text) == (1, "")
    assert problem_lines(err) == [
        f"{articles / 'no_quotes.txt'}: the annotator's process ended unexpectedly (exit status 1): skipped"]
    assert [p.name for p in out.iterdir()] == (["story.yaml"] if force else [])
    if force:
        assert target.read_text(encoding="utf-8") == HAND_CORRECTED


def test_a_failure_inside_the_annotator_costs_only_that_article(annotate, articles: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.annotate import extract as extract_module

    real_extract = extract_module.extract

    def extract_failing_on_the_council(doc, paragraphs):  # noqa: ANN001, ANN202
        if "council" in doc.text:
            raise RuntimeError("boom")
        return real_extract(doc, paragraphs)

    monkeypatch.setattr(extract_module, "extract", extract_failing_on_the_council)
    code, _, err = annotate(articles / "no_quotes.txt", articles / "nested" / "ferry.md", "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{articles / 'no_quotes.txt'}: annotator failed: RuntimeError: boom"]
    assert [p.name for p in outputs_in(tmp_path / "out")] == [WRITTEN["nested/ferry.md"]]


def test_an_output_folder_that_cannot_be_made_is_one_line_before_any_article_is_parsed(
        annotate, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Asked up front: else every article failed on a line of its own, after its parse,
    with a line about the run's manifest between them.  The pipeline refuses to parse:
    a run that reached it would say so."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    inputs = [articles / "no_quotes.txt", articles / "nested" / "ferry.md"]
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: _NoParsing())
    for output, folder in ((blocker / "out", blocker / "out"), (blocker / "out" / "one.yaml", blocker / "out")):
        code, _, err = annotate(*inputs[: 1 if output.suffix else 2], "-o", output)
        assert code == 2
        assert problem_lines(err) == [f"story-explorer annotate: cannot write into {folder}: {blocker}: "
                                      "is a file, not a folder"]
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


# --- file names are input too ------------------------------------------------------------------

#: File names holding an escape sequence, a newline and a bidi override, and how messages show them.
ODD_NAMES = {
    "a\x1b]0;pwned\x07.txt": "a\\x1b]0;pwned\\x07.txt",
    "two\nlines.txt": "two\\nlines.txt",
    "\u202eevil.txt": "\\u202eevil.txt",
}


def test_odd_file_names_stay_on_one_line_and_out_of_the_terminal(annotate, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ODD_NAMES:
        (folder / name).write_bytes(b"")
        (folder / name).with_suffix(".yaml").write_text("format: 1\n", encoding="utf-8")
    code, _, err = annotate(folder, "-o", tmp_path / "out")
    assert code == 1
    assert sorted(problem_lines(err)) == sorted(f"{folder}/{shown}: empty: no text to annotate" for shown in ODD_NAMES.values())
    check = subprocess.run([sys.executable, "-m", "explorer", "validate", str(folder)], capture_output=True, text=True,
                           timeout=60)
    assert check.returncode == 1
    assert sorted(check.stdout.splitlines()) == sorted(
        f"{folder}/{shown.removesuffix('.txt')}.yaml:1:1: the story has no 'title'" for shown in ODD_NAMES.values())
