"""Root-cause clusters inside the ticket service (triage/clustering.py does
the clustering; this module keeps it in the database).

- `cluster_states`: the ClusterState as JSON, latest row current (the outlier
  pool is not in it: the pool is the `ticket_complaints` rows whose
  cluster_id is null; the newest POOL_LIMIT per label are kept in memory).
- `ticket_complaints`: one row per (ticket, complaint label) with its
  cluster, cause, confidence, text vector (float32 bytes, for refits) and a
  copy of the ticket's facts (created_at, sku, carrier, country,
  marketplace: they never change), so aggregates need no join.

At ingest (`add`, inside the ticket insert's transaction) each new complaint
is assigned with the vector the pipeline already computed; unassigned ones
join the pool, which founds new clusters when it can. Before any state
exists complaints are stored unassigned, and the first fit runs once
FIRST_FIT complaints are stored (or at start-up). An agent's label
correction moves the ticket's complaints with it (`relabel`). Sizes, shares, weekly
counts and lift are SQL aggregates; keywords and examples come from a sample
of members per cluster, cached per label until the state changes or
CACHE_SECONDS pass. All state changes hold `lock`; `transaction()` restores
the in-memory state when the database transaction fails."""

from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable, Iterator, Sequence

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from triage.cluster_summary import cluster_name, keywords_by_language, representative, words_of
from triage.clustering import Assignment, Clusterer, ClusterSettings, ClusterState, Complaint, complaints_from_analysis
from triage.labels import COMPLAINT_LABELS
from triage.root_causes import RootCauseModel
from triage.urgency import utcnow

from .db import analysed_text, cluster_states, ticket_complaints, tickets
from .errors import ServiceError
from .stats import since_weeks

log = logging.getLogger("triage.api.clusters")

FIRST_FIT = 20  # complaints stored before the first fit runs by itself
POOL_LIMIT = 1000  # newest pooled complaints per label considered for new clusters
STATES_KEPT = 20  # older cluster_states rows are deleted
STATE_LOCK_KEY = 7_302_517  # PostgreSQL advisory lock of cluster state changes
CACHE_SECONDS = 300.0  # keywords and examples of a label are recomputed after this
SAMPLE_PER_CLUSTER = 200  # member texts per cluster for keywords and examples...
SAMPLE_PER_LABEL = 4000  # ...at most this many per label (segmenting is the slow part)
WEEKS = 12
LIFT_COLUMNS = ("sku", "carrier", "country", "marketplace")
MIN_SUPPORT = 5
LIFT_TOP = 15
FIELDS = ("created_at", "sku", "carrier", "country", "marketplace")


def complaint_clusters(conn: Connection, ticket_ids: Sequence[int]) -> dict[int, dict[str, str | None]]:
    """ticket id -> {complaint label: cluster id, or None while unassigned}."""
    out: dict[int, dict[str, str | None]] = {int(i): {} for i in ticket_ids}
    ids = list(out)
    for start in range(0, len(ids), 500):
        query = sa.select(ticket_complaints.c.ticket_id, ticket_complaints.c.label, ticket_complaints.c.cluster_id) \
            .where(ticket_complaints.c.ticket_id.in_(ids[start:start + 500]))
        for ticket_id, label, cluster_id in conn.execute(query):
            out[int(ticket_id)][label] = cluster_id
    return out


def _naive(value: datetime) -> datetime:
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _vector(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)


