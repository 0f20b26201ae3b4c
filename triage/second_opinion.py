"""A second opinion for the texts the fast model is unsure of.

The first model (use-m3) labels every text. Where any of its label
probabilities falls in its unsure zone (`low <= p < high`), the text is
labelled again by a slower, more accurate model, and that model's prediction
(labels, probabilities, review flag, evidence) replaces the first. A model
folder's config.json names its second opinion:

    "second_opinion": {"model": "../e5-small-ft", "encoder": "e5-small-int8:.", "zone": [0.2, 0.9]}

`model` is a model folder (relative to the first one), `encoder` the encoder
spec to run it with (here its own fine-tuned e5-small in int8 on
onnxruntime). It is used only when asked for (`Pipeline.load(...,
second_opinion=True)`, `--second-opinion`): about 11% of the benchmark texts
fall in the zone, and the pair scores about half as many texts per second.
Urgency and clustering still use the first model's vectors.

The second model's encoder is loaded when the first unsure text comes (or on
`warm()`), so a run whose texts are all sure, such as `triage classify` on
one clear text, starts as fast as the first model alone.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .classifier import ComplaintClassifier, Prediction
from .encoders import Encoder, load_encoder
from .labels import COMPLAINT_LABELS


@dataclass
class SecondOpinion:
    classifier: ComplaintClassifier
    low: float
    high: float
    spec: str  # the second model's encoder spec, resolved
    encoder_factory: Callable[[], Encoder]  # called once, on first use
    _encoder: Encoder | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def encoder(self) -> Encoder:
        """The second model's encoder, loaded on first use (threads share one)."""
        return self.warm()

    def warm(self) -> Encoder:
        """Load the encoder now if not yet loaded (a service does, before its first request)."""
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    self._encoder = self.encoder_factory()
        return self._encoder

    @classmethod
    def load(cls, settings: dict, model_folder: Path, threads: int | None = None) -> SecondOpinion:
        from .pipeline import _resolve_spec  # the same relative-path rule as the first model's encoder

        folder = (model_folder / settings["model"]).resolve()
        if not (folder / "config.json").is_file():
            raise FileNotFoundError(
                f"{model_folder / 'config.json'} asks for a second-opinion model at {folder}, which has no config.json")
        classifier, config = ComplaintClassifier.load(folder)
        spec = settings.get("encoder", config["encoder"])
        low, high = (float(x) for x in settings["zone"])
        if not 0.0 <= low < high <= 1.0:
            raise ValueError(f"second_opinion zone must be 0 <= low < high <= 1, not {settings['zone']}")
        resolved = _resolve_spec(spec, folder)
        return cls(classifier, low, high, resolved, lambda: load_encoder(resolved, threads=threads))

    def unsure(self, scores: np.ndarray) -> np.ndarray:
        """Rows (texts x complaint labels) with any probability in the zone.
        Probabilities are rounded to 4 decimals first, as `Prediction.scores`
        are, so raw and reported probabilities route a text the same way."""
        scores = np.round(np.asarray(scores, dtype=np.float64).reshape(-1, len(COMPLAINT_LABELS)), 4)
        return ((scores >= self.low) & (scores < self.high)).any(axis=1)

    def predict(self, texts: Sequence[str], languages: Sequence[str]) -> list[Prediction]:
        """The second model's predictions for cleaned texts. Each text is
        encoded on its own (its clauses in one batch): the int8 encoder scales
        its activations per batch, so texts encoded together would move each
        other's vectors, and a text's labels would depend on its neighbours."""
        from .pipeline import vectorize

        if not texts:
            return []
        dense = np.vstack([vectorize(self.encoder, [text])[1] for text in texts])
        return self.classifier.predict(texts, languages, dense)

    def revise(self, texts: Sequence[str], languages: Sequence[str],
               predictions: Sequence[Prediction]) -> list[Prediction]:
        """`predictions` with those in the unsure zone replaced by the second model's."""
        scores = np.array([[p.scores[label] for label in COMPLAINT_LABELS] for p in predictions])
        out = list(predictions)
        for i, second in self._second_predictions(texts, languages, scores):
            out[i] = second
        return out

    def revise_labels(self, texts: Sequence[str], languages: Sequence[str],
                      labels: Sequence[list[str]], scores: np.ndarray) -> list[list[str]]:
        """`revise` for jobs that keep only the labels (`scores`: the first
        model's probabilities, texts x complaint labels)."""
        out = list(labels)
        for i, second in self._second_predictions(texts, languages, scores):
            out[i] = second.labels
        return out

    def _second_predictions(self, texts: Sequence[str], languages: Sequence[str],
                            scores: np.ndarray) -> list[tuple[int, Prediction]]:
        """(position, second model's prediction) of the texts in the unsure zone."""
        if not len(texts):
            return []
        redo = [int(i) for i in np.flatnonzero(self.unsure(scores))]
        return list(zip(redo, self.predict([texts[i] for i in redo], [languages[i] for i in redo])))
