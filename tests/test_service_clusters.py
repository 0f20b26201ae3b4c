"""Root-cause clusters in the ticket service, on SQLite and PostgreSQL, with
the fake encoder and a root-cause model trained on it (service_fixtures):
the first fit, clusters on tickets, the list and one cluster (weekly counts,
keywords, examples, lift), rename across refits and restarts, merge, split,
roles and errors."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

from api.clusters import FIRST_FIT

NOW = datetime.now(timezone.utc)

# Project-written complaints (not real buyer text): the fake model labels all of them `damage`.
CRUSHED = ["the glass arrived broken and cracked, box crushed", "箱子压扁了，杯子碎了",
           "box crushed and the glass broken in transit", "杯子碎了，包装压坏了"]
LEAKED = ["the bottle leaked all over the box", "broken and leaking bottle, oil everywhere", "瓶子漏了，洒了一箱子"]


def tickets(prefix: str, texts: list[str], times: int, carrier: str, start: int = 0) -> list[dict]:
    return [{"external_id": f"{prefix}-{k}", "text": texts[k % len(texts)],
             "created_at": (NOW - timedelta(days=3 * k)).isoformat(),
             "order": {"carrier": carrier, "sku": f"SKU-{k % 2}", "country": "DE"}}
            for k in range(start, start + times)]


def post(client, items: list[dict]) -> list[dict]:  # type: ignore[no-untyped-def]
    response = client.post("/v1/tickets", json=items)
    assert response.status_code == 201, response.text
    return response.json()["items"]


def key(client, role: str, team: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    response = client.post("/v1/keys", json={"role": role, "team": team})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['key']}"}


def fitted(client) -> tuple[list[dict], list[dict]]:  # type: ignore[no-untyped-def]
    """12 crushed + 9 leaked damage complaints (over the first-fit threshold)."""
    crushed = post(client, tickets("crush", CRUSHED, 12, "CrushCo"))
    leaked = post(client, tickets("leak", LEAKED, 9, "DripPost"))
    return crushed, leaked


def cluster_of(client, ticket: dict) -> str:  # type: ignore[no-untyped-def]
    return client.get(f"/v1/tickets/{ticket['id']}").json()["clusters"]["damage"]


def test_first_fit_then_tickets_carry_clusters(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    first = post(c, tickets("crush", CRUSHED, FIRST_FIT - 1, "CrushCo"))
    assert all(t["clusters"] == {"damage": None} and t["cluster_id"] is None for t in first)
    assert c.get("/v1/clusters").json() == {"items": []}
    more = post(c, tickets("leak", LEAKED, 6, "DripPost"))  # the 20th complaint triggers the first fit
    assert all(t["clusters"]["damage"] for t in more)
    stored = c.get(f"/v1/tickets/{first[0]['id']}").json()
    assert stored["clusters"]["damage"] and stored["cluster_id"] == stored["clusters"]["damage"]
    queue = c.get("/v1/queue?limit=100").json()["items"]
    assert all(t["clusters"]["damage"] for t in queue)
    # an English and a Chinese complaint of the same cause (crushed in transit) share a cluster
    english, chinese = first[0], first[1]
    assert cluster_of(c, english) == cluster_of(c, chinese)
    assert cluster_of(c, english) != cluster_of(c, more[0])  # leaks apart
    items = c.get("/v1/clusters?label=damage").json()["items"]
    assert {i["id"] for i in items} >= {cluster_of(c, english), cluster_of(c, more[0])}
    assert c.get("/v1/clusters?label=late_delivery").json()["items"] == []
    crushed = next(i for i in items if i["id"] == cluster_of(c, english))
    assert crushed["size"] >= 15 and 0 < crushed["share"] <= 1 and crushed["label"] == "damage"
    assert crushed["name"] == "Broken or crushed in transit"
    assert len(crushed["weekly"]) == 12 and sum(w["count"] for w in crushed["weekly"]) == crushed["size"]
    assert all(datetime.fromisoformat(w["week"]).weekday() == 0 for w in crushed["weekly"])
    assert {e["language"] for e in crushed["examples"]} == {"en", "zh"} and len(crushed["examples"]) <= 6
    assert crushed["keywords"]["en"] and crushed["keywords"]["zh"]


def test_new_complaints_join_existing_clusters(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    crushed, _ = fitted(c)
    late = post(c, tickets("late-crush", CRUSHED, 2, "CrushCo", start=40))
    assert [t["clusters"]["damage"] for t in late] == [cluster_of(c, crushed[0])] * 2


def size_of(client, cluster_id: str) -> int:  # type: ignore[no-untyped-def]
    return client.get(f"/v1/clusters/{cluster_id}").json()["size"]


def test_label_corrections_move_complaints_between_clusters(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    crushed, _ = fitted(c)
    ticket, cid = crushed[0], cluster_of(c, crushed[0])
    size = size_of(c, cid)

    def correct(labels: list[str]) -> dict:
        response = c.patch(f"/v1/tickets/{ticket['id']}", json={"labels": labels})
        assert response.status_code == 200, response.text
        assert response.json()["clusters"] == c.get(f"/v1/tickets/{ticket['id']}").json()["clusters"]
        return response.json()

    both = correct(["damage", "wrong_item"])  # a label added: assigned with the stored vector
    assert set(both["clusters"]) == {"damage", "wrong_item"} and both["clusters"]["damage"] == cid
    assert both["cluster_id"] == cid and size_of(c, cid) == size

    moved = correct(["wrong_item"])  # damage taken away: the ticket leaves its damage cluster
    assert set(moved["clusters"]) == {"wrong_item"} and size_of(c, cid) == size - 1
    assert moved["cluster_id"] == moved["clusters"]["wrong_item"]
    assert all(e["ticket_id"] != ticket["id"] for e in c.get(f"/v1/clusters/{cid}").json()["examples"])

    none = correct(["other"])  # no complaint left: no vector stored for the ticket any more
    assert none["clusters"] == {} and none["cluster_id"] is None

    back = correct(["damage"])  # re-encoded from the stored text: back in the same cluster
    assert back["clusters"] == {"damage": cid} and size_of(c, cid) == size
    refit = c.post("/v1/clusters/refit")
    assert refit.status_code == 200 and cluster_of(c, ticket) == cid


def test_refit_lets_ingest_and_curation_go_on(make_client) -> None:  # type: ignore[no-untyped-def]
    """The fit runs outside the cluster lock: a ticket posted and a cluster
    renamed while it runs are not blocked, and neither is lost when it lands."""
    c = make_client()
    crushed, leaked = fitted(c)
    clusters = c.app.state.service.clusters
    fit = clusters.clusterer.fit
    during: list[dict] = []

    def post_during_fit(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = fit(*args, **kwargs)
        if not during:
            done = threading.Event()

            def other_client() -> None:
                during.extend(post(c, tickets("during", LEAKED, 1, "DripPost", start=60)))
                if len(during) == 1 and rename_too:
                    c.patch(f"/v1/clusters/{cluster_of(c, crushed[0])}", json={"name": "Renamed meanwhile"})
                done.set()

            threading.Thread(target=other_client, daemon=True).start()
            assert done.wait(60), "ingest was blocked while the refit was fitting"
        return result

    clusters.clusterer.fit = post_during_fit
    rename_too = False
    assert c.post("/v1/clusters/refit").status_code == 200
    assert cluster_of(c, during[0]) == cluster_of(c, leaked[0])  # stored meanwhile, assigned by the new fit
    assert c.get(f"/v1/clusters/{cluster_of(c, leaked[0])}").json()["size"] == 10

    during.clear()
    rename_too = True  # the clusters change during the fit: it is redone under the lock, the rename kept
    assert c.post("/v1/clusters/refit").status_code == 200
    assert c.get(f"/v1/clusters/{cluster_of(c, crushed[0])}").json()["name"] == "Renamed meanwhile"
    assert cluster_of(c, during[0]) == cluster_of(c, leaked[0])


def test_server_processes_share_cluster_changes(make_client) -> None:  # type: ignore[no-untyped-def]
    """Two apps on one database, as `triage serve --workers 2` runs them: each
    sees the other's curation, and neither overwrites it with its older state."""
    a = make_client()
    crushed, leaked = fitted(a)
    b = make_client()
    cid, other = cluster_of(a, crushed[0]), cluster_of(a, leaked[0])
    assert a.patch(f"/v1/clusters/{cid}", json={"name": "Renamed in A"}).status_code == 200
    assert b.get(f"/v1/clusters/{cid}").json()["name"] == "Renamed in A"
    merged = b.post("/v1/clusters/merge", json={"ids": [cid, other]})  # B changes A's newer state
    assert merged.status_code == 200 and merged.json()["name"] == "Renamed in A"
    after = post(a, tickets("after-merge", LEAKED, 1, "DripPost", start=80))  # A assigns with B's merge
    assert after[0]["clusters"]["damage"] == cid
    assert {i["id"] for i in a.get("/v1/clusters").json()["items"]} == {cid}
    restarted = make_client()
    assert restarted.get(f"/v1/clusters/{cid}").json()["name"] == "Renamed in A"
    assert restarted.get(f"/v1/clusters/{other}").status_code == 404


