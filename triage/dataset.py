"""Labelled examples: loading, validation and embedding with a disk cache."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from .encoders import Encoder
from .labels import normalise_labels, to_indicator
from .language import detect_language
from .pipeline import clean_text


@dataclass
class Example:
    id: str
    text: str
    labels: list[str]
    language: str
    weight: float = 1.0
    source: str = ""


def load_examples(paths: Iterable[str | Path]) -> list[Example]:
    """Read labelled JSONL files (fields: text, labels; optional id, lang,
    weight, source). Any bad line raises ValueError naming file and line."""
    examples: list[Example] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{line_no}"
                try:
                    row = json.loads(line)
                    text, _ = clean_text(row["text"])
                    labels = normalise_labels(row["labels"])
                except (KeyError, ValueError, TypeError) as exc:
                    raise ValueError(f"{where}: {exc}") from None
                examples.append(
                    Example(
                        id=str(row.get("id", where)),
                        text=text,
                        labels=labels,
                        language=row.get("lang") or detect_language(text),
                        weight=float(row.get("weight", 1.0)),
                        source=str(row.get("source", row.get("origin", ""))),
                    )
                )
    return examples


def indicator_matrix(examples: Sequence[Example]) -> np.ndarray:
    return np.array([to_indicator(e.labels) for e in examples], dtype=np.int64).reshape(-1, 3)


def embed_cached(encoder: Encoder, texts: Sequence[str], cache_dir: Path | None) -> np.ndarray:
    """Encode texts, reusing vectors cached on disk per (encoder spec, text)."""
    if cache_dir is None:
        return encoder.encode(list(texts))
    folder = cache_dir / hashlib.sha1(encoder.spec.encode()).hexdigest()[:12]
    folder.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    store = folder / "vectors.npz"
    cached: dict[str, np.ndarray] = {}
    if store.exists():
        with np.load(store, allow_pickle=False) as data:
            cached = dict(zip(data["keys"].tolist(), data["vectors"]))
    todo = sorted({k: t for k, t in zip(keys, texts) if k not in cached}.items())
    if todo:
        vectors = encoder.encode([t for _, t in todo])
        cached.update(zip([k for k, _ in todo], vectors))
        tmp = folder / "vectors.tmp.npz"
        np.savez(tmp, keys=np.array(list(cached)), vectors=np.stack(list(cached.values())))
        tmp.replace(store)
    return np.stack([cached[k] for k in keys]).astype(np.float32)
