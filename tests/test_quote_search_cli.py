"""`story-explorer quotes DIR --search "..."`: the library's quote search on the command line,
with every filter and output format of `quotes`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.model import Paragraph, Quote, Speaker, Story
from explorer.storyfile import dump_story
from tests.bench.make_corpus import make_sample_library


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make_sample_library(tmp_path / "library")
    reviewed = Story(title="Reviewed story", outlet="Harbor Times", published="2024-07-01",
                     paragraphs=[Paragraph("p1", "“Our bridge is late,” Maria Lopez said. “Our city waits,” she added.")],
                     speakers=[Speaker("s1", "Maria Lopez")],
                     quotes=[Quote("q1", "p1", "Our bridge is late,", speaker="s1", cue="said", review="confirmed"),
                             Quote("q2", "p1", "Our city waits,", speaker="s1", cue="added", review="rejected")])
    (tmp_path / "library" / "reviewed.yaml").write_text(dump_story(reviewed), encoding="utf-8")
    return tmp_path / "library"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["quotes", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def texts(out: str) -> list[str]:
    return [row["text"] for row in json.loads(out)]


def test_words_rank_the_quotes_that_hold_them(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(folder), "--search", "our", "--format", "json")
    assert status == 1  # the broken sample story is reported
    assert err.strip() == (f"story-explorer: skipped {folder / 'broken-story.yaml'}:8:16: "
                           "quote 'q1' names unknown paragraph 'p9'")
    assert sorted(texts(out)) == ["Our bridge is late,", "Our classes are already too big.",
                                  "The cost is too high for a town of our size.",
                                  "This bridge will connect two halves of our city."]  # the rejected one left out
    row = json.loads(out)[0]
    assert list(row) == ["story", "file", "paragraph", "paragraph_id", "id", "text", "kind", "speaker", "speaker_id",
                         "mention", "cue", "start", "end", "review", "note", "method", "confidence"]


def test_a_phrase_and_the_filters_of_quotes(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(folder), "--search", '"two halves"', "--format", "json")
    assert texts(out) == ["This bridge will connect two halves of our city."]
    _, out, _ = run(capsys, str(folder), "--search", "our", "--speaker", "LOPEZ", "--kind", "direct",
                    "--format", "json")
    assert sorted(texts(out)) == ["Our bridge is late,", "This bridge will connect two halves of our city."]
    _, out, _ = run(capsys, str(folder), "--search", "our", "--review", "rejected", "--format", "json")
    assert texts(out) == ["Our city waits,"]
    _, out, _ = run(capsys, str(folder), "--search", "our", "--review", "checked", "--format", "json")
    assert texts(out) == ["Our bridge is late,"]  # confirmed or corrected: a rejected quote is not checked
    _, out, _ = run(capsys, str(folder), "--search", "our", "--review", "confirmed", "--format", "json")
    assert texts(out) == ["Our bridge is late,"]
    _, out, _ = run(capsys, str(folder), "--search", "our -bridge", "--review", "any", "--format", "json")
    assert sorted(texts(out)) == ["Our city waits,", "Our classes are already too big.",
                                  "The cost is too high for a town of our size."]


def test_csv_and_table_output(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(folder), "--search", "contract", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(row["speaker"], row["text"], row["paragraph"]) for row in rows] == [
        ("Tom Becker", "We will not go back without a contract.", "2")]
    _, out, err = run(capsys, str(folder), "--search", "contract")
    assert out.splitlines()[1].startswith("Rail str")
    assert err.splitlines()[-1] == "1 quote"


def test_a_story_file_is_searched_through_its_folders_index(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(folder / "bridge-vote.yaml"), "--search", "our", "--format", "json")
    assert (status, err) == (0, "")
    assert texts(out) == ["This bridge will connect two halves of our city.",
                          "The cost is too high for a town of our size."] or sorted(texts(out)) == sorted(
        ["This bridge will connect two halves of our city.", "The cost is too high for a town of our size."])


def test_a_missing_path_is_one_line(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(tmp_path / "nowhere"), "--search", "our", "--format", "json")
    assert status == 1 and json.loads(out) == []
    assert err == f"story-explorer: {tmp_path / 'nowhere'}: no such file or folder\n"


def test_a_second_search_parses_nothing(folder: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, str(folder), "--search", "our")
    from explorer.index import rows

    parsed: list[Path] = []
    real = rows.parse
    monkeypatch.setattr(rows, "parse", lambda path, *a: parsed.append(path) or real(path, *a))
    run(capsys, str(folder), "--search", "bridge")
    assert parsed == []


def test_the_index_filters_of_the_library_without_words(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--outlet, --from/--to, --verb and --story need no --search: newest story first,
    its quotes in article order; they combine with each other and with --review."""
    _, out, _ = run(capsys, str(folder), "--outlet", "HARBOR", "--format", "json")
    assert texts(out) == ["Our bridge is late,", "This bridge will connect two halves of our city.",
                          "We start building in May.", "The cost is too high for a town of our size."]
    # (2024-07-01 before 2024-03-02; the rejected quote left out)
    _, out, _ = run(capsys, str(folder), "--from", "2024-05", "--to", "2024-06", "--format", "json")
    assert texts(out) == ["We will not go back without a contract.", "Talks continue.",
                          "Every department has to share the burden.", "Our classes are already too big.",
                          "Parents will notice."]
    _, out, _ = run(capsys, str(folder), "--verb", "adds", "--review", "any", "--format", "json")
    assert texts(out) == ["Our city waits,"]
    _, out, _ = run(capsys, str(folder), "--story", "strike", "--speaker", "becker", "--format", "json")
    assert texts(out) == ["We will not go back without a contract."]
    _, out, _ = run(capsys, str(folder), "--search", "our", "--outlet", "ledger", "--format", "json")
    assert texts(out) == ["Our classes are already too big."]


def test_a_date_that_is_not_one_is_named_by_its_option(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(folder), "--to", "2024-5")
    assert (status, out, err) == (2, "", "story-explorer quotes: --to 2024-5: a date is YYYY, YYYY-MM or YYYY-MM-DD\n")
    for not_a_date in ("2024-13", "2024-02-32", "2024-00", "2024\n"):  # it would match nothing, silently
        assert run(capsys, str(folder), "--from", not_a_date)[0] == 2


def test_the_search_builds_the_index_with_the_explorers_parsing_processes(
        folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold index of a big folder takes three quarters of the one-process parse when two
    processes parse it (README, Measured figures): the command line builds it so too."""
    from explorer.index import refresh

    asked: list[int] = []
    real = refresh.parsed_files

    def parsed_files(paths, parse, jobs):  # noqa: ANN001, ANN202
        asked.append(jobs)
        return real(paths, parse, jobs)

    monkeypatch.setattr(refresh, "parsed_files", parsed_files)
    status, _, _ = run(capsys, "quotes", str(folder), "--search", "bridge")
    assert asked == [refresh.PARSING_JOBS] and status in (0, 1)
