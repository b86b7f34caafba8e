"""`story-explorer eval`: what it accepts and refuses, and what it prints
besides the overlap figures (exact spans, "–" for a figure with nothing to
count, the held-out split, the calibration table)."""

from __future__ import annotations

import json
import math
import re

import pytest

from explorer.annotate.brat import BratAttribution
from explorer.annotate.heldout import held_out_names
from explorer.annotate.scoring import Counts, calibration, chance_of_a_miss, score_article
from explorer.cli import main
from tests.annotate.tiny_corpus import ARTICLE_A, GOLD_A, fix_offsets


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = err.strip().splitlines()
    return line


# --- arguments ----------------------------------------------------------------------------------


@pytest.mark.parametrize("option, value, message", [
    ("--limit", "0", "must be 1 or more, not 0"),
    ("--limit", "-1", "must be 1 or more, not -1"),
    ("--worst", "-2", "must be 0 or more, not -2"),
    ("--jobs", "0", "must be 1 or more, not 0"),
    ("--jobs", "two", "not a whole number: 'two'"),
])
def test_counts_out_of_range_are_refused(corpus, capsys, option, value, message):
    with pytest.raises(SystemExit) as exit_:
        main(["eval", str(corpus), option, value])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_help_says_fifty_percent_once(capsys):
    with pytest.raises(SystemExit):
        main(["eval", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "50% character overlap" in out and "%%" not in out
    assert "every one of its quotes has a review state" in out


def test_gold_dir_or_stories_not_both_nor_neither(corpus, tmp_path_factory, capsys):
    assert main(["eval"]) == 2  # a usage error
    assert "give GOLD_DIR" in one_error_line(capsys)
    assert main(["eval", str(corpus), "--stories", str(tmp_path_factory.mktemp("s"))]) == 2
    assert "not both" in one_error_line(capsys)


# --- predictions that are no predictions --------------------------------------------------------


def test_an_empty_pred_folder_is_nothing_predicted(corpus, tmp_path_factory, capsys):
    pred = tmp_path_factory.mktemp("pred")
    assert main(["eval", str(corpus), "--pred", str(pred)]) == 1
    assert one_error_line(capsys) == f"story-explorer eval: {pred}: no .ann files (brat standoff, as annotate --format brat writes)"


def test_a_pred_folder_of_stories_points_to_stories(corpus, tmp_path_factory, capsys):
    pred = tmp_path_factory.mktemp("pred")
    (pred / "a.yaml").write_text("format: 1\ntitle: A\n", encoding="utf-8")
    assert main(["eval", str(corpus), "--pred", str(pred)]) == 1
    assert "holds story files, not brat .ann files" in one_error_line(capsys)


def test_ann_files_named_after_no_article_are_refused(corpus, tmp_path_factory, capsys):
    pred = tmp_path_factory.mktemp("pred")
    (pred / "zzz.ann").write_text("", encoding="utf-8")
    assert main(["eval", str(corpus), "--pred", str(pred)]) == 1
    assert "no .ann file is named after an article" in one_error_line(capsys)


def test_ann_files_that_predict_nothing_are_refused(corpus, tmp_path_factory, capsys):
    pred = tmp_path_factory.mktemp("pred")
    (pred / "a.ann").write_text("", encoding="utf-8")
    (pred / "b.ann").write_text("", encoding="utf-8")
    assert main(["eval", str(corpus), "--pred", str(pred)]) == 1
    assert "nothing was predicted" in one_error_line(capsys)


def test_an_offset_of_five_thousand_digits_is_one_line(corpus, capsys):
    (corpus / "attributions" / "a_aaaa.ann").write_text(f"T1\tContent 0 {'9' * 5000}\tBrid\n", encoding="utf-8")
    assert main(["eval", str(corpus), "--pred", str(corpus / "attributions")]) == 1
    line = one_error_line(capsys)
    assert "a_aaaa.ann:line 1: offset of 5,000 digits" in line and len(line) < 200


# --- figures ------------------------------------------------------------------------------------


def test_source_accuracy_with_nothing_matched_is_no_figure(corpus, tmp_path_factory, capsys):
    pred = tmp_path_factory.mktemp("pred")
    (pred / "b.ann").write_text("T1\tContent 0 5\tFerry\nE1\tAttribution-no-source:T1 Content:T1\n", encoding="utf-8")
    assert main(["eval", str(corpus), "--pred", str(pred), "--worst", "2"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("all attributions"))
    assert row.split()[-1] == "–" and row.split()[-5:-1] == ["0.000", "0.000", "0.000", "0.000"]
    assert Counts(gold=3).source_accuracy is None and Counts(gold=3).precision is None


def test_exact_spans_are_counted_apart_from_overlaps():
    text = "aaaa “bbbbbbbbbb” cccccccccc dddddddddd eeee"
    gold = [BratAttribution(((5, 17),)), BratAttribution(((18, 39),))]
    predicted = [BratAttribution(((6, 16),)), BratAttribution(((18, 35),))]  # marks aside: exact; 17 of 21: overlap
    score = score_article("t", text, gold, predicted)
    assert (score.all.matched, score.all.exact) == (2, 1)
    assert (score.quoted.matched, score.quoted.exact) == (1, 1)
    assert score.all.exact_f1 == 0.5


def test_the_table_shows_exact_f1_and_the_legend_ends_its_sentences(corpus, capsys):
    assert main(["eval", str(corpus), "--pred", str(corpus / "attributions")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"exact\s+source", out)
    assert re.search(r"all attributions\s+4\s+4\s+4\s+1\.000\s+1\.000\s+1\.000\s+1\.000\s+1\.000", out)
    legend = [line for line in out.splitlines() if line.startswith(("P, R, F1", "exact:", "source:"))]
    assert len(legend) == 3 and all(line.endswith((";", ".")) for line in legend)


def test_the_split_picks_held_out_articles(corpus, capsys):
    held = sorted(held_out_names())[0]
    (corpus / "text" / f"{held}.txt").write_text(ARTICLE_A, encoding="utf-8")
    (corpus / "attributions" / f"{held}_x.ann").write_text(fix_offsets(ARTICLE_A, GOLD_A), encoding="utf-8")
    report = json.loads(_run(capsys, corpus, "--split", "heldout"))
    assert (report["articles"], report["split"], report["all"]["gold"]) == (1, "heldout", 3)
    assert json.loads(_run(capsys, corpus, "--split", "rest"))["articles"] == 2


def _run(capsys, corpus, *args) -> str:
    assert main(["eval", str(corpus), "--pred", str(corpus / "attributions"), "--json", *args]) == 0
    return capsys.readouterr().out


def test_calibration_needs_the_annotators_own_run(corpus, capsys):
    assert main(["eval", str(corpus), "--pred", str(corpus / "attributions"), "--calibration"]) == 2
    assert "carry no confidence" in one_error_line(capsys)


def test_calibration_tenths_judge_only_those_with_thirty_quotes():
    quotes = [(0.95, n < 28) for n in range(30)] + [(0.55, n < 5) for n in range(30)] + [(0.15, True)] * 3 + [(1.0, True)]
    deciles = calibration(quotes)
    top, middle, low = deciles[9], deciles[5], deciles[1]
    assert (top.quotes, top.right, top.calibrated) == (31, 29, True)
    assert (middle.quotes, middle.calibrated) == (30, False)  # 0.17 right at 0.55
    assert (low.quotes, low.calibrated) == (3, None)


def test_the_chance_that_a_calibrated_annotator_misses_the_rule():
    """One tenth of 40 quotes at 0.5 misses when fewer than 16 or more than 24
    are right (binomial: 0.154); tenths under 30 quotes are not judged, and
    certain quotes never miss."""
    exact = sum(math.comb(40, right) for right in range(41) if abs(right / 40 - 0.5) > 0.1 + 1e-9) / 2 ** 40
    assert chance_of_a_miss([0.5] * 40) == pytest.approx(exact, abs=0.03)
    assert chance_of_a_miss([0.5] * 40) == chance_of_a_miss([0.5] * 40)  # seeded
    assert chance_of_a_miss([0.5] * 29) == 0.0
    assert chance_of_a_miss([1.0] * 100 + [0.0] * 100) == 0.0
    assert chance_of_a_miss([]) == 0.0
    # two judged tenths miss more often than one
    assert chance_of_a_miss([0.5] * 40 + [0.35] * 40) > chance_of_a_miss([0.5] * 40) + 0.03


def test_the_calibration_table_is_printed(corpus, nlp, monkeypatch, capsys):
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: nlp)
    assert main(["eval", str(corpus), "--calibration"]) == 0
    out = capsys.readouterr().out
    assert "calibration: each quote's confidence against whether it is right" in out
    assert re.search(r"0\.0 – 0\.1\s+\d+", out) and re.search(r"0\.9 – 1\.0\s+\d+", out)
    assert re.search(r"\d+ of \d+ tenths with at least 30 quotes are within 0\.1", out)
    assert re.search(r"a perfectly calibrated annotator has a tenth off by more than 0\.1\nin \d+% of samples", out)
