"""Clustering a file of complaints (the `triage cluster` job).

Rows are read like `triage score` reads them. A row that already carries
`labels` (gold labels, or the output of `triage score`) keeps them and is only
encoded; otherwise the pipeline classifies and encodes it in the same pass.
Each complaint label of a row becomes one complaint to cluster, so the
output has one record per (row, complaint label); `other` rows are counted,
not written. Rows that cannot be used get a record with an `error`.
"""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

from .cluster_summary import CAUSE_NAMES, WORDS_CHARS, summary
from .clustering import Assignment, Clusterer, ClusterSettings, ClusterState, Complaint
from .keywords import content_words
from .labels import COMPLAINT_LABELS, normalise_labels
from .language import detect_language
from .lexical import LexicalView, analyse
from .pipeline import InvalidTextError, Pipeline, clean_text, vectorize
from .records import RecordWriter, Row, read_rows
from .root_causes import RootCauseModel

KEEP_FIELDS = ("created_at", "date", "sku", "carrier", "country", "marketplace", "warehouse")


@dataclass
class ClusterJobStats:
    rows: int = 0
    complaints: int = 0
    other: int = 0
    errors: int = 0
    unassigned: int = 0
    new_clusters: list[str] = field(default_factory=list)
    seconds_read_encode: float = 0.0
    seconds_cluster: float = 0.0
    seconds_write: float = 0.0


def _given_labels(value: Any) -> list[str]:
    """Labels from a `labels` field: a list, a `|`-joined string (CSV) or a JSON list."""
    if isinstance(value, str):
        value = value.strip()
        value = json.loads(value) if value.startswith("[") else [v for v in value.split("|") if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"labels must be a list of strings or a |-joined string, got {value!r}")
    return normalise_labels(value)


def _prepare(row: Row) -> tuple[str | None, str | None, list[str] | None]:
    """(error, clean text, given labels or None) of one row."""
    if row.error:
        return row.error, None, None
    id_value = row.fields.get("id")
    if id_value is None or (isinstance(id_value, str) and not id_value.strip()):
        return "field 'id': missing or empty", None, None
    try:
        text, _ = clean_text(row.fields.get("text"))
    except InvalidTextError as exc:
        return f"field 'text': {exc}", None, None
    labels = None
    if row.fields.get("labels") not in (None, ""):
        try:
            labels = _given_labels(row.fields["labels"])
        except ValueError as exc:
            return f"field 'labels': {exc}", None, None
    return None, text, labels


_worker: tuple[Pipeline, RootCauseModel] | None = None
# A clustering job encodes every text it reads, so its encoder keeps more pieces than the default
# (32,000: about 430 MB per worker, against 80 MB; 100,000 bench texts took 109 s instead of 133 s).
# TRIAGE_USEM3_TOKEN_CACHE, when set, wins.
CLUSTER_TOKEN_CACHE = 32_000


def _init_worker(model_dir: str | None, cluster_model_dir: str | None, second_opinion: bool = False) -> None:
    global _worker
    os.environ["OMP_NUM_THREADS"] = "1"
    os.environ.setdefault("TRIAGE_USEM3_TOKEN_CACHE", str(CLUSTER_TOKEN_CACHE))
    try:  # numpy's BLAS was started before the fork: one thread per worker for its small products too
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass
    _worker = (Pipeline.load(model_dir, threads=1, second_opinion=second_opinion),
               RootCauseModel.load(cluster_model_dir))


@dataclass
class Encoded:
    """What clustering needs of one distinct text. Texts without a complaint
    label carry no embedding (nothing to cluster: not sent back by workers)."""

    language: str
    labels: list[str]
    embedding: np.ndarray
    cause_probs: dict[str, np.ndarray]  # per complaint label, with a root-cause model
    words: set[str] | None  # content words for the summary's keywords, with a root-cause model