class ClusterService:
    def __init__(self, engine: Engine, model: RootCauseModel, settings: ClusterSettings | None = None,
                 clock: Any = utcnow) -> None:
        self.engine, self.clock = engine, clock
        self.clusterer = Clusterer(model, settings)
        self.lock = threading.RLock()
        self.state: ClusterState | None = None  # current; never changed in place but for its pool
        self.work: ClusterState | None = None  # the copy a transaction changes
        self.version = 0  # bumped when membership changes: the key of the keyword cache
        self.state_id: int | None = None  # the cluster_states row `state` is (None: none yet)
        self._work_id: int | None = None  # ... and the row `work` derives from
        self._cache: dict[str, tuple[float, int, dict[str, dict]]] = {}
        self._load()

    # -- state ------------------------------------------------------------------
    def _load(self) -> None:
        with self.transaction(), self.engine.begin() as conn:
            self._sync(conn)
            if self.work is None and self._count(conn) >= FIRST_FIT:
                self._fit(conn, None)

    def _sync(self, conn: Connection) -> bool:
        """Start a state change from the newest stored state (call first inside
        `transaction()`). Server processes (`triage serve --workers N`) each keep
        the state in memory: this takes a database-wide lock until the
        transaction ends (PostgreSQL advisory lock; SQLite's write lock), so
        their changes apply one after another, and loads the state another
        process stored meanwhile. True when it loaded one."""
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": STATE_LOCK_KEY})
        else:  # a write statement (it matches no row) takes SQLite's write lock
            conn.execute(cluster_states.delete().where(cluster_states.c.id < 0))
        latest = conn.execute(sa.select(sa.func.max(cluster_states.c.id))).scalar()
        if latest is None or latest == self._work_id:
            return False
        data = conn.execute(sa.select(cluster_states.c.state).where(cluster_states.c.id == latest)).scalar_one()
        self.work = ClusterState.from_dict(data)
        self.work.outliers = self._pool(conn)
        self._work_id = int(latest)
        self._changed = self._members_changed = True
        return True

    def sync(self) -> None:
        """Load a state another server process stored since (readers call this)."""
        with self.engine.connect() as conn:
            latest = conn.execute(sa.select(sa.func.max(cluster_states.c.id))).scalar()
        if latest is not None and latest != self.state_id:
            with self.transaction(), self.engine.begin() as conn:
                self._sync(conn)

    def _pool(self, conn: Connection) -> list[dict]:
        """The newest unassigned complaints per label, as the Clusterer's pool."""
        pool: list[dict] = []
        tc = ticket_complaints.c
        for label in COMPLAINT_LABELS:
            rows = conn.execute(sa.select(tc.ticket_id, tc.cause, tc.embedding)
                                .where(tc.label == label, tc.cluster_id.is_(None))
                                .order_by(tc.ticket_id.desc()).limit(POOL_LIMIT)).all()
            pool += [{"id": str(t), "label": label, "cause": cause, "embedding": _unit(_vector(e))}
                     for t, cause, e in reversed(rows)]
        return pool

    @staticmethod
    def _count(conn: Connection) -> int:
        return int(conn.execute(sa.select(sa.func.count()).select_from(ticket_complaints)).scalar() or 0)

    def _save(self, conn: Connection, state: ClusterState, members: bool = True) -> None:
        """Store the state (current once the transaction commits); `members`:
        the membership changed too, so cached keywords and examples go."""
        pool, state.outliers = state.outliers, []  # the pool lives in ticket_complaints
        try:
            data = state.to_dict()
        finally:
            state.outliers = pool
        new_id = conn.execute(cluster_states.insert().values(created_at=_naive(self.clock()), state=data)) \
            .inserted_primary_key[0]
        conn.execute(cluster_states.delete().where(cluster_states.c.id <= new_id - STATES_KEPT))
        self._work_id = int(new_id)
        self._changed = True
        self._members_changed = self._members_changed or members

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock and let the block change a copy of the state (`self.work`);
        the copy becomes current only when the block (and the database
        transaction inside it) succeeds. Readers keep the old state meanwhile."""
        with self.lock:
            self.work = _copy(self.state) if self.state is not None else None
            self._work_id = self.state_id
            self._changed = self._members_changed = False
            try:
                yield
                if self._changed:
                    self.state, self.state_id = self.work, self._work_id
                elif self.state is not None and self.work is not None:
                    self.state.outliers = self.work.outliers  # only the pool moved
                self.version += self._members_changed
            finally:
                self.work = None

    # -- ingest -----------------------------------------------------------------
    def add(self, conn: Connection, rows: Sequence[dict], analyses: Sequence[Any]) -> dict[int, dict[str, str | None]]:
        """Complaints of newly inserted tickets (rows with ids), in the caller's
        transaction (call inside `transaction()`). Returns ticket id -> clusters."""
        items: list[Complaint] = []
        for row, analysis in zip(rows, analyses):
            items += complaints_from_analysis(str(row["id"]), analysis, {f: row.get(f) for f in FIELDS})
        if items:
            self._sync(conn)
        return self._add_items(conn, items, [int(r["id"]) for r in rows])

    def relabel(self, conn: Connection, row: dict, labels: Sequence[str],
                embed: Callable[[str], np.ndarray]) -> dict[str, str | None]:
        """Make a ticket's complaints follow an agent's corrected `labels` (call
        inside `transaction()`, in the correction's database transaction): a
        label taken away leaves its cluster (and the pool), a label added is
        assigned like a new complaint, with the vector already stored for the
        ticket or else `embed(text as the pipeline read it)`. Returns its clusters."""
        self._sync(conn)
        tc = ticket_complaints.c
        stored = dict(conn.execute(sa.select(tc.label, tc.embedding).where(tc.ticket_id == row["id"])).all())
        wanted = [label for label in COMPLAINT_LABELS if label in labels]
        gone = [label for label in stored if label not in wanted]
        if gone:
            conn.execute(ticket_complaints.delete().where(tc.ticket_id == row["id"], tc.label.in_(gone)))
            if self.work is not None:
                self.work.outliers = [o for o in self.work.outliers
                                      if not (o["id"] == str(row["id"]) and o["label"] in gone)]
            self._members_changed = True
        new = [label for label in wanted if label not in stored]
        if new:
            text = analysed_text(row["text"], row.get("subject"))
            vector = _vector(next(iter(stored.values()))) if stored else embed(text)
            fields = {f: row.get(f) for f in FIELDS}
            self._add_items(conn, [Complaint(str(row["id"]), label, vector, text, row["language"], dict(fields))
                                   for label in new], [int(row["id"])])
            self._members_changed = True
        return complaint_clusters(conn, [int(row["id"])])[int(row["id"])]

    def _add_items(self, conn: Connection, items: list[Complaint], ticket_ids: list[int]
                   ) -> dict[int, dict[str, str | None]]:
        """Store and assign new complaints (pool, new clusters, first fit); ticket id -> clusters."""
        out: dict[int, dict[str, str | None]] = {i: {} for i in ticket_ids}
        if not items:
            return out
        state = self.work or ClusterState()
        born: list[str] = []
        moved: dict[tuple[str, str], str] = {}
        if self.work is None:  # before the first fit: stored unassigned
            assignments = self.clusterer.assign_all(state, items)
        else:
            assignments = self._assign_or_pool(state, items)
            if any(a.cluster_id is None for a in assignments):
                self._trim_pool(state)
                born, moved = self._promote(state)
        clusters = {(it.label, it.id): a.cluster_id or moved.get((it.label, it.id))
                    for it, a in zip(items, assignments)}
        conn.execute(ticket_complaints.insert(), [
            {"ticket_id": int(it.id), "label": it.label, "cluster_id": clusters[(it.label, it.id)],
             "cause": a.cause, "confidence": round(a.confidence, 4),
             "embedding": np.asarray(it.embedding, np.float32).tobytes(), **it.fields}
            for it, a in zip(items, assignments)])
        earlier = [(label, i, cid) for (label, i), cid in moved.items() if (label, i) not in clusters]
        if earlier:  # complaints pooled before this batch that founded or joined a new cluster
            conn.execute(ticket_complaints.update()
                         .where(ticket_complaints.c.ticket_id == sa.bindparam("_t"),
                                ticket_complaints.c.label == sa.bindparam("_l"))
                         .values(cluster_id=sa.bindparam("_c")),
                         [{"_t": int(i), "_l": label, "_c": cid} for label, i, cid in earlier])
        if self.work is None:
            if self._count(conn) >= FIRST_FIT:
                self._fit(conn, None)
                return complaint_clusters(conn, list(out))
        elif born:
            self._save(conn, state)  # new clusters; the pool itself is the null rows
        for (label, i), cid in clusters.items():
            out[int(i)][label] = cid
        return out

    def _assign_or_pool(self, state: ClusterState, items: Sequence[Complaint]) -> list[Assignment]:
        """Assignments of `items` to the state's clusters; the unassigned ones join its outlier pool."""
        assignments = self.clusterer.assign_all(state, items)
        for it, a in zip(items, assignments):
            if a.cluster_id is None:
                self.clusterer.add_to_pool(state, it, a)
        return assignments

    def _trim_pool(self, state: ClusterState) -> None:
        counts: dict[str, int] = {}
        kept = []
        for o in reversed(state.outliers):
            counts[o["label"]] = counts.get(o["label"], 0) + 1
            if counts[o["label"]] <= POOL_LIMIT:
                kept.append(o)
        state.outliers = kept[::-1]

    def _promote(self, state: ClusterState) -> tuple[list[str], dict[tuple[str, str], str]]:
        """New clusters from the pool, and (label, complaint id) -> cluster of
        every pooled complaint that founded one or lies near one."""
        before = list(state.outliers)
        born_ids = self.clusterer.promote_outliers(state)
        if not born_ids:
            return [], {}
        moved: dict[tuple[str, str], str] = {}
        left = {(o["label"], o["id"]) for o in state.outliers}
        similarity = self.clusterer.settings.pool_similarity
        for o in before:
            born = [cid for cid in born_ids if state.clusters[cid].label == o["label"]]
            if not born:
                continue
            sims = np.asarray([state.clusters[c].centroid for c in born], np.float32) @ np.asarray(o["embedding"])
            best = int(np.argmax(sims))
            if (o["label"], o["id"]) not in left or sims[best] >= similarity:
                moved[(o["label"], o["id"])] = born[best]
        state.outliers = [o for o in state.outliers if (o["label"], o["id"]) not in moved]
        log.info("new clusters from the outlier pool: %s", ", ".join(born_ids))
        return born_ids, moved

    # -- fitting ----------------------------------------------------------------
    def _items(self, conn: Connection, where: Any = None) -> tuple[list[Complaint], list[str | None]]:
        """Stored complaints as Complaints (text as the pipeline saw it), with their stored clusters."""
        tc, t = ticket_complaints.c, tickets.c
        query = (sa.select(tc.ticket_id, tc.label, tc.cluster_id, tc.embedding, t.text, t.subject, t.language,
                           *[tc[f] for f in FIELDS])
                 .join_from(ticket_complaints, tickets, tc.ticket_id == t.id).order_by(tc.ticket_id, tc.label))
        if where is not None:
            query = query.where(where)
        items, stored = [], []
        for r in conn.execute(query).mappings():
            text = analysed_text(r["text"], r["subject"])
            items.append(Complaint(str(r["ticket_id"]), r["label"], _vector(r["embedding"]), text, r["language"],
                                   {f: r[f] for f in FIELDS}))
            stored.append(r["cluster_id"])
        return items, stored

    def _fit(self, conn: Connection, previous: ClusterState | None) -> ClusterState:
        items, stored = self._items(conn)
        state = self.clusterer.fit(items, previous=previous)
        assignments = self.clusterer.assign_all(state, items)
        self._trim_pool(state)
        self._update(conn, items, stored, assignments)
        self.work = state
        self._save(conn, state)
        log.info("clusters fitted on %d complaints: %d clusters, %.1f%% unassigned", len(items),
                 len(state.clusters), 100 * state.unassigned_share)
        return state

    @staticmethod
    def _update(conn: Connection, items: Sequence[Complaint], stored: Sequence[str | None],
                assignments: Sequence[Assignment]) -> None:
        """Write the clusters that changed, grouped by (label, new cluster)."""
        changed: dict[tuple[str, str | None], list[int]] = {}
        for it, old, a in zip(items, stored, assignments):
            if a.cluster_id != old:
                changed.setdefault((it.label, a.cluster_id), []).append(int(it.id))
        tc = ticket_complaints.c
        for (label, cid), ids in changed.items():
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                conn.execute(ticket_complaints.update().where(tc.label == label, tc.ticket_id.in_(chunk))
                             .values(cluster_id=cid))

    def refit(self) -> dict[str, Any]:
        """Refit on every stored complaint, keeping ids and curation.

        The fit runs without the lock, so ingest and corrections go on; its
        result is applied under the lock, where complaints stored or corrected
        meanwhile are assigned to it. If the clusters themselves changed
        meanwhile (curation, a cluster born from the pool, another refit), the
        fit is redone under the lock so that no change is lost."""
        base = self.state
        with self.engine.connect() as conn:
            items, stored = self._items(conn)
        state = self.clusterer.fit(items, previous=_copy(base) if base is not None else None)
        assignments = self.clusterer.assign_all(state, items)
        with self.transaction(), self.engine.begin() as conn:
            if self._sync(conn) or self.state is not base:
                state = self._fit(conn, self.work)
            else:
                self._apply_fit(conn, state, items, stored, assignments)
        return {"clusters": len(state.clusters), "unassigned_share": round(state.unassigned_share, 4)}

    def _apply_fit(self, conn: Connection, state: ClusterState, items: Sequence[Complaint],
                   stored: Sequence[str | None], assignments: Sequence[Assignment]) -> None:
        """Store a fit made outside the lock (call inside `transaction()`): the
        fitted complaints' clusters, then the complaints stored since the fit read them."""
        self._update(conn, items, stored, assignments)
        tc = ticket_complaints.c
        seen = {(int(it.id), it.label) for it in items}
        now = {(int(t), label) for t, label in conn.execute(sa.select(tc.ticket_id, tc.label))}
        state.outliers = [o for o in state.outliers if (int(o["id"]), o["label"]) in now]  # not corrected away
        new_ids = sorted({t for t, label in now - seen})
        for start in range(0, len(new_ids), 500):
            chunk = new_ids[start:start + 500]
            later, later_stored = self._items(conn, tc.ticket_id.in_(chunk))
            keep = [k for k, it in enumerate(later) if (int(it.id), it.label) not in seen]
            later, later_stored = [later[k] for k in keep], [later_stored[k] for k in keep]
            self._update(conn, later, later_stored, self._assign_or_pool(state, later))
        self._trim_pool(state)
        self.work = state
        self._save(conn, state)
        log.info("clusters refitted on %d complaints (+%d stored meanwhile): %d clusters, %.1f%% unassigned",
                 len(items), len(new_ids), len(state.clusters), 100 * state.unassigned_share)

    # -- curation -----------------------------------------------------------------
    @staticmethod
    def _known(state: ClusterState | None, cluster_id: str, field: str = "id") -> ClusterState:
        if state is None or cluster_id not in state.clusters:
            raise ServiceError(404, "not_found", f"no cluster {cluster_id!r}", [{"field": field, "message": "unknown"}])
        return state

    def rename(self, cluster_id: str, name: str) -> dict:
        with self.transaction(), self.engine.begin() as conn:
            self._sync(conn)
            state = self._known(self.work, cluster_id)
            self.clusterer.rename(state, cluster_id, name.strip())
            self._save(conn, state, members=False)
        return self.cluster(cluster_id)

    def merge(self, ids: Sequence[str], name: str | None) -> dict:
        ids = list(dict.fromkeys(ids))
        if len(ids) < 2:
            raise ServiceError(422, "invalid_merge", "give at least two different cluster ids",
                               [{"field": "ids", "message": "fewer than two distinct ids"}])
        with self.transaction(), self.engine.begin() as conn:
            self._sync(conn)
            for i, cid in enumerate(ids):
                state = self._known(self.work, cid, f"ids.{i}")
            labels = {state.clusters[c].label for c in ids}
            if len(labels) > 1:
                raise ServiceError(422, "invalid_merge", f"clusters of different labels ({', '.join(sorted(labels))}) "
                                   "cannot be merged", [{"field": "ids", "message": "mixed labels"}])
            keep = self.clusterer.merge(state, ids, name.strip() if name else None)
            tc = ticket_complaints.c
            conn.execute(ticket_complaints.update().where(tc.label == labels.pop(), tc.cluster_id.in_(ids[1:]))
                         .values(cluster_id=keep))
            self._save(conn, state)
        return self.cluster(keep)

    def split(self, cluster_id: str, parts: int) -> list[dict]:
        with self.transaction(), self.engine.begin() as conn:
            self._sync(conn)
            state = self._known(self.work, cluster_id)
            label = state.clusters[cluster_id].label
            tc = ticket_complaints.c
            items, stored = self._items(conn, sa.and_(tc.label == label, tc.cluster_id == cluster_id))
            try:
                ids = self.clusterer.split(state, cluster_id, items, parts)
            except ValueError as exc:
                raise ServiceError(422, "cannot_split", str(exc), [{"field": "parts", "message": str(exc)}]) from None
            assignments = self._assign_or_pool(state, items)
            self._trim_pool(state)
            self._update(conn, items, stored, assignments)
            self._save(conn, state)
        return [self.cluster(cid) for cid in ids]

    # -- reading ------------------------------------------------------------------
    def clusters(self, label: str | None = None) -> list[dict]:
        self.sync()
        state = self.state
        if state is None:
            return []
        labels = [label] if label else list(COMPLAINT_LABELS)
        ids = [cid for cid, c in sorted(state.clusters.items()) if c.label in labels]
        return self._describe(state, ids, labels)

    def cluster(self, cluster_id: str) -> dict:
        self.sync()
        state = self._known(self.state, cluster_id)
        label = state.clusters[cluster_id].label
        out = self._describe(state, [cluster_id], [label])[0]
        out["lift"] = self._lift(label, cluster_id)
        return out

    def examples_for_team(self, clusters: list[dict], team: str | None) -> list[dict]:
        """`clusters` with only the examples from `team`'s tickets (what an agent may read);
        sizes, trends and keywords stay, as they name no ticket."""
        ids = {e["ticket_id"] for c in clusters for e in c.get("examples", [])}
        teams: dict[int, str] = {}
        if ids:
            with self.engine.connect() as conn:
                teams = dict(conn.execute(sa.select(tickets.c.id, tickets.c.team).where(tickets.c.id.in_(ids))).all())
        return [{**c, "examples": [e for e in c.get("examples", []) if teams.get(e["ticket_id"]) == team]}
                for c in clusters]

    def _describe(self, state: ClusterState, ids: list[str], labels: list[str]) -> list[dict]:
        tc = ticket_complaints.c
        with self.engine.connect() as conn:
            sizes: dict[str | None, int] = {}
            totals: dict[str, int] = {}
            query = (sa.select(tc.label, tc.cluster_id, sa.func.count()).where(tc.label.in_(labels))
                     .group_by(tc.label, tc.cluster_id))
            for lab, cid, n in conn.execute(query):
                sizes[cid] = sizes.get(cid, 0) + int(n)
                totals[lab] = totals.get(lab, 0) + int(n)
            weekly = self._weekly(conn, labels)
        details: dict[str, dict] = {}
        for lab in labels:
            details.update(self._samples(state, lab))
        shared = {c for cl in state.clusters.values() for c in cl.causes}
        cause_count = {c: sum(c in cl.causes for cl in state.clusters.values()) for c in shared}
        out = []
        for cid in ids:
            cl = state.clusters[cid]
            extra = details.get(cid, {"keywords": {}, "examples": []})
            size = sizes.get(cid, 0)
            out.append({
                "id": cid, "label": cl.label, "causes": list(cl.causes), "origin": cl.origin,
                "name": cluster_name(cl, extra["keywords"], "en", any(cause_count[c] > 1 for c in cl.causes)),
                "size": size, "share": round(size / totals[cl.label], 4) if totals.get(cl.label) else 0.0,
                "weekly": weekly.get(cid) or weekly[None], **extra,
            })
        return out

    def _weekly(self, conn: Connection, labels: list[str]) -> dict[str | None, list[dict]]:
        """cluster id -> the last WEEKS weeks (Monday dates) with their counts; None: all zero."""
        since = since_weeks(self.clock(), WEEKS)
        weeks = [(since + timedelta(weeks=k)).date().isoformat() for k in range(WEEKS)]
        tc = ticket_complaints.c
        if self.engine.dialect.name == "postgresql":
            week = sa.cast(sa.func.date_trunc("week", tc.created_at), sa.Date)
        else:
            week = sa.func.date(tc.created_at, "weekday 0", "-6 days")
        query = (sa.select(tc.cluster_id, week.label("week"), sa.func.count())
                 .where(tc.created_at >= since, tc.label.in_(labels), tc.cluster_id.is_not(None))
                 .group_by(tc.cluster_id, week))
        counts: dict[str, dict[str, int]] = {}
        for cid, start, n in conn.execute(query):
            day = start if isinstance(start, date) else date.fromisoformat(str(start))
            counts.setdefault(cid, {})[day.isoformat()] = int(n)
        out: dict[str | None, list[dict]] = {cid: [{"week": w, "count": c.get(w, 0)} for w in weeks]
                                             for cid, c in counts.items()}
        out[None] = [{"week": w, "count": 0} for w in weeks]
        return out

    def _samples(self, state: ClusterState, label: str) -> dict[str, dict]:
        """Keywords and examples of every cluster of `label`, from a sample of
        members; cached until the state changes or CACHE_SECONDS pass."""
        now = time.monotonic()
        cached = self._cache.get(label)
        if cached and cached[1] == self.version and now - cached[0] < CACHE_SECONDS:
            return cached[2]
        version = self.version
        ids = [cid for cid, c in state.clusters.items() if c.label == label]
        per_cluster = max(10, min(SAMPLE_PER_CLUSTER, SAMPLE_PER_LABEL // max(len(ids), 1)))
        tc = ticket_complaints.c
        rank = sa.func.row_number().over(partition_by=tc.cluster_id, order_by=tc.ticket_id.desc()).label("rank")
        inner = (sa.select(tc.ticket_id, tc.cluster_id, tc.embedding, tc.confidence, rank)
                 .where(tc.label == label, tc.cluster_id.is_not(None)).subquery())
        query = (sa.select(inner.c.ticket_id, inner.c.cluster_id, inner.c.embedding, tickets.c.text, tickets.c.language,
                           inner.c.confidence)
                 .join(tickets, tickets.c.id == inner.c.ticket_id).where(inner.c.rank <= per_cluster))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        items = [Complaint(str(t), label, _vector(e), text, lang) for t, _, e, text, lang, _ in rows]
        members = [cid for _, cid, _, _, _, _ in rows]
        confidence = [float(conf) for *_, conf in rows]
        keywords = keywords_by_language(items, members, words=[words_of(it) for it in items])
        by_cluster: dict[str, list[int]] = {}
        for k, cid in enumerate(members):
            by_cluster.setdefault(cid, []).append(k)
        out: dict[str, dict] = {}
        for cid in ids:
            index = by_cluster.get(cid, [])
            out[cid] = {"keywords": keywords.get(cid, {}),
                        "examples": self._examples(state, cid, [items[k] for k in index],
                                                   [confidence[k] for k in index])}
        self._cache[label] = (now, version, out)
        return out

    @staticmethod
    def _examples(state: ClusterState, cluster_id: str, items: list[Complaint], confidence: list[float]) -> list[dict]:
        """The cluster's representative members (triage.cluster_summary.representative)."""
        if not items or cluster_id not in state.clusters:
            return []
        E = np.stack([it.embedding for it in items]).astype(np.float32)
        E /= np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)
        picked = representative(E, state.clusters[cluster_id].centroid, items, confidence)
        return [{"ticket_id": int(items[k].id), "text": items[k].text[:300], "language": items[k].language}
                for k in picked]

    def _lift(self, label: str, cluster_id: str) -> dict[str, list[dict]]:
        """Per column, values where the cluster is over-represented: (share of the
        cluster among the label's complaints with that value) / (its share overall)."""
        tc = ticket_complaints.c
        mine = sa.func.sum(sa.case((tc.cluster_id == cluster_id, 1), else_=0))
        out: dict[str, list[dict]] = {}
        with self.engine.connect() as conn:
            total, in_cluster = conn.execute(sa.select(sa.func.count(), mine).where(tc.label == label)).one()
            if not total or not in_cluster:
                return {c: [] for c in LIFT_COLUMNS}
            base = int(in_cluster) / int(total)
            for column in LIFT_COLUMNS:
                value = tc[column]
                query = (sa.select(value, sa.func.count(), mine)
                         .where(tc.label == label, value.is_not(None))
                         .group_by(value).having(mine >= MIN_SUPPORT))
                rows = [{"value": str(v), "count": int(both), "lift": round((int(both) / int(n)) / base, 2)}
                        for v, n, both in conn.execute(query)]
                rows = [r for r in rows if r["lift"] > 1.0]
                out[column] = sorted(rows, key=lambda r: (-r["lift"], -r["count"]))[:LIFT_TOP]
        return out


def _copy(state: ClusterState) -> ClusterState:
    """A copy to change: clusters, curation and the pool's list are new; vectors are shared (never changed)."""
    return replace(state, clusters={cid: replace(c, causes=list(c.causes)) for cid, c in state.clusters.items()},
                   curation=list(state.curation), outliers=list(state.outliers), next_number=dict(state.next_number),
                   base_ids={k: dict(v) for k, v in state.base_ids.items()}, settings=dict(state.settings))


def compatible(model: RootCauseModel, encoder_spec: str) -> bool:
    """The root-cause model reads the pipeline's vectors: same encoder only."""
    return model.encoder_spec == encoder_spec


__all__ = ["ClusterService", "complaint_clusters", "compatible"]
