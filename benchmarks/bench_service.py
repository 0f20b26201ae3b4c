"""Benchmarks of the ticket service on loopback, with the bundled model.

    python benchmarks/bench_service.py ingest [--rate 200] [--seconds 60] [--database-url URL]
    python benchmarks/bench_service.py queue  [--tickets 1000000] [--database-url URL]

`ingest` starts `triage serve` and sends single-ticket POSTs on a fixed
schedule (open loop: a slow answer does not slow the sender, and latency
counts from the scheduled send time), with real texts from ../shared/data.
`queue` fills the database with N tickets (real texts analysed once by the
model, repeated with other ids, dates and order facts), starts the server and
times GET /v1/queue?limit=50, with and without filters.
Both print the figures with the machine's core count and load. The default
database is a new SQLite file; pass a PostgreSQL URL to measure that.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRIAGE_SHARED_DATA", ROOT.parent / "shared" / "data"))
ADMIN = "bench-admin-key"
sys.path.insert(0, str(ROOT))


def machine() -> str:
    return f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start"


def real_texts(n: int, seed: int = 0) -> list[str]:
    texts = []
    for name in ("bench_en_unique.csv", "bench_zh_unique.csv"):
        with open(SHARED / name, encoding="utf-8-sig", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]
    random.Random(seed).shuffle(texts)
    return texts[:n]


def start_server(database_url: str, port: int, workers: int = 1) -> subprocess.Popen:
    env = {**os.environ, "TRIAGE_ADMIN_KEY": ADMIN, "TRIAGE_DATABASE_URL": database_url, "TRIAGE_RATE_LIMIT": "0",
           "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen([sys.executable, "-m", "triage.cli", "serve", "--port", str(port),
                                "--workers", str(workers)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def group_cpu_seconds(pid: int) -> float:
    """CPU time of a process and of the processes in its group (the server's workers)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pid:
                    total += cpu_seconds(int(entry.name))
            except (ProcessLookupError, FileNotFoundError, PermissionError):
                pass
    return total


def percentiles(latencies: list[float]) -> str:
    a = np.array(latencies) * 1000
    return (f"p50 {np.percentile(a, 50):.1f} ms, p95 {np.percentile(a, 95):.1f} ms, "
            f"p99 {np.percentile(a, 99):.1f} ms, max {a.max():.1f} ms")


# -- ingest -------------------------------------------------------------------------


class _Connections:
    """Keep-alive HTTP/1.1 connections to the server, written by hand so the load
    generator spends about 0.4 ms of CPU per request (httpx spent over 1 ms, on
    the same two cores as the server)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        request = (f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nAuthorization: Bearer {ADMIN}\r\n"
                   f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
        while self.idle:  # a kept-alive connection; the server closes those idle for 5 s
            reader, writer = conn = self.idle.pop()
            try:
                writer.write(request)
                status_line = await reader.readline()
            except ConnectionError:
                status_line = b""
            if status_line:
                return await self._finish(conn, status_line)
            writer.close()
        reader, writer = conn = await asyncio.open_connection(self.host, self.port)
        writer.write(request)
        return await self._finish(conn, await reader.readline())

    async def _finish(self, conn: tuple[asyncio.StreamReader, asyncio.StreamWriter],
                      status_line: bytes) -> tuple[int, bytes]:
        reader = conn[0]
        status = int(status_line.split()[1])
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        content = await reader.readexactly(length)
        self.idle.append(conn)
        return status, content

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


async def open_loop(url: str, rate: float, seconds: float, texts: list[str],
                    prefix: str = "bench") -> tuple[list[float], Counter, float]:
    """Send POST /v1/tickets on a fixed schedule; latency counts from the scheduled time."""
    host, port = url.removeprefix("http://").split(":")
    pool = _Connections(host, int(port))
    latencies: list[float] = []
    errors: Counter = Counter()

    async def one(i: int, due: float) -> None:
        body = json.dumps({"external_id": f"{prefix}-{i}", "text": texts[i % len(texts)], "channel": "review",
                           "marketplace": "amazon"}).encode()
        try:
            status, content = await asyncio.wait_for(pool.post("/v1/tickets", body), timeout=30)
            if status != 201:
                errors[f"{status} {content[:120]!r}"] += 1
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
            errors[type(exc).__name__] += 1
        latencies.append(time.perf_counter() - due)

    start = time.perf_counter() + 0.2
    n = int(rate * seconds)
    tasks = []
    for i in range(n):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, due)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    pool.close()
    return latencies, errors, elapsed


def bench_ingest(args: argparse.Namespace) -> None:
    texts = real_texts(20_000)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        process = start_server(url, args.port, args.server_workers)
        try:
            asyncio.run(open_loop(f"http://127.0.0.1:{args.port}", 20, 2, texts[-100:], "warm-up"))
            cpu_before, client_before = group_cpu_seconds(process.pid), time.process_time()
            latencies, errors, elapsed = asyncio.run(
                open_loop(f"http://127.0.0.1:{args.port}", args.rate, args.seconds, texts))
            server_cpu = group_cpu_seconds(process.pid) - cpu_before
            client_cpu = time.process_time() - client_before
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
    print(f"ingest on {url.split(':')[0]}, {args.server_workers} server process(es): "
          f"{len(latencies)} single-ticket POSTs scheduled at {args.rate}/s "
          f"for {args.seconds} s; done in {elapsed:.1f} s ({len(latencies) / elapsed:.0f}/s), "
          f"{sum(errors.values())} errors {dict(errors.most_common(3))}; "
          f"{percentiles(latencies)}; server CPU {server_cpu * 1000 / len(latencies):.1f} ms per POST "
          f"(load generator {client_cpu * 1000 / len(latencies):.1f} ms); {machine()}")


# -- queue --------------------------------------------------------------------------


def fill(database_url: str, n: int, seed: int = 0) -> None:
    import sqlalchemy as sa

    from api.db import make_engine, migrate, tickets
    from api.schemas import TicketIn
    from api.tickets import TicketService
    from triage.pipeline import Pipeline
    from triage.redaction import Redactor
    from triage.routing import Router
    from triage.urgency import UrgencyScorer, utcnow

    engine = make_engine(database_url)
    migrate(engine)
    with engine.connect() as conn:
        have = conn.execute(sa.select(sa.func.count()).select_from(tickets)).scalar() or 0
    if have >= n:
        print(f"database already holds {have} tickets")
        return
    started = time.time()
    sample = [TicketIn(external_id=f"t{i}", text=t) for i, t in enumerate(real_texts(2000, seed))]
    with tempfile.TemporaryDirectory() as scratch:  # template rows: the real texts ingested once, elsewhere
        scratch_engine = make_engine(f"sqlite:///{scratch}/templates.db")
        migrate(scratch_engine)
        service = TicketService(scratch_engine, Pipeline.load(), Router.from_file(), UrgencyScorer(), Redactor())
        templates = [row for row, _ in service.ingest(sample)]
        service.close()
        scratch_engine.dispose()
    print(f"analysed {len(templates)} real texts in {time.time() - started:.0f} s")
    rng = random.Random(seed)
    now = utcnow()
    markets = ["amazon", "aliexpress", "shopee", "taobao", "mercadolibre", None]
    batch = []
    for i in range(have, n):
        row = dict(templates[i % len(templates)])
        created = now - timedelta(minutes=rng.uniform(0, 60 * 24 * 90))
        row.update(external_id=f"fill-{i}", content_hash=f"{i:064d}", created_at=created.replace(tzinfo=None),
                   received_at=created.replace(tzinfo=None), updated_at=created.replace(tzinfo=None),
                   marketplace=rng.choice(markets), status="open" if rng.random() < 0.7 else "resolved",
                   order_value=round(rng.uniform(5, 500), 2) if rng.random() < 0.5 else None,
                   order_currency="USD")
        if rng.random() < 0.3:
            row["promised_by"] = (created - timedelta(days=rng.uniform(-5, 10))).replace(tzinfo=None)
        else:
            row["promised_by"] = None
        row.pop("id", None)
        row.pop("clusters", None)
        row.update(service._urgency_columns(row, now))
        batch.append(row)
        if len(batch) == 20_000:
            with engine.begin() as conn:
                conn.execute(tickets.insert(), batch)
            batch = []
            print(f"  {i + 1} tickets stored ({time.time() - started:.0f} s)", flush=True)
    if batch:
        with engine.begin() as conn:
            conn.execute(tickets.insert(), batch)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("ANALYZE tickets"))
    else:
        with engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))
    print(f"filled {n} tickets in {time.time() - started:.0f} s")


def bench_queue(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{args.sqlite_file or tmp + '/queue.db'}"
        fill(url, args.tickets)
        process = start_server(url, args.port, args.server_workers)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{args.port}",
                              headers={"Authorization": f"Bearer {ADMIN}"}, timeout=60) as client:
                t = time.perf_counter()
                client.get("/v1/queue?limit=50").raise_for_status()
                print(f"first call (re-scores every ticket whose urgency changed since it was stored): "
                      f"{(time.perf_counter() - t) * 1000:.0f} ms")
                for query in ("limit=50", "limit=50&team=logistics", "limit=50&label=damage",
                              "limit=50&language=zh", "limit=50&marketplace=amazon"):
                    latencies, cursor = [], None
                    for i in range(args.requests):
                        path = f"/v1/queue?{query}" + (f"&cursor={cursor}" if cursor and i % 2 else "")
                        t = time.perf_counter()
                        r = client.get(path)
                        latencies.append(time.perf_counter() - t)
                        r.raise_for_status()
                        cursor = r.json()["next_cursor"]
                    print(f"GET /v1/queue?{query} (every second call with a cursor), {args.requests} calls: "
                          f"{percentiles(latencies)}")
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
    print(f"{args.tickets} tickets on {url.split(':')[0]}; {machine()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("ingest", "queue"))
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    parser.add_argument("--sqlite-file", default=None, help="queue: keep the filled SQLite file here for reuse")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--server-workers", type=int, default=1, help="`triage serve --workers`")
    parser.add_argument("--rate", type=float, default=200.0, help="ingest: POSTs per second")
    parser.add_argument("--seconds", type=float, default=60.0, help="ingest: duration")
    parser.add_argument("--tickets", type=int, default=1_000_000, help="queue: tickets stored")
    parser.add_argument("--requests", type=int, default=300, help="queue: calls per query")
    args = parser.parse_args()
    bench_ingest(args) if args.what == "ingest" else bench_queue(args)


if __name__ == "__main__":
    main()