def test_lift_with_enough_support(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    crushed, _ = fitted(c)
    detail = c.get(f"/v1/clusters/{cluster_of(c, crushed[0])}").json()
    carriers = {r["value"]: r for r in detail["lift"]["carrier"]}
    assert set(carriers) == {"CrushCo"} and carriers["CrushCo"]["lift"] > 1 and carriers["CrushCo"]["count"] >= 5
    assert detail["lift"]["country"] == []  # every complaint is from DE: lift 1, not over-represented
    assert set(detail["lift"]) == {"sku", "carrier", "country", "marketplace"}


def test_rename_survives_refit_and_restart(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    crushed, _ = fitted(c)
    cid = cluster_of(c, crushed[0])
    renamed = c.patch(f"/v1/clusters/{cid}", json={"name": "Crushed by the courier"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Crushed by the courier"
    refit = c.post("/v1/clusters/refit")
    assert refit.status_code == 200 and refit.json()["clusters"] >= 2 and 0 <= refit.json()["unassigned_share"] <= 1
    assert cluster_of(c, crushed[0]) == cid
    assert c.get(f"/v1/clusters/{cid}").json()["name"] == "Crushed by the courier"
    again = make_client()  # a restart loads the latest state from the database
    assert again.get(f"/v1/clusters/{cid}").json()["name"] == "Crushed by the courier"


def test_merge_and_split(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    crushed, leaked = fitted(c)
    a, b = cluster_of(c, crushed[0]), cluster_of(c, leaked[0])
    merged = c.post("/v1/clusters/merge", json={"ids": [a, b], "name": "Broken or leaking"})
    assert merged.status_code == 200, merged.text
    assert merged.json()["id"] == a and merged.json()["name"] == "Broken or leaking" and merged.json()["size"] >= 21
    assert cluster_of(c, leaked[0]) == a
    assert b not in {i["id"] for i in c.get("/v1/clusters").json()["items"]}
    assert c.get(f"/v1/clusters/{b}").status_code == 404

    split = c.post(f"/v1/clusters/{a}/split", json={"parts": 2})
    assert split.status_code == 200, split.text
    parts = split.json()["items"]
    assert len(parts) == 2 and parts[0]["id"] == a and sum(p["size"] for p in parts) >= 15
    members = {cluster_of(c, t) for t in crushed + leaked}
    assert members <= {p["id"] for p in parts} | {None}
    too_many = c.post(f"/v1/clusters/{parts[1]['id']}/split", json={"parts": 6})
    assert too_many.status_code == 422 and too_many.json()["error"]["details"][0]["field"] == "parts"


def test_merge_errors(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    crushed, _ = fitted(c)
    a = cluster_of(c, crushed[0])
    unknown = c.post("/v1/clusters/merge", json={"ids": [a, "dmg-999"]})
    assert unknown.status_code == 404 and unknown.json()["error"]["details"][0]["field"] == "ids.1"
    same = c.post("/v1/clusters/merge", json={"ids": [a, a]})
    assert same.status_code == 422 and same.json()["error"]["details"][0]["field"] == "ids"
    short = c.post("/v1/clusters/merge", json={"ids": [a]})
    assert short.status_code == 422 and short.json()["error"]["code"] == "invalid_request"


def test_roles_and_not_found(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    crushed, _ = fitted(c)
    cid = cluster_of(c, crushed[0])
    agent = key(c, "agent", "warehouse_quality")
    analyst = key(c, "analyst")
    assert c.get("/v1/clusters", headers=agent).status_code == 200
    assert c.get(f"/v1/clusters/{cid}", headers=agent).status_code == 200
    # damage routes to warehouse_quality: that team's agent sees the examples, another team's agent none
    examples = c.get(f"/v1/clusters/{cid}", headers=agent).json()["examples"]
    assert examples and examples == c.get(f"/v1/clusters/{cid}").json()["examples"]
    other = key(c, "agent", "logistics")
    assert c.get(f"/v1/clusters/{cid}", headers=other).json()["examples"] == []
    assert all(i["examples"] == [] and i["size"] > 0 for i in c.get("/v1/clusters", headers=other).json()["items"])
    denied = c.patch(f"/v1/clusters/{cid}", json={"name": "x"}, headers=agent)
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
    assert c.post("/v1/clusters/refit", headers=agent).status_code == 403
    assert c.post(f"/v1/clusters/{cid}/split", json={"parts": 2}, headers=agent).status_code == 403
    assert c.patch(f"/v1/clusters/{cid}", json={"name": "Crushed"}, headers=analyst).status_code == 200
    missing = c.get("/v1/clusters/late-999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert c.patch("/v1/clusters/late-999", json={"name": "x"}).status_code == 404
    blank = c.patch(f"/v1/clusters/{cid}", json={"name": "   "})
    assert blank.status_code == 422 and blank.json()["error"]["details"][0]["field"] == "body.name"
    assert c.get("/v1/clusters?label=other").status_code == 422
    assert c.get("/v1/clusters", headers={"Authorization": "Bearer nope"}).status_code == 401


@pytest.mark.parametrize("setting", ["none"])
def test_clusters_off_without_a_root_cause_model(make_client, setting: str) -> None:  # type: ignore[no-untyped-def]
    c = make_client(cluster_model=setting)
    t = post(c, tickets("crush", CRUSHED, 1, "CrushCo"))[0]
    assert t["clusters"] == {} and t["cluster_id"] is None
    off = c.get("/v1/clusters")
    assert off.status_code == 404 and off.json()["error"]["code"] == "clusters_unavailable"


@pytest.mark.real_model
def test_bundled_models_cluster_chinese_and_english_together(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The service with the bundled model and root-cause model (use-m3): the same
    cause in Chinese, English and Spanish shares a cluster through the API."""
    from fastapi.testclient import TestClient

    from api.app import Settings, create_app
    from tests.service_fixtures import ADMIN
    from tests.test_clusters_real import WRITTEN

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'triage.db'}", admin_key=ADMIN)
    with TestClient(create_app(settings=settings)) as c:
        c.headers["Authorization"] = f"Bearer {ADMIN}"
        items = [{"external_id": f"w-{g}-{k}-{r}", "text": text}
                 for r in range(2) for g, (_, _, group) in enumerate(WRITTEN) for k, text in enumerate(group)]
        stored = {t["external_id"]: t for t in post(c, items)}
        assert sum(bool(t["clusters"]) for t in stored.values()) >= FIRST_FIT  # the first fit ran
        for g, (label, cause, _) in enumerate(WRITTEN):
            ids = {c.get(f"/v1/tickets/{stored[f'w-{g}-{k}-0']['id']}").json()["clusters"].get(label)
                   for k in range(3)}
            assert len(ids) == 1 and None not in ids, (cause, ids)
        listed = c.get("/v1/clusters").json()["items"]
        assert {"zh", "en", "es"} <= {e["language"] for i in listed for e in i["examples"]}
