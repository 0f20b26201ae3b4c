"""Micro-batching: calls that arrive together are handled in one go by one
worker thread. The service uses it twice: model calls (the encoder's cost per
call is mostly fixed for short texts) and ticket ingest (one model call and
one database commit for every ticket that arrived meanwhile)."""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from typing import Callable, Generic, Sequence, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")


class MicroBatcher(Generic[Job, Result]):
    """`process(jobs)` returns one result per job, or an exception for a job
    that failed (the others still get their results)."""

    def __init__(self, process: Callable[[list[Job]], Sequence[Result | BaseException]],
                 size: Callable[[Job], int] = lambda job: 1, max_batch: int = 64, name: str = "batcher",
                 threads: int = 1) -> None:
        """`threads` > 1: that many batches at once (for `process` that releases the GIL, as numpy does)."""
        self.process, self.size, self.max_batch = process, size, max_batch
        self._jobs: queue.Queue[tuple[Job, Future] | None] = queue.Queue()
        self._workers = [threading.Thread(target=self._run, name=f"{name}-{i}" if threads > 1 else name, daemon=True)
                         for i in range(threads)]
        for worker in self._workers:
            worker.start()

    def submit(self, job: Job) -> Result:
        """Run `job` with whatever else is waiting; returns its result or raises its error."""
        return self.submit_future(job).result()

    def submit_future(self, job: Job) -> Future:
        """As `submit`, without waiting: the future holds the result or the error."""
        future: Future = Future()
        self._jobs.put((job, future))
        return future

    def close(self) -> None:
        self._jobs.put(None)  # each worker passes it on to the next and stops
        for worker in self._workers:
            worker.join(timeout=30)

    def _run(self) -> None:
        while True:
            first = self._jobs.get()
            if first is None:
                self._jobs.put(None)
                return
            batch, total = [first], self.size(first[0])
            while total < self.max_batch:
                try:
                    more = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._jobs.put(None)  # stop after this batch
                    break
                batch.append(more)
                total += self.size(more[0])
            try:
                results = self.process([job for job, _ in batch])
            except BaseException as exc:  # noqa: BLE001 - every waiting caller gets the error
                results = [exc] * len(batch)
            for (_, future), result in zip(batch, results):
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)


def analyse_batches(pipeline):  # type: ignore[no-untyped-def]
    """A MicroBatcher of model calls: job = list of valid texts, result = their analyses."""

    def process(jobs: list[list[str]]) -> list:
        try:
            flat = pipeline.analyse([t for job in jobs for t in job])
        except Exception:  # one bad job must not fail the others: each on its own
            out: list = []
            for job in jobs:
                try:
                    out.append(pipeline.analyse(job))
                except Exception as exc:  # noqa: BLE001
                    out.append(exc)
            return out
        out, start = [], 0
        for job in jobs:
            out.append(flat[start : start + len(job)])
            start += len(job)
        return out

    return MicroBatcher(process, size=len, name="model-batcher")
