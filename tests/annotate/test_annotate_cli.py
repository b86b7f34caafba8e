"""`story-explorer annotate`: inputs, outputs, errors, brat, stdin, batches.

The commands run in-process through `explorer.cli.main` with the session's
spaCy pipeline (the `nlp` fixture) standing in for `load_pipeline`, so the
model is loaded once for all of them; one test runs the real command in a
subprocess, end to end.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.annotate.brat import read_ann
from explorer.annotate.commands import Progress, slug
from explorer.annotate.manifest import RECORDS
from explorer.cli import main
from explorer.storyfile import load_story
from tests.archive.conftest import problem_lines
from tests.conftest import SEED_ARTICLE

ROOT = Path(__file__).resolve().parents[2]

BRIDGE = (
    "Bridge reopens months early\n\n"
    "The mayor said on Tuesday that the bridge would reopen in May, months ahead of the schedule that the city "
    "had set out last year.\n\n"
    "“We are ready,” the city engineer told reporters.\n"
)
FERRY = (
    "Ferry service ends\n\n"
    "The last ferry crossed the river on Sunday, the operator said, after ninety years of service on the route.\n"
)


@pytest.fixture
def annotate(nlp, monkeypatch, capsys):
    """Run `story-explorer annotate ARGS...`: (exit status, stdout, stderr)."""
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: nlp)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["annotate", *map(str, argv)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def outputs_in(folder: Path) -> list[Path]:
    """What a run left in `folder`, but for its own records (the manifest)."""
    return sorted(path for path in folder.iterdir() if path.name != RECORDS)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_seed_article_becomes_a_loadable_story_named_from_its_title(annotate, tmp_path):
    code, _, err = annotate(SEED_ARTICLE, "-o", tmp_path / "out")
    assert code == 0, err
    [path] = outputs_in(tmp_path / "out")
    story = load_story(path)
    assert path.name == slug(story.title) + ".yaml"
    assert len(story.paragraphs) == 17
    assert [s.name for s in story.sources if s.kind == "listed"] == ["Ukrainska Pravda", "The Kyiv Independent", "RBC-Ukraine"]
    assert story.quotes and story.language == "en"
    assert "annotated 1 story" in err and "0 failures" in err


def test_default_output_is_the_stories_folder_of_the_working_directory(annotate, tmp_path, monkeypatch):
    article = write(tmp_path, "bridge.txt", BRIDGE)
    monkeypatch.chdir(tmp_path)
    assert annotate(article)[0] == 0
    assert load_story(tmp_path / "stories" / "bridge-reopens-months-early.yaml").title == "Bridge reopens months early"


def test_an_existing_story_is_never_overwritten_without_force(annotate, tmp_path):
    article = write(tmp_path, "bridge.txt", BRIDGE)
    out = tmp_path / "out.yaml"
    out.write_text("hand-corrected\n", encoding="utf-8")
    code, _, err = annotate(article, "-o", out)
    assert code == 1
    assert f"{out} already exists (use --force to overwrite)" in err
    assert out.read_text(encoding="utf-8") == "hand-corrected\n"
    code, _, err = annotate(article, "-o", out, "--force")
    assert code == 0, err
    assert load_story(out).title == "Bridge reopens months early"


def test_a_batch_with_unreadable_files_writes_the_others_and_fails(annotate, tmp_path):
    folder = tmp_path / "in"
    write(folder, "a_bridge.txt", BRIDGE)
    write(folder, "b_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(folder, "c_latin1.txt", "Caf\xe9 reopens\n".encode("latin-1"))
    write(folder, "d_empty.txt", "  \n\n")
    write(folder, "nested/e_ferry.md", FERRY)
    write(folder, "notes.csv", "not an article")
    code, _, err = annotate(folder, "-o", tmp_path / "out")
    assert code == 1
    assert sorted(p.name for p in outputs_in(tmp_path / "out")) == ["bridge-reopens-months-early.yaml", "ferry-service-ends.yaml"]
    assert problem_lines(err) == [
        f"{folder / 'b_binary.txt'}: binary file, not article text (it holds NUL bytes)",
        f"{folder / 'c_latin1.txt'}: 1:4: not UTF-8 text: byte 0xe9 cannot be decoded",
        f"{folder / 'd_empty.txt'}: empty: no text to annotate",
    ]
    assert "annotated 2 stories" in err and "3 failures" in err


def test_missing_inputs_are_reported_and_the_rest_written(annotate, tmp_path):
    article = write(tmp_path, "bridge.txt", BRIDGE)
    (tmp_path / "empty_folder").mkdir()
    code, _, err = annotate(tmp_path / "nope.txt", article, tmp_path / "empty_folder", "-o", tmp_path / "out")
    assert code == 1
    assert f"{tmp_path / 'nope.txt'}: no such file" in err
    assert f"{tmp_path / 'empty_folder'}: no articles (.txt, .md, .jsonl) in this folder" in err
    assert len(list(outputs_in(tmp_path / "out"))) == 1


def test_two_inputs_with_one_title_get_two_files(annotate, tmp_path):
    first, second = write(tmp_path, "a.txt", BRIDGE), write(tmp_path, "b.txt", BRIDGE)
    assert annotate(first, second, "-o", tmp_path / "out")[0] == 0
    assert sorted(p.name for p in outputs_in(tmp_path / "out")) == [
        "bridge-reopens-months-early-2.yaml", "bridge-reopens-months-early.yaml"]


def test_title_option_names_the_story(annotate, tmp_path):
    article = write(tmp_path, "bridge.txt", BRIDGE)
    assert annotate(article, "--title", "My bridge", "-o", tmp_path / "out")[0] == 0
    assert load_story(tmp_path / "out" / "my-bridge.yaml").title == "My bridge"


def test_stdin_to_stdout_and_to_a_folder(annotate, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BRIDGE.encode("utf-8"))))
    code, out, err = annotate("-", "-o", "-")
    assert code == 0, err
    assert out.startswith("format: 1\ntitle: Bridge reopens months early\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FERRY.encode("utf-8"))))
    assert annotate("-", "-o", tmp_path)[0] == 0
    assert load_story(tmp_path / "ferry-service-ends.yaml").paragraphs


def test_brat_output_for_a_folder_has_one_ann_per_txt_with_offsets_into_the_text(annotate, tmp_path):
    folder = tmp_path / "text"
    texts = {"bridge": BRIDGE, "ferry": FERRY}
    for name, text in texts.items():
        write(folder, f"{name}.txt", text)
    code, _, err = annotate(folder, "--format", "brat", "-o", tmp_path / "pred")
    assert code == 0, err
    assert sorted(p.name for p in outputs_in(tmp_path / "pred")) == ["bridge.ann", "ferry.ann"]
    assert "annotated 2 brat files" in err
    ann = (tmp_path / "pred" / "bridge.ann").read_text(encoding="utf-8")
    assert read_ann(ann).attributions
    for line in ann.splitlines():
        if line.startswith("T"):
            _, label_span, shown = line.split("\t")
            start, end = map(int, label_span.split()[1:3])
            assert " ".join(BRIDGE[start:end].split()) == shown


def test_brat_output_as_gold_scores_itself_perfectly(annotate, tmp_path, capsys):
    """The brat writer and eval's reader agree: the annotator's .ann files, taken as a
    PolNeAR-style corpus and scored against themselves, give 1.0 everywhere."""
    corpus = tmp_path / "corpus"
    write(corpus / "text", "seed.txt", SEED_ARTICLE.read_text(encoding="utf-8"))
    write(corpus / "text", "bridge.txt", BRIDGE)
    assert annotate(corpus / "text", "--format", "brat", "-o", corpus / "attributions")[0] == 0
    assert main(["eval", str(corpus), "--pred", str(corpus / "attributions"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["all"]["gold"] > report["quoted"]["gold"] > 0  # quoted and reported speech both
    for part in ("all", "quoted"):
        scores = [report[part][key] for key in ("precision", "recall", "f1", "source_accuracy")]
        assert scores == [1.0, 1.0, 1.0, 1.0]


def test_brat_output_defaults_to_beside_the_text(annotate, tmp_path):
    article = write(tmp_path, "bridge.txt", BRIDGE)
    assert annotate(article, "--format", "brat")[0] == 0
    assert (tmp_path / "bridge.ann").exists()


@pytest.mark.parametrize(
    "argv,message",
    [
        (["IN", "IN2", "-o", "one.yaml"], "-o one.yaml is a file, which takes one input"),
        (["IN", "--jobs", "0"], "--jobs must be 1 or more"),
        (["IN", "IN2", "--title", "T"], "--title names one story"),
        (["IN", "IN2", "-o", "-"], "-o - writes to stdout, which takes one input"),
        (["IN", "-o", "IN2"], "is a file, not a folder (a story file name ends in .yaml or .yml)"),
    ],
)
def test_usage_errors_exit_2_with_one_line(annotate, tmp_path, argv, message):
    write(tmp_path, "a.txt", BRIDGE)
    write(tmp_path, "b.txt", FERRY)
    names = {"IN": str(tmp_path / "a.txt"), "IN2": str(tmp_path / "b.txt")}
    code, _, err = annotate(*[names.get(arg, arg) for arg in argv])
    assert code == 2
    assert err.count("\n") == 1 and message in err


def test_a_worker_stopped_in_the_middle_of_a_write_leaves_no_file_behind(annotate, tmp_path, monkeypatch):
    """SIGTERM, which the command sends its workers when it is interrupted, is an exit
    in the worker (SystemExit) that removes the temporary file of the write under way."""
    article = write(tmp_path, "bridge.txt", BRIDGE)

    def stopped(*args, **kwargs):
        raise SystemExit(143)

    monkeypatch.setattr("explorer.files.os.link", stopped)
    code, _, err = annotate(article, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{article}: the annotator's process ended unexpectedly (exit status 1): skipped"]
    assert outputs_in(tmp_path / "out") == []  # neither the story nor a temporary file


def test_jobs_run_worker_processes_and_keep_every_story(annotate, tmp_path):
    folder = tmp_path / "in"
    for number in range(3):
        write(folder, f"{number}.txt", BRIDGE.replace("Bridge reopens", f"Bridge {number} reopens"))
    code, _, err = annotate(folder, "--jobs", "2", "-o", tmp_path / "out")
    assert code == 0, err
    assert sorted(p.name for p in outputs_in(tmp_path / "out")) == [
        f"bridge-{n}-reopens-months-early.yaml" for n in range(3)]


def test_progress_bar_on_a_terminal_and_messages_on_their_own_lines():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = Progress(2, stream)
    progress.advance(1, 0)
    progress.message("a.txt: no such file")
    progress.advance(1, 1)
    progress.close()
    shown = stream.getvalue()
    assert "] 1/2 files" in shown and "] 2/2 files, 1 failed" in shown
    assert "\r\x1b[2Ka.txt: no such file\n" in shown
    assert shown.endswith("\r\x1b[2K")  # the bar is cleared before the summary

    quiet = io.StringIO()  # not a terminal: no bar at all
    Progress(2, quiet).advance(1, 0)
    assert quiet.getvalue() == ""


def test_slug():
    assert slug("London's Muslim mayor rebuffs Trump on 'exception' to ban") == "london-s-muslim-mayor-rebuffs-trump-on-exception-to-ban"
    assert slug("Zelensky: «Café» über alles") == "zelensky-cafe-uber-alles"
    assert slug("!!!") == "story"
    assert len(slug("word " * 40)) <= 60


def test_the_command_module_does_not_import_spacy():
    probe = "import sys, explorer.annotate.commands; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], cwd=ROOT).returncode == 0


def test_the_real_command_reads_stdin_end_to_end(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "annotate", "-", "-o", "-"],
        input=FERRY.encode("utf-8"), capture_output=True, cwd=tmp_path, timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b"title: Ferry service ends" in result.stdout
    assert result.stderr.decode().startswith("annotated 1 story")


# --- what a run says it wrote --------------------------------------------------------


def test_one_story_written_is_named_with_the_command_that_opens_it(annotate, tmp_path, monkeypatch):
    """From another folder the story lands in ./stories/, which plain `story-explorer` does not open
    (it opens the bundled stories): the last line gives the command that does."""
    article = write(tmp_path, "bridge.txt", BRIDGE)
    monkeypatch.chdir(tmp_path)
    code, _, err = annotate(article)
    assert code == 0, err
    story = load_story(tmp_path / "stories" / "bridge-reopens-months-early.yaml")
    assert err.splitlines() == [
        "wrote stories/bridge-reopens-months-early.yaml",
        f"annotated 1 story: {len(story.quotes)} quotes, {len(story.speakers)} speakers; 0 failures",
        "open it with: story-explorer stories/bridge-reopens-months-early.yaml",
    ]


@pytest.mark.parametrize("count", [10, 11])
def test_up_to_ten_files_are_listed_more_are_the_folder_and_the_count(annotate, tmp_path, count):
    folder = tmp_path / "in dir"
    for number in range(count):
        write(folder, f"{number:02}.txt", BRIDGE.replace("Bridge reopens", f"Bridge {number} reopens"))
    out = tmp_path / "out folder"
    code, _, err = annotate(folder, "-o", out)
    assert code == 0, err
    lines = err.splitlines()
    if count <= 10:
        assert lines[:count] == [f"wrote {out / f'bridge-{n}-reopens-months-early.yaml'}" for n in range(count)]
    else:
        assert lines[0] == f"wrote 11 stories into {out}"
    assert lines[-1] == f"open them with: story-explorer '{out}'"


def test_the_count_for_brat_files_is_the_number_of_e_lines_written(annotate, tmp_path):
    folder = tmp_path / "text"
    write(folder, "seed.txt", SEED_ARTICLE.read_text(encoding="utf-8"))
    write(folder, "bridge.txt", BRIDGE)
    code, _, err = annotate(folder, "--format", "brat", "-o", tmp_path / "pred")
    assert code == 0, err
    events = sum(line.startswith("E") for path in outputs_in(tmp_path / "pred")
                 for line in path.read_text(encoding="utf-8").splitlines())
    assert events > 0
    assert f"annotated 2 brat files: {events} quotes, " in err
    assert "open " not in err  # the explorer does not open brat files


def test_the_same_story_again_is_no_failure_but_other_content_is_kept(annotate, tmp_path):
    """A file already holding exactly what would be written (a run interrupted after writing
    it, run again) counts as written; a file holding anything else is never replaced."""
    article = write(tmp_path, "bridge.txt", BRIDGE)
    out = tmp_path / "out.yaml"
    assert annotate(article, "-o", out)[0] == 0
    written = out.read_bytes()
    code, _, err = annotate(article, "-o", out)
    assert code == 0, err
    assert out.read_bytes() == written
    out.write_bytes(written.replace(b"Bridge reopens", b"Bridge reopens (checked)"))
    code, _, err = annotate(article, "-o", out)
    assert code == 1 and f"{out} already exists (use --force to overwrite)" in err


def help_text(capsys, *argv: str) -> str:
    """What `story-explorer ARGV... --help` prints, its lines joined (argparse wraps them)."""
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_annotate_help_says_where_the_output_goes_and_every_exit_status(capsys):
    shown = help_text(capsys, "annotate")
    assert "default: stories/ in the current folder; with --format brat, beside each text" in shown
    assert "Exit status 0 when every article was written, 1 if any failed, 2 on bad usage, 130 when interrupted" in shown
    assert "at most one a CPU" in shown


def test_the_command_list_names_what_annotate_reads_and_what_train_replaces(capsys):
    shown = help_text(capsys)
    assert "turn articles (.txt, .md, JSON Lines) into story files with spaCy" in shown
    assert "replaces the model the annotator uses unless -o FILE" in shown


def test_the_progress_bar_fits_a_narrow_terminal():
    """A line wider than the terminal wraps, and `\\r` then goes back only to the start of its
    last row: every update left another row of the bar behind."""

    class Narrow(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Narrow()
    progress = Progress(1_000_000, stream, columns=40)
    progress.advance(500_000, 12_345)
    [line] = [part for part in stream.getvalue().split("\r") if part]
    assert len(line) <= 39
    assert line.endswith("500,000/1,000,000 files, 12,345 failed")
