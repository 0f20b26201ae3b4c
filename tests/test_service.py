"""The ticket service over HTTP, on SQLite and PostgreSQL: ingest, idempotency,
auth and roles, corrections, the ranked queue, limits, redaction, metrics."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Iterator

import pytest
import sqlalchemy as sa

NOW = datetime.now(timezone.utc)


def ticket(external_id: str, text: str, **extra) -> dict:  # type: ignore[no-untyped-def]
    return {"external_id": external_id, "text": text, **extra}


def key(client, role: str, team: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    response = client.post("/v1/keys", json={"role": role, "team": team})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['key']}"}


def test_post_one_ticket(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    body = ticket("zd-1", "my parcel arrived three weeks late", channel="review", marketplace="Amazon",
                  customer={"id": "c1", "tier": "vip"},
                  order={"id": "o1", "value": 120.5, "currency": "usd", "carrier": "DHL", "country": "DE",
                         "sku": "SKU-1", "promised_by": (NOW - timedelta(days=3)).isoformat()})
    response = c.post("/v1/tickets", json=body)
    assert response.status_code == 201, response.text
    t = response.json()
    assert t["labels"] == ["late_delivery"] and t["team"] == "logistics" and t["status"] == "open"
    assert t["language"] == "en" and set(t["scores"]) == {"late_delivery", "damage", "wrong_item"}
    assert 0 <= t["urgency"]["score"] <= 100 and t["urgency"]["grade"] in (0, 1, 2, 3)
    factors = {r["factor"] for r in t["urgency"]["reasons"]}
    assert {"days_late", "customer_tier", "order_value", "defect:late_delivery"} <= factors
    assert t["order"]["currency"] == "USD" and t["marketplace"] == "amazon"
    assert t["evidence"] and all(t["text"][e["start"]:e["end"]] == e["text"] for e in t["evidence"])
    assert c.get(f"/v1/tickets/{t['id']}").json()["external_id"] == "zd-1"


def test_subject_spans_point_into_their_field(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    t = c.post("/v1/tickets", json=ticket("s-1", "the glass arrived broken and cracked",
                                          subject="third time asking!")).json()
    for span in t["evidence"] + t["signals"]:
        assert t[span["field"]][span["start"]:span["end"]] == span["text"]
    assert any(s["field"] == "subject" and s["signal"] == "repeated_contact" for s in t["signals"])


@pytest.mark.parametrize("subject, read", [
    ("Order 123", None), ("RE: Fwd: Order no. 5", None), ("订单号：123456", None), ("Commande n°123", None),
    ("Question about my order", None), ("Damaged item", "Damaged item"), ("Where is my parcel?", "Where is my parcel?"),
    ("third time asking!", "third time asking!"), (None, None),
])
def test_a_subject_that_only_refers_to_an_order_is_not_read(subject, read) -> None:  # type: ignore[no-untyped-def]
    from api.db import analysed_text, model_subject

    assert model_subject(subject) == read
    assert analysed_text("the glass arrived broken", subject) == (f"{read}\nthe glass arrived broken" if read
                                                                  else "the glass arrived broken")


def test_spans_point_into_the_text_when_the_subject_is_not_read(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    t = c.post("/v1/tickets", json=ticket("s-2", "the glass arrived broken and cracked",
                                          subject="Order #405-1234")).json()
    assert t["subject"] == "Order #405-1234" and t["evidence"]
    for span in t["evidence"] + t["signals"]:
        assert span["field"] == "text" and t["text"][span["start"]:span["end"]] == span["text"]


def test_repeats_and_conflicts_by_external_id(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    first = c.post("/v1/tickets", json=ticket("dup", "wrong colour sent, I ordered black"))
    again = c.post("/v1/tickets", json=ticket("dup", "wrong colour sent, I ordered black"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    other = c.post("/v1/tickets", json=ticket("dup", "something else entirely"))
    assert other.status_code == 409 and other.json()["error"]["code"] == "duplicate_external_id"


def test_idempotency_key(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    body = [ticket("i-1", "box crushed, item broken on arrival"), ticket("i-2", "great product, love it")]
    first = c.post("/v1/tickets", json=body, headers={"Idempotency-Key": "batch-7"})
    again = c.post("/v1/tickets", json=body, headers={"Idempotency-Key": "batch-7"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    changed = c.post("/v1/tickets", json=body[:1], headers={"Idempotency-Key": "batch-7"})
    assert changed.status_code == 409 and changed.json()["error"]["code"] == "idempotency_key_reused"


def test_bulk_is_all_or_nothing(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    bad = [ticket("b-1", "late late late"), ticket("b-2", "   ")]
    response = c.post("/v1/tickets", json=bad)
    assert response.status_code == 422 and response.json()["error"]["details"][0]["field"] == "1.text"
    assert c.get("/v1/queue").json()["items"] == []
    clash = [ticket("b-3", "late"), ticket("b-3", "broken")]
    assert c.post("/v1/tickets", json=clash).status_code == 409
    ok = c.post("/v1/tickets", json=[ticket(f"b-{i}", "发错货了，颜色不对") for i in range(10, 15)])
    assert ok.status_code == 201 and len(ok.json()["items"]) == 5


@pytest.mark.parametrize("body, status, field", [
    ({"external_id": "x"}, 422, "body"),
    (ticket("x", "x" * 20_001), 422, "text"),
    (ticket("x", "ok", channel="fax"), 422, "channel"),
    (ticket("x", "ok", created_at="2026-01-01T00:00:00"), 422, "created_at"),  # no time zone
    (ticket("x", "ok", order={"value": -3}), 422, "value"),
    (ticket("x", "ok", order={"currency": "dollars"}), 422, "currency"),
    (ticket("x", "ok", colour="red"), 422, "colour"),
    ([ticket(f"x{i}", "ok") for i in range(501)], 422, "body"),
])
def test_invalid_tickets_name_the_field(make_client, body, status, field) -> None:  # type: ignore[no-untyped-def]
    response = make_client().post("/v1/tickets", json=body)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert any(field in d["field"] for d in error["details"]), error


def test_body_size_limit(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client(max_body_bytes=10_000)
    response = c.post("/v1/tickets", json=ticket("big", "x" * 15_000))
    assert response.status_code == 413 and response.json()["error"]["code"] == "body_too_large"
    chunked = c.post("/v1/tickets", content=iter([b'[{"external_id": "big", "text": "', b"x" * 6_000,
                                                   b"x" * 6_000, b'"}]']),
                     headers={"Content-Type": "application/json"})  # no Content-Length
    assert chunked.status_code == 413 and chunked.json()["error"]["code"] == "body_too_large"
    small = c.post("/v1/tickets", content=iter([b'[{"external_id": "small", "text": "', b"box crushed", b'"}]']),
                   headers={"Content-Type": "application/json"})
    assert small.status_code == 201, small.text


def test_auth_and_roles(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    late = c.post("/v1/tickets", json=ticket("a-1", "still waiting, the order is very late")).json()
    broken = c.post("/v1/tickets", json=ticket("a-2", "the glass arrived broken and cracked")).json()
    logistics, analyst = key(c, "agent", "logistics"), key(c, "analyst")

    no_auth = c.get("/v1/queue", headers={"Authorization": ""})
    assert no_auth.status_code == 401 and no_auth.json()["error"]["code"] == "unauthorized"
    assert c.get("/v1/queue", headers={"Authorization": "Bearer trk_00000000_nope"}).status_code == 401
    assert c.post("/v1/tickets", json=ticket("a-3", "hi"), headers=analyst).status_code == 403
    assert c.post("/v1/keys", json={"role": "admin"}, headers=logistics).status_code == 403
    assert c.post("/v1/keys", json={"role": "agent"}).status_code == 422  # an agent needs a team

    # An agent sees its own team's tickets only; analysts see all.
    assert c.get(f"/v1/tickets/{late['id']}", headers=logistics).status_code == 200
    assert c.get(f"/v1/tickets/{broken['id']}", headers=logistics).status_code == 403
    assert c.patch(f"/v1/tickets/{broken['id']}", json={"status": "resolved"}, headers=logistics).status_code == 403
    assert {t["id"] for t in c.get("/v1/queue", headers=logistics).json()["items"]} == {late["id"]}
    assert c.get("/v1/queue?team=warehouse_quality", headers=logistics).status_code == 403
    assert len(c.get("/v1/queue", headers=analyst).json()["items"]) == 2


def test_corrections_are_kept_as_feedback_and_survive_a_restart(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    t = c.post("/v1/tickets", json=ticket("f-1", "the glass arrived broken and cracked")).json()
    agent = key(c, "agent", t["team"])
    response = c.patch(f"/v1/tickets/{t['id']}", headers=agent,
                       json={"labels": ["wrong_item", "damage"], "assignee": "mei", "status": "pending"})
    assert response.status_code == 200, response.text
    assert response.json()["labels"] == ["damage", "wrong_item"]
    assert response.json()["model_labels"] == t["labels"]
    bad = c.patch(f"/v1/tickets/{t['id']}", json={"labels": ["other", "damage"]})
    assert bad.status_code == 422

    restarted = make_client()  # a new app on the same database
    stored = restarted.get(f"/v1/tickets/{t['id']}").json()
    assert (stored["labels"], stored["assignee"], stored["status"]) == (["damage", "wrong_item"], "mei", "pending")
    items = restarted.get("/v1/feedback").json()["items"]
    assert len(items) == 1
    fb = items[0]
    assert fb["labels_before"] == t["labels"] and fb["labels_after"] == ["damage", "wrong_item"]
    assert fb["author"].startswith("key:") and fb["text"] == t["text"]


def test_correction_reroutes(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    t = c.post("/v1/tickets", json=ticket("r-1", "great product, love it")).json()
    assert t["team"] == "general"
    moved = c.patch(f"/v1/tickets/{t['id']}", json={"labels": ["late_delivery"]}).json()
    assert moved["team"] == "logistics"
    assert any(r["factor"] == "defect:late_delivery" for r in moved["urgency"]["reasons"])


def test_queue_is_ranked_filtered_and_paged(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    texts = ["great product, love it", "my parcel arrived three weeks late",
             "third time I write, I will file a chargeback", "the glass arrived broken and cracked",
             "发错货了，颜色不对", "fast shipping, very happy", "nobody answers, I am opening a dispute now"]
    posted = c.post("/v1/tickets", json=[ticket(f"q-{i}", t) for i, t in enumerate(texts * 3)]).json()["items"]
    page = c.get("/v1/queue?limit=4").json()
    scores = [t["urgency"]["score"] for t in page["items"]]
    assert scores == sorted(scores, reverse=True)
    assert page["items"][0]["urgency"]["grade"] >= 2
    seen = [t["id"] for t in page["items"]]
    while page["next_cursor"]:
        page = c.get(f"/v1/queue?limit=4&cursor={page['next_cursor']}").json()
        seen += [t["id"] for t in page["items"]]
    assert sorted(seen) == sorted(t["id"] for t in posted)  # every ticket once
    zh = c.get("/v1/queue?language=zh").json()["items"]
    assert zh and all(t["language"] == "zh" for t in zh)
    damage = c.get("/v1/queue?label=damage").json()["items"]
    assert damage and all("damage" in t["labels"] for t in damage)
    c.patch(f"/v1/tickets/{posted[0]['id']}", json={"status": "resolved"})
    assert posted[0]["id"] not in {t["id"] for t in c.get("/v1/queue?limit=200").json()["items"]}
    assert c.get("/v1/queue?cursor=garbage").status_code == 422


def test_rate_limit(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client(rate_limit=1.0)  # burst of 2
    statuses = [c.get("/v1/queue").status_code for _ in range(3)]
    assert statuses[:2] == [200, 200] and statuses[2] == 429
    limited = c.get("/v1/queue")
    assert int(limited.headers["Retry-After"]) >= 1 and limited.json()["error"]["code"] == "rate_limited"


def test_personal_data_is_redacted_before_storage(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    t = c.post("/v1/tickets", json=ticket("p-1", "late again, mail me at jo@example.com or +44 20 7946 0958",
                                          subject="card 4111 1111 1111 1111")).json()
    assert "jo@example.com" not in t["text"] and "[email]" in t["text"] and "[phone]" in t["text"]
    assert t["subject"] == "card [card]"
    kept = make_client(redact="none").post("/v1/tickets", json=ticket("p-2", "write to jo@example.com")).json()
    assert "jo@example.com" in kept["text"]


def test_metrics_and_health(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    c.post("/v1/tickets", json=ticket("m-1", "late late late"))
    c.get("/v1/queue")
    text = c.get("/metrics").text
    assert 'triage_http_requests_total{method="POST",route="/v1/tickets",status="201"} 1.0' in text
    assert "triage_tickets_ingested_total" in text
    assert c.get("/health").json()["status"] == "ok"
    paths = c.get("/openapi.json").json()["paths"]
    assert {"/v1/tickets", "/v1/tickets/{ticket_id}", "/v1/queue", "/v1/classify", "/metrics"} <= set(paths)


@contextmanager
def clocked_service(fake_pipeline, database_url) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    """A TicketService whose clock the test moves: (service, clock dict, engine)."""
    from api.db import make_engine, migrate
    from api.tickets import TicketService
    from triage.redaction import Redactor
    from triage.routing import Router
    from triage.urgency import UrgencyScorer

    clock = {"now": NOW}
    engine = make_engine(database_url)
    migrate(engine)
    service = TicketService(engine, fake_pipeline, Router.from_file(), UrgencyScorer(), Redactor(),
                            clock=lambda: clock["now"])
    try:
        yield service, clock, engine
    finally:
        service.close()
        engine.dispose()


def test_tickets_climb_as_their_deadline_nears(fake_pipeline, database_url) -> None:  # type: ignore[no-untyped-def]
    """Ranking happens at query time: with the clock moved on, a ticket whose
    response deadline came closer is re-scored and overtakes one that did not."""
    from api.auth import Principal
    from api.schemas import TicketIn
    from api.tickets import QueueFilter

    with clocked_service(fake_pipeline, database_url) as (service, clock, _):
        text = "my parcel arrived three weeks late"
        service.ingest([TicketIn(external_id="amazon", text=text, marketplace="amazon", created_at=NOW),
                        TicketIn(external_id="valuable", text=text, marketplace="othershop", created_at=NOW,
                                 order={"value": 500, "currency": "USD"})])
        admin = Principal("test", "admin")
        first, _ = service.queue(QueueFilter(), admin, 10, None)
        assert [t["external_id"] for t in first] == ["valuable", "amazon"]  # order value counts first

        clock["now"] = NOW + timedelta(hours=25)  # amazon's 24 h have passed; othershop gives 48 h
        assert service.refresh_due() >= 1
        later, _ = service.queue(QueueFilter(), admin, 10, None)
        assert [t["external_id"] for t in later] == ["amazon", "valuable"]
        assert later[0]["urgency_score"] > first[1]["urgency_score"]
        reasons = service.to_public(later[0])["urgency"]["reasons"]
        assert any(r["factor"] == "deadline" and "passed" in r["description"] for r in reasons)


def test_background_refresher_rescores_without_queue_reads(fake_pipeline, database_url) -> None:  # type: ignore[no-untyped-def]
    """The refresher thread re-scores a ticket whose deadline passed with no request at all."""
    import time

    from api.db import tickets
    from api.schemas import TicketIn

    with clocked_service(fake_pipeline, database_url) as (service, clock, engine):
        [(row, _)] = service.ingest([TicketIn(external_id="amazon", text="my parcel arrived three weeks late",
                                              marketplace="amazon", created_at=NOW)])

        def stored_score() -> float:
            with engine.connect() as conn:
                return conn.execute(sa.select(tickets.c.urgency_score).where(tickets.c.id == row["id"])).scalar_one()

        before = stored_score()
        clock["now"] = NOW + timedelta(hours=25)  # amazon's 24 h response deadline has passed
        service.start_refresher(0.05)
        deadline = time.monotonic() + 30
        while stored_score() == before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert stored_score() > before


def test_weekly_stats_and_order_defect_rate(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    monday = (NOW - timedelta(days=NOW.weekday())).replace(hour=12, minute=0, second=0, microsecond=0)
    last_week = monday - timedelta(days=7)
    tickets = [
        ticket("w1", "the glass arrived broken and cracked", created_at=last_week.isoformat(), order={"id": "A"}),
        ticket("w2", "great product, love it", created_at=last_week.isoformat(), order={"id": "B"}),
        ticket("w3", "great product, love it", created_at=last_week.isoformat(), order={"id": "A"}),
        ticket("w4", "my parcel arrived three weeks late", created_at=monday.isoformat()),
    ]
    assert c.post("/v1/tickets", json=tickets).status_code == 201
    weeks = c.get("/v1/stats/weekly?weeks=4").json()["weeks"]
    by_week = {w["week"]: w for w in weeks}
    old, new = by_week[last_week.date().isoformat()], by_week[monday.date().isoformat()]
    assert (old["tickets"], old["complaints"], old["labels"]["damage"]) == (3, 1, 1)
    assert (old["orders"], old["defective_orders"], old["order_defect_rate"]) == (2, 1, 0.5)
    assert (new["tickets"], new["labels"]["late_delivery"], new["orders"], new["order_defect_rate"]) == (1, 1, 0, None)
    agent = key(c, "agent", "logistics")
    mine = c.get("/v1/stats/weekly?weeks=4", headers=agent).json()["weeks"]
    assert sum(w["tickets"] for w in mine) == 1
