"""Shared fixtures. Unit tests use a tiny deterministic fake encoder and a
head trained in a second on project-written sentences (below); tests marked
`real_model` use the bundled model; `shared_data` tests read ../shared/data
and skip when it is absent."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from triage.dataset import Example
from triage.encoders import load_encoder
from triage.head import MultiLabelHead
from triage.language import detect_language
from triage.pipeline import Pipeline, vectorize
from triage.training import save_pipeline, train
from triage.urgency_model import TextUrgencyModel

pytest_plugins = ["tests.service_fixtures"]

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("TRIAGE_SHARED_DATA", ROOT.parent / "shared" / "data"))

# Project-written training sentences for the fake model (not real buyer text).
TINY_TRAIN = [
    ("my parcel arrived three weeks late", ["late_delivery"]),
    ("still waiting, the order is very late", ["late_delivery"]),
    ("delivery was late again, slow courier", ["late_delivery"]),
    ("late late late, took a month", ["late_delivery"]),
    ("快递太慢了，等了三周才到", ["late_delivery"]),
    ("物流太慢，一周才到", ["late_delivery"]),
    ("the glass arrived broken and cracked", ["damage"]),
    ("box crushed, item broken on arrival", ["damage"]),
    ("screen cracked when it arrived, broken", ["damage"]),
    ("屏幕碎了，收到就是坏的", ["damage"]),
    ("杯子碎了，包装压坏了", ["damage"]),
    ("broken and leaking bottle", ["damage"]),
    ("wrong colour sent, I ordered black", ["wrong_item"]),
    ("received the wrong size instead of L", ["wrong_item"]),
    ("发错货了，颜色不对", ["wrong_item"]),
    ("少了一个配件，发错了", ["wrong_item"]),
    ("wrong item in the box, not what I ordered", ["wrong_item"]),
    ("late and broken, parcel crushed after a month", ["late_delivery", "damage"]),
    ("very late and the wrong size", ["late_delivery", "wrong_item"]),
    ("great product, love it", ["other"]),
    ("fast shipping, very happy", ["other"]),
    ("how do I reset my password", ["other"]),
    ("质量很好，很满意", ["other"]),
    ("价格便宜，推荐购买", ["other"]),
    ("nice colour and good value", ["other"]),
    ("customer service was friendly", ["other"]),
    ("works as described, five stars", ["other"]),
    ("客服态度很好", ["other"]),
]


# Project-written urgency grades (LABELS.md) for the fake model's urgency head.
TINY_URGENCY = [
    ("great product, love it", 0), ("fast shipping, very happy", 0), ("质量很好，很满意", 0),
    ("nice colour and good value", 0), ("works as described, five stars", 0), ("客服态度很好", 0),
    ("my parcel arrived three weeks late", 1), ("the glass arrived broken and cracked", 1),
    ("发错货了，颜色不对", 1), ("received the wrong size instead of L", 1), ("物流太慢，一周才到", 1),
    ("box crushed, item broken on arrival", 1),
    ("still waiting, the order is very late, send it now or refund me", 2),
    ("wrong colour sent, I want a replacement today", 2), ("屏幕碎了，马上给我退款", 2),
    ("broken and leaking bottle, refund please", 2), ("快递太慢了，等了三周才到，赶紧发货", 2),
    ("late late late, took a month, refund me", 2),
    ("third time I write, I will file a chargeback", 3), ("the charger caught fire and burned my hand", 3),
    ("第三次联系了，再不处理我就投诉到平台", 3), ("I will report you to my lawyer and leave one star", 3),
    ("收到的食物变质了，吃了以后肚子疼", 3), ("nobody answers, I am opening a dispute now", 3),
]


def tiny_examples() -> list[Example]:
    return [Example(id=str(i), text=t, labels=labels, language=detect_language(t))
            for i, (t, labels) in enumerate(TINY_TRAIN)]


@pytest.fixture(scope="session")
def fake_pipeline() -> Pipeline:
    """A fake-encoder model with a complaint head and an urgency head."""
    pipeline = train(tiny_examples(), load_encoder("fake:64"), head=MultiLabelHead(C=10.0, cv=3))
    texts = [t for t, _ in TINY_URGENCY]
    languages = [detect_language(t) for t in texts]
    _, dense = vectorize(pipeline.encoder, texts)
    features = pipeline.classifier.featurize(texts, languages, dense)
    pipeline.urgency = TextUrgencyModel(MultiLabelHead(C=10.0, cv=3, threshold_bounds=(0.2, 0.8))).fit(
        features, [g for _, g in TINY_URGENCY])
    return pipeline


@pytest.fixture(scope="session")
def fake_model_dir(tmp_path_factory: pytest.TempPathFactory, fake_pipeline: Pipeline) -> Path:
    folder = tmp_path_factory.mktemp("models") / "fake"
    save_pipeline(fake_pipeline, folder, metrics={})
    return folder


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"../shared/data not found at {SHARED_DATA}")
    return SHARED_DATA


PAIR_ZONE = [0.1, 0.9]


@pytest.fixture(scope="session")
def pair_dir(tmp_path_factory: pytest.TempPathFactory, fake_model_dir: Path) -> Path:
    """The fake model with a second opinion (zone PAIR_ZONE): another fake model (other encoder, weaker head)."""
    root = tmp_path_factory.mktemp("pair")
    second = train(tiny_examples(), load_encoder("fake:32"), head=MultiLabelHead(C=0.3, cv=3))
    save_pipeline(second, root / "second", metrics={})
    first = root / "first"
    shutil.copytree(fake_model_dir, first)
    config = json.loads((first / "config.json").read_text())
    config["second_opinion"] = {"model": "../second", "zone": PAIR_ZONE}
    (first / "config.json").write_text(json.dumps(config))
    return first
