"""JSON Lines archives as input to `annotate`: one article per line, the fields named by
options, a bad line reported with its line number and skipped, gzip, and story files
named from the ids (collisions resolved and reported, never overwritten)."""

from __future__ import annotations

import gzip
import json
import random
import string
from pathlib import Path

import pytest

from explorer.storyfile import load_story
from tests.archive.conftest import archive, article_text, problem_lines, tree, write_jsonl


def test_each_line_is_a_story_named_from_its_id_with_its_metadata(annotate, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "dump.jsonl", [
        {"id": "c02f6e", "text": article_text(1), "title": "Bridge one", "url": "https://example.org/1",
         "outlet": "The Example", "published": "2025-07-06", "other": [1, 2]},
        {"id": 17, "text": article_text(2), "published": 20250707},
    ])
    code, _, err = annotate(source, "-o", tmp_path / "out")
    assert code == 0, err
    assert sorted(tree(tmp_path / "out")) == ["17.yaml", "c02f6e.yaml"]
    first = load_story(tmp_path / "out" / "c02f6e.yaml")
    assert (first.title, first.url, first.outlet, first.published) == (
        "Bridge one", "https://example.org/1", "The Example", "2025-07-06")
    assert [q.text for q in first.quotes if q.kind == "direct"] == ["We are ready for bridge 1,"]
    second = load_story(tmp_path / "out" / "17.yaml")
    assert (second.title, second.published, second.url) == ("Bridge 2 reopens early", "20250707", None)


