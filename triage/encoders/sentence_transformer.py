"""Any sentence-transformers model the user has on disk (`st:<id or path>`)."""

from __future__ import annotations

import os
from typing import Sequence

import numpy as np

from .base import MissingDependencyError, l2_normalise


class SentenceTransformerEncoder:
    """Loads with local files only unless `allow_download` is set: no code path
    reaches a model hub by default."""

    def __init__(
        self,
        model: str,
        prefix: str = "",
        batch_size: int = 32,
        allow_download: bool = False,
        spec: str | None = None,
        threads: int | None = None,
    ) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise MissingDependencyError("sentence-transformers", f"st:{model}") from exc
        if not allow_download:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        if threads:
            import torch

            torch.set_num_threads(threads)
        self.spec = spec or f"st:{model}"
        self.prefix = prefix
        self.batch_size = batch_size
        try:
            self._model = SentenceTransformer(
                model, device="cpu", local_files_only=not allow_download
            )
        except OSError as exc:
            raise FileNotFoundError(
                f"sentence-transformers model {model!r} is not on this machine "
                "(downloads are off; pass a local folder, or allow downloads explicitly)"
            ) from exc
        dimension = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension
        self.dim = int(dimension())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            [self.prefix + t for t in texts],
            batch_size=self.batch_size,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return l2_normalise(vectors)
