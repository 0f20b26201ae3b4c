"""`create_app()`: the FastAPI application. The model, the database engine,
the routing rules and the urgency weights load once at start-up; every
endpoint maps a request to one call of api.tickets.TicketService."""


import gc
import hashlib
import json
import logging
import os
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, AsyncIterator, Callable

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from threadpoolctl import threadpool_limits

from triage.env import env_flag
from triage.pipeline import DEFAULT_MODEL_DIR, InvalidTextError, Pipeline, clean_text
from triage.redaction import Redactor
from triage.root_causes import RootCauseModel
from triage.routing import Router
from triage.scoring import analysis_record
from triage.urgency import UrgencyScorer, UrgencyWeights

from . import schemas as s
from .auth import KeyCreationError, KeyStore, Principal, create_key
from .clusters import ClusterService, compatible
from .db import database_url, idempotency_keys, make_engine, migrate
from .metrics import Metrics, MetricsAndLimits
from .ratelimit import RateLimiter, retry_after
from .stats import since_weeks, weekly
from .tickets import QueueFilter, ServiceError, TicketService, _aware, _naive, content_hash
from .web import mount_ui

log = logging.getLogger("triage.api")


@dataclass
class Settings:
    """Start-up settings; `from_env` reads the TRIAGE_* variables (README: Configuration)."""

    database_url: str | None = None
    admin_key: str | None = None
    routing_rules: str | None = None
    urgency_config: str | None = None
    redact: str | None = None  # "email,phone,card" (default all) or "none"
    rate_limit: float = 500.0  # requests per second per key; 0 disables
    max_body_bytes: int = 16 * 1024 * 1024
    model_threads: int = 1
    second_opinion: bool = False  # also run the model's second model on unsure texts (triage/second_opinion.py)
    ingest_threads: int = 0  # threads classifying posted tickets at once; 0: cores / server processes
    cluster_model: str | None = None  # root-cause model folder (default models/clusters); "none" disables
    urgency_refresh_seconds: float = 30.0  # background re-scoring of time-dependent urgency; 0: off

    @classmethod
    def from_env(cls) -> "Settings":
        env = os.environ
        return cls(
            database_url=env.get("TRIAGE_DATABASE_URL"),
            admin_key=env.get("TRIAGE_ADMIN_KEY") or None,
            routing_rules=env.get("TRIAGE_ROUTING_RULES"),
            urgency_config=env.get("TRIAGE_URGENCY_CONFIG"),
            redact=env.get("TRIAGE_REDACT"),
            rate_limit=_number(env, "TRIAGE_RATE_LIMIT", 500.0),
            max_body_bytes=int(_number(env, "TRIAGE_MAX_BODY_BYTES", 16 * 1024 * 1024)),
            model_threads=int(_number(env, "TRIAGE_MODEL_THREADS", 1)),
            second_opinion=env_flag("TRIAGE_SECOND_OPINION"),
            ingest_threads=int(_number(env, "TRIAGE_INGEST_THREADS", 0)),
            cluster_model=env.get("TRIAGE_CLUSTER_MODEL") or None,
            urgency_refresh_seconds=_number(env, "TRIAGE_URGENCY_REFRESH_SECONDS", 30.0),
        )


