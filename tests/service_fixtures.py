"""Fixtures for tests of the ticket service: an app on SQLite and, where
$TRIAGE_TEST_POSTGRES_URL is set (scripts/test.sh starts a server and sets
it), on PostgreSQL too; each test gets an empty database."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.app import Settings, create_app
from api.db import make_engine, metadata
from triage.language import detect_language
from triage.pipeline import vectorize
from triage.root_causes import RootCauseModel

ADMIN = "test-admin-key"
POSTGRES_URL = os.environ.get("TRIAGE_TEST_POSTGRES_URL")


# Project-written sentences (not real buyer text) with their root causes, for
# the fake-encoder root-cause model the service tests cluster with.
CAUSE_SEEDS = [
    ("the courier was so slow, parcel stuck in transit for weeks", "late_delivery", "slow_transit"),
    ("tracking stuck at the hub, courier slow", "late_delivery", "slow_transit"),
    ("物流太慢了，快递在路上走了两周", "late_delivery", "slow_transit"),
    ("快递太慢，物流一直不更新", "late_delivery", "slow_transit"),
    ("seller took ten days to ship my order", "late_delivery", "slow_dispatch"),
    ("the seller shipped late, dispatch took a week", "late_delivery", "slow_dispatch"),
    ("卖家发货太慢，拖了十天才发货", "late_delivery", "slow_dispatch"),
    ("商家迟迟不发货", "late_delivery", "slow_dispatch"),
    ("box crushed and the glass broken in transit", "damage", "transit_damage"),
    ("the glass arrived broken and cracked, box crushed", "damage", "transit_damage"),
    ("箱子压扁了，杯子碎了", "damage", "transit_damage"),
    ("杯子碎了，包装压坏了", "damage", "transit_damage"),
    ("the bottle leaked all over the box", "damage", "leak_or_spill"),
    ("broken and leaking bottle, oil everywhere", "damage", "leak_or_spill"),
    ("汤洒了一袋子", "damage", "leak_or_spill"),
    ("瓶子漏了，洒了一箱子", "damage", "leak_or_spill"),
    ("received size M instead of L, wrong colour", "wrong_item", "wrong_variant"),
    ("wrong colour sent, I ordered black", "wrong_item", "wrong_variant"),
    ("发错颜色了，我要的是黑色", "wrong_item", "wrong_variant"),
    ("发错货了，颜色不对", "wrong_item", "wrong_variant"),
    ("the charger was missing from the box", "wrong_item", "missing_items"),
    ("少了一个配件，发错了", "wrong_item", "missing_items"),
]


@pytest.fixture(scope="session")
def fake_cause_model(fake_pipeline) -> RootCauseModel:  # type: ignore[no-untyped-def]
    """A root-cause model on the fake encoder's vectors (the bundled one reads use-m3's)."""
    texts = [t for t, _, _ in CAUSE_SEEDS]
    embeddings, _ = vectorize(fake_pipeline.encoder, texts)
    return RootCauseModel(encoder_spec=fake_pipeline.encoder.spec).fit(
        texts, [detect_language(t) for t in texts], embeddings, [{label: cause} for _, label, cause in CAUSE_SEEDS])


@pytest.fixture(scope="session")
def fake_cluster_model_dir(tmp_path_factory: pytest.TempPathFactory, fake_cause_model: RootCauseModel) -> Path:
    folder = tmp_path_factory.mktemp("models") / "clusters"
    fake_cause_model.save(folder)
    return folder


def _empty_postgres(url: str) -> str:
    engine = make_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return url


def database_params() -> list:
    params = [pytest.param("sqlite", id="sqlite")]
    if POSTGRES_URL or os.environ.get("TRIAGE_REQUIRE_POSTGRES"):
        params.append(pytest.param("postgresql", id="postgresql"))
    return params


@pytest.fixture(params=database_params())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'triage.db'}"
    if not POSTGRES_URL:
        pytest.fail("TRIAGE_REQUIRE_POSTGRES is set but TRIAGE_TEST_POSTGRES_URL is not")
    return _empty_postgres(POSTGRES_URL)


@pytest.fixture
def make_client(fake_pipeline, fake_cause_model, database_url: str) -> Iterator[Callable[..., TestClient]]:  # type: ignore[no-untyped-def]
    """make_client(**settings) -> a started TestClient on this test's database,
    with root-cause clusters on the fake encoder."""
    clients: list[TestClient] = []

    def make(**overrides) -> TestClient:  # type: ignore[no-untyped-def]
        overrides.setdefault("urgency_refresh_seconds", 0)  # no background re-scoring: queue reads re-score
        settings = Settings(database_url=database_url, admin_key=ADMIN, **overrides)
        client = TestClient(create_app(pipeline=fake_pipeline, settings=settings, cluster_model=fake_cause_model))
        client.__enter__()
        client.headers["Authorization"] = f"Bearer {ADMIN}"
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