def encode_chunk(pipeline: Pipeline, model: RootCauseModel | None,
                 jobs: list[tuple[str, list[str] | None]]) -> list[Encoded]:
    """Per (text, given labels): language, labels (classified when not given),
    unit embedding (encoded once), and with `model` the root-cause
    probabilities of each complaint label and the content words (one
    segmentation for both). Only what clustering needs: no evidence, scores
    or urgency."""
    todo = [i for i, (_, labels) in enumerate(jobs) if labels != ["other"]]
    texts = [jobs[i][0] for i in todo]
    languages = [detect_language(t) for t in texts]
    embeddings, dense = vectorize(pipeline.encoder, texts)
    classify = [k for k, i in enumerate(todo) if jobs[i][1] is None]
    labels: list[list[str]] = [jobs[i][1] or [] for i in todo]
    views: dict[int, LexicalView] = {}
    if classify:
        found_views = pipeline.classifier.views([texts[k] for k in classify], [languages[k] for k in classify])
        views = dict(zip(classify, found_views))
        found, label_probs = pipeline.classifier.predict_labels(dense[classify], found_views)
        if pipeline.second_opinion is not None:
            found = pipeline.second_opinion.revise_labels(
                [texts[k] for k in classify], [languages[k] for k in classify], found, label_probs)
        for k, found_labels in zip(classify, found):
            labels[k] = found_labels
    complaints = [k for k in range(len(todo)) if any(label in COMPLAINT_LABELS for label in labels[k])]
    probs: dict[int, dict[str, np.ndarray]] = {k: {} for k in complaints}
    words: dict[int, set[str]] = {}
    if model is not None and complaints:
        # a text no longer than both views' limits has the same words in both: segmented once
        same_words = min(model.lexical.max_chars, pipeline.classifier.lexical.max_chars)
        cause_views = {k: analyse(texts[k], languages[k], model.lexical,
                                  tokens=views[k].tokens if k in views and len(texts[k]) <= same_words else None)
                       for k in complaints}
        for k, view in cause_views.items():
            words[k] = (content_words(texts[k][: model.lexical.max_chars], view.tokens, languages[k])
                        if model.lexical.max_chars == WORDS_CHARS else None)
        for label in COMPLAINT_LABELS:
            rows = [k for k in complaints if label in labels[k] and label in model.coef_]
            if rows:
                found = model.predict_proba(label, [texts[k] for k in rows], [languages[k] for k in rows],
                                            embeddings[rows], views=[cause_views[k] for k in rows])
                for k, row in zip(rows, found):
                    probs[k][label] = row
    empty = np.zeros(0, np.float32)
    out = [Encoded("", ["other"], empty, {}, None)] * len(jobs)  # given as `other`
    for k, i in enumerate(todo):
        complaint = k in probs
        out[i] = Encoded(languages[k], labels[k], embeddings[k] if complaint else empty, probs.get(k, {}),
                         words.get(k))
    return out


def _encode_in_worker(jobs: list[tuple[str, list[str] | None]]) -> list[Encoded]:
    assert _worker is not None
    return encode_chunk(_worker[0], _worker[1], jobs)


def read_complaints(
    input_path: str | Path, pipeline: Pipeline | None, model_dir: str | Path | None, batch_size: int, workers: int,
    limit: int | None, stats: ClusterJobStats, progress: Callable[[int], None] | None = None,
    cluster_model_dir: str | Path | None = None, cause_model: RootCauseModel | None = None,
    background_import: str | None = None, second_opinion: bool = False,
) -> tuple[list[Complaint], list[tuple[Row, str]]]:
    """Complaints of a file (one per row and complaint label) and the rows in
    error. Rows are read while the workers encode; each distinct (text, given
    labels) is encoded once. With `cause_model` (the model
    `cluster_model_dir` names, loaded), the complaints carry their root-cause
    probabilities and content words, computed next to the encoding (in the
    worker processes when there are several). `background_import` names a
    module to import in a thread meanwhile, started once the workers are
    forked (a fork while a thread imports can leave a child with a half-held
    import or logging lock). With `second_opinion`, rows without labels are
    labelled as `triage score --second-opinion` labels them (each worker then
    holds both models)."""
    errors: list[tuple[Row, str]] = []
    kept_rows: list[tuple[Row, str, int]] = []  # (row, text, index of its distinct job)
    distinct: dict[tuple[str, tuple[str, ...] | None], int] = {}

    def batches() -> Iterator[list[tuple[str, list[str] | None]]]:
        pending: list[tuple[str, list[str] | None]] = []
        for row in read_rows(input_path):
            if limit is not None and stats.rows >= limit:
                break
            stats.rows += 1
            error, text, labels = _prepare(row)
            if error:
                errors.append((row, error))
                continue
            assert text is not None
            key = (text, None if labels is None else tuple(labels))
            job = distinct.get(key)
            if job is None:
                job = distinct[key] = len(distinct)
                pending.append((text, labels))
            kept_rows.append((row, text, job))  # before a yield: the pool reads this generator in its own thread
            if len(pending) == batch_size:
                yield pending
                pending = []
        if pending:
            yield pending

    results: Iterator[list[Encoded]]
    pool = None
    if workers > 1:
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        pool = context.Pool(workers, initializer=_init_worker,
                            initargs=(None if model_dir is None else str(model_dir),
                                      None if cluster_model_dir is None else str(cluster_model_dir), second_opinion))
        results = pool.imap(_encode_in_worker, batches())  # the pool reads `batches` in its own thread
    else:
        local = pipeline or Pipeline.load(model_dir, second_opinion=second_opinion)
        results = (encode_chunk(local, cause_model, jobs) for jobs in batches())
    if background_import:
        threading.Thread(target=importlib.import_module, args=(background_import,), daemon=True).start()
    encoded: list[Encoded] = []
    try:
        for chunk in results:
            encoded.extend(chunk)
            if progress:
                progress(len(encoded))
    finally:
        if pool is not None:
            pool.terminate()
    items: list[Complaint] = []
    for row, text, job in kept_rows:
        found = encoded[job]
        complaint_labels = [label for label in found.labels if label in COMPLAINT_LABELS]
        if not complaint_labels:
            stats.other += 1
        kept = {k: row.fields[k] for k in KEEP_FIELDS if k in row.fields}
        for label in complaint_labels:
            # a copy of the probabilities per complaint: the Clusterer caches them on the Complaint
            cause = found.cause_probs.get(label) if cause_model is not None else None
            items.append(Complaint(str(row.fields["id"]), label, found.embedding, text, found.language, kept,
                                   cause_probs=None if cause is None else cause.copy(),
                                   words=found.words if cause_model is not None else None))
    stats.complaints = len(items)
    stats.errors = len(errors)
    return items, errors


