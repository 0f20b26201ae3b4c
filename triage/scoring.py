"""Scoring a file of texts: rows in, one output record per row, in input order.

Bad rows never stop the job: they get an `error` and the run goes on. Work is
split into chunks; with several workers each process loads the model once
and scores whole chunks, and results are written back in input order.
"""

from __future__ import annotations

import ctypes
import hashlib
import itertools
import json
import multiprocessing
import os
import sys
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Iterator, Sequence

import numpy as np

from .env import usable_cores
from .pipeline import Analysis, InvalidTextError, Pipeline, clean_text
from .records import InputFormatError, RecordWriter, Row, RowReader, _fsync_path

RESULT_FIELDS = ("language", "labels", "scores", "needs_review", "evidence", "truncated", "warning", "error")


@dataclass
class ScoreStats:
    rows: int = 0
    scored: int = 0
    errors: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    by_label: dict[str, int] = field(default_factory=dict)
    resumed: int = 0  # rows an interrupted run had already written (skipped on --resume)
    total_rows: int | None = None  # known in advance for Parquet input or with a limit
    fraction: float | None = None  # share of the input file read so far (by bytes)


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


def _chunks(rows: Iterable[Row], size: int, reader: RowReader) -> Iterator[tuple[list[Row], int]]:
    """Chunks of rows, each with the input position (bytes) reached at its end."""
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk, reader.bytes_read
            chunk = []
    if chunk:
        yield chunk, reader.bytes_read


def checkpoint_path(output_path: str | Path) -> Path:
    """Where `score_file` keeps the checkpoint of OUTPUT while it runs."""
    output_path = Path(output_path)
    return output_path.with_name(output_path.name + ".checkpoint.json")


def _input_identity(path: Path) -> dict[str, Any]:
    info = path.stat()
    return {"input": str(path.resolve()), "input_size": info.st_size, "input_mtime_ns": info.st_mtime_ns}


