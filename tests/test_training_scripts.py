"""The training scripts' own logic: retraining the label head keeps the
urgency head, and teacher labelling never picks evaluation or annotated texts."""

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import tiny_examples

from training.train_default import keep_urgency_head
from triage.classifier import ClassifierSettings
from triage.encoders import load_encoder
from triage.head import MultiLabelHead
from triage.pipeline import Pipeline
from triage.training import save_pipeline, train

DATA = Path(__file__).resolve().parents[1] / "training" / "data"


def retrained(embedding_weight: float = 1.0) -> Pipeline:
    return train(tiny_examples(), load_encoder("fake:64"), head=MultiLabelHead(C=1.0, cv=3),
                 settings=ClassifierSettings(embedding_weight=embedding_weight))


def test_retraining_keeps_the_urgency_head(fake_model_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(fake_model_dir, folder)
    (folder / "metrics.json").write_text(json.dumps({"urgency": {"examples": 24}}))
    pipeline, metrics = retrained(), {}
    assert pipeline.urgency is None
    assert keep_urgency_head(pipeline, folder, metrics)
    save_pipeline(pipeline, folder, metrics)
    reloaded = Pipeline.load(folder)
    assert reloaded.urgency is not None
    assert json.loads((folder / "metrics.json").read_text())["urgency"] == {"examples": 24}
    old = Pipeline.load(fake_model_dir).analyse(["third time I write, I will file a chargeback"])[0]
    new = reloaded.analyse(["third time I write, I will file a chargeback"])[0]
    assert new.urgency == old.urgency


def test_urgency_head_is_dropped_when_the_features_change(fake_model_dir: Path, tmp_path: Path) -> None:
    pipeline = retrained(embedding_weight=2.0)
    assert not keep_urgency_head(pipeline, fake_model_dir, {})
    assert pipeline.urgency is None
    assert not keep_urgency_head(retrained(), tmp_path / "missing", {})


@pytest.mark.shared_data
def test_teacher_pool_skips_evaluation_and_annotated_texts(shared_data: Path) -> None:
    from training.corpora import dev_gold
    from training.distill import EN_HINT, candidate_pool
    from training.weak_labels import load_annotations

    pool = candidate_pool(0, ("en_",), set(), EN_HINT)
    texts = {row["text"].strip() for row in pool}
    check = {json.loads(line)["text"].strip()
             for line in (DATA / "check" / "multilingual_check.jsonl").read_text().splitlines() if line.strip()}
    assert not texts & {row["text"].strip() for row in dev_gold()}
    assert not texts & check
    assert not {row["id"] for row in pool} & set(load_annotations())
    english = [row["corpus"].startswith("en_") for row in pool]
    assert english.index(False) == sum(english)  # all English texts first
    hinted = [bool(re.search(EN_HINT, row["text"])) for row in pool[: sum(english)]]
    assert 0 < hinted.index(False) == sum(hinted)  # complaint words first within them
    skipped = candidate_pool(0, ("en_",), {pool[0]["id"]}, EN_HINT)
    assert pool[0]["id"] not in {row["id"] for row in skipped} and len(skipped) == len(pool) - 1
