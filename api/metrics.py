"""Prometheus metrics and the request-size limit, as one plain ASGI middleware."""

from __future__ import annotations

import json
import time
from typing import Any, Awaitable, Callable

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.exceptions import HTTPException

Scope = dict[str, Any]
ASGIApp = Callable[[Scope, Callable, Callable], Awaitable[None]]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("triage_http_requests_total", "HTTP requests by route and status",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("triage_http_request_seconds", "HTTP request latency by route", ["route"],
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
                                 registry=self.registry)
        self.tickets = Counter("triage_tickets_ingested_total", "new tickets stored, by team", ["team"],
                               registry=self.registry)
        self.labels = Counter("triage_ticket_labels_total", "labels of new tickets", ["label"],
                              registry=self.registry)
        self.corrections = Counter("triage_label_corrections_total", "label corrections by agents",
                                   registry=self.registry)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes")


class MetricsAndLimits:
    """Counts and times every request by route template, and answers 413 when
    the body is larger than `max_body_bytes`: before reading it when its
    Content-Length says so, else (chunked bodies) as soon as the bytes read pass the limit."""

    def __init__(self, app: ASGIApp, metrics: Metrics, max_body_bytes: int) -> None:
        self.app, self.metrics, self.max_body = app, metrics, max_body_bytes

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await self._body_too_large(send)
            self._observe(scope, 413, started)
            return

        received = 0

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)  # the app's HTTPException handler answers 413
            return message

        async def send_wrapper(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, limited_receive, send_wrapper)
        except BodyTooLarge:  # read outside a route's handler
            if status["code"] != 500:
                raise
            status["code"] = 413
            await self._body_too_large(send)
        finally:
            self._observe(scope, status["code"], started)

    async def _body_too_large(self, send: Callable) -> None:
        await _send_json(send, 413, {"error": {"code": "body_too_large", "message":
                         f"request body over {self.max_body} bytes", "details": []}})

    def _observe(self, scope: Scope, status: int, started: float) -> None:
        route = scope.get("route")
        name = getattr(route, "path", None) or "unmatched"
        self.metrics.requests.labels(scope["method"], name, str(status)).inc()
        self.metrics.latency.labels(name).observe(time.perf_counter() - started)


async def _send_json(send: Callable, status: int, body: dict) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})
