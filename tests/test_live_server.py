"""The real server process (`triage serve`, uvicorn) on loopback: schema-driven
fuzzing with schemathesis, and durability: killing the server with SIGKILL,
or restarting PostgreSQL, loses no accepted ticket."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
ADMIN = "live-admin-key"
POSTGRES_RESTART = os.environ.get("TRIAGE_TEST_POSTGRES_RESTART")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, model_dir: Path, database_url: str, log: Path, cluster_model: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.model_dir, self.database_url, self.log = model_dir, database_url, log
        self.cluster_model = cluster_model  # a root-cause model for the fake encoder: clusters on
        self.process: subprocess.Popen | None = None

    def start(self) -> Server:
        env = {**os.environ, "TRIAGE_ADMIN_KEY": ADMIN, "TRIAGE_DATABASE_URL": self.database_url,
               "TRIAGE_RATE_LIMIT": "0", "TRIAGE_CLUSTER_MODEL": str(self.cluster_model or "none")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "triage.cli", "serve", "--port", str(self.port), "--model", str(self.model_dir)],
            cwd=ROOT, env=env, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("server did not start in 120 s")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {ADMIN}"}, timeout=30)


@pytest.fixture
def server(fake_model_dir: Path, fake_cluster_model_dir: Path, database_url: str, tmp_path: Path) -> Iterator[Server]:
    s = Server(fake_model_dir, database_url, tmp_path / "server.log", fake_cluster_model_dir).start()
    yield s
    s.kill()


def post_many(client: httpx.Client, n: int, prefix: str) -> list[int]:
    ids = []
    for i in range(n):
        r = client.post("/v1/tickets", json={"external_id": f"{prefix}-{i}", "text": f"parcel {i} arrived late"})
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids


def test_sigkill_loses_no_accepted_ticket(server: Server) -> None:
    with server.client() as c:
        ids = post_many(c, 30, "k")
    server.kill()  # SIGKILL right after the last 201
    server.start()
    with server.client() as c:
        for ticket_id in ids:
            assert c.get(f"/v1/tickets/{ticket_id}").status_code == 200
        assert len(c.get("/v1/queue?limit=200").json()["items"]) == 30


@pytest.mark.skipif(not POSTGRES_RESTART and not os.environ.get("TRIAGE_REQUIRE_POSTGRES"),
                    reason="needs the test suite's own PostgreSQL server (scripts/test.sh)")
def test_postgres_restart_loses_no_accepted_ticket(fake_model_dir: Path, fake_cluster_model_dir: Path,
                                                   tmp_path: Path) -> None:
    from tests.service_fixtures import POSTGRES_URL, _empty_postgres

    assert POSTGRES_URL and POSTGRES_RESTART, "scripts/test.sh sets both"
    server = Server(fake_model_dir, _empty_postgres(POSTGRES_URL), tmp_path / "server.log",
                    fake_cluster_model_dir).start()
    try:
        with server.client() as c:
            ids = post_many(c, 20, "pg")
            subprocess.run(shlex.split(POSTGRES_RESTART), cwd=ROOT, check=True)
            # The pool's connections died with the database server; pre-ping replaces them.
            ids += post_many(c, 5, "pg-after")
            for ticket_id in ids:
                assert c.get(f"/v1/tickets/{ticket_id}").status_code == 200
    finally:
        server.kill()


def test_schemathesis_finds_no_server_error(server: Server, tmp_path: Path) -> None:
    """Every operation in /openapi.json, fuzzed; any 5xx or schema violation fails."""
    cli = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(
        [str(cli), "run", f"{server.url}/openapi.json", "-H", f"Authorization: Bearer {ADMIN}",
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                     "response_schema_conformance",
         "--max-examples", "40", "--seed", "1", "--request-timeout", "30"],
        capture_output=True, text=True, cwd=tmp_path, timeout=1200)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
