"""`story-explorer eval` and `train` given careless or hostile arguments and corpora:
every problem is one line naming the path as typed, with exit status 2 for a usage
error and 1 for bad input, never a traceback; nothing the user had is overwritten
without --force, and the package's own model is never touched by these tests
(every `train` here writes with -o into a temporary folder)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.cli import main
from tests.annotate.test_train import write_training_corpus
from tests.annotate.tiny_corpus import ARTICLE_B

#: (exit status, stdout, stderr) of one command.
Outcome = tuple[int, str, str]


class RecordingPipeline:
    """The session's pipeline, recording how many worker processes each parse asked
    for, and parsing in this process whatever was asked."""

    def __init__(self, nlp) -> None:  # noqa: ANN001
        self.nlp = nlp
        self.processes: list[int] = []

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.nlp, name)

    def pipe(self, texts, **options):  # noqa: ANN001, ANN201
        self.processes.append(options.get("n_process", 1))
        return self.nlp.pipe(texts, **{**options, "n_process": 1})


@pytest.fixture(autouse=True)
def package_model(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where `train` writes by default, moved into a temporary folder for every test here: a test
    that goes wrong must not replace the model the package ships."""
    model = tmp_path_factory.mktemp("package") / "attribution_model.json"
    monkeypatch.setattr("explorer.annotate.train.PACKAGE_MODEL", model)
    return model


@pytest.fixture
def pipeline(nlp, monkeypatch: pytest.MonkeyPatch) -> RecordingPipeline:
    recording = RecordingPipeline(nlp)
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: recording)
    return recording


@pytest.fixture
def command(capsys: pytest.CaptureFixture[str]) -> Callable[..., Outcome]:
    """Run `story-explorer ARGS...` in this process: (exit status, stdout, stderr)."""

    def run(*argv: str | Path) -> Outcome:
        try:
            code = main([str(arg) for arg in argv])
        except SystemExit as exit_:  # argparse's usage errors
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run


@pytest.fixture
def training_corpus(tmp_path: Path) -> Path:
    """Six articles in PolNeAR's layout, enough to train on (five at least)."""
    return write_training_corpus(tmp_path / "corpus", 6)


# --- worker processes ---------------------------------------------------------------------------


