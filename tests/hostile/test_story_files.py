"""Hostile and broken story files: each gets one clear `path:line:col` error,
exit status 1 and no traceback, and nothing in a file is ever executed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.storyfile import DEFAULT_MAX_BYTES, DEFAULT_MAX_VALUES, StoryFileError, load_story, parse_story
from tests.folders import DEEP_LEVELS, deep_folder  # noqa: F401 (a fixture)

FILES = Path(__file__).parent / "files"

#: Each broken file's first problem (what the library lists for it) ...
EXPECTED = {
    "python_tag.yaml": "2:8: unsupported tag !!python/object/apply:os.system (story files are plain YAML; nothing in them is executed)",
    "alias_bomb.yaml": "3:1: unknown key 'laughs' in the story (known keys: format, title, outlet, published, url, "
                       "language, paragraphs, speakers, quotes, sources)",
    "latin1.yaml": "2:11: not UTF-8 text: byte 0xe9 cannot be decoded",
    "binary.yaml": "1:1: binary file, not a story (it holds NUL bytes)",
    "empty.yaml": "1:1: empty story file: it needs at least 'format' and 'title'",
    "list_top.yaml": "1:1: the story must be a mapping of keys to values, not a list",
    "duplicate_keys.yaml": "6:1: duplicate key 'title' in the story",
    "not_yaml.yaml": "2:8: invalid YAML: scanning a quoted scalar that starts here, found unexpected end of stream "
                     "(line 4, column 1)",
}
#: ... and the problems after the first, for the files that have more.
MORE = {"alias_bomb.yaml": ["4:5: anchors and aliases (& and *) are not allowed in story files"]}


def every_problem(name: str) -> list[str]:
    return [EXPECTED[name], *MORE.get(name, [])]


def validate(*paths: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explorer", "validate", *map(str, paths)],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=60,
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gets_its_located_errors(name: str) -> None:
    path = FILES / name
    with pytest.raises(StoryFileError) as caught:
        load_story(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:{line}" for line in every_problem(name)]


def test_validate_on_all_broken_files_exits_1_without_traceback() -> None:
    paths = [FILES / name for name in sorted(EXPECTED)]
    result = validate(*paths)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{FILES / name}:{line}" for name in sorted(EXPECTED) for line in every_problem(name)]
    problems = sum(len(every_problem(name)) for name in EXPECTED)
    assert result.stderr == f"{len(EXPECTED)} stories checked, {problems} problems\n"


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    story = tmp_path / "tag.yaml"
    story.write_text(f'format: 1\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n'
                     f'outlet: !!python/name:os.system\n')
    assert validate(story).returncode == 1
    assert not marker.exists()


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as out:  # sparse: 21 MB on paper, nothing on disk
        out.truncate(DEFAULT_MAX_BYTES + 1_000_000)
    result = validate(big)
    assert result.returncode == 1
    assert result.stdout == f"{big}:1:1: file is 21.0 MB, over the 20 MB limit for story files\n"


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    story = FILES / "hostile_text.yaml"
    result = validate(story, env={"STORY_EXPLORER_MAX_BYTES": "200"})
    assert result.returncode == 1
    assert "over the 0.0002 MB limit" in result.stdout


def test_hostile_text_is_a_valid_story_kept_verbatim() -> None:
    story = load_story(FILES / "hostile_text.yaml")
    assert story.title == "[bold red]Markup[/] in a title [@click=app.quit]quit[/]"
    assert "\x1b[2J" in story.paragraphs[1].text
    assert "\u202e" in story.paragraphs[2].text
    q1 = story.quotes[0]
    assert story.paragraphs[0].text[q1.start:q1.end] == "[@click=app.quit]click me[/]"


def test_quotes_table_never_writes_control_characters() -> None:
    result = subprocess.run([sys.executable, "-m", "explorer", "quotes", str(FILES / "hostile_text.yaml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert all(ch == "\n" or ch.isprintable() for ch in result.stdout)
    assert "[@click=app.quit]click me[/]" in result.stdout


def test_long_paragraph_without_spaces(tmp_path: Path) -> None:
    word = "x" * 1_000_000
    story = tmp_path / "long.yaml"
    story.write_text(f"format: 1\ntitle: Long\nparagraphs:\n  - id: p1\n    text: {word}\n"
                     f"quotes:\n  - id: q1\n    paragraph: p1\n    text: {'x' * 50}\n    kind: reported\n")
    loaded = load_story(story)
    assert len(loaded.paragraphs[0].text) == 1_000_000
    assert (loaded.quotes[0].start, loaded.quotes[0].end) == (0, 50)


# --- things that are not files --------------------------------------------------------


@pytest.fixture
def not_files(tmp_path: Path) -> dict[str, Path]:
    """A named pipe called x.yaml and links to /dev/zero and /dev/urandom called story
    files: each made validate, quotes and the explorer hang (0 bytes by size, no end)."""
    folder = tmp_path / "odd"
    folder.mkdir()
    os.mkfifo(folder / "fifo.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "random.yaml").symlink_to("/dev/urandom")
    return {path.stem: path for path in folder.iterdir()}


NOT_READ = {"fifo": "not a regular file (a named pipe): not read", "zero": "not a regular file (a device): not read",
            "random": "not a regular file (a device): not read"}


def test_validate_and_quotes_refuse_what_is_not_a_file_at_once(not_files: dict[str, Path]) -> None:
    names = sorted(not_files)
    result = validate(*(not_files[name] for name in names))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{not_files[name]}:1:1: {NOT_READ[name]}" for name in names]
    quotes = subprocess.run([sys.executable, "-m", "explorer", "quotes", str(not_files["fifo"]), "--format", "json"],
                            capture_output=True, text=True, timeout=60)
    assert (quotes.returncode, quotes.stdout) == (1, "[]\n")
    assert quotes.stderr == f"story-explorer: skipped {not_files['fifo']}:1:1: {NOT_READ['fifo']}\n"


def test_a_folder_walk_passes_over_them_and_says_so(not_files: dict[str, Path]) -> None:
    folder = not_files["fifo"].parent
    result = validate(folder)
    assert result.returncode == 1 and result.stdout == ""
    assert sorted(result.stderr.splitlines()[:-1]) == [
        f"{not_files['fifo']}: {NOT_READ['fifo']}",
        f"{not_files['random']}: a link to outside the folder: not followed (--follow-links follows it)",
        f"{not_files['zero']}: a link to outside the folder: not followed (--follow-links follows it)",
    ]
    followed = subprocess.run([sys.executable, "-m", "explorer", "validate", "--follow-links", str(folder)],
                              capture_output=True, text=True, timeout=60)
    assert sorted(followed.stderr.splitlines()[:-1]) == sorted(f"{not_files[name]}: {NOT_READ[name]}" for name in not_files)


@pytest.mark.anyio
async def test_the_explorer_opening_one_says_why_and_stays_up(not_files: dict[str, Path]) -> None:
    from explorer.tui.app import make_app

    for name, path in not_files.items():
        app = make_app(path)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            assert [n.message for n in app._notifications] == [f"{path}:1:1: {NOT_READ[name]}"]


def test_the_annotator_reads_articles_through_the_same_checks(not_files: dict[str, Path],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.annotate.commands import STDIN_LABEL, ArticleInput, InputError, read_input

    for name, path in not_files.items():
        article = path.with_suffix(".txt")
        path.rename(article)
        with pytest.raises(InputError) as caught:
            read_input(ArticleInput(str(article), article), max_chars=1_000_000)
        assert str(caught.value) == NOT_READ[name]
    with open("/dev/zero", "rb") as zeros:  # `annotate - < /dev/zero`
        monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": zeros})())
        with pytest.raises(InputError) as caught:
            read_input(ArticleInput(STDIN_LABEL), max_chars=1_000_000)
    assert str(caught.value) == "file is 4.2 MB, too long for the spaCy model (1,000,000 characters at most)"


# --- links that leave the folder ------------------------------------------------------


def test_the_library_index_reads_the_folder_through_the_same_walker(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The explorer's library lists no file reached through a link out of its folder,
    unless `story-explorer FOLDER --follow-links` (which sets STORY_EXPLORER_FOLLOW_LINKS)."""
    from explorer.library import LibraryIndex
    from explorer.storyfile import FOLLOW_LINKS_VARIABLE
    from tests.test_storyfile import GOOD

    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "other.yaml").write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "own.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "linked.yaml").symlink_to(tmp_path / "elsewhere" / "other.yaml")
    monkeypatch.setenv(FOLLOW_LINKS_VARIABLE, "")  # (restored after the test, unlike a delenv of nothing)
    assert [entry.path.name for entry in LibraryIndex(folder, tmp_path / "index-1").build()] == ["own.yaml"]
    monkeypatch.setenv(FOLLOW_LINKS_VARIABLE, "1")
    assert [entry.path.name for entry in LibraryIndex(folder, tmp_path / "index-2").build()] == ["linked.yaml", "own.yaml"]


