"""The `validate` and `quotes` commands, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.locations import BUNDLED_STORIES
from tests.test_storyfile import GOOD

SEED = BUNDLED_STORIES / "zelensky-trump-call.yaml"


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        GOOD.replace("    role: Mayor", "    rol: Mayor").replace("    speaker: council", "    speaker: councl"),
        encoding="utf-8",
    )
    return tmp_path


def test_validate_reports_every_problem_and_exits_1(stories: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(stories)]) == 1
    out, err = capsys.readouterr()
    bad = stories / "bad.yaml"
    assert out.splitlines() == [
        f"{bad}:13:5: unknown key 'rol' in speaker 1; did you mean 'role'?",
        f"{bad}:33:14: quote 'q3' names unknown speaker 'councl'; did you mean 'council'?",
    ]
    assert err == "2 stories checked, 2 problems\n"


def test_validate_good_file_exits_0(stories: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(stories / "good.yaml")]) == 0
    assert capsys.readouterr() == ("", "1 story checked, no problems\n")


def test_validate_missing_path_and_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert capsys.readouterr().out == f"{tmp_path / 'nope.yaml'}:1:1: no such file\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["validate", str(empty)]) == 1
    assert "no story files (.yaml, .yml) found" in capsys.readouterr().err


def test_bundled_stories_validate(capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(BUNDLED_STORIES)]) == 0, capsys.readouterr().out


def test_quotes_json_trump_direct_on_seed(capsys: pytest.CaptureFixture) -> None:
    assert main(["quotes", str(SEED), "--speaker", "trump", "--kind", "direct", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["paragraph"], r["text"]) for r in rows] == [
        (5, "very strategic."),
        (5, "Yeah, we might,"),
        (5, "they’re going to need something because they’re being hit pretty hard."),
        (6, "I’m very disappointed with the conversation I had today with President Putin,"),
        (6, "It just seems like he wants to go all the way and just keep killing people. It’s not good."),
        (7, "I don’t know. I can’t tell you whether or not that’s going to happen,"),
    ]
    seed_paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n")]
    for row in rows:
        assert row["speaker"] == "Donald Trump"
        assert row["kind"] == "direct"
        assert row["paragraph_id"] == f"p{row['paragraph']}"
        assert set(row) >= {"story", "paragraph", "paragraph_id", "text", "kind", "speaker", "mention", "cue", "start", "end"}
    assert seed_paragraphs  # the file exists and was read


def test_quotes_offsets_point_at_the_text(capsys: pytest.CaptureFixture) -> None:
    from explorer.storyfile import load_story

    story = load_story(SEED)
    main(["quotes", str(SEED), "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(story.quotes)
    for row in rows:
        paragraph = story.paragraphs[row["paragraph"] - 1].text
        assert paragraph[row["start"]:row["end"]] == row["text"]


def test_quotes_across_folder_lists_every_story(capsys: pytest.CaptureFixture) -> None:
    main(["quotes", str(BUNDLED_STORIES), "--speaker", "TRUMP", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert {r["speaker"] for r in rows} == {"Donald Trump"}
    assert len({r["file"] for r in rows}) >= 2  # his quotes from more than the seed story


def test_quotes_csv_and_table(stories: Path, capsys: pytest.CaptureFixture) -> None:
    good = str(stories / "good.yaml")
    assert main(["quotes", good, "--speaker", "mayor", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["speaker"], r["text"], r["start"]) for r in rows] == [
        ("Jane Doe", "it is a great day", "16"),
        ("Jane Doe", "it is a great day", "40"),
    ]
    assert main(["quotes", good, "--kind", "reported"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[1].split() == ["Mayor", "opens", "the", "bridge", "2", "City", "Council", "reported", "the", "bridge", "cost", "$4", "million."]
    assert err == "1 quote\n"


def test_quotes_skips_broken_story_with_one_line_and_exit_1(stories: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["quotes", str(stories), "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 3  # the good story's quotes still listed
    assert err == f"story-explorer: skipped {stories / 'bad.yaml'}:13:5: unknown key 'rol' in speaker 1; did you mean 'role'?\n"


def test_help_does_not_import_spacy_or_textual() -> None:
    code = "import sys; from explorer.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\nprint(sorted(m for m in ('spacy', 'textual') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_console_script_and_module_entry_points(stories: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "explorer", "validate", str(stories / "good.yaml")],
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "1 story checked, no problems\n")
    result = subprocess.run([sys.executable, "-m", "explorer", "validate", str(stories / "bad.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