def _save_checkpoint(path: Path, state: dict[str, Any]) -> None:
    """Replace the checkpoint atomically and durably (write, fsync, rename, fsync the folder)."""
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(state, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _fsync_path(path.parent)


def _load_checkpoint(path: Path, output_path: Path, identity: dict[str, Any]) -> dict[str, Any] | None:
    if not path.is_file():
        if output_path.exists():
            raise InputFormatError(
                f"{output_path} exists but has no checkpoint ({path.name}): it is complete or was not written by "
                "`triage score`; remove it, or run without --resume to overwrite it")
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputFormatError(f"{path}: unreadable checkpoint ({exc})") from exc
    changed = [key for key, value in identity.items() if state.get(key) != value]
    if changed:
        raise InputFormatError(
            f"cannot resume {output_path}: {', '.join(changed)} differ from the interrupted run "
            f"(was {', '.join(f'{k}={state.get(k)!r}' for k in changed)}); run without --resume to start over")
    return state


def score_file(
    input_path: str | Path,
    output_path: str | Path,
    model_dir: str | Path | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = 256,
    workers: int | None = 1,
    limit: int | None = None,
    progress: Callable[[ScoreStats], None] | None = None,
    columns: Sequence[str] | None = None,
    resume: bool = False,
    checkpoint_seconds: float = 1.0,
    second_opinion: bool = False,
) -> ScoreStats:
    """Score every row of `input_path` into `output_path` (formats by suffix).

    Output records carry the input's fields first (all of them, or `id` plus
    `columns`), then RESULT_FIELDS. Duplicate ids are scored and flagged with
    a `warning` naming the first row that used the id.

    While it runs, the output is made durable and a checkpoint
    (`checkpoint_path(output_path)`) is written at most every
    `checkpoint_seconds` (Parquet: when a part file is complete). If the run
    is killed, `resume=True` drops output written after the last checkpoint,
    skips the input rows it covers and goes on, so every input row ends up in
    the output exactly once, in order. The checkpoint is removed at the end.

    `workers` (None: one per usable core) are processes, each with its own
    copy of the model. With `second_opinion` (the model's second model for
    its unsure texts, triage/second_opinion.py) they are threads sharing one
    copy: the second model runs in onnxruntime and most of the first in
    numpy, both outside the GIL, so threads keep the cores busy with both
    models in memory once.
    """
    output_path = Path(output_path)
    stats = ScoreStats()
    started = time.perf_counter()
    reader = RowReader(input_path)
    row_iter = iter(reader)
    first = next(row_iter, None)  # a file-level problem (missing column) raises here, before any output exists
    if columns is not None and reader.header is not None:
        absent = [c for c in columns if c not in reader.header]
        if absent:
            raise InputFormatError(f"{input_path}: no column(s) {', '.join(map(repr, absent))} to carry; "
                                   f"found {reader.header}")
    keep = None if columns is None else {"id", *columns}
    rows: Iterator[Row] = itertools.chain([first], row_iter) if first is not None else iter(())
    stats.total_rows = reader.total_rows if limit is None else min(limit, reader.total_rows or limit)
    identity = {**_input_identity(reader.path), "limit": limit, "columns": None if columns is None else list(columns)}
    ckpt_file = checkpoint_path(output_path)
    state = _load_checkpoint(ckpt_file, output_path, identity) if resume else None
    seen = SeenIds()

    skip = 0 if state is None else int(state["rows_done"])
    if skip:  # the rows the interrupted run already wrote: read past them, remembering their ids
        for row in itertools.islice(rows, skip):
            stats.rows += 1
            if row.error is None and _valid_text(row.fields.get("text")):
                id_value = row.fields.get("id")
                if id_value is not None and not (isinstance(id_value, str) and not id_value.strip()):
                    seen.add(str(id_value), row.number)
        if stats.rows < skip:
            raise InputFormatError(f"cannot resume {output_path}: the checkpoint covers {skip} rows but "
                                   f"{input_path} has only {stats.rows}")
        stats.resumed = skip
        saved = state.get("stats", {})  # the interrupted run's counts, so the totals cover every row
        stats.scored, stats.errors = saved.get("scored", 0), saved.get("errors", 0)
        stats.duplicates, stats.by_label = saved.get("duplicates", 0), dict(saved.get("by_label", {}))
    if limit is not None:
        rows = itertools.islice(rows, max(0, limit - skip))

    def jobs(chunk: list[Row]) -> list[tuple[str | None, Any]]:
        return [(row.error, row.fields.get("text")) for row in chunk]

    pool: Any = None
    threads: ThreadPoolExecutor | None = None
    chunks = _chunks(rows, batch_size, reader)
    workers = workers or usable_cores()
    results_iter: Iterator[tuple[list[Row], int, list[dict[str, Any]]]]
    if second_opinion and pipeline is None and workers > 1:
        _one_malloc_arena()
        shared = Pipeline.load(model_dir, threads=1, second_opinion=True)
        _warm_second_opinion(shared)
        threads = ThreadPoolExecutor(workers, thread_name_prefix="score")
        results_iter = _ordered(lambda job: threads.submit(score_chunk, shared, job).result,
                                2 * workers, chunks, jobs)
    elif workers > 1:
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        pool = context.Pool(workers, initializer=_init_worker,
                            initargs=(None if model_dir is None else str(model_dir),))
        results_iter = _ordered(lambda job: pool.apply_async(_score_in_worker, (job,)).get,
                                2 * workers, chunks, jobs)
    else:
        if pipeline is None:
            pipeline = Pipeline.load(model_dir, second_opinion=second_opinion)
        _warm_second_opinion(pipeline)
        local = pipeline
        results_iter = ((chunk, pos, score_chunk(local, jobs(chunk))) for chunk, pos in chunks)
    writer_resume = None if state is None else state["writer"]
    try:
        with RecordWriter(output_path, resume=writer_resume) as writer:
            last_checkpoint = time.perf_counter()
            if state is None:
                _save_checkpoint(ckpt_file, _state(identity, stats, writer.checkpoint()))
            for chunk, position, results in results_iter:
                for row, result in zip(chunk, results):
                    writer.write(_merge(row, result, seen, stats, keep))
                now = time.perf_counter()
                every = checkpoint_seconds * (10 if writer.kind == "parquet" else 1)
                if now - last_checkpoint >= every or writer.pending >= PARQUET_PART_ROWS:
                    _save_checkpoint(ckpt_file, _state(identity, stats, writer.checkpoint()))
                    last_checkpoint = now
                else:
                    writer.flush()
                stats.seconds = now - started
                stats.fraction = position / reader.total_bytes if reader.total_bytes else None
                if progress:
                    progress(stats)
            # the last rows are durable before the checkpoint goes
            _save_checkpoint(ckpt_file, _state(identity, stats, writer.checkpoint()))
        ckpt_file.unlink()
        writer.cleanup()
    finally:
        if pool is not None:
            pool.terminate()
        if threads is not None:
            threads.shutdown(cancel_futures=True)
    stats.seconds = time.perf_counter() - started
    stats.fraction = 1.0
    return stats


def _state(identity: dict[str, Any], stats: ScoreStats, writer_state: dict[str, Any]) -> dict[str, Any]:
    counts = {"scored": stats.scored, "errors": stats.errors, "duplicates": stats.duplicates,
              "by_label": stats.by_label}
    return {**identity, "rows_done": stats.rows, "writer": writer_state, "stats": counts}


PARQUET_PART_ROWS = 20_000  # Parquet output: rows per part file (one checkpoint each)


def _valid_text(text: Any) -> bool:
    try:
        clean_text(text)
    except InvalidTextError:
        return False
    return True


def _ordered(
    submit: Callable[[Any], Callable[[], list[dict]]], depth: int,
    chunks: Iterator[tuple[list[Row], int]], jobs: Callable,
) -> Iterator[tuple[list[Row], int, list[dict]]]:
    """Chunks and their results in input order, with at most `depth` in flight;
    `submit(job)` starts one and returns the call that waits for its result."""
    window: deque[tuple[list[Row], int, Callable[[], list[dict]]]] = deque()
    for chunk, position in chunks:
        window.append((chunk, position, submit(jobs(chunk))))
        if len(window) >= depth:
            done_chunk, done_position, result = window.popleft()
            yield done_chunk, done_position, result()
    for done_chunk, done_position, result in window:
        yield done_chunk, done_position, result()


def _warm_second_opinion(pipeline: Pipeline) -> None:
    """Load the second model's encoder now (it loads on first use), so that a
    broken one fails before any row is read, not in the middle of the run."""
    if pipeline.second_opinion is not None:
        pipeline.second_opinion.warm()


def _one_malloc_arena() -> None:
    """glibc gives each thread its own malloc arena, and they fragment: one
    arena for all (measured with two threads: peak 790 against 950 MiB, same speed)."""
    try:
        ctypes.CDLL("libc.so.6").mallopt(-8, 1)  # M_ARENA_MAX
    except (OSError, AttributeError):  # not glibc
        pass


def carried_name(name: str, fields: Collection[str], results: Collection[str] = RESULT_FIELDS) -> str:
    """The output name of an input column: one named like a result field (a
    scored file scored again, a gold file's `labels`) is kept as `input_<name>`
    (`input_input_<name>` if the input has that too), not overwritten."""
    carried = name
    while carried in results or (carried != name and carried in fields):
        carried = f"input_{carried}"
    return carried


def _merge(row: Row, result: dict[str, Any], seen: SeenIds, stats: ScoreStats,
           keep: set[str] | None = None) -> dict[str, Any]:
    stats.rows += 1
    record = {carried_name(k, row.fields): v for k, v in row.fields.items() if keep is None or k in keep}
    record.update(result)
    if "id" not in record:
        record = {"id": None, **record}
    id_value = row.fields.get("id")
    if result["error"] is None and (id_value is None or (isinstance(id_value, str) and not id_value.strip())):
        record.update(_empty_result("field 'id': missing or empty"))
    elif id_value is not None and result["error"] is None:
        first_row = seen.add(str(id_value), row.number)
        if first_row is not None:
            stats.duplicates += 1
            record["warning"] = f"duplicate id {str(id_value)!r}, first seen at row {first_row}"
    if record["error"] is not None:
        stats.errors += 1
        record["error"] = f"row {row.number}: {record['error']}"
    else:
        stats.scored += 1
        for label in record["labels"]:
            stats.by_label[label] = stats.by_label.get(label, 0) + 1
    return record


class SeenIds:
    """Which ids were seen, and at which row: 64-bit hashes of the ids in an
    open-addressing table, 16 bytes per distinct id (16 MB per million rows)
    instead of a Python dict's ~150 bytes. Two different ids colliding on 64
    bits (odds ~1e-8 for a billion ids) would give one a false duplicate warning."""

    def __init__(self, capacity: int = 1 << 14) -> None:
        self._keys = np.zeros(capacity, np.uint64)
        self._rows = np.zeros(capacity, np.int64)
        self._size = 0

    @staticmethod
    def _hash(key: str) -> int:
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        return int.from_bytes(digest, "little") | 1  # 0 marks an empty slot

    def add(self, key: str, row: int) -> int | None:
        """Remember `key` at `row`; the row it was first seen at if it was seen before."""
        h = self._hash(key)
        keys, mask = self._keys, len(self._keys) - 1
        i = h & mask
        while True:
            k = int(keys[i])
            if k == 0:
                keys[i] = h
                self._rows[i] = row
                self._size += 1
                if 2 * self._size > len(keys):
                    self._grow()
                return None
            if k == h:
                return int(self._rows[i])
            i = (i + 1) & mask

    def _grow(self) -> None:
        old_keys, old_rows = self._keys, self._rows
        self._keys = np.zeros(2 * len(old_keys), np.uint64)
        self._rows = np.zeros(2 * len(old_keys), np.int64)
        mask = len(self._keys) - 1
        for h, row in zip(old_keys[old_keys != 0].tolist(), old_rows[old_keys != 0].tolist()):
            i = h & mask
            while self._keys[i] != 0:
                i = (i + 1) & mask
            self._keys[i] = h
            self._rows[i] = row

    def __len__(self) -> int:
        return self._size
