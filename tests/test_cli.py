"""The `validate` and `quotes` commands, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import COMMANDS, main
from explorer.commands.validate import PRINTED
from explorer.locations import BUNDLED_STORIES
from tests.folders import deep_folder  # noqa: F401 (a fixture)
from tests.test_storyfile import GOOD

SEED = BUNDLED_STORIES / "zelensky-trump-call.yaml"


@pytest.fixture(autouse=True)
def _output_is_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables are printed as to a pipe (COLUMNS may be set where the tests run: it
    would make `quotes` fit its table to that width); a test that wants a width sets it."""
    monkeypatch.delenv("COLUMNS", raising=False)


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
    """A path that does not exist is no story checked: it is said on stderr and fails the run."""
    assert main(["validate", str(tmp_path / "nope.yaml"), "/nonexistent"]) == 1
    assert capsys.readouterr() == ("", f"{tmp_path / 'nope.yaml'}: no such file or folder\n"
                                       "/nonexistent: no such file or folder\n0 stories checked; 2 paths skipped\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["validate", str(empty)]) == 1
    assert "no story files (.yaml, .yml) found" in capsys.readouterr().err


def test_a_file_that_is_not_a_story_file_is_named_so(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text("A headline\n\nPresident Trump said: “We will see.” It was late: really.\n")
    assert main(["validate", str(seed)]) == 1
    assert capsys.readouterr() == ("", f"{seed}: not a story file (.yaml or .yml expected)\n0 stories checked; 1 path skipped\n")
    assert main(["quotes", str(seed)]) == 1
    out, err = capsys.readouterr()
    assert err == f"story-explorer: skipped {seed}: not a story file (.yaml or .yml expected)\n0 quotes\n"


def test_problems_printed_for_one_file_are_capped(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """A 2 MB list of a million zeros where paragraphs belong printed a line for each."""
    story = tmp_path / "zeros.yaml"
    story.write_text("format: 1\ntitle: Zeros\nparagraphs: [" + "0, " * 1_000 + "]\n")
    assert main(["validate", str(story)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == PRINTED + 1
    assert lines[0] == f"{story}:3:14: paragraph 1 must be a mapping of keys to values, not the number 0"
    assert lines[-1] == f"{story}: and 950 more problems"
    assert err == "1 story checked, 1,000 problems\n"


def test_links_out_of_a_folder_are_followed_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """A secret in ~/.env linked into a story folder was followed and quoted in the message."""
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / ".env").write_text("API_KEY=sk-live-0123456789\n")
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "notes.yaml").symlink_to(tmp_path / "home" / ".env")
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"{folder / 'notes.yaml'}: a link to outside the folder: not followed (--follow-links follows it)\n"
                   "1 story checked, no problems; 1 path skipped\n")
    assert main(["validate", "--follow-links", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{folder / 'notes.yaml'}:1:1: the story must be a mapping of keys to values, not text\n"
    assert "sk-live" not in out + err
    assert main(["quotes", str(folder), "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 3 and "skipped" in err and "sk-live" not in out + err


def test_a_deep_folder_and_a_name_too_long_are_one_line_each(deep_folder: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture) -> None:
    """1,100 levels were a RecursionError; a name over 255 bytes was a traceback."""
    too_long = tmp_path / ("n" * 300 + ".yaml")
    assert main(["validate", str(deep_folder), str(too_long)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{too_long}: File name too long\n1 story checked, no problems; 1 path skipped\n"
    assert main(["quotes", str(deep_folder), "--format", "json"]) == 0
    assert capsys.readouterr().out == "[]\n"


def test_an_os_error_anywhere_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A headline\n\nShe said: “yes.”\n")
    too_long = tmp_path / ("n" * 300 + ".yaml")
    assert main(["annotate", str(article), "-o", str(too_long)]) == 1
    assert capsys.readouterr().err == f"story-explorer annotate: {too_long}: File name too long\n"


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


# --- output that is safe wherever it goes --------------------------------------------

#: Story text that would act on a terminal: an OSC 52 clipboard write, a screen clear,
#: a bidi override, a C1 control.
ESCAPES = "clipboard \x1b]52;c;cHduZWQ=\x07 cleared \x1b[2J and \u202eright-to-left\u202c then\x85 a line"
STRICT_UTF8 = {"PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    """A folder with a story whose file name is not UTF-8 (and holds an escape sequence)
    and whose quote holds escape sequences, and a broken story with such a name."""
    from explorer.model import Paragraph, Quote, Speaker, Story
    from explorer.storyfile import write_story

    folder = tmp_path / "odd"
    folder.mkdir()
    story = Story("Odd", [Paragraph("p1", f"She said “{ESCAPES}”.")], [Speaker("s", "Zoë \x1b[5m")],
                  [Quote("q1", "p1", ESCAPES, "direct", "s", start=10, end=10 + len(ESCAPES))])
    write_story(story, os.fsdecode(os.fsencode(folder) + b"/caf\xe9 \x1b[31m.yaml"))
    (Path(os.fsdecode(os.fsencode(folder) + b"/bro\xefken.yaml"))).write_text("format: 1\n", encoding="utf-8")
    return folder


def run_cli(*argv: str | Path, env: dict[str, str] | None = None, **options: object) -> subprocess.CompletedProcess[bytes]:
    """`python -m explorer ARGV...` in a process of its own; stdout and stderr captured unless given."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.run([sys.executable, "-m", "explorer", *map(str, argv)],
                          env={**os.environ, **(env or {})}, timeout=60, **streams)  # type: ignore[call-overload]


def test_names_that_are_not_utf8_are_escaped_in_every_format_under_a_strict_locale(odd_names: Path) -> None:
    shown = f"{odd_names}/caf\\xe9 \\x1b[31m.yaml"
    broken = f"story-explorer: skipped {odd_names}/bro\\xefken.yaml:1:1: the story has no 'title'\n"
    for form in ("table", "json", "csv"):
        result = run_cli("quotes", odd_names, "--format", form, env=STRICT_UTF8)
        out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")  # strict: valid UTF-8
        assert result.returncode == 1, err
        assert err.startswith(broken) and "Traceback" not in err
        assert "\x1b" not in out + err and "\u202e" not in out and "\x85" not in out
        if form == "json":
            (row,) = json.loads(out)
            assert (row["file"], row["text"], row["speaker"]) == (shown, ESCAPES, "Zoë \x1b[5m")
        elif form == "csv":
            (row,) = csv.DictReader(io.StringIO(out))
            assert row["file"] == shown
            assert row["text"] == "clipboard ␛]52;c;cHduZWQ=␇ cleared ␛[2J and \ufffdright-to-left\ufffd then\ufffd a line"
    result = run_cli("validate", odd_names, env=STRICT_UTF8)
    assert result.stdout.decode("utf-8") == f"{odd_names}/bro\\xefken.yaml:1:1: the story has no 'title'\n"


def test_csv_writes_story_text_exactly_only_when_asked(odd_names: Path) -> None:
    result = run_cli("quotes", odd_names, "--format", "csv", "--raw")
    (row,) = csv.DictReader(io.StringIO(result.stdout.decode("utf-8")))
    assert row["text"] == ESCAPES


def test_json_escapes_what_a_terminal_would_act_on_and_keeps_the_text(capsys: pytest.CaptureFixture) -> None:
    from explorer.commands.output import json_text

    data = [{"text": ESCAPES + " \U000e0001 emoji 👍🏽 ‍ and Zoë"}]
    written = json_text(data)
    assert json.loads(written) == data
    assert all(ch.isprintable() or ch == "\n" for ch in written)


def test_quotes_with_standard_output_closed_or_full_is_one_line_and_status_1() -> None:
    closed = run_cli("quotes", SEED, preexec_fn=lambda: os.close(1))
    assert (closed.returncode, closed.stderr) == (1, b"story-explorer: standard output is closed\n")
    with open("/dev/full", "wb") as full:
        result = run_cli("quotes", SEED, "--format", "json", stdout=full)
    assert (result.returncode, result.stderr) == (1, b"story-explorer quotes: cannot write the output: No space left on device\n")


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path) -> None:
    from tests.hostile.conftest import many_identical_quotes

    story = many_identical_quotes(tmp_path / "many.yaml", 3_000)  # far more JSON than a pipe holds
    process = subprocess.Popen([sys.executable, "-m", "explorer", "quotes", str(story), "--format", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    assert (process.wait(timeout=60), process.stderr.read()) == (0, b"")


def test_the_table_fits_the_terminal_and_wraps_text_in_its_column(capsys: pytest.CaptureFixture,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.commands.output import cell_width

    monkeypatch.setenv("COLUMNS", "60")
    assert main(["quotes", str(SEED), "--speaker", "trump", "--kind", "direct"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(cell_width(line) for line in lines) <= 60
    text_column = lines[0].index("text")
    rows = [line for line in lines[1:] if line[:text_column].strip()]
    continued = [line for line in lines[1:] if not line[:text_column].strip()]
    assert len(rows) == 6 and continued  # six quotes, the long ones on more lines
    assert all(line[text_column] != " " for line in continued)  # each continues inside the text column
    words = " ".join(line[text_column:] for line in lines[1:]).split()
    assert "killing" in words  # nothing cut: wrapped
    monkeypatch.delenv("COLUMNS")
    main(["quotes", str(SEED), "--speaker", "trump", "--kind", "direct"])
    assert len(capsys.readouterr().out.splitlines()) == 7  # a pipe: one line a quote


def test_wide_characters_are_counted_as_two_columns() -> None:
    from explorer.commands.output import fit_table

    lines = fit_table([("who", "text"), ("習近平", "中文 " * 20)], 30, limits=(24,))
    assert lines[1].startswith("習近平  中文 中文")
    assert all(len(line) + sum(1 for ch in line if "\u4e00" <= ch <= "\u9fff") <= 30 for line in lines)


# --- the command line itself ---------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"story-explorer {version('story-explorer')}\n"


def test_a_command_typed_wrong_gets_the_command_meant(capsys: pytest.CaptureFixture) -> None:
    assert main(["quote", "lib"]) == 2
    assert capsys.readouterr().err == ("story-explorer: 'quote' is neither a command nor a file or folder; "
                                       "did you mean 'quotes'?\n")
    assert main(["validat", "x.yaml"]) == 2
    assert "did you mean 'validate'?" in capsys.readouterr().err
    assert main(["quotes.yaml"]) == 2  # a missing file, not a command
    assert capsys.readouterr().err == "quotes.yaml: no such file or folder\n"


def test_escape_sequences_in_a_path_never_reach_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main([str(tmp_path / "x\x1b]0;pwned\x07.yaml")]) == 2
    assert capsys.readouterr().err == f"{tmp_path}/x\\x1b]0;pwned\\x07.yaml: no such file or folder\n"
    odd = tmp_path / "x\x1b]0;pwned\x07.csv"
    odd.write_text("")
    assert main([str(odd)]) == 2
    assert capsys.readouterr().err == f"{tmp_path}/x\\x1b]0;pwned\\x07.csv: not a story (.yaml, .yml) or an article (.txt, .md)\n"


def test_annotate_help_says_that_dash_o_dash_is_stdout(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["annotate", "--help"])
    assert "or - for stdout" in " ".join(capsys.readouterr().out.split())


def test_a_word_wider_than_the_text_column_is_broken_inside_it() -> None:
    from explorer.commands.output import cell_width, fit_table

    url = "https://example.org/" + "a" * 100
    lines = fit_table([("who", "text"), ("Zoë", f"see {url} now")], 50, limits=(24,))
    assert all(cell_width(line) <= 50 for line in lines)
    text = "".join(line[5:] for line in lines[1:])  # the text column starts after "Zoë" and two spaces
    assert text.replace(" ", "") == f"see{url}now"


def test_csv_cells_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(tmp_path: Path,
                                                                               capsys: pytest.CaptureFixture) -> None:
    """A quote (or speaker) that starts like a formula is text in a spreadsheet; `--raw` keeps it exactly."""
    from explorer.model import Paragraph, Quote, Speaker, Story
    from explorer.storyfile import write_story

    formula, dash = '=HYPERLINK("http://example.com","x")', "-- not now"
    text = f"“{formula}”, she said. “{dash}”"
    start_dash = text.index(dash)
    story = Story("Formulas", [Paragraph("p1", text)], [Speaker("s", "@handle")],
                  [Quote("q1", "p1", formula, "direct", "s", start=1, end=1 + len(formula)),
                   Quote("q2", "p1", dash, "direct", "s", start=start_dash, end=start_dash + len(dash))])
    write_story(story, tmp_path / "formulas.yaml")
    assert main(["quotes", str(tmp_path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["text"], r["speaker"], r["story"]) for r in rows] == [
        ("'" + formula, "'@handle", "Formulas"), ("'" + dash, "'@handle", "Formulas")]
    assert main(["quotes", str(tmp_path), "--format", "csv", "--raw"]) == 0
    assert [r["text"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))] == [formula, dash]


def test_a_story_that_cannot_be_opened_is_one_line_and_status_1(stories: Path) -> None:
    """`story-explorer bad.yaml` showed a blank screen, no footer, and the reason in a
    notification gone after ten seconds: a screen with nothing on it, left only by knowing
    that q quits. Now the explorer ends at once and says why on one line, as `validate` does."""
    bad = stories / "bad.yaml"
    result = run_cli(bad, env={"TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}, text=True)
    assert result.returncode == 1
    assert result.stderr == f"{bad}:13:5: unknown key 'rol' in speaker 1; did you mean 'role'?\n"


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_fits_an_80_column_terminal(command: str, capsys: pytest.CaptureFixture,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """`story-explorer --help` printed its description as one line of 136 characters and three
    commands' summaries past column 80: an 80-column terminal broke them mid-word."""
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main([command, "--help"] if command else ["--help"])
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if len(line) > 80] == []


def test_serve_refuses_a_story_that_cannot_be_opened(stories: Path, capsys: pytest.CaptureFixture) -> None:
    """Every browser tab would open the explorer on it, and the explorer ends at once on a
    story it cannot open (saying why on a terminal the browser does not show): serve says it
    before it listens, on one line."""
    bad = stories / "bad.yaml"
    assert main(["serve", str(bad), "--port", "0"]) == 1  # (a port it could never listen on, should it try)
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"story-explorer serve: {bad}:13:5: unknown key 'rol' in speaker 1; did you mean 'role'?\n")


def test_quotes_of_a_folder_without_story_files_says_so(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """`quotes empty/` printed an empty table, "0 quotes" and exit status 0, as if the stories
    had no quotes; validate says there are no story files, and so does quotes now."""
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a story\n", encoding="utf-8")
    for search in ([], ["--search", "trump"]):
        assert main(["quotes", str(empty), "--format", "json", *search]) == 1
        out, err = capsys.readouterr()
        assert out == "[]\n" and err == "story-explorer: no story files (.yaml, .yml) found\n"
