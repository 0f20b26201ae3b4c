"""The web pages under /ui: static HTML, one small JS module per page, one CSS
file, all shipped inside the package (no CDN, nothing fetched at run time).
The pages call the JSON API with the API key the user signed in with; the
server only hands out the files."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

UI_DIR = Path(__file__).resolve().parent / "ui"
PAGES = {"signin": "signin.html", "queue": "queue.html", "ticket": "ticket.html",
         "clusters": "clusters.html", "dashboard": "dashboard.html"}
# The files change only with a release; a short cache keeps reloads fast
# without serving stale pages for long after an upgrade.
CACHE = {"Cache-Control": "max-age=300"}


def _page(name: str) -> FileResponse:
    return FileResponse(UI_DIR / PAGES[name], media_type="text/html", headers=CACHE)


def mount_ui(app: FastAPI) -> None:
    """Add /ui (sign-in), /ui/queue, /ui/tickets/{id}, /ui/clusters,
    /ui/dashboard and the assets under /ui/static to `app`."""
    app.mount("/ui/static", StaticFiles(directory=UI_DIR / "static"), name="ui-static")

    @app.get("/ui", include_in_schema=False)
    def ui_root() -> RedirectResponse:
        return RedirectResponse("/ui/queue")

    @app.get("/ui/signin", include_in_schema=False)
    def signin() -> FileResponse:
        return _page("signin")

    @app.get("/ui/queue", include_in_schema=False)
    def queue() -> FileResponse:
        return _page("queue")

    @app.get("/ui/tickets/{ticket_id}", include_in_schema=False)
    def ticket(ticket_id: int) -> FileResponse:
        return _page("ticket")

    @app.get("/ui/clusters", include_in_schema=False)
    def clusters() -> FileResponse:
        return _page("clusters")

    @app.get("/ui/dashboard", include_in_schema=False)
    def dashboard() -> FileResponse:
        return _page("dashboard")
