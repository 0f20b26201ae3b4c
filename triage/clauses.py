"""Splitting a text into clauses, so one short complaint inside a long review
("...and two dishes were missing") keeps its own vector instead of being
averaged away."""

from __future__ import annotations

import re

import numpy as np

_BOUNDARY = re.compile(r"(?<=[。！？!?；;，,\n~～…])|(?<=[.])\s+")
MIN_CLAUSE_CHARS = 4
MAX_CLAUSES = 12


def split_clauses(text: str, max_clauses: int = MAX_CLAUSES) -> list[str]:
    """Clauses of `text` at punctuation; fragments shorter than four characters
    join their neighbour, and the tail beyond `max_clauses` stays one clause."""
    clauses: list[str] = []
    for part in _BOUNDARY.split(text):
        part = part.strip()
        if not part:
            continue
        if clauses and (len(part) < MIN_CLAUSE_CHARS or len(clauses[-1]) < MIN_CLAUSE_CHARS):
            clauses[-1] += part
        else:
            clauses.append(part)
    if len(clauses) > max_clauses:
        clauses = clauses[: max_clauses - 1] + ["".join(clauses[max_clauses - 1 :])]
    return clauses or [text]


def pool_clauses(vectors: np.ndarray, counts: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Per text, the normalised mean and the element-wise max of its clause vectors."""
    n, dim = len(counts), vectors.shape[1]
    mean = np.zeros((n, dim), dtype=np.float32)
    peak = np.zeros((n, dim), dtype=np.float32)
    start = 0
    for i, count in enumerate(counts):
        block = vectors[start : start + count]
        mean[i] = block.mean(axis=0)
        peak[i] = block.max(axis=0)
        start += count
    mean /= np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)
    return mean, peak
