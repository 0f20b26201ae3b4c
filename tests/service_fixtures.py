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

ADMIN = "test-admin-key"
POSTGRES_URL = os.environ.get("TRIAGE_TEST_POSTGRES_URL")


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
def make_client(fake_pipeline, database_url: str) -> Iterator[Callable[..., TestClient]]:  # type: ignore[no-untyped-def]
    """make_client(**settings) -> a started TestClient on this test's database."""
    clients: list[TestClient] = []

    def make(**overrides) -> TestClient:  # type: ignore[no-untyped-def]
        settings = Settings(database_url=database_url, admin_key=ADMIN, **overrides)
        client = TestClient(create_app(pipeline=fake_pipeline, settings=settings))
        client.__enter__()
        client.headers["Authorization"] = f"Bearer {ADMIN}"
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
