"""The bundled default model (real encoder): loads offline, classifies
project-written texts in many languages, and reproduces its recorded figures."""

import json
from pathlib import Path

import numpy as np
import pytest

from triage.labels import COMPLAINT_LABELS
from triage.pipeline import DEFAULT_MODEL_DIR, Pipeline
from triage.training import evaluate_pipeline

pytestmark = pytest.mark.real_model

# Project-written, unambiguous texts (not real buyer text).
CLEAR_CASES = [
    ("快递太慢了，等了三个星期才收到", ["late_delivery"]),
    ("My order still hasn't arrived after 20 days", ["late_delivery"]),
    ("The box was crushed and the glass inside was broken", ["damage"]),
    ("屏幕碎了，收到就是坏的", ["damage"]),
    ("I ordered size L but received size M", ["wrong_item"]),
    ("发错货了，我要的是黑色，给我发了白色", ["wrong_item"]),
    ("Great product, works perfectly, highly recommend", ["other"]),
    ("质量很好，性价比高，推荐购买", ["other"]),
]


def assert_check_set_figure(pipeline: Pipeline, metrics_file, key: str) -> None:
    """Evaluating on the check set again gives the micro-F1 recorded at training time."""
    from triage.dataset import load_examples

    recorded = json.loads(metrics_file.read_text())[key]
    check = Path(__file__).resolve().parents[1] / "training" / "data" / "check" / "multilingual_check.jsonl"
    report = evaluate_pipeline(pipeline, load_examples([check]))
    assert report["micro_f1"] == pytest.approx(recorded["micro_f1"], abs=1e-3)
    assert report["per_language"].keys() == recorded["per_language"].keys()


@pytest.fixture(scope="module")
def bundled() -> Pipeline:
    return Pipeline.load()


def test_bundled_model_is_self_describing() -> None:
    config = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text())
    assert config["encoder"] == "use-m3"
    assert (DEFAULT_MODEL_DIR / "README.md").is_file()
    assert (DEFAULT_MODEL_DIR / "metrics.json").is_file()


@pytest.mark.parametrize(("text", "labels"), CLEAR_CASES)
def test_clear_cases(bundled: Pipeline, text: str, labels: list[str]) -> None:
    (result,) = bundled.analyse([text])
    assert result.prediction.labels == labels
    for label in labels:
        if label != "other":
            assert result.prediction.evidence[label], "a predicted label comes with evidence"


def test_check_set_figures_are_reproduced(bundled: Pipeline) -> None:
    """metrics.json was written at training time; evaluating again must give the same figures."""
    assert_check_set_figure(bundled, DEFAULT_MODEL_DIR / "metrics.json", "multilingual_check")


@pytest.mark.shared_data
def test_dev_gold_figures_are_reproduced(bundled: Pipeline, shared_data) -> None:
    from triage.dataset import Example
    from triage.labels import normalise_labels

    recorded = json.loads((DEFAULT_MODEL_DIR / "metrics.json").read_text())["dev_gold"]
    rows = [json.loads(line) for line in (shared_data / "dev_gold.jsonl").read_text().splitlines() if line]
    examples = [Example(r["id"], r["text"], normalise_labels(r["labels"]), r["lang"]) for r in rows]
    report = evaluate_pipeline(bundled, examples)
    assert report["micro_f1"] == pytest.approx(recorded["micro_f1"], abs=1e-3)
    assert report["n"] == len(rows)


@pytest.fixture(scope="module")
def e5_bundled(tmp_path_factory):
    """The bundled fine-tuned e5-small model, its encoder built into a temporary cache."""
    pytest.importorskip("sentence_transformers")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRIAGE_CACHE_DIR", str(tmp_path_factory.mktemp("e5-cache")))
        yield Pipeline.load(DEFAULT_MODEL_DIR.parent / "e5-small-ft")


def test_e5_model_rebuilds_from_its_delta_and_reproduces_its_figures(e5_bundled: Pipeline) -> None:
    folder = DEFAULT_MODEL_DIR.parent / "e5-small-ft"
    assert e5_bundled.encoder.spec == f"e5-small:{folder.resolve()}"
    for text, labels in CLEAR_CASES:
        assert e5_bundled.analyse([text])[0].prediction.labels == labels, text
    assert_check_set_figure(e5_bundled, folder / "metrics.json", "multilingual_check")


@pytest.fixture(scope="module")
def paired(tmp_path_factory):
    """The bundled model with its second opinion (the fine-tuned e5-small in
    int8), built into a temporary cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRIAGE_CACHE_DIR", str(tmp_path_factory.mktemp("pair-cache")))
        yield Pipeline.load(second_opinion=True)


def test_second_opinion_reproduces_its_figures(paired: Pipeline) -> None:
    config = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text())["second_opinion"]
    assert (DEFAULT_MODEL_DIR / config["model"]).resolve() == (DEFAULT_MODEL_DIR.parent / "e5-small-ft").resolve()
    assert paired.second_opinion is not None and paired.second_opinion.spec.startswith("e5-small-int8:")
    for text, labels in CLEAR_CASES:
        assert paired.analyse([text])[0].prediction.labels == labels, text
    assert_check_set_figure(paired, DEFAULT_MODEL_DIR / "metrics.json", "multilingual_check_second_opinion")


def test_second_opinion_labels_a_text_the_same_alone_or_in_a_batch(paired: Pipeline, bundled: Pipeline) -> None:
    """The int8 encoder scales activations per batch; the second opinion encodes
    each text on its own, so its neighbours cannot change its prediction."""
    check = Path(__file__).resolve().parents[1] / "training" / "data" / "check" / "multilingual_check.jsonl"
    texts = [json.loads(line)["text"] for line in check.read_text(encoding="utf-8").splitlines()[::3]]
    assert paired.second_opinion is not None
    first = [a.prediction for a in bundled.analyse(texts)]
    routed = paired.second_opinion.unsure(np.array([[p.scores[label] for label in COMPLAINT_LABELS] for p in first]))
    assert routed.sum() >= 10, "the texts must reach the second model"
    together = [a.prediction for a in paired.analyse(texts)]
    assert together == [paired.analyse([t])[0].prediction for t in texts]


def test_second_opinion_is_off_unless_asked_for(bundled: Pipeline) -> None:
    assert bundled.second_opinion is None
