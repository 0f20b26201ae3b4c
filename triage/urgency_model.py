"""The text part of urgency: how urgent the text alone reads, as the grades of
LABELS.md (0 low .. 3 critical).

An ordinal model made of three cumulative heads, P(grade >= 1), P(grade >= 2)
and P(grade >= 3), over the classifier's own features (the same clause
vectors and lexical views: nothing is encoded twice). It is stored beside the
classifier in the model folder (urgency.safetensors + a config key), so a
model folder without it still classifies; the service then ranks by the
rule signals alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .classifier import head_probabilities, load_head, save_head
from .head import MultiLabelHead
from .lexical import LexicalView

WEIGHTS_FILE = "urgency.safetensors"
GRADES = (0, 1, 2, 3)


@dataclass(frozen=True)
class GradeEstimate:
    """Cumulative probabilities P(grade >= 1..3) and the expected grade (0-3)."""

    at_least: tuple[float, float, float]

    @property
    def expected(self) -> float:
        return float(sum(self.at_least))

    @property
    def likely_grade(self) -> int:
        """The most probable single grade."""
        p1, p2, p3 = self.at_least
        probs = (1 - p1, p1 - p2, p2 - p3, p3)
        return int(np.argmax(probs))


class TextUrgencyModel:
    def __init__(self, head: MultiLabelHead | None = None, embedding_weight: float = 1.0) -> None:
        self.head = head or MultiLabelHead(threshold_bounds=(0.2, 0.8))
        self.embedding_weight = embedding_weight

    def fit(self, features: object, grades: Sequence[int], sample_weight: np.ndarray | None = None) -> TextUrgencyModel:
        """features: the classifier's matrix (ComplaintClassifier.featurize)."""
        g = np.asarray(grades, dtype=np.int64)
        if g.min() < 0 or g.max() > 3:
            raise ValueError("grades must be within 0..3")
        Y = np.stack([g >= k for k in (1, 2, 3)], axis=1).astype(np.int64)
        self.head.fit(features, Y, sample_weight=sample_weight)
        return self

    def estimate(self, dense: np.ndarray, views: Sequence[LexicalView]) -> list[GradeEstimate]:
        probs = head_probabilities(self.head, dense, views, self.embedding_weight)
        # Cumulative probabilities must not increase with the grade.
        probs = np.minimum.accumulate(probs, axis=1)
        return [GradeEstimate(tuple(round(float(p), 4) for p in row)) for row in probs]  # type: ignore[arg-type]

    def save(self, folder: Path) -> dict:
        """Write the weights; returns the config entry to store in config.json."""
        save_head(self.head, folder / WEIGHTS_FILE)
        return {"head": self.head.get_params(), "embedding_weight": self.embedding_weight}

    @classmethod
    def load(cls, folder: Path, config: dict | None) -> TextUrgencyModel | None:
        if not config or not (folder / WEIGHTS_FILE).is_file():
            return None
        return cls(load_head(config["head"], folder / WEIGHTS_FILE), config["embedding_weight"])