def test_the_explorer_asked_to_follow_links_passes_it_down(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.cli import main
    from explorer.storyfile import FOLLOW_LINKS_VARIABLE

    seen: list[str | None] = []
    monkeypatch.setattr("explorer.tui.app.run_explorer", lambda args: seen.append(os.environ.get(FOLLOW_LINKS_VARIABLE)) or 0)
    monkeypatch.setenv(FOLLOW_LINKS_VARIABLE, "")  # main sets it for real: restored after the test
    assert main([str(tmp_path)]) == 0
    assert main([str(tmp_path), "--follow-links"]) == 0
    assert seen == ["", "1"]


# --- deep folders and files built to be slow --------------------------------------------


def test_a_folder_1100_levels_deep_is_found_by_every_walk(deep_folder: Path, tmp_path: Path) -> None:
    """validate, annotate and the explorer's library gave RecursionError."""
    from explorer.annotate.commands import find_inputs
    from explorer.library import LibraryIndex

    bottom = deep_folder.joinpath(*["d"] * DEEP_LEVELS, "bottom.yaml")
    assert [entry.path for entry in LibraryIndex(deep_folder, tmp_path / "index").build()] == [bottom]
    article = bottom.with_suffix(".txt")
    article.write_text("A headline\n\nShe said: “yes.”\n", encoding="utf-8")
    inputs, problems = find_inputs([str(deep_folder)])
    assert ([item.path for item in inputs], problems) == ([article], [])


@pytest.mark.parametrize(("shape", "expected_column"), [
    # The shapes: a flow list of a million empty paragraphs (3 MB here, 9 MB with
    # spaces), nine million zeros under an unknown key, a million zeros where paragraphs
    # belong.  Each is refused where the 200,001st value stands, whatever follows it.
    (("paragraphs", "{}", 1_000_000), 13 + 4 * (DEFAULT_MAX_VALUES - 7)),
    (("zeros", "0", 9_000_000), 8 + 3 * (DEFAULT_MAX_VALUES - 7)),
    (("paragraphs", "0", 1_000_000), 13 + 3 * (DEFAULT_MAX_VALUES - 7)),
])
def test_files_built_to_be_slow_stop_at_the_limit_on_values(shape: tuple[str, str, int], expected_column: int) -> None:
    key, item, count = shape
    text = f"format: 1\ntitle: Slow\n{key}: [" + f"{item}, " * count + "]\n"
    with pytest.raises(StoryFileError) as caught:
        parse_story(text, "slow.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"slow.yaml:3:{expected_column + 1}: more than {DEFAULT_MAX_VALUES:,} YAML values: over the limit for story "
        "files (STORY_EXPLORER_MAX_VALUES changes it)"]


def test_the_limit_on_values_is_configurable(tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("format: 1\ntitle: Short\nparagraphs: [{id: p1, text: One.}, {id: p2, text: Two.}]\n")
    assert validate(story).returncode == 0
    result = validate(story, env={"STORY_EXPLORER_MAX_VALUES": "10"})
    assert result.stdout == (f"{story}:3:23: more than 10 YAML values: over the limit for story files "
                             "(STORY_EXPLORER_MAX_VALUES changes it)\n")


@pytest.mark.anyio
async def test_the_explorer_opening_a_file_with_a_bad_tag_says_why(tmp_path: Path) -> None:
    """`format: !!bool maybe` ended the explorer with a KeyError from the YAML library."""
    from explorer.tui.app import make_app

    story = tmp_path / "bad_tag.yaml"
    story.write_text("format: !!bool maybe\ntitle: !!int abc\n", encoding="utf-8")
    app = make_app(story)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert [n.message for n in app._notifications] == [
            f"{story}:1:9: 'maybe' is not a valid !!bool value (!!bool holds true or false)"]
