"""A model folder with a second opinion: unsure texts get the second model's
prediction, the others keep the first's; batch scoring in threads gives the
same records as one thread. Fake encoders, project-written texts."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import PAIR_ZONE, TINY_TRAIN
from triage.labels import COMPLAINT_LABELS
from triage.pipeline import Pipeline
from triage.scoring import score_file
from triage.second_opinion import SecondOpinion

# Project-written texts (not real buyer text), clear and borderline.
TEXTS = [t for t, _ in TINY_TRAIN] + [
    "the parcel came late", "it broke", "not the colour in the photo", "ok I guess",
    "arrived a bit slow but fine", "包装有点破", "颜色和图片不一样", "还行吧", "where is my order",
    "the lid was cracked and it came a week late", "five stars", "the size is wrong and it is late",
]


def scores(prediction) -> np.ndarray:
    return np.array([prediction.scores[label] for label in COMPLAINT_LABELS])


def in_zone(prediction) -> bool:
    """Whether any of the first model's probabilities is in the pair's zone."""
    return bool(((PAIR_ZONE[0] <= scores(prediction)) & (scores(prediction) < PAIR_ZONE[1])).any())


def test_unsure_texts_get_the_second_opinion_and_the_others_keep_the_first(pair_dir: Path) -> None:
    pair = Pipeline.load(pair_dir, second_opinion=True)
    alone = Pipeline.load(pair_dir)  # off unless asked for
    assert pair.second_opinion is not None and alone.second_opinion is None
    first = alone.analyse(TEXTS)
    both = pair.analyse(TEXTS)
    second = pair.second_opinion.predict([a.text for a in first], [a.language for a in first])
    unsure = [in_zone(a.prediction) for a in first]
    assert 0 < sum(unsure) < len(TEXTS), "the texts must cover both cases"
    for a, b, s, redo in zip(first, both, second, unsure):
        assert b.prediction == (s if redo else a.prediction), a.text
        assert b.language == a.language and np.array_equal(b.embedding, a.embedding)  # vectors stay the first's
    assert any(s != a.prediction for a, s, redo in zip(first, second, unsure) if redo), "the models must differ"


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_scoring_applies_the_second_opinion_in_input_order(tmp_path, pair_dir: Path, workers: int) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(TEXTS * 3)), encoding="utf-8")
    score_file(source, out, model_dir=pair_dir, workers=workers, batch_size=4, second_opinion=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = Pipeline.load(pair_dir, second_opinion=True).analyse(TEXTS * 3)
    assert [r["id"] for r in records] == [str(i) for i in range(len(TEXTS) * 3)]
    assert [r["labels"] for r in records] == [a.prediction.labels for a in expected]
    assert [r["scores"] for r in records] == [a.prediction.scores for a in expected]


def test_the_second_encoder_loads_only_when_an_unsure_text_comes(pair_dir: Path) -> None:
    alone = Pipeline.load(pair_dir)
    sure = [t for t in TEXTS if not in_zone(alone.analyse([t])[0].prediction)]
    unsure = [t for t in TEXTS if t not in sure]
    assert sure and unsure
    pair = Pipeline.load(pair_dir, second_opinion=True)
    assert pair.second_opinion is not None and pair.second_opinion.spec == "fake:32"
    pair.analyse(sure)
    assert pair.second_opinion._encoder is None, "sure texts must not load the second encoder"
    pair.analyse(unsure[:1])
    assert pair.second_opinion._encoder is not None


@pytest.mark.parametrize("workers", [1, 2])
def test_cluster_labels_unlabelled_rows_with_the_second_opinion(tmp_path, pair_dir: Path, workers: int) -> None:
    from triage.cluster_file import ClusterJobStats, read_complaints

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(TEXTS)), encoding="utf-8")
    found = {}
    for second_opinion in (True, False):
        items, errors = read_complaints(source, None, pair_dir, 4, workers, None, ClusterJobStats(),
                                        second_opinion=second_opinion)
        assert not errors
        found[second_opinion] = sorted((it.id, it.label) for it in items)
    for second_opinion, pipeline in ((True, Pipeline.load(pair_dir, second_opinion=True)),
                                     (False, Pipeline.load(pair_dir))):
        expected = sorted((str(i), label) for i, a in enumerate(pipeline.analyse(TEXTS))
                          for label in a.prediction.labels if label in COMPLAINT_LABELS)
        assert found[second_opinion] == expected
    assert found[True] != found[False], "the second opinion must change some labels"


def test_a_bad_second_opinion_entry_is_named(tmp_path, fake_model_dir: Path) -> None:
    with pytest.raises(ValueError, match="has no second opinion"):
        Pipeline.load(fake_model_dir, second_opinion=True)
    with pytest.raises(FileNotFoundError, match="second-opinion model at .*nowhere"):
        SecondOpinion.load({"model": "../nowhere", "zone": PAIR_ZONE}, fake_model_dir)
    with pytest.raises(ValueError, match="zone must be 0 <= low < high <= 1"):
        SecondOpinion.load({"model": ".", "zone": [0.9, 0.1]}, fake_model_dir)


def test_cli_and_service_settings_turn_it_on(pair_dir: Path, capsys, monkeypatch) -> None:
    from api.app import Settings
    from triage.cli import main

    pair, alone = Pipeline.load(pair_dir, second_opinion=True), Pipeline.load(pair_dir)
    text = next(t for t in TEXTS if pair.analyse([t])[0].prediction != alone.analyse([t])[0].prediction)
    assert main(["classify", "--json", "--model", str(pair_dir), "--second-opinion", text]) == 0
    assert json.loads(capsys.readouterr().out)["scores"] == pair.analyse([text])[0].prediction.scores
    assert main(["classify", "--json", "--model", str(pair_dir), text]) == 0
    assert json.loads(capsys.readouterr().out)["scores"] == alone.analyse([text])[0].prediction.scores
    for value, expected in (("1", True), ("0", False), ("", False)):
        monkeypatch.setenv("TRIAGE_SECOND_OPINION", value)
        assert Settings.from_env().second_opinion is expected


def test_health_names_the_second_opinion(pair_dir: Path, tmp_path) -> None:
    from fastapi.testclient import TestClient

    from api.app import Settings, create_app

    for second_opinion, expected in ((True, "fake:32"), (False, None)):
        settings = Settings(database_url=f"sqlite:///{tmp_path}/h{second_opinion}.db", admin_key="k",
                            cluster_model="none")
        app = create_app(pipeline=Pipeline.load(pair_dir, second_opinion=second_opinion), settings=settings)
        with TestClient(app) as client:
            assert client.get("/health").json()["second_opinion"] == expected