def test_eval_holds_more_jobs_than_cpus_to_the_cpus_and_says_so(command, pipeline, corpus: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """As annotate does: each worker parses on a CPU of its own and holds its own parse in memory."""
    monkeypatch.setattr("explorer.annotate.options.usable_cpus", lambda: 2)
    code, _, err = command("eval", corpus, "--jobs", "1000")
    assert code == 0, err
    assert err.splitlines() == ["story-explorer eval: --jobs 1,000 is more than the 2 CPUs here: running 2 worker processes"]
    assert all(processes <= 2 for processes in pipeline.processes)


def test_train_holds_more_jobs_than_cpus_to_the_cpus_and_says_so(command, pipeline, training_corpus: Path,
                                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("explorer.annotate.options.usable_cpus", lambda: 2)
    code, _, err = command("train", training_corpus, "-o", tmp_path / "model.json", "--jobs", "1000000")
    assert code == 0, err
    assert err.splitlines()[0] == ("story-explorer train: --jobs 1,000,000 is more than the 2 CPUs here: "
                                   "running 2 worker processes")
    assert pipeline.processes == [2]


@pytest.mark.parametrize("name", ["eval", "train"])
@pytest.mark.parametrize("jobs", ["0", "-3"])
def test_no_worker_process_is_a_usage_error(command, corpus: Path, tmp_path: Path, name: str, jobs: str) -> None:
    code, _, err = command(name, corpus, "--jobs", jobs, *(["-o", tmp_path / "m.json"] if name == "train" else []))
    assert code == 2
    assert err.splitlines()[-1] == f"story-explorer {name}: error: argument --jobs: must be 1 or more, not {jobs}"


# --- names that name nothing --------------------------------------------------------------------


def test_train_with_an_empty_output_name_does_not_replace_the_package_model(command, pipeline, training_corpus: Path,
                                                                            package_model: Path) -> None:
    """`train CORPUS -o "$MODEL"` with the variable unset replaced the model the annotator ships."""
    code, _, err = command("train", training_corpus, "-o", "")
    assert code == 2
    assert err.splitlines() == ["story-explorer train: an empty -o names no file or folder"]
    assert not package_model.exists() and pipeline.processes == []


@pytest.mark.parametrize("argv, what", [
    (["train", "", "-o", "OUT"], "CORPUS"),
    (["train", "CORPUS", "-o", "OUT", "--cache", ""], "--cache"),
    (["eval", ""], "GOLD_DIR"),
    (["eval", "--stories", ""], "--stories"),
    (["eval", "CORPUS", "--pred", ""], "--pred"),
])
def test_an_empty_name_is_refused_not_taken_for_the_current_folder(command, training_corpus: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  argv: list[str], what: str) -> None:
    """An empty name is the current folder to pathlib: `eval --stories "$DIR"` scored every
    story under it, `--pred ""` quietly ran the annotator instead."""
    monkeypatch.chdir(training_corpus)  # a corpus, as the current folder: an empty name would find it
    named = {"CORPUS": str(training_corpus), "OUT": str(tmp_path / "model.json")}
    code, out, err = command(*[named.get(arg, arg) for arg in argv])
    assert code == 2
    assert (out, err.splitlines()) == ("", [f"story-explorer {argv[0]}: an empty {what} names no file or folder"])
    assert not (tmp_path / "model.json").exists()


@pytest.mark.parametrize("argv, message", [
    ([], "give GOLD_DIR (a PolNeAR-style corpus) or --stories DIR"),
    (["CORPUS", "--stories", "CORPUS"], "give either GOLD_DIR (a PolNeAR-style corpus) or --stories DIR, not both"),
    (["--stories", "CORPUS", "--split", "heldout"], "--pred and --split go with GOLD_DIR, not --stories"),
    (["CORPUS", "--pred", "CORPUS", "--calibration"],
     "--calibration needs the annotator's own run: .ann files carry no confidence"),
])
def test_arguments_that_do_not_go_together_are_a_usage_error(command, corpus: Path, argv: list[str], message: str) -> None:
    code, _, err = command("eval", *[str(corpus) if arg == "CORPUS" else arg for arg in argv])
    assert code == 2
    assert err.splitlines() == [f"story-explorer eval: {message}"]


# --- where train writes -------------------------------------------------------------------------


def test_train_never_replaces_an_existing_file_without_force(command, pipeline, training_corpus: Path,
                                                            tmp_path: Path) -> None:
    kept = tmp_path / "model.json"
    kept.write_text("a model kept by hand\n", encoding="utf-8")
    code, out, err = command("train", training_corpus, "-o", kept)
    assert code == 1
    assert (out, err.splitlines()) == ("", [f"story-explorer train: {kept} already exists (use --force to overwrite)"])
    assert kept.read_text(encoding="utf-8") == "a model kept by hand\n"
    assert pipeline.processes == []  # refused before any parsing
    code, out, err = command("train", training_corpus, "-o", kept, "--force")
    assert code == 0, err
    assert out.startswith(f"wrote {kept}: ") and kept.read_text(encoding="utf-8").startswith("{")


def test_trains_default_output_is_the_package_model_replaced_and_help_says_so(command, pipeline, training_corpus: Path,
                                                                              package_model: Path) -> None:
    package_model.write_text("the shipped model\n", encoding="utf-8")
    code, _, err = command("train", training_corpus)
    assert code == 0, err
    assert package_model.read_text(encoding="utf-8").startswith("{")
    _, out, _ = command("train", "--help")
    assert "the model the annotator uses, which is replaced" in " ".join(out.split())


@pytest.mark.parametrize("where, message", [
    ("missing/model.json", "cannot write {o}: {t}/missing: no such folder"),
    ("a-file/model.json", "cannot write {o}: {t}/a-file: is a file, not a folder"),
    ("a-folder", "cannot write {o}: is a folder, not a file"),
])
def test_an_output_that_cannot_be_written_is_said_before_any_parsing(command, pipeline, training_corpus: Path,
                                                                     tmp_path: Path, where: str, message: str) -> None:
    (tmp_path / "a-file").write_text("mine\n", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    output = tmp_path / where
    for option in ("-o", "--cache"):
        argv = ["-o", output] if option == "-o" else ["-o", tmp_path / "model.json", "--cache", output]
        code, out, err = command("train", training_corpus, *argv, "--force")
        assert code == 1
        assert (out, err.splitlines()) == ("", ["story-explorer train: " + message.format(o=output, t=tmp_path)])
        assert pipeline.processes == []
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "mine\n"


def test_a_cache_that_is_not_one_is_refused_and_kept(command, pipeline, training_corpus: Path, tmp_path: Path) -> None:
    """spaCy's E1014 came out as a traceback; and a file named by mistake must not be replaced."""
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    code, out, err = command("train", training_corpus, "-o", tmp_path / "model.json", "--cache", notes)
    assert code == 1
    assert (out, err.splitlines()) == ("", [f"story-explorer train: {notes}: not a cache of parsed articles "
                                            "(delete it or name another)"])
    assert notes.read_text(encoding="utf-8") == "my notes\n" and not (tmp_path / "model.json").exists()
    assert pipeline.processes == []


def test_a_cache_is_written_whole_and_read_back(command, pipeline, training_corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "parses.spacy"
    assert command("train", training_corpus, "-o", tmp_path / "one.json", "--cache", cache)[0] == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus", "one.json", "parses.spacy"]  # no temporary left
    code, _, err = command("train", training_corpus, "-o", tmp_path / "two.json", "--cache", cache)
    assert code == 0 and "6 parsed articles read from" in err
    assert pipeline.processes == [1]  # parsed once
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_the_model_and_the_cache_in_one_file_is_a_usage_error(command, training_corpus: Path, tmp_path: Path) -> None:
    code, _, err = command("train", training_corpus, "-o", tmp_path / "x", "--cache", tmp_path / "." / "x")
    assert code == 2
    assert err.splitlines() == ["story-explorer train: -o and --cache name the same file"]


# --- folders that are not folders ---------------------------------------------------------------


@pytest.mark.parametrize("option", ["--pred", "--stories", "GOLD_DIR"])
def test_a_file_named_for_a_folder_is_said_to_be_a_file(command, corpus: Path, tmp_path: Path, option: str) -> None:
    """It was 'no such folder', which sends the user looking for a folder that is there, as a file."""
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    argv = {"--pred": [corpus, "--pred", notes], "--stories": ["--stories", notes], "GOLD_DIR": [notes]}[option]
    code, _, err = command("eval", *argv)
    assert code == 1
    assert err.splitlines() == [f"story-explorer eval: {notes}: is a file, not a folder"]


def test_a_folder_that_leads_back_to_itself_is_said_so(command, tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    code, _, err = command("eval", "--stories", tmp_path / "loop")
    assert code == 1
    assert err.splitlines() == [f"story-explorer eval: {tmp_path / 'loop'}: a link that leads back to itself (a loop of links)"]


# --- articles that cannot be read ---------------------------------------------------------------


def break_article_b(corpus: Path, how: str) -> Path:
    """Make article b of the tiny corpus unreadable in one way; the file that says so."""
    text, ann = corpus / "text" / "b.txt", corpus / "attributions" / "b_cccc.ann"
    if how == "folder":
        text.unlink()
        text.mkdir()
        return text
    if how == "binary":
        text.write_bytes(b"Fe\x00\xff rry")
        return text
    if how == "not-utf8":
        text.write_bytes(b"Ferry \xff ends\n")
        return text
    if how == "link-loop":
        text.unlink()
        text.symlink_to("b.txt")
        return text
    if how == "malformed-ann":
        ann.write_text("T1\tContent 0 5\tFerry\nE1\tAttribution-no-source:T1 Content\n", encoding="utf-8")
        return ann
    ann.write_text("T1\tContent 12 9999\tThe last ferry\nE1\tAttribution-no-source:T1 Content:T1\n", encoding="utf-8")
    return ann


BROKEN = {
    "folder": "{}: is a folder, not article text (left out)",
    "binary": "{}: binary file, not article text (it holds NUL bytes) (left out)",
    "not-utf8": "{}: 1:7: not UTF-8 text: byte 0xff cannot be decoded (left out)",
    "link-loop": "{}: a link that leads back to itself (a loop of links) (left out)",
    "malformed-ann": "{}:line 2: bad event argument 'Content' (left out)",
    "past-the-end": f"{{}}:line 1: span 12 9999 runs past the end of the text ({len(ARTICLE_B)} characters) (left out)",
}


@pytest.mark.parametrize("how", BROKEN)
def test_eval_leaves_out_an_article_it_cannot_read_and_scores_the_rest(command, corpus: Path, how: str) -> None:
    """One bad file stopped the whole eval (or, with offsets past the end, was scored as if the
    spans were somewhere in the text): now it costs its article, said on one line, and the
    exit status says that something was left out."""
    broken = break_article_b(corpus, how)
    code, out, err = command("eval", corpus, "--pred", corpus / "attributions")
    assert code == 1
    assert err.splitlines() == [BROKEN[how].format(broken)]
    assert out.splitlines()[0] == f"{corpus}: 1 article; predictions in {corpus / 'attributions'}; 1 article left out (said above)"
    assert "all attributions       3      3      3" in out


def test_a_prediction_file_that_cannot_be_read_leaves_its_article_out(command, corpus: Path, tmp_path: Path) -> None:
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "a.ann").write_text((corpus / "attributions" / "a_aaaa.ann").read_text(encoding="utf-8"), encoding="utf-8")
    (pred / "b.ann").write_text("T1\tContent 0 500\tFerry\nE1\tAttribution-no-source:T1 Content:T1\n", encoding="utf-8")
    code, out, err = command("eval", corpus, "--pred", pred, "--json")
    assert code == 1
    assert err.splitlines() == [f"{pred / 'b.ann'}:line 1: span 0 500 runs past the end of the text "
                                f"({len(ARTICLE_B)} characters) (left out)"]
    assert '"left_out": 1' in out and '"articles": 1' in out


def test_eval_of_a_corpus_of_which_every_article_is_left_out_says_so(command, corpus: Path) -> None:
    for name in ("a", "b"):
        (corpus / "text" / f"{name}.txt").write_bytes(b"\x00")
    code, out, err = command("eval", corpus, "--pred", corpus / "attributions")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == f"story-explorer eval: {corpus}: every article was left out (2: see above)"
    assert len(err.splitlines()) == 3


def test_train_leaves_out_an_article_it_cannot_read_and_the_model_says_which(command, pipeline, training_corpus: Path,
                                                                           tmp_path: Path) -> None:
    """The same rule as eval, and still deterministic: the same files give the same model."""
    (training_corpus / "text" / "paper_03.txt").write_bytes(b"\xff\xfe\x00")
    models = []
    for run in ("one", "two"):
        code, out, err = command("train", training_corpus, "-o", tmp_path / f"{run}.json")
        assert code == 1
        assert [line for line in err.splitlines() if not line.startswith("[")] == [
            f"{training_corpus / 'text' / 'paper_03.txt'}: binary file, not article text (it holds NUL bytes) (left out)"]
        assert "5 articles to learn from (the held-out ones left out, and 1 that cannot be read)" in err
        assert out.rstrip().endswith("; 1 article left out (said above)")
        models.append((tmp_path / f"{run}.json").read_bytes())
    assert models[0] == models[1]
    assert json.loads(models[0])["about"]["left_out"] == ["paper_03"]
