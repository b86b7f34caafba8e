"""`story-explorer eval` and brat standoff: the scoring rules, the tiny gold
corpus of tests/annotate/tiny_corpus.py scored against itself and by the
annotator's own run, errors, and the .ann files the annotator writes."""

from __future__ import annotations

import json
import re

from explorer.annotate.brat import BratAttribution, attributions_of, read_ann, write_ann
from explorer.annotate.scoring import score_article
from explorer.cli import main
from tests.annotate.test_extract import run


def eval_json(capsys, *args) -> dict:
    assert main(["eval", *map(str, args), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


# --- scoring rules ---------------------------------------------------------------


def attribution(content, source=(), cue=()) -> BratAttribution:
    return BratAttribution(content=tuple(content), cue=tuple(cue), source=tuple(source))


TEXT = "aaaa “bbbbbbbbbb” cccccccccc dddddddddd eeee"


def test_a_match_needs_half_the_longer_span():
    gold = [attribution([(0, 40)])]
    assert score_article("t", TEXT, gold, [attribution([(0, 20)])]).all.matched == 1
    assert score_article("t", TEXT, gold, [attribution([(0, 19)])]).all.matched == 0


def test_quote_marks_and_spaces_are_trimmed_before_comparing():
    gold = [attribution([(5, 17)])]  # “bbbbbbbbbb”
    predicted = [attribution([(6, 16)])]  # bbbbbbbbbb
    score = score_article("t", TEXT, gold, predicted)
    assert (score.all.f1, score.quoted.f1) == (1.0, 1.0)


def test_matching_is_one_to_one_best_overlap_first():
    gold = [attribution([(18, 39)]), attribution([(18, 28)])]
    predicted = [attribution([(18, 28)])]
    score = score_article("t", TEXT, gold, predicted)
    assert (score.all.matched, score.all.gold, score.all.predicted) == (1, 2, 1)


def test_quoted_speech_counts_only_quoted_predictions():
    gold = [attribution([(5, 17)]), attribution([(29, 39)])]  # one quoted, one reported
    predicted = [
        attribution([(29, 39)]),  # matches reported gold: neither for nor against quoted speech
        attribution([(0, 4)]),  # unmatched, unquoted: ignored there
        attribution([(18, 28), (4, 6)]),  # unmatched, holds a mark: against
    ]
    score = score_article("t", TEXT, gold, predicted)
    assert (score.quoted.gold, score.quoted.predicted, score.quoted.matched) == (1, 1, 0)
    assert (score.all.gold, score.all.predicted, score.all.matched) == (2, 3, 1)


def test_source_accuracy_counts_overlapping_source_mentions():
    gold = [attribution([(5, 17)], source=[(40, 44)]), attribution([(18, 28)], source=[(29, 39)])]
    predicted = [attribution([(6, 16)], source=[(41, 43)]), attribution([(18, 28)], source=[(0, 4)])]
    assert score_article("t", TEXT, gold, predicted).all.source_accuracy == 0.5


# --- the command ------------------------------------------------------------------


def test_gold_scored_against_itself_is_perfect(corpus, capsys):
    report = eval_json(capsys, corpus, "--pred", corpus / "attributions")
    assert report["articles"] == 2
    for part in ("all", "quoted"):
        assert (report[part]["precision"], report[part]["recall"], report[part]["f1"]) == (1.0, 1.0, 1.0)
        assert report[part]["source_accuracy"] == 1.0
    assert (report["all"]["gold"], report["quoted"]["gold"]) == (4, 1)


def test_the_alphabetically_first_annotator_is_the_gold(corpus, tmp_path_factory, capsys):
    pred = tmp_path_factory.mktemp("pred")
    (pred / "a.ann").write_text((corpus / "attributions" / "a_bbbb.ann").read_text(encoding="utf-8"), encoding="utf-8")
    report = eval_json(capsys, corpus, "--pred", pred)
    assert report["missing_predictions"] == 1
    assert (report["all"]["gold"], report["all"]["matched"], report["all"]["precision"]) == (4, 1, 1.0)


def test_the_annotator_scores_the_corpus(corpus, nlp, monkeypatch, capsys):
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: nlp)
    report = eval_json(capsys, corpus)
    assert report["predictions"].startswith("annotator, model ")
    assert report["all"]["f1"] == 1.0
    assert report["all"]["source_accuracy"] == 1.0


def test_the_table_and_the_worst_articles(corpus, tmp_path_factory, capsys):
    pred = tmp_path_factory.mktemp("pred")
    (pred / "a.ann").write_text((corpus / "attributions" / "a_aaaa.ann").read_text(encoding="utf-8"), encoding="utf-8")
    (pred / "b.ann").write_text("", encoding="utf-8")  # b predicted empty: the worst
    assert main(["eval", str(corpus), "--pred", str(pred), "--worst", "1"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"quoted speech\s+1\s+1\s+1\s+1\.000", out)
    assert re.search(r"all attributions\s+4\s+3\s+3\s+1\.000\s+0\.750", out)
    assert out.rstrip().splitlines()[-1].split()[-1] == "b"


def test_not_a_corpus_is_a_one_line_error(tmp_path, capsys):
    assert main(["eval", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "text/" in err and len(err.strip().splitlines()) == 1


def test_a_malformed_ann_file_names_its_line(corpus, capsys):
    (corpus / "attributions" / "a_aaaa.ann").write_text("T1\tContent 0 4\tBrid\nE1\tAttribution-T1\n", encoding="utf-8")
    assert main(["eval", str(corpus), "--pred", str(corpus / "attributions")]) == 1
    err = capsys.readouterr().err
    assert "a_aaaa.ann:line 2:" in err and len(err.strip().splitlines()) == 1


# --- brat ------------------------------------------------------------------------


def test_read_ann_joins_discontinuous_and_second_content_spans():
    ann = (
        "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 10 20;30 40\tx y\nT4\tContent 50 60\tz\n"
        "T5\tAttribution 3 7\tsaid\n#1\tAnnotatorNotes T3\ta note\n"
        "E1\tAttribution:T5 Cue:T2 Source:T1 Content:T3 Content2:T4\n"
        "E2\tAttribution-no-source:T5\n"
    )
    (only,) = read_ann(ann).attributions
    assert only == BratAttribution(content=((10, 20), (30, 40), (50, 60)), cue=((3, 7),), source=((0, 2),))


def test_write_ann_has_polnears_layout_and_reads_back(nlp):
    text, found = run(nlp, "“We are ready,” the mayor said. “The crews are proud.”", "Officials said that costs fell.")
    ann = write_ann(found)
    for line in ann.splitlines():
        assert re.fullmatch(r"T\d+\t(Source|Cue|Content|Attribution) \d+ \d+(;\d+ \d+)*\t.+|E\d+\tAttribution:T\d+( \w+:T\d+)+", line), line
    assert ann.splitlines()[4].startswith("E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1")
    assert read_ann(ann).attributions == attributions_of(found)
    # the two quotes of one cue are one attribution; its content keeps the quote marks
    first = attributions_of(found)[0]
    assert [text[s:e] for s, e in first.content] == ["“We are ready,”", "“The crews are proud.”"]
