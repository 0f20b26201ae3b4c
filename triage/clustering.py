"""Root-cause clusters of complaints, per complaint label, fit once and then
updated incrementally.

Contract for the shells (CLI, service):

    model = RootCauseModel.load()                       # triage/root_causes.py (models/clusters)
    clusterer = Clusterer(model, ClusterSettings())
    items = complaints_from_analysis(id, analysis, fields)  # from Pipeline.analyse: no re-encoding
    state = clusterer.fit(items, previous=old_state)    # -> ClusterState (refit keeps ids, curation)
    result = clusterer.assign(state, item)              # -> Assignment (cluster_id or None = outlier pool)
    born = clusterer.promote_outliers(state)            # new clusters from the pool, list of ids
    clusterer.rename(state, cid, "name") / merge(state, [a, b]) / split(state, cid, items)
    summary(state, items, assignments)                  # triage/cluster_summary.py

`items` are `Complaint`s: id, label (one complaint label; a text with two
labels is two items), embedding (the pipeline's unit text vector, encoded
once), text, language, and optional fields (created_at, sku, carrier, ...).

How clusters are made: the root-cause model gives each complaint a
probability per LABELS.md root cause; the complaint goes to the cluster of
its most likely cause. A cluster is (label, causes, centroid); a merge
gives it several causes; after a split, or when an outlier group is
promoted, a cause can have several clusters and the nearest centroid wins
(a pool-born cluster takes complaints within `pool_similarity` first). A
complaint whose cause is uncertain (top probability < `min_confidence`) and whose vector is
far from every centroid of its label (cosine < `min_similarity`) waits in the
outlier pool; when `min_new_cluster` pooled complaints are within
`pool_similarity` of one another, they become a new cluster.

State: `ClusterState.to_dict()` is plain JSON (centroids as lists of floats);
`ClusterState.from_dict()` reads it back. Ids survive refits: a fresh cause
cluster takes the id its cause had in the previous state (`base_ids`, before
curation), else the id of a previous pool-born cluster with a close centroid;
unmatched pool-born clusters are kept. Curation edits (rename, merge, split)
are recorded in `state.curation` and re-applied, in order, after a refit.
A Complaint caches its cause probabilities (`cause_probs`): use one
Clusterer model per Complaint object.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

import numpy as np

from .labels import COMPLAINT_LABELS
from .root_causes import RootCauseModel

STATE_VERSION = 1
ID_PREFIX = {"late_delivery": "late", "damage": "dmg", "wrong_item": "wrong"}


@dataclass
class Complaint:
    id: str
    label: str
    embedding: np.ndarray
    text: str
    language: str
    fields: dict[str, Any] = field(default_factory=dict)
    cause_probs: np.ndarray | None = field(default=None, repr=False)  # filled once by the Clusterer
    words: set[str] | None = field(default=None, repr=False)  # content words, when already segmented


def complaints_from_analysis(id: str, analysis: Any, fields: dict[str, Any] | None = None) -> list[Complaint]:
    """The complaints of one `pipeline.Analysis` (one per predicted complaint
    label; none for `other`), reusing its embedding."""
    return [Complaint(id, label, analysis.embedding, analysis.text, analysis.language, dict(fields or {}))
            for label in analysis.prediction.labels if label in COMPLAINT_LABELS]


@dataclass
class Assignment:
    cluster_id: str | None  # None: in the outlier pool
    cause: str
    confidence: float  # probability of the cause
    similarity: float  # cosine to the cluster's centroid (or the nearest one, for outliers)


@dataclass
class Cluster:
    id: str
    label: str
    causes: list[str]  # root causes routed here (several after a merge)
    centroid: list[float]
    size: int = 0
    name: str | None = None  # an analyst's name; None means the generated one
    origin: str = "cause"  # cause | merge | split | pool


@dataclass
class ClusterState:
    clusters: dict[str, Cluster] = field(default_factory=dict)
    curation: list[dict[str, Any]] = field(default_factory=list)  # edits, in order
    outliers: list[dict[str, Any]] = field(default_factory=list)  # pool: id, label, cause, embedding
    next_number: dict[str, int] = field(default_factory=dict)
    base_ids: dict[str, dict[str, str]] = field(default_factory=dict)  # label -> cause -> id before curation
    settings: dict[str, Any] = field(default_factory=dict)
    fitted_on: int = 0
    unassigned_share: float = 0.0

    def new_id(self, label: str) -> str:
        n = self.next_number.get(label, 1)
        self.next_number[label] = n + 1
        return f"{ID_PREFIX.get(label, label)}-{n:03d}"

    def centroids(self, label: str) -> tuple[list[str], np.ndarray]:
        ids = [cid for cid, c in self.clusters.items() if c.label == label]
        if not ids:
            return [], np.zeros((0, 0), np.float32)
        return ids, np.asarray([self.clusters[cid].centroid for cid in ids], np.float32)

    def to_dict(self) -> dict[str, Any]:
        return {"version": STATE_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClusterState:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported cluster state version {data.get('version')!r}")
        clusters = {cid: Cluster(**c) for cid, c in data["clusters"].items()}
        return cls(clusters=clusters, curation=list(data["curation"]), outliers=list(data["outliers"]),
                   next_number=dict(data["next_number"]), base_ids=dict(data["base_ids"]),
                   settings=dict(data["settings"]),
                   fitted_on=int(data["fitted_on"]), unassigned_share=float(data["unassigned_share"]))


@dataclass(frozen=True)
class ClusterSettings:
    min_confidence: float = 0.35  # below this the predicted cause is uncertain...
    min_similarity: float = 0.35  # ...and below this cosine the complaint is far from every centroid
    min_cluster_size: int = 2  # a fitted cause group smaller than this waits in the pool
    min_new_cluster: int = 8  # pooled complaints needed to found a new cluster
    pool_similarity: float = 0.6  # cosine to the founding complaint, within a new cluster
    match_similarity: float = 0.5  # minimum centroid cosine to inherit a previous id (other cause)
    seed: int = 0  # used to break ties in splits


def _unit(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=-1, keepdims=True), 1e-12)


class Clusterer:
    """Fits, updates and curates a ClusterState. Holds no per-fit data itself."""

    def __init__(self, model: RootCauseModel, settings: ClusterSettings | None = None) -> None:
        self.model = model
        self.settings = settings or ClusterSettings()

    # -- fitting ----------------------------------------------------------
    def fit(self, items: Sequence[Complaint], previous: ClusterState | None = None) -> ClusterState:
        """Fit clusters on `items`; with `previous`, keep its ids where clusters
        match and re-apply its curation. Returns the new state; the assignments
        of the items are `self.assign_all(state, items)`."""
        s = self.settings
        state = ClusterState(settings=asdict(s), fitted_on=len(items))
        if previous is not None:
            state.next_number = dict(previous.next_number)
        for label in COMPLAINT_LABELS:
            group = [it for it in items if it.label == label]
            if not group:
                continue
            E = _unit(np.stack([it.embedding for it in group]).astype(np.float32, copy=False))
            causes, probs = self._causes(label, group, E)
            fresh: list[tuple[str, np.ndarray, int]] = []
            for cause in sorted(set(causes)):
                members = [i for i, c in enumerate(causes) if c == cause]
                if len(members) >= s.min_cluster_size:
                    fresh.append((cause, _unit(E[members].mean(axis=0)), len(members)))
            self._name_fresh(state, label, fresh, previous)
        if previous is not None:
            self._reapply(state, previous.curation, items)
        assignments = self.assign_all(state, items, pool=True)
        state.unassigned_share = (sum(a.cluster_id is None for a in assignments) / len(items)) if items else 0.0
        self._refresh_sizes(state, assignments)
        return state

    def _causes(self, label: str, group: Sequence[Complaint], E: np.ndarray) -> tuple[list[str], np.ndarray]:
        """Most likely cause and cause probabilities; computed once per complaint."""
        todo = [i for i, it in enumerate(group) if it.cause_probs is None]
        if todo:
            fresh = self.model.predict_proba(label, [group[i].text for i in todo],
                                             [group[i].language for i in todo], E[todo])
            for i, row in zip(todo, fresh):
                group[i].cause_probs = row
        probs = np.stack([it.cause_probs for it in group])  # type: ignore[misc]
        causes = self.model.causes_[label]
        return [causes[j] for j in probs.argmax(axis=1)], probs

    def _name_fresh(self, state: ClusterState, label: str, fresh: list[tuple[str, np.ndarray, int]],
                    previous: ClusterState | None) -> None:
        """Give each fresh cause cluster the id its cause had in `previous`
        (before curation, so merges and splits re-apply), else the id of the
        most similar previous cluster born from the pool (an emerging cause
        that has become a fitted one), else a new id. Pool-born clusters of
        `previous` that nothing matched are kept."""
        base = previous.base_ids.get(label, {}) if previous else {}
        old = previous.clusters.values() if previous else []
        pooled = [c for c in old if c.label == label and c.origin == "pool"]
        used: set[str] = set()
        state.base_ids[label] = {}
        for cause, centroid, size in fresh:
            cid = base.get(cause)
            name = None
            if cid is None:
                best = max((c for c in pooled if c.id not in used),
                           key=lambda c: float(np.dot(c.centroid, centroid)), default=None)
                if best is not None and float(np.dot(best.centroid, centroid)) >= self.settings.match_similarity:
                    cid, name = best.id, best.name
            cid = cid or state.new_id(label)
            used.add(cid)
            state.base_ids[label][cause] = cid
            state.clusters[cid] = Cluster(cid, label, [cause], centroid.tolist(), size, name=name)
        for c in pooled:
            if c.id not in used:
                state.clusters[c.id] = Cluster(**asdict(c))

    # -- assignment ---------------------------------------------------------
    def assign(self, state: ClusterState, item: Complaint) -> Assignment:
        """Assign one complaint to an existing cluster, without refitting."""
        return self.assign_all(state, [item])[0]

    def assign_all(self, state: ClusterState, items: Sequence[Complaint], pool: bool = False) -> list[Assignment]:
        """Assign many complaints; with `pool`, outliers are (re)placed in the
        state's outlier pool."""
        out: list[Assignment | None] = [None] * len(items)
        if pool:
            state.outliers = []
        for label in {it.label for it in items}:
            index = [i for i, it in enumerate(items) if it.label == label]
            group = [items[i] for i in index]
            E = _unit(np.stack([it.embedding for it in group]).astype(np.float32, copy=False))
            causes, probs = self._causes(label, group, E)
            ids, C = state.centroids(label)
            sims = E @ C.T if len(ids) else np.zeros((len(group), 0), np.float32)
            decided = self._decide(state, ids, sims, causes, probs.max(axis=1).astype(np.float64))
            for row, (i, it, a) in enumerate(zip(index, group, decided)):
                out[i] = a
                if pool and a.cluster_id is None:
                    state.outliers.append({"id": it.id, "label": label, "cause": causes[row],
                                           "embedding": [round(float(x), 5) for x in E[row]]})
        return [a for a in out if a is not None]

    def _decide(self, state: ClusterState, ids: list[str], sims: np.ndarray, causes: list[str],
                confidences: np.ndarray) -> list[Assignment]:
        """Per complaint of one label (rows of `sims`, its cosines to the
        clusters `ids`): a cluster born from the pool (a theme the cause model
        does not know) takes complaints within `pool_similarity` of it;
        otherwise the nearest cluster of the predicted cause, unless the cause
        is uncertain and the complaint far from it; a cause with no cluster
        falls back to the nearest cluster if near enough; else the outlier
        pool. Ties go to the first cluster in `ids`."""
        s = self.settings
        if not ids:
            return [Assignment(None, cause, float(c), 0.0) for cause, c in zip(causes, confidences)]
        rows = np.arange(len(causes))
        pooled = np.array([state.clusters[cid].origin == "pool" for cid in ids])
        nearest = sims.argmax(axis=1)
        choice = np.full(len(causes), -1)  # index in ids, -1: the pool
        if pooled.any():
            best = np.where(pooled, sims, -np.inf).argmax(axis=1)
            choice = np.where(sims[rows, best] >= s.pool_similarity, best, -1)
        cause_of = np.array(causes)
        for cause in set(causes):
            same = np.array([cause in state.clusters[cid].causes for cid in ids]) & ~pooled
            todo = np.flatnonzero((cause_of == cause) & (choice < 0))
            if same.any():
                best = np.where(same, sims[todo], -np.inf).argmax(axis=1)
                keep = (confidences[todo] >= s.min_confidence) | (sims[todo, best] >= s.min_similarity)
                choice[todo[keep]] = best[keep]
            else:
                near = sims[todo, nearest[todo]] >= s.min_similarity
                choice[todo[near]] = nearest[todo[near]]
        return [Assignment(ids[j] if j >= 0 else None, cause, float(c), float(sims[r, j if j >= 0 else nearest[r]]))
                for r, (j, cause, c) in enumerate(zip(choice.tolist(), causes, confidences))]

    # -- the outlier pool -----------------------------------------------------
    def promote_outliers(self, state: ClusterState) -> list[str]:
        """Found new clusters from dense groups in the outlier pool; returns their ids."""
        s = self.settings
        born: list[str] = []
        for label in COMPLAINT_LABELS:
            pool = [o for o in state.outliers if o["label"] == label]
            while len(pool) >= s.min_new_cluster:
                E = np.asarray([o["embedding"] for o in pool], np.float32)
                near = (E @ E.T) >= s.pool_similarity
                counts = near.sum(axis=1)
                seed = int(np.argmax(counts))
                if counts[seed] < s.min_new_cluster:
                    break
                members = np.flatnonzero(near[seed])
                causes = [pool[m]["cause"] for m in members]
                cid = state.new_id(label)
                state.clusters[cid] = Cluster(cid, label, [max(set(causes), key=causes.count)],
                                              _unit(E[members].mean(axis=0)).tolist(), len(members),
                                              origin="pool")
                born.append(cid)
                taken = {pool[m]["id"] for m in members}
                state.outliers = [o for o in state.outliers if not (o["label"] == label and o["id"] in taken)]
                pool = [o for o in pool if o["id"] not in taken]
        return born

    def add_to_pool(self, state: ClusterState, item: Complaint, assignment: Assignment) -> None:
        """Keep an unassigned complaint in the pool (for `promote_outliers`)."""
        state.outliers.append({"id": item.id, "label": item.label, "cause": assignment.cause,
                               "embedding": [round(float(x), 5) for x in _unit(item.embedding)]})

    # -- curation ---------------------------------------------------------------
    def rename(self, state: ClusterState, cluster_id: str, name: str) -> None:
        self._cluster(state, cluster_id).name = name
        state.curation.append({"op": "rename", "id": cluster_id, "name": name})

    def merge(self, state: ClusterState, cluster_ids: Sequence[str], name: str | None = None) -> str:
        """Merge clusters into the first one; the others' ids stop existing."""
        edit = {"op": "merge", "ids": list(cluster_ids), "name": name}
        self._merge(state, edit)
        state.curation.append(edit)
        return cluster_ids[0]

    def split(self, state: ClusterState, cluster_id: str, items: Sequence[Complaint], parts: int = 2) -> list[str]:
        """Split a cluster in `parts` by k-means on its members' vectors (items
        assigned to it now); returns the ids (the first keeps the old id)."""
        members = [it for it, a in zip(items, self.assign_all(state, items)) if a.cluster_id == cluster_id]
        if len(members) < parts * self.settings.min_cluster_size:
            raise ValueError(f"cluster {cluster_id} has {len(members)} members: too few to split in {parts}")
        from sklearn.cluster import KMeans

        E = _unit(np.stack([it.embedding for it in members]).astype(np.float32, copy=False))
        km = KMeans(parts, n_init=4, random_state=self.settings.seed).fit(E)
        order = np.argsort(-np.bincount(km.labels_, minlength=parts))  # the largest part keeps the id
        edit = {"op": "split", "id": cluster_id,
                "centroids": [_unit(km.cluster_centers_[k]).round(5).tolist() for k in order], "into": []}
        self._split(state, edit)
        state.curation.append(edit)
        return edit["into"]

    def _cluster(self, state: ClusterState, cluster_id: str) -> Cluster:
        if cluster_id not in state.clusters:
            raise KeyError(f"no cluster {cluster_id!r}")
        return state.clusters[cluster_id]

    def _merge(self, state: ClusterState, edit: dict[str, Any]) -> None:
        ids = [cid for cid in edit["ids"] if cid in state.clusters]
        if len(ids) < 2:
            return
        keep = state.clusters[ids[0]]
        if any(state.clusters[c].label != keep.label for c in ids):
            raise ValueError("only clusters of the same complaint label can be merged")
        sizes = np.array([max(state.clusters[c].size, 1) for c in ids], float)
        vectors = np.array([state.clusters[c].centroid for c in ids])
        keep.centroid = _unit((vectors * sizes[:, None]).sum(axis=0)).tolist()
        keep.size = int(sizes.sum())
        keep.origin = "merge" if keep.origin == "cause" else keep.origin
        for cid in ids[1:]:
            keep.causes += [c for c in state.clusters[cid].causes if c not in keep.causes]
            del state.clusters[cid]
        keep.name = edit.get("name") or keep.name

    def _split(self, state: ClusterState, edit: dict[str, Any]) -> None:
        old = state.clusters.get(edit["id"])
        if old is None:
            return
        into = edit["into"] or [old.id] + [state.new_id(old.label) for _ in edit["centroids"][1:]]
        edit["into"] = into
        for cid, centroid in zip(into, edit["centroids"]):
            state.clusters[cid] = Cluster(cid, old.label, list(old.causes), centroid, 0,
                                          name=old.name if cid == old.id else None,
                                          origin=old.origin if cid == old.id else "split")

    def _reapply(self, state: ClusterState, curation: list[dict[str, Any]], items: Sequence[Complaint]) -> None:
        for edit in curation:
            if edit["op"] == "rename" and edit["id"] in state.clusters:
                state.clusters[edit["id"]].name = edit["name"]
            elif edit["op"] == "merge":
                self._merge(state, edit)
            elif edit["op"] == "split":
                self._split(state, edit)
            state.curation.append(edit)

    def _refresh_sizes(self, state: ClusterState, assignments: Sequence[Assignment]) -> None:
        for c in state.clusters.values():
            c.size = 0
        for a in assignments:
            if a.cluster_id is not None:
                state.clusters[a.cluster_id].size += 1
