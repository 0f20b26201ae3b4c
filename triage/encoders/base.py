"""The one small interface every sentence encoder implements."""

from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

import numpy as np


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors.

    `spec` is the string that `load_encoder` accepts to rebuild the same
    encoder; it is saved with every model so a model knows its body.
    """

    spec: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dim), dtype float32."""
        ...


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Scale each row to unit length (rows of zeros stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class MissingDependencyError(ImportError):
    """An optional package an encoder needs is not installed."""

    def __init__(self, package: str, spec: str) -> None:
        super().__init__(
            f"encoder {spec!r} needs the package {package!r}: "
            f"install it with `pip install {package}`"
        )
