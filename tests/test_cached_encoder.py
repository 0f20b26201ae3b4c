"""The disk cache of sentence vectors used by the training scripts."""

from __future__ import annotations

import multiprocessing

import numpy as np

from triage.encoders import load_encoder
from triage.encoders.cached import CachedEncoder


def _encode_many(cache_dir: str, prefix: str) -> None:
    encoder = CachedEncoder(load_encoder("fake:16"), cache_dir)
    for i in range(150):
        encoder.encode([f"{prefix} text {i}"])


def test_cached_vectors_equal_the_encoders_and_are_reused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plain = load_encoder("fake:16")
    first = CachedEncoder(plain, tmp_path)
    texts = ["the box was crushed", "送餐太慢了", "the box was crushed"]
    np.testing.assert_array_equal(first.encode(texts), plain.encode(texts))
    again = CachedEncoder(plain, tmp_path)
    again.encoder = None  # type: ignore[assignment]  # everything must come from the disk cache
    np.testing.assert_array_equal(again.encode(texts[:2]), plain.encode(texts[:2]))
    assert first.encode([]).shape == (0, 16)


def test_processes_sharing_a_cache_do_not_fail(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # each process used to write the same temporary file, and one of the renames failed
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_encode_many, args=(str(tmp_path), name)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    folder = next(tmp_path.iterdir())
    assert [p.name for p in folder.iterdir()] == ["vectors.npz"]  # no temporary file left behind
