"""`story-explorer train`: the model rebuilt from a corpus, byte for byte the
same from the same corpus, never from held-out articles; and the model's
file format read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.annotate.heldout import held_out_names
from explorer.annotate.learned import AttributionModel, LogisticModel, ModelError, shipped_model
from explorer.annotate.logistic import fit_logistic
from explorer.cli import main

SPEAKERS = ["Ana Ruiz", "Tom Blake", "Mia Chen", "Lee Park", "Sam Ortiz", "Kim Ford", "Ben Wu"]


def article(number: int) -> tuple[str, str]:
    """An article with two reported-speech attributions and a distractor, and its brat gold."""
    speaker, other = SPEAKERS[number % 7], SPEAKERS[(number + 3) % 7]
    first = f"{speaker} said that the bridge would reopen in May."
    second = f"{other} argued that the repairs cost too much."
    text = f"Bridge {number} reopens\n\n{first}\n\n{second} The crews painted the rails in {number + 2} days.\n"
    lines: list[str] = []
    for event, (sentence, name, cue) in enumerate(((first, speaker, "said"), (second, other, "argued")), 1):
        at = text.index(sentence)
        content = sentence[sentence.index("that"):-1]
        parts = [("Source", at, name), ("Cue", at + sentence.index(cue), cue),
                 ("Content", at + sentence.index("that"), content), ("Attribution", at + sentence.index(cue), cue)]
        first_t = 4 * (event - 1) + 1
        for offset, (label, start, covered) in enumerate(parts):
            lines.append(f"T{first_t + offset}\t{label} {start} {start + len(covered)}\t{covered}")
        lines.append(f"E{event}\tAttribution:T{first_t + 3} Content:T{first_t + 2} Cue:T{first_t + 1} Source:T{first_t}")
    return text, "\n".join(lines) + "\n"


def write_training_corpus(folder: Path, articles: int) -> Path:
    """A corpus of `articles` articles (`article`) in PolNeAR's layout, in `folder`."""
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    for number in range(articles):
        text, ann = article(number)
        (folder / "text" / f"paper_{number:02d}.txt").write_text(text, encoding="utf-8")
        (folder / "attributions" / f"paper_{number:02d}_x.ann").write_text(ann, encoding="utf-8")
    return folder


@pytest.fixture
def training_corpus(tmp_path: Path) -> Path:
    return write_training_corpus(tmp_path, 10)


def test_train_writes_a_model_that_reads_back_and_the_same_twice(training_corpus, nlp, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: nlp)
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["train", str(training_corpus), "-o", str(first), "--cache", str(tmp_path / "docs.spacy")]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {first}: ")
    assert main(["train", str(training_corpus), "-o", str(second), "--cache", str(tmp_path / "docs.spacy")]) == 0
    assert first.read_bytes() == second.read_bytes()
    model = AttributionModel.from_json(first.read_text(encoding="utf-8"))
    assert model.about["articles"] == 10 and 0 < model.threshold < 1
    assert model.cues.weights["lemma=say"] > 0


def test_held_out_articles_are_never_trained_on(training_corpus, nlp, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: nlp)
    held = sorted(held_out_names())[:3]
    for name in held:
        text, ann = article(0)
        (training_corpus / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (training_corpus / "attributions" / f"{name}_x.ann").write_text(ann, encoding="utf-8")
    assert main(["train", str(training_corpus), "-o", str(tmp_path / "m.json")]) == 0
    assert AttributionModel.from_json((tmp_path / "m.json").read_text(encoding="utf-8")).about["articles"] == 10


def test_a_corpus_too_small_is_one_line(tmp_path, nlp, monkeypatch, capsys):
    monkeypatch.setattr("explorer.annotate.pipeline.load_pipeline", lambda model=None: nlp)
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    text, ann = article(1)
    (tmp_path / "text" / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "one.ann").write_text(ann, encoding="utf-8")
    assert main(["train", str(tmp_path), "-o", str(tmp_path / "m.json")]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == "story-explorer train: 1 articles: training needs at least 5"


def test_the_shipped_model_loads_and_says_what_it_was_trained_on():
    model = shipped_model()
    assert model.about["articles"] > 600 and "held-out" in model.about["corpus"]
    assert len(model.cues.weights) > 1000 and model.confidence.weights


@pytest.mark.parametrize("text", ["", "{}", '{"format": 2}', '{"format": 1, "threshold": "x"}', "[1]"])
def test_a_model_file_that_is_not_one_is_one_line(text):
    with pytest.raises(ModelError) as error:
        AttributionModel.from_json(text)
    assert "\n" not in str(error.value)


def test_logistic_fit_learns_a_separable_feature_and_drops_rare_ones():
    rows = [["bias", "good"]] * 20 + [["bias", "bad"]] * 20 + [["bias", "once"]]
    labels = [1] * 20 + [0] * 20 + [1]
    weights = fit_logistic(rows, labels)
    assert weights["good"] > 2 and weights["bad"] < -2 and "once" not in weights
    assert LogisticModel(weights).probability(["bias", "good"]) > 0.9
