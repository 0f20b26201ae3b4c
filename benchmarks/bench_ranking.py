"""Ranking quality of the ticket queue: the texts of ../shared/data/dev_gold.jsonl
posted as tickets (no order facts) to the service with the bundled model, the
queue read in order, and NDCG@50 against the gold urgency grades (gain
2^grade - 1), overall and per language.

    python benchmarks/bench_ranking.py [--second-opinion]

`--second-opinion` runs the service with the model's second opinion
(`triage serve --second-opinion`), which changes some labels and so the order.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRIAGE_SHARED_DATA", ROOT.parent / "shared" / "data"))
sys.path.insert(0, str(ROOT))


def queue_order(gold: list[dict], database_url: str, second_opinion: bool = False) -> list[str]:
    """Post the gold texts as tickets and return their external ids in queue order."""
    from fastapi.testclient import TestClient

    from api.app import Settings, create_app

    app = create_app(settings=Settings(database_url=database_url, admin_key="bench", rate_limit=0,
                                       second_opinion=second_opinion))
    order: list[str] = []
    with TestClient(app) as client:
        client.headers["Authorization"] = "Bearer bench"
        tickets = [{"external_id": r["id"], "text": r["text"]} for r in gold]
        for start in range(0, len(tickets), 100):
            client.post("/v1/tickets", json=tickets[start : start + 100]).raise_for_status()
        cursor = None
        while True:
            page = client.get("/v1/queue", params={"limit": 200, **({"cursor": cursor} if cursor else {})}).json()
            order += [t["external_id"] for t in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                return order


def main() -> None:
    from triage.evaluate import ndcg_at_k

    second_opinion = "--second-opinion" in sys.argv[1:]
    gold = [json.loads(line) for line in (SHARED / "dev_gold.jsonl").read_text(encoding="utf-8").splitlines()]
    random.Random(0).shuffle(gold)  # the queue must not profit from the file's order
    with tempfile.TemporaryDirectory() as tmp:
        order = queue_order(gold, f"sqlite:///{tmp}/ranking.db", second_opinion)
    grade = {r["id"]: int(r["urgency"]) for r in gold}
    assert sorted(order) == sorted(grade), "the queue lost or repeated tickets"
    rank_score = [-i for i in range(len(order))]
    results = {"all": round(ndcg_at_k(rank_score, [grade[i] for i in order], 50), 4)}
    for lang in sorted({r["lang"] for r in gold}):
        ids = {r["id"] for r in gold if r["lang"] == lang}
        sub = [i for i in order if i in ids]
        results[lang] = round(ndcg_at_k([-k for k in range(len(sub))], [grade[i] for i in sub], 50), 4)
    print(json.dumps({"dev_gold_queue_ndcg@50": results, "tickets": len(order)}))


if __name__ == "__main__":
    main()