def _ingest_threads() -> int:
    """One model thread per core, shared among `triage serve --workers` processes (at least one)."""
    processes = int(os.environ.get("TRIAGE_SERVER_PROCESSES", "1") or 1)
    return max(1, (os.cpu_count() or 1) // max(1, processes))


def _number(env: "os._Environ[str]", name: str, default: float) -> float:
    value = env.get(name)
    if value is None or not value.strip():
        return default
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {value!r}") from None


def _error(status: int, code: str, message: str, details: list[dict] | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, headers=headers,
                        content={"error": {"code": code, "message": message, "details": details or []}})


ERRORS = {code: {"model": s.ErrorResponse} for code in (400, 401, 403, 404, 409, 413, 422, 429)}
bearer = HTTPBearer(auto_error=False, description="an API key: `triage keys create`, or $TRIAGE_ADMIN_KEY")


def create_app(
    model_dir: str | Path | None = None,
    pipeline: Pipeline | None = None,
    settings: Settings | None = None,
    cluster_model: RootCauseModel | None = None,
) -> FastAPI:
    """Build the app. Pass `pipeline` to inject one (tests use a fake encoder);
    otherwise the model folder (default: the bundled model) loads at start-up.
    The root-cause model (`cluster_model`, else `settings.cluster_model`, else
    models/clusters) must read the same encoder's vectors, or clusters are off."""
    folder = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR
    settings = settings or Settings.from_env()
    metrics = Metrics()
    # Fail at once, before loading anything heavy, when a settings file is wrong.
    router = Router.from_file(settings.routing_rules)
    scorer = UrgencyScorer(UrgencyWeights.from_file(settings.urgency_config))
    redactor = Redactor.from_setting(settings.redact)
    limiter = RateLimiter(settings.rate_limit)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url)
        migrate(engine)
        # One BLAS thread (the encoder's matrices are small, and more threads only wait
        # on each other), set once for the process: ingest's model threads run at the
        # same time and must not change it under each other.
        threadpool_limits(settings.model_threads, user_api="blas")
        model = pipeline or Pipeline.load(folder, threads=settings.model_threads,
                                          second_opinion=settings.second_opinion)
        model.analyse(["warm-up: loads the language identifier and tokenizers before the first request"])
        if model.second_opinion is not None:
            model.second_opinion.warm()
        app.state.pipeline = model
        clusters = _cluster_service(engine, model, cluster_model, settings.cluster_model)
        app.state.service = TicketService(engine, model, router, scorer, redactor, clusters=clusters,
                                          ingest_threads=settings.ingest_threads or _ingest_threads())
        app.state.keys = KeyStore(engine, settings.admin_key)
        if settings.urgency_refresh_seconds > 0:
            app.state.service.start_refresher(settings.urgency_refresh_seconds)
        ensure_admin_key(engine, settings.admin_key)
        # The model's long-lived objects need no more garbage-collector passes: without this, each full
        # collection walks them all and stalls a request now and then (queue p99 109 ms -> 26 ms).
        gc.collect()
        gc.freeze()
        yield
        app.state.service.close()
        engine.dispose()

    app = FastAPI(
        title="triage", version="0.2.0", lifespan=lifespan,
        description="Multilingual complaint triage for e-commerce sellers: tickets labelled late_delivery, "
                    "damage, wrong_item or other, ranked by urgency with reasons, routed to teams. "
                    "Authenticate with `Authorization: Bearer <key>`.",
        responses={422: {"model": s.ErrorResponse}},
    )
    app.add_middleware(MetricsAndLimits, metrics=metrics, max_body_bytes=settings.max_body_bytes)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
        return _error(422, "invalid_request", "the request is not valid", details)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        code = {400: "invalid_json", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 413: "body_too_large"}
        return _error(exc.status_code, code.get(exc.status_code, "http_error"), str(exc.detail),
                      headers=getattr(exc, "headers", None))

    @app.exception_handler(ServiceError)
    async def service_error(_: Request, exc: ServiceError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message, exc.details)

    async def service(request: Request) -> TicketService:
        return request.app.state.service

    def allow(*roles: str) -> Callable[..., Principal]:
        async def dependency(request: Request,
                             credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
            if credentials is None:
                raise ServiceError(401, "unauthorized", "missing `Authorization: Bearer <key>` header")
            keys = request.app.state.keys
            known, principal = keys.cached(credentials.credentials)
            if not known:  # a database lookup: off the event loop
                principal = await run_in_threadpool(keys.authenticate, credentials.credentials)
            if principal is None:
                raise ServiceError(401, "unauthorized", "unknown or revoked API key")
            if principal.role not in roles:
                raise ServiceError(403, "forbidden", f"role {principal.role!r} may not do this; "
                                                     f"allowed: {', '.join(roles)}")
            wait = limiter.check(principal.name)
            if wait:
                raise RateLimited(wait)
            return principal
        return dependency

    @app.exception_handler(RateLimited)
    async def rate_limited(_: Request, exc: RateLimited) -> JSONResponse:
        return _error(429, "rate_limited", "too many requests for this key; retry later",
                      headers={"Retry-After": retry_after(exc.wait)})

    Agent = Annotated[Principal, Depends(allow("agent", "admin"))]
    Reader = Annotated[Principal, Depends(allow("agent", "analyst", "admin"))]
    Analyst = Annotated[Principal, Depends(allow("analyst", "admin"))]
    Admin = Annotated[Principal, Depends(allow("admin"))]
    Service = Annotated[TicketService, Depends(service)]

    async def cluster_service(request: Request) -> ClusterService:
        clusters = request.app.state.service.clusters
        if clusters is None:
            raise ServiceError(404, "clusters_unavailable", "this service has no root-cause model for its encoder, "
                               "so it computes no clusters (see TRIAGE_CLUSTER_MODEL)")
        return clusters

    Clusters = Annotated[ClusterService, Depends(cluster_service)]
    TicketId = Annotated[int, PathParam(ge=1, le=2**63 - 1, description="the ticket's id in this service")]
    ClusterId = Annotated[str, PathParam(min_length=1, max_length=64, description="a cluster id, e.g. dmg-004")]

    # -- open endpoints ---------------------------------------------------------
    @app.get("/health", response_model=s.Health, tags=["service"])
    def health(request: Request) -> s.Health:
        p = request.app.state.pipeline
        second = p.second_opinion.spec if p.second_opinion is not None else None
        return s.Health(status="ok", model=str(folder.name), encoder=p.encoder.spec, second_opinion=second)

    @app.get("/metrics", response_class=PlainTextResponse, tags=["service"],
             description="Prometheus metrics (text format).")
    def prometheus() -> PlainTextResponse:
        return PlainTextResponse(generate_latest(metrics.registry).decode(), media_type=CONTENT_TYPE_LATEST)

    @app.get("/v1/me", response_model=s.Me, tags=["service"], responses=ERRORS)
    def me(principal: Reader) -> s.Me:
        """Who this key is: its name, role and team (the web pages show what the role may do)."""
        return s.Me(name=principal.name, role=principal.role, team=principal.team)

    # -- tickets ----------------------------------------------------------------
    @app.post("/v1/tickets", status_code=201, tags=["tickets"],
              response_model=s.TicketOut | s.TicketList,
              responses={200: {"model": s.TicketOut, "description": "already stored with this external_id"},
                         **ERRORS})
    async def post_tickets(
        body: s.TicketIn | s.BulkTicketsIn, principal: Agent, svc: Service,
        idempotency_key: Annotated[str | None, Header(max_length=200, description=(
            "same key and body: the same answer again; same key, other body: 409"))] = None,
    ) -> Response:
        """Store one ticket, or a list of up to 500 (all or nothing). Each is
        redacted, classified, scored for urgency and routed to a team."""
        items = body.root if isinstance(body, s.BulkTicketsIn) else [body]
        request_hash = ""
        if idempotency_key:
            # The same canonical form the service uses to tell a repeat from a conflict.
            request_hash = hashlib.sha256("|".join(content_hash(i) for i in items).encode()).hexdigest()
            stored = await run_in_threadpool(_idempotent_answer, svc, principal, idempotency_key, request_hash)
            if stored is not None:
                return stored
        results = await svc.ingest_async(items)
        for row, created in results:
            if created:
                metrics.tickets.labels(row["team"]).inc()
                for label in row["labels"].strip("|").split("|"):
                    metrics.labels.labels(label).inc()
        if isinstance(body, s.BulkTicketsIn):
            status, payload = 201, s.TicketList(items=[svc.to_public(row) for row, _ in results])
        else:
            row, created = results[0]
            status, payload = (201 if created else 200), s.TicketOut(**svc.to_public(row))
        content = payload.model_dump_json()
        if idempotency_key:
            await run_in_threadpool(_remember, svc, principal, idempotency_key, request_hash, status,
                                    json.loads(content))
        return Response(content=content, status_code=status, media_type="application/json")

    @app.get("/v1/tickets/{ticket_id}", response_model=s.TicketOut, tags=["tickets"], responses=ERRORS)
    def get_ticket(ticket_id: TicketId, principal: Reader, svc: Service) -> dict:
        return svc.to_public(svc.get(ticket_id, principal))

    @app.patch("/v1/tickets/{ticket_id}", response_model=s.TicketOut, tags=["tickets"], responses=ERRORS)
    def patch_ticket(ticket_id: TicketId, patch: s.TicketPatch, principal: Agent, svc: Service) -> dict:
        """Set status, assignee, or corrected labels (kept as feedback for retraining)."""
        before = svc.get(ticket_id, principal)["labels"]
        row = svc.update(ticket_id, patch, principal)
        if row["labels"] != before:
            metrics.corrections.inc()
        return svc.to_public(row)

    @app.get("/v1/queue", response_model=s.QueuePage, tags=["tickets"], responses=ERRORS)
    def get_queue(
        principal: Reader, svc: Service,
        team: str | None = None,
        label: s.Label | None = None,
        language: Annotated[str | None, Query(max_length=8)] = None,
        status: s.Status = "open",
        marketplace: Annotated[str | None, Query(max_length=50)] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        cursor: Annotated[str | None, Query(max_length=200)] = None,
    ) -> Response:
        """Tickets ranked by urgency now (most urgent first), with a stable cursor.
        Agents see their own team's tickets only."""
        where = QueueFilter(status=status, team=team, label=label, language=language, marketplace=marketplace)
        rows, next_cursor = svc.queue(where, principal, limit, cursor)
        page = s.QueuePage(items=[svc.to_public(r) for r in rows], next_cursor=next_cursor)
        return Response(content=page.model_dump_json(), media_type="application/json")  # validated once

    @app.get("/v1/feedback", response_model=s.FeedbackPage, tags=["tickets"], responses=ERRORS)
    def get_feedback(
        principal: Analyst, svc: Service,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        cursor: Annotated[str | None, Query(pattern=r"^\d{1,18}$")] = None,
    ) -> dict:
        """Label corrections, oldest first: the text, the labels before and after, who and when."""
        rows, next_cursor = svc.feedback_page(limit, int(cursor) if cursor else None)
        items = [{**r, "created_at": _aware(r["created_at"])} for r in rows]
        return {"items": items, "next_cursor": next_cursor}

    @app.get("/v1/stats/weekly", response_model=s.WeeklyStats, tags=["analytics"], responses=ERRORS)
    def get_weekly(
        principal: Reader, svc: Service,
        weeks: Annotated[int, Query(ge=1, le=260, description="how many weeks back, this one included")] = 12,
        team: Annotated[str | None, Query(max_length=100)] = None,
    ) -> dict:
        """Tickets, complaints per label and the order defect rate, per week (Monday first).
        Agents see their own team's figures."""
        if not principal.sees_all_teams:
            if team is not None and team != principal.team:
                raise ServiceError(403, "forbidden", f"agents of team {principal.team!r} cannot see team {team!r}")
            team = principal.team
        return {"weeks": weekly(svc.engine, since_weeks(svc.clock(), weeks), team)}

    # -- stateless --------------------------------------------------------------
    @app.post("/v1/classify", response_model=s.ClassifyResponse, tags=["classify"], responses=ERRORS)
    def classify(body: s.ClassifyRequest, principal: Reader, svc: Service) -> s.ClassifyResponse | JSONResponse:
        """Classify 1-256 texts statelessly (nothing is stored)."""
        too_long = [i for i, t in enumerate(body.texts) if len(t) > s.MAX_TEXT_CHARS]
        if too_long:
            return _error(413, "text_too_long", f"texts longer than {s.MAX_TEXT_CHARS} characters",
                          [{"field": f"texts.{i}", "message": "too long"} for i in too_long])
        for position, text in enumerate(body.texts):
            try:
                clean_text(text)
            except InvalidTextError as exc:
                return _error(422, "invalid_text", f"text {position}: {exc}",
                              [{"field": f"texts.{position}", "message": str(exc)}])
        analyses = svc.models.submit(list(body.texts))
        results = [s.Classification(text=t, **analysis_record(a)) for t, a in zip(body.texts, analyses)]
        return s.ClassifyResponse(model=str(folder.name), results=results)

    # -- root-cause clusters ----------------------------------------------------------
    @app.get("/v1/clusters", response_model=s.ClusterList, tags=["clusters"], responses=ERRORS)
    def list_clusters(principal: Reader, clusters: Clusters, label: s.ComplaintLabel | None = None) -> dict:
        """The root-cause clusters (of one complaint label, or all) with size, share of the
        label, weekly counts of the last 12 weeks, keywords per language and examples
        (for an agent, only from its team's tickets)."""
        items = clusters.clusters(label)
        return {"items": items if principal.sees_all_teams else clusters.examples_for_team(items, principal.team)}

    @app.post("/v1/clusters/merge", response_model=s.ClusterDetail, tags=["clusters"], responses=ERRORS)
    def merge_clusters(body: s.ClusterMerge, principal: Analyst, clusters: Clusters) -> dict:
        """Merge clusters of one label into the first; the name (optional) is the merged cluster's."""
        return clusters.merge(body.ids, body.name)

    @app.post("/v1/clusters/refit", response_model=s.RefitResult, tags=["clusters"], responses=ERRORS)
    def refit_clusters(principal: Analyst, clusters: Clusters) -> dict:
        """Refit on every stored complaint; ids, names, merges and splits are kept."""
        return clusters.refit()

    @app.get("/v1/clusters/{cluster_id}", response_model=s.ClusterDetail, tags=["clusters"], responses=ERRORS)
    def get_cluster(cluster_id: ClusterId, principal: Reader, clusters: Clusters) -> dict:
        """One cluster, with the lift of each sku, carrier, country and marketplace value.
        An agent sees only examples from its team's tickets."""
        found = clusters.cluster(cluster_id)
        return found if principal.sees_all_teams else clusters.examples_for_team([found], principal.team)[0]

    @app.patch("/v1/clusters/{cluster_id}", response_model=s.ClusterDetail, tags=["clusters"], responses=ERRORS)
    def rename_cluster(cluster_id: ClusterId, body: s.ClusterRename, principal: Analyst, clusters: Clusters) -> dict:
        """Rename a cluster; the name survives refits."""
        return clusters.rename(cluster_id, body.name)

    @app.post("/v1/clusters/{cluster_id}/split", response_model=s.ClusterList, tags=["clusters"], responses=ERRORS)
    def split_cluster(cluster_id: ClusterId, body: s.ClusterSplit, principal: Analyst, clusters: Clusters) -> dict:
        """Split a cluster in `parts` (k-means on its members); the largest part keeps the id."""
        return {"items": clusters.split(cluster_id, body.parts)}

    # -- keys -------------------------------------------------------------------
    @app.post("/v1/keys", response_model=s.KeyCreated, status_code=201, tags=["admin"], responses=ERRORS)
    def post_key(body: s.KeyRequest, principal: Admin, svc: Service) -> s.KeyCreated:
        """Create an API key (shown once)."""
        try:
            key = create_key(svc.engine, body.role, body.team, body.name)
        except KeyCreationError as exc:
            raise ServiceError(422, "invalid_key_request", str(exc),
                               [{"field": "team", "message": str(exc)}]) from None
        return s.KeyCreated(key=key, role=body.role, team=body.team)

    mount_ui(app)
    return app


def _cluster_service(engine, pipeline: Pipeline, model: RootCauseModel | None,  # type: ignore[no-untyped-def]
                     folder: str | None) -> ClusterService | None:
    """The clusters of this service, or None (logged) without a root-cause model for its encoder."""
    if folder and folder.lower() == "none":
        return None
    if model is None:
        try:
            model = RootCauseModel.load(folder)
        except FileNotFoundError as exc:
            log.warning("root-cause clusters are off: %s", exc)
            return None
    if not compatible(model, pipeline.encoder.spec):
        log.warning("root-cause clusters are off: the root-cause model reads %r vectors, the pipeline makes %r",
                    model.encoder_spec, pipeline.encoder.spec)
        return None
    return ClusterService(engine, model)


def ensure_admin_key(engine, admin_key: str | None) -> None:  # type: ignore[no-untyped-def]
    """With no admin key configured and none stored, create one and print it once."""
    if not KeyStore(engine, admin_key).has_admin():
        key = create_key(engine, "admin", name="first admin (created at start-up)")
        log.warning("no admin key was configured: created one, shown only now: %s", key)
        print(f"triage: no admin key configured; created one (shown only now): {key}", flush=True)


def app_from_env() -> FastAPI:
    """The app as `triage serve --workers N` starts it in each worker process (settings from TRIAGE_*)."""
    return create_app(model_dir=os.environ.get("TRIAGE_MODEL") or None)


class RateLimited(Exception):
    def __init__(self, wait: float) -> None:
        super().__init__(f"rate limited for {wait:.2f} s")
        self.wait = wait


def _idempotent_answer(svc: TicketService, principal: Principal, key: str, request_hash: str) -> JSONResponse | None:
    import sqlalchemy as sa

    with svc.engine.connect() as conn:
        row = conn.execute(sa.select(idempotency_keys).where(
            idempotency_keys.c.principal == principal.name, idempotency_keys.c.key == key)).mappings().first()
    if row is None:
        return None
    if row["request_hash"] != request_hash:
        raise ServiceError(409, "idempotency_key_reused",
                           "this Idempotency-Key was used with another request body",
                           [{"field": "Idempotency-Key", "message": "reused with other content"}])
    return JSONResponse(status_code=row["status_code"], content=row["body"])


def _remember(svc: TicketService, principal: Principal, key: str, request_hash: str, status: int,
              content: dict) -> None:
    try:
        with svc.engine.begin() as conn:
            conn.execute(idempotency_keys.insert().values(
                principal=principal.name, key=key, request_hash=request_hash, status_code=status, body=content,
                created_at=_naive(svc.clock())))
    except IntegrityError:
        pass  # a concurrent request with the same key stored its answer first; ours is the same tickets


__all__ = ["create_app", "Settings", "database_url"]
