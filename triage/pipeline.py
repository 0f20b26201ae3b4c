"""The one object every shell (CLI, API, batch job) calls: it cleans the text,
detects the language, encodes once, and hands the same vectors on."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .classifier import ComplaintClassifier, Prediction
from .clauses import pool_clauses, split_clauses
from .encoders import Encoder, load_encoder
from .language import detect_language
from .second_opinion import SecondOpinion
from .urgency_model import GradeEstimate, TextUrgencyModel

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "default"
MAX_CHARS = 5000  # a longer text is analysed on its first 5,000 characters


class InvalidTextError(ValueError):
    """A text the pipeline cannot analyse (not a string, or empty).
    `position` is its index in the batch, when a batch was analysed."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


@dataclass
class Analysis:
    text: str
    language: str
    prediction: Prediction
    truncated: bool
    embedding: np.ndarray
    urgency: GradeEstimate | None = None  # how urgent the text reads, when the model has an urgency head


def clean_text(text: object) -> tuple[str, bool]:
    """Validate and normalise one input text; returns (text, truncated).

    Raises InvalidTextError for non-strings and for empty or whitespace-only
    text, so that callers can report the row instead of guessing a label.
    """
    if not isinstance(text, str):
        raise InvalidTextError(f"text must be a string, got {type(text).__name__}")
    text = unicodedata.normalize("NFC", text.replace("\ufeff", "")).strip()
    if not text:
        raise InvalidTextError("text is empty or whitespace only")
    if len(text) > MAX_CHARS:
        return text[:MAX_CHARS], True
    return text, False


class Pipeline:
    def __init__(
        self,
        encoder: Encoder,
        classifier: ComplaintClassifier,
        config: dict | None = None,
        urgency: TextUrgencyModel | None = None,
        second_opinion: SecondOpinion | None = None,
    ) -> None:
        self.encoder = encoder
        self.classifier = classifier
        self.config = config or {}
        self.urgency = urgency
        self.second_opinion = second_opinion

    @classmethod
    def load(
        cls,
        model_dir: str | Path | None = None,
        encoder: Encoder | None = None,
        threads: int | None = None,
        second_opinion: bool = False,
    ) -> Pipeline:
        """Load a saved model folder; its config names the encoder to build
        (with `threads` compute threads, default all cores). With
        `second_opinion`, also the second model its config names for the texts
        it is unsure of (triage/second_opinion.py); an error if it names none."""
        folder = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR
        if not (folder / "config.json").is_file():
            raise FileNotFoundError(f"no model at {folder} (expected {folder / 'config.json'})")
        classifier, config = ComplaintClassifier.load(folder)
        spec = config["encoder"]
        if encoder is None:
            encoder = load_encoder(_resolve_spec(spec, folder), threads=threads)
        elif encoder.spec != spec:
            raise ValueError(f"model {folder} was trained on encoder {spec!r}, not {encoder.spec!r}")
        second = None
        if second_opinion:
            if not config.get("second_opinion"):
                raise ValueError(f"model {folder} has no second opinion (no `second_opinion` in its config.json)")
            second = SecondOpinion.load(config["second_opinion"], folder, threads=threads)
        return cls(encoder, classifier, config, TextUrgencyModel.load(folder, config.get("urgency")), second)

    def analyse(self, texts: Sequence[str]) -> list[Analysis]:
        """Analyse valid texts (see `clean_text`); raises InvalidTextError on the
        first invalid one, naming its position."""
        cleaned: list[str] = []
        truncated: list[bool] = []
        for position, text in enumerate(texts):
            try:
                value, cut = clean_text(text)
            except InvalidTextError as exc:
                raise InvalidTextError(f"text {position}: {exc}", position) from None
            cleaned.append(value)
            truncated.append(cut)
        if not cleaned:
            return []
        languages = [detect_language(t) for t in cleaned]
        embeddings, dense = vectorize(self.encoder, cleaned)
        views = self.classifier.views(cleaned, languages)
        predictions = self.classifier.predict(cleaned, languages, dense, views)
        if self.second_opinion is not None:
            predictions = self.second_opinion.revise(cleaned, languages, predictions)
        grades: list[GradeEstimate | None] = (
            list(self.urgency.estimate(dense, views)) if self.urgency else [None] * len(cleaned))
        return [
            Analysis(text=t, language=lang, prediction=p, truncated=cut, embedding=e, urgency=g)
            for t, lang, p, cut, e, g in zip(cleaned, languages, predictions, truncated, embeddings, grades)
        ]


def vectorize(encoder: Encoder, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Encode the clauses of cleaned texts once; returns each text's embedding
    (mean of its clause vectors, unit length) and the dense classifier
    features [mean | element-wise max over clauses]."""
    per_text = [split_clauses(t) for t in texts]
    flat = [clause for clauses in per_text for clause in clauses]
    mean, peak = pool_clauses(encoder.encode(flat), [len(c) for c in per_text])
    return mean, np.hstack([mean, peak])


def _resolve_spec(spec: str, model_folder: Path) -> str:
    """A path in a spec ("e5-small:." or "st:body") that exists relative to the
    model folder points there, so a model folder can carry its own encoder."""
    name, sep, path = spec.partition(":")
    if sep and path and not Path(path).is_absolute() and (model_folder / path).exists():
        return f"{name}:{(model_folder / path).resolve()}"
    return spec
