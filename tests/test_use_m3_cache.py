"""The cached USE-m3 forward pass gives the package's own embeddings: with a
roomy cache, with a tiny one (most pieces computed per batch), and from two
threads at once (as the service's model threads call it). Texts are
project-written, in several languages."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from triage.encoders.use_m3 import UseM3Encoder

pytestmark = pytest.mark.real_model

TEXTS = ["my parcel arrived three weeks late", "物流太慢了，等了半个月才到", "la caja llegó aplastada y el vaso roto",
         "wrong colour sent, I ordered blue", "届いた商品が注文と違います", "Посылка пришла через два месяца",
         "great product, fast delivery", "le colis est arrivé en retard et abîmé", "배송이 너무 늦어요",
         "x", "a much longer review that goes on about the product and the seller " * 12]


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    return UseM3Encoder(threads=1, cache_pieces=0).encode(TEXTS * 3)


@pytest.mark.parametrize("pieces", [8192, 16])
def test_cached_pass_equals_the_package(reference: np.ndarray, pieces: int) -> None:
    encoder = UseM3Encoder(threads=1, cache_pieces=pieces)
    for _ in range(2):  # the second pass reads pieces cached by the first
        got = encoder.encode(TEXTS * 3)
        assert got.shape == reference.shape and got.dtype == np.float32
        assert np.abs(got - reference).max() < 1e-5
    backend = encoder._use._backend
    assert 0 < backend._used <= pieces


def test_two_threads_share_the_cache(reference: np.ndarray) -> None:
    encoder = UseM3Encoder(threads=1)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda k: encoder.encode(TEXTS[k:] + TEXTS[:k]), range(len(TEXTS))))
    for k, got in enumerate(results):
        want = np.concatenate([reference[k:len(TEXTS)], reference[:k]])
        assert np.abs(got - want).max() < 1e-5
