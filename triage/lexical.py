"""Hashed lexical features: words, word pairs and character n-grams.

They complement the sentence embedding with exact wording (typos, slang,
domain words) and make the classifier explainable: each feature keeps the
span of text it came from, so a label's evidence is the words whose learned
weights pushed it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence
from zlib import crc32

import numpy as np

from .segment import Token, segment

if TYPE_CHECKING:
    from scipy import sparse

DEFAULT_N_FEATURES = 2**18


@dataclass(frozen=True)
class LexicalConfig:
    n_features: int = DEFAULT_N_FEATURES
    char_ngrams: tuple[int, ...] = (2, 3)
    max_chars: int = 2000  # lexical view of a very long text: its first 2,000 characters


@dataclass
class LexicalView:
    """The features of one text, with the tokens each feature covers."""

    tokens: list[Token]
    indices: np.ndarray  # hashed feature index per feature
    token_ids: list[tuple[int, ...]]  # tokens each feature covers


def analyse(text: str, language: str, config: LexicalConfig, tokens: list[Token] | None = None) -> LexicalView:
    """The features of `text`'s first `config.max_chars` characters; `tokens`
    is their segmentation when already made (by another view of the text)."""
    text = text[: config.max_chars]
    if tokens is None:
        tokens = segment(text, language)
    indices: list[int] = []
    covers: list[tuple[int, ...]] = []
    lowered = [t.text.lower() for t in tokens]
    n_features = config.n_features
    last = len(lowered) - 1
    for i, word in enumerate(lowered):
        own = (i,)
        found = _WORD_FEATURES.get((word, config.char_ngrams, n_features))  # the usual case, without a call
        word_index, grams = found if found is not None else _word_features(word, config)
        indices.append(word_index)
        covers.append(own)
        if i < last:
            indices.append(crc32(f"b:{word} {lowered[i + 1]}".encode()) % n_features)
            covers.append((i, i + 1))
        if grams:
            indices.extend(grams)
            covers.extend([own] * len(grams))
    return LexicalView(tokens=tokens, indices=np.array(indices, dtype=np.int64), token_ids=covers)


_WORD_FEATURES: dict[tuple[str, tuple[int, ...], int], tuple[int, tuple[int, ...]]] = {}
_WORD_FEATURES_MAX = 300_000  # cleared when full: words repeat, so most lookups hit


def _word_features(word: str, config: LexicalConfig) -> tuple[int, tuple[int, ...]]:
    """Hashed index of a word's own feature and of its character n-grams (cached: hashing them is
    most of the cost of a view)."""
    key = (word, config.char_ngrams, config.n_features)
    found = _WORD_FEATURES.get(key)
    if found is None:
        n_features = config.n_features
        padded = f"<{word}>" if len(word) > 1 else word
        grams = tuple(crc32(f"c{n}:{padded[j : j + n]}".encode()) % n_features
                      for n in config.char_ngrams for j in range(len(padded) - n + 1))
        found = (crc32(("w:" + word).encode("utf-8")) % n_features, grams)
        if len(_WORD_FEATURES) >= _WORD_FEATURES_MAX:
            _WORD_FEATURES.clear()
        _WORD_FEATURES[key] = found
    return found


def to_matrix(views: Sequence[LexicalView], config: LexicalConfig) -> sparse.csr_matrix:
    """Binary presence of each hashed feature, each row L2-normalised (for fitting)."""
    from scipy import sparse

    indptr = [0]
    columns: list[np.ndarray] = []
    for view in views:
        unique = np.unique(view.indices)
        columns.append(unique)
        indptr.append(indptr[-1] + len(unique))
    cols = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    data = np.ones(len(cols), dtype=np.float32)
    lengths = np.diff(indptr)
    data /= np.repeat(np.sqrt(np.maximum(lengths, 1)), lengths).astype(np.float32)
    return sparse.csr_matrix(
        (data, cols, np.asarray(indptr)), shape=(len(views), config.n_features), dtype=np.float32
    )


def linear_scores(views: Sequence[LexicalView], weights: np.ndarray) -> np.ndarray:
    """`to_matrix(views) @ weights.T` without building the matrix: weights is
    (n_labels, n_features); returns (len(views), n_labels)."""
    out = np.zeros((len(views), weights.shape[0]), dtype=np.float64)
    for row, view in enumerate(views):
        unique = np.unique(view.indices)
        if len(unique):
            out[row] = weights[:, unique].sum(axis=1) / np.sqrt(len(unique))
    return out


def token_contributions(view: LexicalView, weights: np.ndarray) -> np.ndarray:
    """How much each token's features add to a linear score with `weights`.

    A feature covering two tokens splits its weight between them; repeated
    features count once, matching the binary matrix.
    """
    out = np.zeros(len(view.tokens), dtype=np.float64)
    if not len(view.indices):
        return out
    n_unique = len(np.unique(view.indices))
    scale = 1.0 / np.sqrt(n_unique)
    seen: set[int] = set()
    for index, covered in zip(view.indices.tolist(), view.token_ids):
        if index in seen:
            continue
        seen.add(index)
        share = weights[index] * scale / len(covered)
        for token_id in covered:
            out[token_id] += share
    return out
