"""Scoring a file of texts: rows in, one output record per row, in input order.

Bad rows never stop the job: they get an `error` and the run goes on. Work is
split into chunks; with several workers each process loads the model once
and scores whole chunks, and results are written back in input order.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .pipeline import Analysis, InvalidTextError, Pipeline, clean_text
from .records import RecordWriter, Row, read_rows

RESULT_FIELDS = ("language", "labels", "scores", "needs_review", "evidence", "truncated", "warning", "error")


@dataclass
class ScoreStats:
    rows: int = 0
    scored: int = 0
    errors: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    by_label: dict[str, int] = field(default_factory=dict)


def analysis_record(analysis: Analysis) -> dict[str, Any]:
    """The result fields of one analysed text (shared by CLI, API and batch)."""
    p = analysis.prediction
    return {
        "language": analysis.language,
        "labels": p.labels,
        "scores": p.scores,
        "needs_review": p.needs_review,
        "evidence": {label: [e.text for e in items] for label, items in p.evidence.items()},
        "truncated": analysis.truncated,
    }


def _empty_result(error: str | None, warning: str | None = None) -> dict[str, Any]:
    return {"language": None, "labels": None, "scores": None, "needs_review": None,
            "evidence": None, "truncated": None, "warning": warning, "error": error}


def score_chunk(pipeline: Pipeline, chunk: list[tuple[str | None, Any]]) -> list[dict[str, Any]]:
    """Results for (error, text) pairs: rows with an error or invalid text get
    an error result, the rest are analysed in one batch."""
    results: list[dict[str, Any] | None] = [None] * len(chunk)
    todo: list[int] = []
    texts: list[str] = []
    for i, (error, text) in enumerate(chunk):
        if error:
            results[i] = _empty_result(error)
            continue
        try:
            clean_text(text)
        except InvalidTextError as exc:
            results[i] = _empty_result(f"field 'text': {exc}")
            continue
        todo.append(i)
        texts.append(text)
    for i, analysis in zip(todo, pipeline.analyse(texts)):
        results[i] = {**analysis_record(analysis), "warning": None, "error": None}
    return [r for r in results if r is not None]


_worker_pipeline: Pipeline | None = None


def _init_worker(model_dir: str | None) -> None:
    global _worker_pipeline
    os.environ["OMP_NUM_THREADS"] = "1"
    _worker_pipeline = Pipeline.load(model_dir, threads=1)


def _score_in_worker(chunk: list[tuple[str | None, Any]]) -> list[dict[str, Any]]:
    assert _worker_pipeline is not None
    return score_chunk(_worker_pipeline, chunk)


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def score_file(
    input_path: str | Path,
    output_path: str | Path,
    model_dir: str | Path | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = 256,
    workers: int = 1,
    limit: int | None = None,
    progress: Callable[[ScoreStats], None] | None = None,
) -> ScoreStats:
    """Score every row of `input_path` into `output_path` (formats by suffix).

    Output records carry the input's fields first (so `id` and any other
    columns pass through), then RESULT_FIELDS. Duplicate ids are scored and
    flagged with a `warning` naming the first row that used the id.
    """
    stats = ScoreStats()
    started = time.perf_counter()
    reader = read_rows(input_path)
    first = next(reader, None)  # a file-level problem (missing column) raises here, before any output exists
    rows: Iterable[Row] = itertools.chain([first], reader) if first is not None else []
    if limit is not None:
        rows = itertools.islice(rows, limit)
    seen: dict[str, int] = {}

    def jobs(chunk: list[Row]) -> list[tuple[str | None, Any]]:
        return [(row.error, row.fields.get("text")) for row in chunk]

    pool = None
    if workers > 1:
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        pool = context.Pool(workers, initializer=_init_worker,
                            initargs=(None if model_dir is None else str(model_dir),))
        results_iter: Iterator[tuple[list[Row], list[dict[str, Any]]]] = _ordered(
            pool, workers, _chunks(rows, batch_size), jobs)
    else:
        if pipeline is None:
            pipeline = Pipeline.load(model_dir)
        local = pipeline
        results_iter = ((chunk, score_chunk(local, jobs(chunk))) for chunk in _chunks(rows, batch_size))
    try:
        with RecordWriter(output_path) as writer:
            for chunk, results in results_iter:
                for row, result in zip(chunk, results):
                    record = _merge(row, result, seen, stats)
                    writer.write(record)
                writer.flush()
                stats.seconds = time.perf_counter() - started
                if progress:
                    progress(stats)
    finally:
        if pool is not None:
            pool.terminate()
    stats.seconds = time.perf_counter() - started
    return stats


def _ordered(
    pool: Any, workers: int, chunks: Iterator[list[Row]], jobs: Callable
) -> Iterator[tuple[list[Row], list[dict]]]:
    """Chunks and their results in input order, with a bounded number in flight."""
    window: list[tuple[list[Row], Any]] = []
    depth = 2 * workers
    for chunk in chunks:
        window.append((chunk, pool.apply_async(_score_in_worker, (jobs(chunk),))))
        if len(window) >= depth:
            done_chunk, result = window.pop(0)
            yield done_chunk, result.get()
    for done_chunk, result in window:
        yield done_chunk, result.get()


def _merge(row: Row, result: dict[str, Any], seen: dict[str, int], stats: ScoreStats) -> dict[str, Any]:
    stats.rows += 1
    record = {k: v for k, v in row.fields.items() if k not in RESULT_FIELDS}
    record.update(result)
    if "id" not in record:
        record = {"id": None, **record}
    id_value = row.fields.get("id")
    if result["error"] is None and (id_value is None or (isinstance(id_value, str) and not id_value.strip())):
        record.update(_empty_result("field 'id': missing or empty"))
    elif id_value is not None and result["error"] is None:
        key = str(id_value)
        if key in seen:
            stats.duplicates += 1
            record["warning"] = f"duplicate id {key!r}, first seen at row {seen[key]}"
        else:
            seen[key] = row.number
    if record["error"] is not None:
        stats.errors += 1
        record["error"] = f"row {row.number}: {record['error']}"
    else:
        stats.scored += 1
        for label in record["labels"]:
            stats.by_label[label] = stats.by_label.get(label, 0) + 1
    return record