def cluster_file(
    input_path: str | Path, output_path: str | Path, summary_path: str | Path,
    model_dir: str | Path | None = None, cluster_model_dir: str | Path | None = None,
    pipeline: Pipeline | None = None, state: ClusterState | None = None, assign_only: bool = False,
    save_state: str | Path | None = None, settings: ClusterSettings | None = None, name_language: str = "en",
    min_support: int = 5, batch_size: int = 256, workers: int = 1, limit: int | None = None,
    progress: Callable[[int], None] | None = None, second_opinion: bool = False,
) -> ClusterJobStats:
    """Cluster the complaints of a file (or assign them to `state`'s clusters
    with `assign_only`), write one record per complaint and a summary file."""
    stats = ClusterJobStats()
    if name_language not in CAUSE_NAMES:
        raise ValueError(f"no cluster names in {name_language!r}; choose one of {sorted(CAUSE_NAMES)}")
    model = RootCauseModel.load(cluster_model_dir)
    started = time.perf_counter()
    # the summary's k-means needs scikit-learn, a slow import: done while the workers encode
    items, errors = read_complaints(input_path, pipeline, model_dir, batch_size, workers, limit, stats, progress,
                                    cluster_model_dir=cluster_model_dir, cause_model=model,
                                    background_import="sklearn.cluster", second_opinion=second_opinion)
    stats.seconds_read_encode = time.perf_counter() - started

    started = time.perf_counter()
    clusterer = Clusterer(model, settings)
    if assign_only:
        if state is None:
            raise ValueError("assigning without refitting needs a cluster state")
        assignments = clusterer.assign_all(state, items)
        for it, a in zip(items, assignments):
            if a.cluster_id is None:
                clusterer.add_to_pool(state, it, a)
    else:
        state = clusterer.fit(items, previous=state)
    stats.new_clusters = clusterer.promote_outliers(state)
    assignments = clusterer.assign_all(state, items)
    stats.unassigned = sum(a.cluster_id is None for a in assignments)
    stats.seconds_cluster = time.perf_counter() - started

    started = time.perf_counter()
    report = summary(state, items, assignments, name_language=name_language, min_support=min_support)
    names = {c["id"]: c["name"] for c in report["clusters"]}
    with RecordWriter(output_path) as writer:
        for it, a in zip(items, assignments):
            writer.write(_record(it, a, names))
        for row, error in errors:
            writer.write({"id": row.fields.get("id"), "label": None, "cluster_id": None, "cluster_name": None,
                          "cause": None, "language": None, "error": f"row {row.number}: {error}"})
    report["rows"], report["errors"], report["other"] = stats.rows, stats.errors, stats.other
    report["new_clusters"] = stats.new_clusters
    Path(summary_path).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if save_state:
        Path(save_state).write_text(json.dumps(state.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    stats.seconds_write = time.perf_counter() - started
    return stats


def _record(item: Complaint, a: Assignment, names: dict[str, str]) -> dict[str, Any]:
    return {"id": item.id, "label": item.label, "cluster_id": a.cluster_id,
            "cluster_name": names.get(a.cluster_id) if a.cluster_id else None, "cause": a.cause,
            "cause_confidence": round(a.confidence, 4), "language": item.language, "error": None}


def load_state(path: str | Path) -> ClusterState:
    try:
        return ClusterState.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a readable cluster state ({exc})") from None

