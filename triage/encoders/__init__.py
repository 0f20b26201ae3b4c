"""Sentence encoders behind one interface, chosen by a spec string.

Specs: `use-m3` (default), `e5-small[:folder]`, `e5-small-int8[:folder]`,
`st:<model id or path>`, `fake[:dim]`.
"""

from __future__ import annotations

from .base import Encoder, MissingDependencyError, l2_normalise

DEFAULT_SPEC = "use-m3"


def load_encoder(spec: str = DEFAULT_SPEC, threads: int | None = None) -> Encoder:
    """Build the encoder a spec string names; unknown specs raise ValueError.

    `threads` caps the encoder's compute threads (default: all cores).
    """
    if spec == "use-m3":
        from .use_m3 import UseM3Encoder

        return UseM3Encoder(threads=threads)
    if spec == "e5-small-int8" or spec.startswith("e5-small-int8:"):
        from .e5_int8 import E5Int8Encoder

        return E5Int8Encoder(spec.split(":", 1)[1] if ":" in spec else None, threads=threads)
    if spec == "e5-small" or spec.startswith("e5-small:"):
        from .e5 import E5SmallEncoder

        path = spec.split(":", 1)[1] if ":" in spec else None
        return E5SmallEncoder(path, threads=threads)
    if spec.startswith("st:"):
        from .sentence_transformer import SentenceTransformerEncoder

        return SentenceTransformerEncoder(spec[3:], threads=threads)
    if spec == "fake" or spec.startswith("fake:"):
        from .fake import FakeEncoder

        return FakeEncoder(int(spec.split(":", 1)[1]) if ":" in spec else 64)
    raise ValueError(
        f"unknown encoder spec {spec!r}: use 'use-m3', 'e5-small', 'e5-small-int8', 'st:<model id or path>' or 'fake'"
    )


__all__ = ["Encoder", "MissingDependencyError", "DEFAULT_SPEC", "l2_normalise", "load_encoder"]
