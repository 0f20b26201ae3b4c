"""Micro-batching of model calls: requests that arrive together are analysed
in one call, since the encoder's cost per call is mostly fixed for short texts.
One worker thread owns the model, so no lock is held by request threads."""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from typing import Sequence

from triage.pipeline import Analysis, Pipeline


class ModelBatcher:
    def __init__(self, pipeline: Pipeline, max_batch: int = 64) -> None:
        self.pipeline = pipeline
        self.max_batch = max_batch
        self._jobs: queue.Queue[tuple[list[str], Future] | None] = queue.Queue()
        self._worker = threading.Thread(target=self._run, name="model-batcher", daemon=True)
        self._worker.start()

    def analyse(self, texts: Sequence[str]) -> list[Analysis]:
        """Analyse valid texts (see triage.pipeline.clean_text), batched with
        whatever other requests are waiting."""
        future: Future = Future()
        self._jobs.put((list(texts), future))
        return future.result()

    def close(self) -> None:
        self._jobs.put(None)
        self._worker.join(timeout=10)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            batch = [job]
            size = len(job[0])
            while size < self.max_batch:
                try:
                    more = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._jobs.put(None)  # stop after this batch
                    break
                batch.append(more)
                size += len(more[0])
            self._analyse(batch)

    def _analyse(self, batch: list[tuple[list[str], Future]]) -> None:
        texts = [t for job, _ in batch for t in job]
        try:
            results = self.pipeline.analyse(texts)
        except Exception:
            # One bad job must not fail the others: retry each on its own.
            for job, future in batch:
                try:
                    future.set_result(self.pipeline.analyse(job))
                except Exception as exc:  # noqa: BLE001 - handed to the waiting request
                    future.set_exception(exc)
            return
        start = 0
        for job, future in batch:
            future.set_result(results[start : start + len(job)])
            start += len(job)
