"""A disk cache in front of any encoder, for repeated training runs."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Sequence

import numpy as np

from .base import Encoder


class CachedEncoder:
    """Same spec and vectors as the wrapped encoder; each text is encoded once
    per spec and kept in `<cache_dir>/<spec hash>/vectors.npz`. Processes that
    share the cache each write their own temporary file and rename it: the
    last one wins, and vectors the other added are encoded again when needed."""

    def __init__(self, encoder: Encoder, cache_dir: Path) -> None:
        self.encoder = encoder
        self.spec = encoder.spec
        self.dim = encoder.dim
        self.folder = Path(cache_dir) / hashlib.sha1(encoder.spec.encode()).hexdigest()[:12]
        self._store = self.folder / "vectors.npz"
        self._vectors: dict[str, np.ndarray] | None = None

    def _load(self) -> dict[str, np.ndarray]:
        if self._vectors is None:
            self._vectors = {}
            if self._store.exists():
                with np.load(self._store, allow_pickle=False) as data:
                    self._vectors = dict(zip(data["keys"].tolist(), data["vectors"]))
        return self._vectors

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._load()
        keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
        todo = sorted({k: t for k, t in zip(keys, texts) if k not in vectors}.items())
        if todo:
            fresh = self.encoder.encode([t for _, t in todo])
            vectors.update(zip([k for k, _ in todo], fresh))
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f"vectors.{os.getpid()}.tmp.npz"
            np.savez(tmp, keys=np.array(list(vectors)), vectors=np.stack(list(vectors.values())))
            tmp.replace(self._store)
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([vectors[k] for k in keys]).astype(np.float32)
