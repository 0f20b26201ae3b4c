"""The web pages' server side (no browser): the routes under /ui, the assets
shipped in the package with no outside reference, and GET /v1/me."""

from __future__ import annotations

import re

from api.web import PAGES, UI_DIR


def test_pages_and_assets_are_served(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    assert c.get("/ui", follow_redirects=False).headers["location"] == "/ui/queue"
    for path, script in [("/ui/signin", "signin.js"), ("/ui/queue", "queue.js"), ("/ui/tickets/42", "ticket.js"),
                         ("/ui/clusters", "clusters.js"), ("/ui/dashboard", "dashboard.js")]:
        r = c.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
        assert f"/ui/static/{script}" in r.text
        assert c.get(f"/ui/static/{script}").status_code == 200
    assert c.get("/ui/static/style.css").headers["content-type"].startswith("text/css")
    assert c.get("/ui/tickets/not-a-number").status_code == 422
    assert c.get("/ui/static/nothing.js").status_code == 404


def test_pages_reference_nothing_outside_the_service() -> None:
    """No CDN: every page and module names only files under /ui/static or relative modules."""
    files = [UI_DIR / name for name in PAGES.values()] + sorted((UI_DIR / "static").iterdir())
    for path in files:
        text = path.read_text(encoding="utf-8")
        for ref in re.findall(r'(?:src|href)="([^"]+)"', text) + re.findall(r'from "([^"]+)"', text):
            assert ref.startswith(("/ui/", "./", "#")), f"{path.name} refers to {ref}"
        # The only absolute URL allowed is the SVG namespace name, which is never fetched.
        urls = set(re.findall(r"https?://[^\s\"'`]+", text)) - {"http://www.w3.org/2000/svg"}
        assert not urls, f"{path.name} names {urls}"


def test_me_names_the_role_and_team(make_client) -> None:  # type: ignore[no-untyped-def]
    c = make_client()
    assert c.get("/v1/me").json() == {"name": "admin-key", "role": "admin", "team": None}
    key = c.post("/v1/keys", json={"role": "agent", "team": "logistics"}).json()["key"]
    me = c.get("/v1/me", headers={"Authorization": f"Bearer {key}"}).json()
    assert me["role"] == "agent" and me["team"] == "logistics" and me["name"].startswith("key:")
    assert c.get("/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401
