"""Tickets: ingest (redact, classify, score urgency, route, store), read,
correct, and the ranked queue. The HTTP layer (api/app.py) only maps these
calls and their errors to requests and responses."""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import json
import logging
import threading
import time
import unicodedata
from concurrent.futures import Future
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from triage.labels import COMPLAINT_LABELS, OTHER
from triage.pipeline import Analysis, InvalidTextError, Pipeline, clean_text, vectorize
from triage.redaction import Redactor
from triage.routing import Router
from triage.urgency import Urgency, UrgencyInputs, UrgencyScorer, utcnow
from triage.urgency_model import GradeEstimate
from triage.urgency_signals import SignalHit, find_signals

from .auth import Principal
from .batcher import MicroBatcher, analyse_batches
from .clusters import ClusterService, complaint_clusters
from .db import analysed_text, feedback, model_subject, tickets
from .errors import ServiceError
from .schemas import TicketIn, TicketPatch

log = logging.getLogger("triage.api.tickets")

REFRESH_BATCH = 1000  # tickets re-scored per transaction


@dataclass(frozen=True)
class QueueFilter:
    status: str = "open"
    team: str | None = None
    label: str | None = None
    language: str | None = None
    marketplace: str | None = None


@dataclass
class _Request:
    """One POST's tickets on their way through the analyser and the writer."""
    items: Sequence[TicketIn]
    hashes: list[str]
    first: dict[str, int]  # external_id -> index of its first item


@dataclass
class _Analysed:
    """A request after the analyser: its stored repeats, and rows for its new tickets."""
    request: _Request
    existing: dict[str, dict]  # external_id -> stored row
    prepared: list[tuple[int, str, str | None]]  # new items: (index, text, subject) as stored
    rows: list[dict] = field(default_factory=list)
    analyses: list[Analysis] = field(default_factory=list)

    @property
    def items(self) -> Sequence[TicketIn]:
        return self.request.items

    @property
    def hashes(self) -> list[str]:
        return self.request.hashes

    def answer(self) -> list[tuple[dict, bool]]:
        """(row, created) per item: only the first item of a new external_id is created."""
        stored = {**self.existing, **{r["external_id"]: r for r in self.rows}}
        new = {r["external_id"] for r in self.rows}
        return [(stored[item.external_id], item.external_id in new and self.request.first[item.external_id] == i)
                for i, item in enumerate(self.items)]


def _naive(value: datetime | None) -> datetime | None:
    """UTC without tzinfo, as stored (SQLite keeps no time zones)."""
    return value.astimezone(timezone.utc).replace(tzinfo=None) if value is not None else None


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=timezone.utc) if value is not None else None


def _pack_labels(labels: Sequence[str]) -> str:
    return "|" + "|".join(sorted(labels)) + "|"


def _unpack_labels(value: str) -> list[str]:
    return [x for x in value.split("|") if x]


