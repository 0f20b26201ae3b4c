"""The service's cluster endpoints at scale: prints figures, asserts nothing.

    python benchmarks/bench_service_clusters.py [--complaints 100000] [--clusters 200] [--url URL]

Fills a database (default: a temporary SQLite file) with N tickets, one
complaint each, spread over 12 weeks, 4 carriers, 20 SKUs, 3 complaint
labels and C clusters (a synthetic cluster state: random centroids, each
complaint stored in the cluster of its label nearest to its random vector;
texts are project-written sentences with a varying word). Then times, in
process (ClusterService, as the endpoints call it): the list of one label
cold (keywords and examples computed) and warm (cached), the list of all
labels, one cluster with its lift, a rename (state saved, cache dropped),
the assignment of a batch of 64 new complaints inside an insert
transaction (as ingest does, the text vectors given), and with --refit a
refit on everything stored (random vectors: the timing, not the clusters)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from api.clusters import ClusterService  # noqa: E402
from api.db import cluster_states, make_engine, migrate, ticket_complaints, tickets  # noqa: E402
from triage.clustering import Cluster, ClusterState  # noqa: E402
from triage.labels import COMPLAINT_LABELS  # noqa: E402
from triage.root_causes import ROOT_CAUSES, RootCauseModel  # noqa: E402

DIM = 512
# Project-written sentence templates (not real buyer text).
TEXTS = {
    "en": "the {w} arrived {x} and the box was a mess, please help",
    "zh": "收到的{w}{x}了，包装很差，请处理",
    "es": "el {w} llegó {x} y la caja estaba rota, ayuda por favor",
}
WORDS = {"en": ["glass", "lamp", "phone", "bottle", "vase", "kettle", "shirt", "cup"],
         "zh": ["杯子", "台灯", "手机", "瓶子", "花瓶", "水壶", "衬衫", "碗"],
         "es": ["vaso", "lámpara", "teléfono", "botella", "jarrón", "hervidor", "camisa", "taza"]}
STATES = {"en": ["broken", "late", "wrong", "cracked", "leaking"], "zh": ["碎", "晚到", "发错", "裂", "漏"],
          "es": ["roto", "tarde", "equivocado", "rajado", "derramado"]}


def unit(m: np.ndarray) -> np.ndarray:
    return m / np.linalg.norm(m, axis=-1, keepdims=True)


def fill(engine: sa.Engine, n: int, n_clusters: int, rng: np.random.Generator) -> ClusterState:
    state = ClusterState(settings={"seed": 0})
    centroids: dict[str, tuple[list[str], np.ndarray]] = {}
    for k, label in enumerate(COMPLAINT_LABELS):
        count = n_clusters // len(COMPLAINT_LABELS) + (k < n_clusters % len(COMPLAINT_LABELS))
        causes = sorted(ROOT_CAUSES[label])
        C = unit(rng.normal(size=(count, DIM))).astype(np.float32)
        ids = [state.new_id(label) for _ in range(count)]
        for j, cid in enumerate(ids):
            state.clusters[cid] = Cluster(cid, label, [causes[j % len(causes)]], C[j].tolist(), origin="pool")
        centroids[label] = (ids, C)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    languages = list(TEXTS)
    with engine.begin() as conn:
        for start in range(0, n, 5000):
            size = min(5000, n - start)
            rows, labels, langs = [], [], []
            for i in range(start, start + size):
                lang = languages[i % 3]
                text = TEXTS[lang].format(w=WORDS[lang][rng.integers(8)], x=STATES[lang][rng.integers(5)])
                created = now - timedelta(minutes=int(rng.integers(0, 60 * 24 * 84)))
                label = COMPLAINT_LABELS[i % len(COMPLAINT_LABELS)]
                rows.append({
                    "external_id": f"b-{i}", "content_hash": f"{i:064d}", "text": text, "channel": "message",
                    "marketplace": ["amazon", "shopee", "taobao"][i % 3], "created_at": created, "received_at": created,
                    "updated_at": created, "carrier": f"carrier-{rng.integers(4)}", "country": "DE",
                    "sku": f"SKU-{rng.integers(20)}", "language": lang, "labels": f"|{label}|",
                    "model_labels": f"|{label}|", "scores": {}, "evidence": [], "signals": [], "needs_review": False,
                    "truncated": False, "team": "general", "status": "open", "earlier_contacts": 0,
                    "urgency_score": 1.0, "urgency_grade": 0})
                labels.append(label)
                langs.append(lang)
            conn.execute(tickets.insert(), rows)
            ids = [r[0] for r in conn.execute(sa.select(tickets.c.id).where(
                tickets.c.external_id.in_([r["external_id"] for r in rows])).order_by(tickets.c.id))]
            E = unit(rng.normal(size=(size, DIM))).astype(np.float32)
            complaints = []
            for ticket_id, row, label, e in zip(ids, rows, labels, E):
                cids, C = centroids[label]
                complaints.append({"ticket_id": ticket_id, "label": label, "cluster_id": cids[int(np.argmax(C @ e))],
                                   "cause": "x", "confidence": 0.9, "embedding": e.tobytes(),
                                   **{f: row[f] for f in ("created_at", "sku", "carrier", "country", "marketplace")}})
            conn.execute(ticket_complaints.insert(), complaints)
        conn.execute(cluster_states.insert().values(created_at=now, state=state.to_dict()))
    return state


def timed(name: str, call, repeat: int = 1) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    print(f"{name}: {1000 * min(times):.0f} ms (best of {repeat})" if repeat > 1 else
          f"{name}: {1000 * times[0]:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--clusters", type=int, default=200)
    parser.add_argument("--refit", action="store_true", help="also time POST /v1/clusters/refit (all complaints)")
    parser.add_argument("--url", default=None, help="an EMPTY database (default: a temporary SQLite file)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; {args.complaints} complaints, "
          f"{args.clusters} clusters")
    folder = tempfile.mkdtemp()
    engine = make_engine(args.url or f"sqlite:///{folder}/bench.db")
    print(f"database: {engine.dialect.name}")
    migrate(engine)
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    fill(engine, args.complaints, args.clusters, rng)
    print(f"fill: {time.perf_counter() - start:.1f} s")
    model = RootCauseModel.load()
    start = time.perf_counter()
    service = ClusterService(engine, model)
    print(f"start-up (load state and pool): {1000 * (time.perf_counter() - start):.0f} ms")
    label = "damage"
    timed(f"GET /v1/clusters?label={label} cold (keywords, examples)", lambda: service.clusters(label))
    timed(f"GET /v1/clusters?label={label} warm", lambda: service.clusters(label), repeat=5)
    service.clusters()  # warm the other labels
    timed("GET /v1/clusters (all labels) warm", lambda: service.clusters(), repeat=5)
    some = next(cid for cid, c in service.state.clusters.items() if c.label == label)  # type: ignore[union-attr]
    timed(f"GET /v1/clusters/{some} (with lift)", lambda: service.cluster(some), repeat=5)
    timed(f"PATCH /v1/clusters/{some} (rename: state saved)", lambda: service.rename(some, "bench"))
    timed(f"GET /v1/clusters?label={label} after the rename", lambda: service.clusters(label))

    class Analysis:  # what complaints_from_analysis reads from a pipeline Analysis
        def __init__(self, text: str, language: str, label: str, embedding: np.ndarray) -> None:
            self.text, self.language, self.embedding = text, language, embedding
            self.prediction = type("P", (), {"labels": [label]})()

    def ingest_batch() -> None:
        with service.transaction(), engine.begin() as conn:
            rows, analyses = [], []
            for k in range(64):
                lang = list(TEXTS)[k % 3]
                text = TEXTS[lang].format(w=WORDS[lang][k % 8], x=STATES[lang][k % 5])
                now = datetime.now(timezone.utc).replace(tzinfo=None)
                row = {"external_id": f"new-{time.perf_counter_ns()}-{k}", "content_hash": "0" * 64, "text": text,
                       "channel": "message", "created_at": now, "received_at": now, "updated_at": now,
                       "language": lang, "labels": f"|{label}|", "model_labels": f"|{label}|", "scores": {},
                       "evidence": [], "signals": [], "needs_review": False, "truncated": False, "team": "general",
                       "status": "open", "earlier_contacts": 0, "urgency_score": 1.0, "urgency_grade": 0}
                row["id"] = conn.execute(tickets.insert().values(**row)).inserted_primary_key[0]
                rows.append(row)
                analyses.append(Analysis(text, lang, label, unit(rng.normal(size=DIM)).astype(np.float32)))
            service.add(conn, rows, analyses)

    timed("ingest: 64 tickets inserted + complaints assigned, one transaction", ingest_batch, repeat=3)
    print(f"pool in memory: {len(service.state.outliers)} complaints")  # type: ignore[union-attr]
    if args.refit:
        timed("POST /v1/clusters/refit (root-cause model on every stored complaint)", service.refit)


if __name__ == "__main__":
    main()
