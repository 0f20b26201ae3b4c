"""Labelled examples: loading, validation and embedding with a disk cache."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

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