def content_hash(item: TicketIn) -> str:
    canonical = json.dumps(item.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\ufeff", "")).strip()


def _split_spans(spans: list[dict], subject_len: int | None) -> list[dict]:
    """Spans over "subject\\ntext" -> spans on the field they fall in."""
    out = []
    for span in spans:
        if subject_len is None:
            out.append({**span, "field": "text"})
        elif span["end"] <= subject_len:
            out.append({**span, "field": "subject"})
        elif span["start"] > subject_len:
            shift = subject_len + 1
            out.append({**span, "field": "text", "start": span["start"] - shift, "end": span["end"] - shift})
    return out


class TicketService:
    def __init__(
        self,
        engine: Engine,
        pipeline: Pipeline,
        router: Router,
        scorer: UrgencyScorer,
        redactor: Redactor,
        clock: Callable[[], datetime] = utcnow,
        clusters: ClusterService | None = None,
        ingest_threads: int = 1,
    ) -> None:
        self.engine, self.pipeline, self.router, self.scorer = engine, pipeline, router, scorer
        self.redact, self.clock = redactor, clock
        self.clusters = clusters  # root-cause clusters; None when no root-cause model fits the encoder
        self.models = analyse_batches(pipeline)  # stateless classification
        self.analyser = MicroBatcher(self._analyse, size=lambda r: len(r.items), name="ticket-model",
                                     threads=ingest_threads)
        self.writer = MicroBatcher(self._store, size=lambda job: len(job.rows), name="ticket-writer")
        self._refresh_lock = threading.Lock()
        self._stop_refresher = threading.Event()
        self._refresher: threading.Thread | None = None

    # -- ingest ---------------------------------------------------------------
    # Two stages in a pipeline: `analyser` threads redact, check and classify the
    # tickets of every request waiting (one model call), the `writer` thread
    # scores their urgency and stores them (one transaction); the model's matrix
    # work runs while the writer commits the previous batch.
    def ingest(self, items: Sequence[TicketIn]) -> list[tuple[dict, bool]]:
        """Store new tickets; returns (ticket row, created) per item, in order.
        An item whose external_id exists with the same content returns the stored
        ticket (created False); with other content it is a 409 and nothing is stored."""
        try:
            return self.submit(items).result()
        except IntegrityError:  # another request stored one of these external_ids meanwhile
            return self.submit(items).result()  # now it is found stored: answered as a repeat

    async def ingest_async(self, items: Sequence[TicketIn]) -> list[tuple[dict, bool]]:
        """`ingest` for the event loop: waits without holding a thread."""
        try:
            return await asyncio.wrap_future(self.submit(items))
        except IntegrityError:
            return await asyncio.wrap_future(self.submit(items))

    def submit(self, items: Sequence[TicketIn]) -> Future:
        """Start storing `items`; the future holds what `ingest` returns, or its error."""
        hashes = [content_hash(item) for item in items]
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            j = first.setdefault(item.external_id, i)
            if j != i and hashes[j] != hashes[i]:
                raise ServiceError(409, "duplicate_external_id",
                                   f"items {j} and {i} share external_id {item.external_id!r} with different content",
                                   [{"field": f"{i}.external_id", "message": "repeated with other content"}])
        done: Future = Future()

        def analysed(step: Future) -> None:
            if step.exception() is not None:
                done.set_exception(step.exception())  # type: ignore[arg-type]
            elif not step.result().rows:
                done.set_result(step.result().answer())
            else:
                self.writer.submit_future(step.result()).add_done_callback(stored)

        def stored(step: Future) -> None:
            if step.exception() is not None:
                done.set_exception(step.exception())  # type: ignore[arg-type]
            else:
                done.set_result(step.result())

        self.analyser.submit_future(_Request(items, hashes, first)).add_done_callback(analysed)
        return done

    def _analyse(self, requests: list[_Request]) -> list[_Analysed | BaseException]:
        """The analyser's batch: stored repeats found with one query, new tickets
        checked, redacted and classified with one model call."""
        existing = self._existing(list({item.external_id for r in requests for item in r.items}))
        out: list[_Analysed | BaseException] = []
        texts: list[str] = []
        for request in requests:
            try:
                out.append(self._check(request, existing))
                texts += [analysed_text(text, subject) for _, text, subject in out[-1].prepared]
            except ServiceError as exc:
                out.append(exc)
        analyses = iter(self.pipeline.analyse(texts) if texts else [])
        now = self.clock()
        for done in out:
            if isinstance(done, _Analysed):
                done.analyses = [next(analyses) for _ in done.prepared]
                done.rows = [self._row(done.items[i], text, subject, analysis, done.hashes[i], now)
                             for (i, text, subject), analysis in zip(done.prepared, done.analyses)]
        return out

    def _check(self, request: _Request, existing: dict[str, dict]) -> _Analysed:
        """409 for an external_id stored with other content, 422 for a text with nothing to read."""
        items, hashes = request.items, request.hashes
        for i, item in enumerate(items):
            row = existing.get(item.external_id)
            if row is not None and row["content_hash"] != hashes[i]:
                raise ServiceError(409, "duplicate_external_id",
                                   f"external_id {item.external_id!r} is already stored (ticket {row['id']}) "
                                   "with other content", [{"field": f"{i}.external_id", "ticket_id": row["id"]}])
        prepared = []
        for i in request.first.values():
            if items[i].external_id in existing:
                continue
            text, subject = self._prepare(items[i])
            try:
                clean_text(analysed_text(text, subject))
            except InvalidTextError as exc:
                raise ServiceError(422, "invalid_text", f"item {i}: {exc}",
                                   [{"field": f"{i}.text", "message": str(exc)}]) from None
            prepared.append((i, text, subject))
        stored = {item.external_id: existing[item.external_id] for item in items if item.external_id in existing}
        return _Analysed(request, stored, prepared)

    def _store(self, jobs: list[_Analysed]) -> list[list[tuple[dict, bool]] | BaseException]:
        """The writer's batch: urgency (earlier contacts counted in arrival order)
        and one commit for every waiting job; when that commit fails (an
        external_id stored meanwhile), each job alone."""
        rows = [row for job in jobs for row in job.rows]
        now = self.clock()
        for row, earlier in zip(rows, self._earlier_contacts(rows)):
            row["earlier_contacts"] = earlier
            row.update(self._urgency_columns(row, now))
        try:
            self._insert(rows, [a for job in jobs for a in job.analyses])
            return [job.answer() for job in jobs]
        except IntegrityError:
            out: list[list[tuple[dict, bool]] | BaseException] = []
            for job in jobs:
                try:
                    self._insert(job.rows, job.analyses)
                    out.append(job.answer())
                except IntegrityError as exc:
                    out.append(exc)
            return out

    def _insert(self, rows: list[dict], analyses: Sequence[Analysis]) -> None:
        """The tickets and their complaints (assigned to clusters) in one transaction."""
        for row in rows:
            row.pop("id", None)  # set by a failed attempt of this batch
            row.pop("clusters", None)
        with self.clusters.transaction() if self.clusters else nullcontext(), self.engine.begin() as conn:
            inserted = conn.execute(tickets.insert().returning(tickets.c.id, sort_by_parameter_order=True), rows)
            for row, (ticket_id,) in zip(rows, inserted.all()):
                row["id"] = ticket_id
            clusters = self.clusters.add(conn, rows, analyses) if self.clusters else {}
        for row in rows:
            row["clusters"] = clusters.get(row["id"], {})

    def _with_clusters(self, rows: list[dict]) -> list[dict]:
        """Rows with `clusters` ({complaint label: cluster id}) read in one query."""
        missing = [r["id"] for r in rows if "clusters" not in r]
        if missing:
            with self.engine.connect() as conn:
                found = complaint_clusters(conn, missing)
            for r in rows:
                r.setdefault("clusters", found.get(r["id"], {}))
        return rows

    def _existing(self, external_ids: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(external_ids), 500):
                chunk = external_ids[start : start + 500]
                query = sa.select(tickets).where(tickets.c.external_id.in_(chunk))
                out.update({r["external_id"]: dict(r) for r in conn.execute(query).mappings()})
        self._with_clusters(list(out.values()))
        return out

    def _prepare(self, item: TicketIn) -> tuple[str, str | None]:
        """The text and subject as stored: normalised, personal data redacted."""
        subject = self.redact(_normalise(item.subject)) if item.subject else None
        return self.redact(_normalise(item.text)), subject or None

    def _row(self, item: TicketIn, text: str, subject: str | None, analysis: Analysis, digest: str,
             now: datetime) -> dict:
        """A new ticket's row, short of its id, earlier contacts and urgency (the writer adds them)."""
        prediction = analysis.prediction
        read = model_subject(subject)  # the subject as the model read it, if at all
        subject_len = len(read) if read else None
        evidence = _split_spans([{"label": label, "text": e.text, "start": e.start, "end": e.end}
                                 for label, spans in prediction.evidence.items() for e in spans], subject_len)
        signals = _split_spans([{"signal": h.signal, "text": h.text, "start": h.start, "end": h.end}
                                for h in find_signals(analysis.text, analysis.language)], subject_len)
        order = item.order
        customer = item.customer
        row: dict[str, Any] = {
            "external_id": item.external_id, "content_hash": digest, "text": text, "subject": subject,
            "channel": item.channel, "marketplace": item.marketplace.lower() if item.marketplace else None,
            "created_at": _naive(item.created_at or now), "received_at": _naive(now), "updated_at": _naive(now),
            "customer_id": customer.id if customer else None, "customer_tier": customer.tier if customer else None,
            "order_id": order.id if order else None, "order_value": order.value if order else None,
            "order_currency": order.currency.upper() if order and order.currency else None,
            "ordered_at": _naive(order.ordered_at) if order else None,
            "promised_by": _naive(order.promised_by) if order else None,
            "delivered_at": _naive(order.delivered_at) if order else None,
            "carrier": order.carrier if order else None, "country": order.country if order else None,
            "sku": order.sku if order else None,
            "language": analysis.language, "labels": _pack_labels(prediction.labels),
            "model_labels": _pack_labels(prediction.labels), "scores": prediction.scores,
            "evidence": evidence, "signals": signals,
            "text_grade": list(analysis.urgency.at_least) if analysis.urgency else None,
            "needs_review": prediction.needs_review, "truncated": analysis.truncated,
            "team": self.router.route(prediction.labels, analysis.language, item.marketplace, item.channel),
            "status": "open", "assignee": None, "cluster_id": None,
        }
        return row

    def _earlier_contacts(self, rows: Sequence[dict]) -> list[int]:
        """Tickets already stored (or earlier in this batch) from the same customer about the same order."""
        keys = [(r["customer_id"], r["order_id"]) if r["customer_id"] and r["order_id"] else None for r in rows]
        wanted = {k for k in keys if k}
        counts: dict[tuple[str, str], int] = {}
        if wanted:
            with self.engine.connect() as conn:
                for customer_id, order_id in wanted:
                    query = sa.select(sa.func.count()).select_from(tickets).where(
                        tickets.c.customer_id == customer_id, tickets.c.order_id == order_id)
                    counts[(customer_id, order_id)] = int(conn.execute(query).scalar() or 0)
        out = []
        for key in keys:
            if key is None:
                out.append(0)
            else:
                out.append(counts[key])
                counts[key] += 1
        return out

    def close(self) -> None:
        self._stop_refresher.set()
        if self._refresher is not None:
            self._refresher.join(timeout=10)
        self.analyser.close()
        self.writer.close()
        self.models.close()

    # -- urgency --------------------------------------------------------------
    def urgency(self, row: dict, now: datetime | None = None) -> Urgency:
        grade = row.get("text_grade")
        facts = UrgencyInputs(
            labels=_unpack_labels(row["labels"]),
            created_at=_aware(row["created_at"]),  # type: ignore[arg-type]
            text_grade=GradeEstimate(tuple(grade)) if grade else None,  # type: ignore[arg-type]
            signals=[SignalHit(s["signal"], s["text"], s["start"], s["end"]) for s in row["signals"]],
            marketplace=row["marketplace"], customer_tier=row["customer_tier"], order_value=row["order_value"],
            currency=row["order_currency"], promised_by=_aware(row["promised_by"]),
            delivered_at=_aware(row["delivered_at"]), earlier_contacts=row["earlier_contacts"],
        )
        return self.scorer.score(facts, now or self.clock())

    def _urgency_columns(self, row: dict, now: datetime) -> dict:
        urgency = self.urgency(row, now)
        active = row["status"] != "resolved"
        return {"urgency_score": urgency.score, "urgency_grade": urgency.grade,
                "next_change_at": _naive(urgency.next_change_at) if active else None}

    def start_refresher(self, seconds: float) -> None:
        """Re-score due tickets in a background thread now and every `seconds`;
        queue reads then never re-score (with 1M tickets left alone for hours,
        the first queue read used to take 32-53 s doing it)."""
        def run() -> None:
            while True:
                try:
                    self.refresh_due(gentle=True)
                except Exception:  # noqa: BLE001 - logged; the next round tries again
                    log.exception("urgency refresh failed")
                if self._stop_refresher.wait(seconds):
                    return

        self._refresher = threading.Thread(target=run, name="urgency-refresher", daemon=True)
        self._refresher.start()

    def refresh_due(self, gentle: bool = False) -> int:
        """Re-score tickets whose time-dependent urgency changed since it was stored.
        `gentle` (the background refresher): after each full batch, pause as long
        as the batch took, so a backlog (a restart after hours) takes at most
        about half of the time the requests could use."""
        with self._refresh_lock:
            return self._refresh_due(gentle)

    def _refresh_due(self, gentle: bool) -> int:
        now = self.clock()
        done = 0
        while True:
            started = time.perf_counter()
            with self.engine.begin() as conn:
                due = conn.execute(
                    sa.select(tickets).where(tickets.c.next_change_at <= _naive(now))
                    .order_by(tickets.c.next_change_at).limit(REFRESH_BATCH)
                    .with_for_update(skip_locked=True)  # PostgreSQL: another server process has those
                ).mappings().all()
                if not due:
                    return done
                updates = [{"_id": r["id"], **self._urgency_columns(dict(r), now)} for r in due]
                conn.execute(
                    tickets.update().where(tickets.c.id == sa.bindparam("_id")).values(
                        urgency_score=sa.bindparam("urgency_score"), urgency_grade=sa.bindparam("urgency_grade"),
                        next_change_at=sa.bindparam("next_change_at")),
                    updates,
                )
            done += len(due)
            if len(due) < REFRESH_BATCH or self._stop_refresher.is_set():
                return done
            if gentle and self._stop_refresher.wait(time.perf_counter() - started):
                return done

    # -- read, correct ------------------------------------------------------
    def get(self, ticket_id: int, principal: Principal) -> dict:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(tickets).where(tickets.c.id == ticket_id)).mappings().first()
        if row is None:
            raise ServiceError(404, "not_found", f"no ticket {ticket_id}")
        self._check_team(dict(row), principal)
        return self._with_clusters([dict(row)])[0]

    @staticmethod
    def _check_team(row: dict, principal: Principal) -> None:
        if not principal.sees_all_teams and row["team"] != principal.team:
            raise ServiceError(403, "forbidden", f"ticket {row['id']} belongs to team {row['team']!r}, "
                                                 f"not to yours ({principal.team!r})")

    def update(self, ticket_id: int, patch: TicketPatch, principal: Principal) -> dict:
        row = self.get(ticket_id, principal)
        now = self.clock()
        changes: dict[str, Any] = {}
        fields = patch.model_fields_set
        if "status" in fields and patch.status is not None:
            changes["status"] = patch.status
        if "assignee" in fields:
            changes["assignee"] = patch.assignee
        labels: list[str] | None = None
        before = _unpack_labels(row["labels"])
        if "labels" in fields and patch.labels is not None:
            labels = sorted(set(patch.labels))
            if OTHER in labels and len(labels) > 1:
                raise ServiceError(422, "invalid_labels", "'other' cannot be combined with complaint labels",
                                   [{"field": "labels", "message": "other is exclusive"}])
            labels = labels if labels != before else None
        relabel = self.clusters if labels is not None else None
        vector = None  # a new complaint of a ticket with none stored needs its text vector: encoded before the locks
        if relabel and not row.get("clusters") and set(labels or ()) & set(COMPLAINT_LABELS):
            vector = self._embed(analysed_text(row["text"], row.get("subject")))
        with relabel.transaction() if relabel else nullcontext(), self.engine.begin() as conn:
            if labels is not None:
                changes["labels"] = _pack_labels(labels)
                changes["team"] = self.router.route(labels, row["language"], row["marketplace"], row["channel"])
                conn.execute(feedback.insert().values(ticket_id=ticket_id, labels_before=before,
                                                      labels_after=labels, author=principal.name,
                                                      created_at=_naive(now)))
                if relabel:  # the complaint clusters follow the correction
                    row["clusters"] = relabel.relabel(
                        conn, row, labels, lambda text: vector if vector is not None else self._embed(text))
            if changes:
                merged = {**row, **changes}
                changes.update(self._urgency_columns(merged, now))
                changes["updated_at"] = _naive(now)
                conn.execute(tickets.update().where(tickets.c.id == ticket_id).values(**changes))
        return {**row, **changes}

    def _embed(self, text: str) -> Any:
        """The pipeline's vector of a stored ticket text (for a complaint label an agent added)."""
        return vectorize(self.pipeline.encoder, [clean_text(text)[0]])[0][0]

    # -- queue ----------------------------------------------------------------
    def queue(
        self, where: QueueFilter, principal: Principal, limit: int, cursor: str | None
    ) -> tuple[list[dict], str | None]:
        team = where.team
        if not principal.sees_all_teams:
            if team is not None and team != principal.team:
                raise ServiceError(403, "forbidden", f"agents of team {principal.team!r} cannot see team {team!r}")
            team = principal.team
        if self._refresher is None:  # else the background refresher keeps scores at most one round old
            self.refresh_due()
        query = sa.select(tickets).where(tickets.c.status == where.status)
        if team is not None:
            query = query.where(tickets.c.team == team)
        if where.label:
            query = query.where(tickets.c.labels.like(f"%|{where.label}|%"))
        if where.language:
            query = query.where(tickets.c.language == where.language)
        if where.marketplace:
            query = query.where(tickets.c.marketplace == where.marketplace.lower())
        if cursor:
            score, last_id = decode_cursor(cursor)
            query = query.where(sa.or_(tickets.c.urgency_score < score,
                                       sa.and_(tickets.c.urgency_score == score, tickets.c.id < last_id)))
        query = query.order_by(tickets.c.urgency_score.desc(), tickets.c.id.desc()).limit(limit + 1)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        page, more = self._with_clusters(rows[:limit]), len(rows) > limit
        next_cursor = encode_cursor(page[-1]["urgency_score"], page[-1]["id"]) if more and page else None
        return page, next_cursor

    def feedback_page(self, limit: int, after: int | None) -> tuple[list[dict], str | None]:
        query = (sa.select(feedback, tickets.c.text, tickets.c.language)
                 .join(tickets, tickets.c.id == feedback.c.ticket_id).order_by(feedback.c.id).limit(limit + 1))
        if after is not None:
            query = query.where(feedback.c.id > after)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        page = rows[:limit]
        return page, (str(page[-1]["id"]) if len(rows) > limit else None)

    # -- output ---------------------------------------------------------------
    def to_public(self, row: dict) -> dict:
        clusters = row["clusters"] if "clusters" in row else self._with_clusters([dict(row)])[0]["clusters"]
        now = self.clock()
        urgency = self.urgency(row, now)
        deadline = self.scorer.weights.response_deadline(_aware(row["created_at"]), row["marketplace"])  # type: ignore[arg-type]
        return {
            "id": row["id"], "external_id": row["external_id"], "text": row["text"], "subject": row["subject"],
            "channel": row["channel"], "marketplace": row["marketplace"],
            "created_at": _aware(row["created_at"]), "received_at": _aware(row["received_at"]),
            "updated_at": _aware(row["updated_at"]),
            "customer": {"id": row["customer_id"], "tier": row["customer_tier"]},
            "order": {"id": row["order_id"], "value": row["order_value"], "currency": row["order_currency"],
                      "ordered_at": _aware(row["ordered_at"]), "promised_by": _aware(row["promised_by"]),
                      "delivered_at": _aware(row["delivered_at"]), "carrier": row["carrier"],
                      "country": row["country"], "sku": row["sku"]},
            "language": row["language"], "labels": _unpack_labels(row["labels"]),
            "model_labels": _unpack_labels(row["model_labels"]), "scores": row["scores"],
            "needs_review": row["needs_review"], "truncated": row["truncated"],
            "evidence": row["evidence"], "signals": row["signals"], "team": row["team"], "status": row["status"],
            "assignee": row["assignee"], "urgency": urgency.as_dict(), "response_deadline": deadline,
            "earlier_contacts": row["earlier_contacts"],
            "cluster_id": next((clusters[label] for label in _unpack_labels(row["labels"]) if label in clusters),
                               None),
            "clusters": clusters,
        }


def encode_cursor(score: float, ticket_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([score, ticket_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[float, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        score, ticket_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not isinstance(ticket_id, int):
            raise ValueError
        return float(score), int(ticket_id)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ServiceError(422, "invalid_cursor", "cursor is not one this service returned",
                           [{"field": "cursor", "message": "malformed"}]) from None
