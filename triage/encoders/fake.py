"""A tiny deterministic encoder for unit tests: hashed character trigrams."""

from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np

from .base import l2_normalise


class FakeEncoder:
    """Bag of hashed character trigrams, projected to `dim` dimensions.

    Deterministic across runs and machines; texts sharing substrings get
    similar vectors, which is enough to test heads and pipelines.
    """

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.spec = f"fake:{dim}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dim
                sign = 1.0 if digest[4] & 1 else -1.0
                out[row, bucket] += sign
        return l2_normalise(out)