def test_a_bad_line_is_reported_with_its_line_number_and_the_rest_go_on(annotate, tmp_path: Path) -> None:
    source = tmp_path / "dump.jsonl"
    good = json.dumps({"id": "good", "text": article_text(1)})
    lines = [
        good.encode(),
        b"{not json",
        b"[1, 2]",
        json.dumps({"id": "x", "body": "text elsewhere"}).encode(),
        json.dumps({"id": "y", "text": 5}).encode(),
        json.dumps({"id": "z", "text": "   "}).encode(),
        b"",
        json.dumps({"id": ["l"], "text": article_text(3)}).encode(),
        b'{"id": "u", "text": "caf\xe9"}',
        b"[" * 100_000,
        json.dumps({"id": "last", "text": article_text(2)}).encode(),
    ]
    source.write_bytes(b"\n".join(lines) + b"\n")
    code, _, err = annotate(source, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [
        f"{source}:2: not JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{source}:3: not a JSON object but a list",
        f"{source}:4: no 'text' field (name the text's field with --text-field)",
        f"{source}:5: 'text' must be a string, not a number",
        f"{source}:6: empty: no text to annotate",
        f"{source}:8: 'id' must be a string or a number, not a list",
        f"{source}:9: not UTF-8 text: byte 0xe9 cannot be decoded",
        f"{source}:10: not JSON that can be read: nested too deep",
    ]
    assert sorted(tree(tmp_path / "out")) == ["good.yaml", "last.yaml"]
    assert "annotated 2 stories" in err and "; 8 failures" in err


def test_options_name_the_fields(annotate, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "dump.jsonl", [
        {"key": "k1", "body": article_text(1), "headline": "A headline given", "link": "https://example.org/k1",
         "site": "Site", "date": "2024-01-02"}])
    code, _, err = annotate(source, "-o", tmp_path / "out", "--text-field", "body", "--id-field", "key",
                            "--title-field", "headline", "--url-field", "link", "--outlet-field", "site",
                            "--published-field", "date")
    assert code == 0, err
    story = load_story(tmp_path / "out" / "k1.yaml")
    assert (story.title, story.url, story.outlet, story.published) == (
        "A headline given", "https://example.org/k1", "Site", "2024-01-02")


def test_a_line_without_an_id_is_named_from_its_file_and_line(annotate, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "dump.jsonl", [{"text": article_text(1)}, {"text": article_text(2)}])
    assert annotate(source, "-o", tmp_path / "out")[0] == 0
    assert sorted(tree(tmp_path / "out")) == ["dump-1.yaml", "dump-2.yaml"]


def test_gzip_archives_are_read_and_one_cut_short_ends_at_the_line_it_reached(annotate, tmp_path: Path) -> None:
    def gzipped(path: Path, prefix: str) -> Path:
        noise = random.Random(prefix)  # text that does not compress away: the cut falls inside line 3
        with gzip.open(path, "wt", encoding="utf-8") as out:
            for number in range(3):
                filler = " ".join("".join(noise.choices(string.ascii_lowercase, k=7)) for _ in range(400))
                out.write(json.dumps({"id": f"{prefix}{number}", "text": article_text(number) + filler}) + "\n")
        return path

    whole = gzipped(tmp_path / "whole.jsonl.gz", "w")
    cut = gzipped(tmp_path / "cut.jsonl.gz", "c")
    cut.write_bytes(cut.read_bytes()[:-100])
    code, _, err = annotate(whole, cut, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [f"{cut}:3: cannot read further: the gzip file is cut short"]
    assert sorted(tree(tmp_path / "out")) == ["c0.yaml", "c1.yaml", "w0.yaml", "w1.yaml", "w2.yaml"]


def test_a_line_over_the_size_limit_is_skipped_unread(annotate, tmp_path: Path) -> None:
    source = tmp_path / "dump.jsonl"
    with source.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "huge", "text": "word " * 900_000}) + "\n")
        out.write(json.dumps({"id": "small", "text": article_text(1)}) + "\n")
    code, _, err = annotate(source, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [
        f"{source}:1: line is 4.5 MB, too long for the spaCy model (1,000,000 characters at most)"]
    assert sorted(tree(tmp_path / "out")) == ["small.yaml"]


def test_ids_that_give_one_file_name_get_two_files_and_a_line_each(annotate, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "dump.jsonl", [
        {"id": "Rome/1", "text": article_text(1)},
        {"id": "rome-1", "text": article_text(2)},
        {"id": "ROME 1", "text": article_text(3)},
        {"id": "Rome/1", "text": article_text(4)},
    ])
    code, _, err = annotate(source, "-o", tmp_path / "out")
    assert code == 0, err
    assert problem_lines(err) == [
        f"{source}:2: rome-1.yaml is {source}:1's; written as rome-1-2.yaml",
        f"{source}:3: rome-1.yaml is {source}:1's; written as rome-1-3.yaml",
        f"{source}:4: rome-1.yaml is {source}:1's; written as rome-1-4.yaml",
    ]
    titles = {name: load_story(tmp_path / "out" / name).title for name in tree(tmp_path / "out")}
    assert titles == {"rome-1.yaml": "Bridge 1 reopens early", "rome-1-2.yaml": "Bridge 2 reopens early",
                      "rome-1-3.yaml": "Bridge 3 reopens early", "rome-1-4.yaml": "Bridge 4 reopens early"}


def test_a_file_that_is_not_the_runs_own_is_never_overwritten(annotate, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a1.yaml").write_text("format: 1\ntitle: corrected by hand\n", encoding="utf-8")
    code, _, err = annotate(archive(tmp_path / "dump.jsonl", 3), "-o", out)
    assert code == 1
    assert problem_lines(err) == [f"{tmp_path / 'dump.jsonl'}:2: {out / 'a1.yaml'} already exists (use --force to overwrite)"]
    assert (out / "a1.yaml").read_text(encoding="utf-8") == "format: 1\ntitle: corrected by hand\n"
    assert sorted(tree(out)) == ["a0.yaml", "a1.yaml", "a2.yaml"]


def test_a_folder_gives_its_archives_and_articles(annotate, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    archive(folder / "day1.jsonl", 2)
    (folder / "loose.txt").write_text(article_text(9), encoding="utf-8")
    (folder / ".hidden.jsonl").write_text("{not read", encoding="utf-8")
    code, _, err = annotate(folder, "-o", tmp_path / "out")
    assert code == 0, err
    assert sorted(tree(tmp_path / "out")) == ["a0.yaml", "a1.yaml", "bridge-9-reopens-early.yaml"]


@pytest.mark.parametrize("name", ["story.yaml", "story.YML"])
def test_a_story_file_given_as_an_article_is_refused_with_a_hint(annotate, tmp_path: Path, name: str) -> None:
    story = tmp_path / name
    story.write_text("format: 1\ntitle: A story\nparagraphs: []\n", encoding="utf-8")
    code, _, err = annotate(story, "-o", tmp_path / "out")
    assert code == 1
    assert problem_lines(err) == [
        f"{story}: a story file, not an article (check it with: story-explorer validate {story})"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("argv", "message"), [
    (["--title", "T"], "--title names one story, but ARCHIVE holds many articles"),
    (["--format", "brat"], "--format brat writes offsets into the article's text file, which ARCHIVE is not: "
     "use --format story or jsonl for JSON Lines"),
    (["--format", "jsonl"], "--format jsonl writes shards into a folder: give -o FOLDER"),
    (["--jobs", "2", "--scheduler", "local:2"], "--jobs and --scheduler both say where to run: give one of them"),
    (["--scheduler", "local:0"], "--scheduler local:0: a local cluster is local:N, N workers (1 or more)"),
    (["--time-budget", "-1"], "--time-budget must be 0 or more, not -1"),
    (["--shard-size", "0"], "--shard-size must be 1 or more, not 0"),
    (["--batch-size", "0"], "--batch-size must be 1 or more, not 0"),
])
def test_usage_errors_with_archives_exit_2_with_one_line(annotate, tmp_path: Path, argv: list[str], message: str) -> None:
    source = archive(tmp_path / "dump.jsonl", 1)
    code, _, err = annotate(source, *argv)
    assert code == 2
    assert err == f"story-explorer annotate: {message.replace('ARCHIVE', str(source))}\n"
