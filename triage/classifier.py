"""The complaint classifier: dense text vectors + lexical features -> calibrated
multi-label probabilities, a review flag and evidence phrases."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np
from safetensors.numpy import load_file, save_file

from .head import MultiLabelHead
from .labels import COMPLAINT_LABELS, OTHER
from .lexical import LexicalConfig, LexicalView, analyse, linear_scores, to_matrix, token_contributions
from .mlp_head import StackedMLPHead

if TYPE_CHECKING:
    from scipy import sparse

FORMAT_VERSION = 1  # a linear head (MultiLabelHead)
MLP_FORMAT_VERSION = 2  # a StackedMLPHead: config "head_kind" and its tensors in head.safetensors
Head = MultiLabelHead | StackedMLPHead
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "head.safetensors"


@dataclass(frozen=True)
class Evidence:
    """A phrase that pushed a label up, with its span in the input text."""

    text: str
    start: int
    end: int
    weight: float


@dataclass
class Prediction:
    labels: list[str]
    scores: dict[str, float]
    needs_review: bool
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)


@dataclass(frozen=True)
class ClassifierSettings:
    embedding_weight: float = 1.0  # scale of the dense block against lexical features
    review_margin: float = 0.15  # |p - threshold| below this -> needs_review
    max_evidence: int = 3


def _labels(on: np.ndarray) -> list[str]:
    """The complaint labels whose probability reached its threshold, or [OTHER]."""
    return [label for label, flag in zip(COMPLAINT_LABELS, on) if flag] or [OTHER]


class ComplaintClassifier:
    """Head over [dense vectors * embedding_weight | hashed lexical features]."""

    def __init__(
        self,
        head: Head | None = None,
        lexical: LexicalConfig | None = None,
        settings: ClassifierSettings | None = None,
    ) -> None:
        self.head = head or MultiLabelHead()
        self.lexical = lexical or LexicalConfig()
        self.settings = settings or ClassifierSettings()

    # -- features -------------------------------------------------------
    def views(self, texts: Sequence[str], languages: Sequence[str]) -> list[LexicalView]:
        return [analyse(t, lang, self.lexical) for t, lang in zip(texts, languages)]

    def featurize(
        self, texts: Sequence[str], languages: Sequence[str], dense: np.ndarray
    ) -> sparse.csr_matrix:
        """The head's input matrix [dense * embedding_weight | lexical] (for fitting)."""
        from scipy import sparse

        scaled = sparse.csr_matrix(np.asarray(dense, np.float32) * self.settings.embedding_weight)
        lexical = to_matrix(self.views(texts, languages), self.lexical)
        return sparse.hstack([scaled, lexical], format="csr")

    # -- learning -------------------------------------------------------
    def fit(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        dense: np.ndarray,
        Y: np.ndarray,
        sample_weight: np.ndarray | None = None,
    ) -> ComplaintClassifier:
        X = self.featurize(texts, languages, dense)
        if isinstance(self.head, StackedMLPHead):
            self.head.fit(X, Y, sample_weight=sample_weight, dense_dim=dense.shape[1])
        else:
            self.head.fit(X, Y, sample_weight=sample_weight)
        return self

    # -- inference ------------------------------------------------------
    def predict(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        dense: np.ndarray,
        views: Sequence[LexicalView] | None = None,
    ) -> list[Prediction]:
        views = views if views is not None else self.views(texts, languages)
        lexical_coef = self.head.coef_[:, dense.shape[1]:]
        probs = head_probabilities(self.head, dense, views, self.settings.embedding_weight)
        thresholds = self.head.thresholds_
        out = []
        for text, row, view in zip(texts, probs, views):
            on = row >= thresholds
            labels = _labels(on)
            evidence = {
                label: self._evidence(text, view, lexical_coef[j])
                for j, label in enumerate(COMPLAINT_LABELS)
                if on[j]
            }
            out.append(
                Prediction(
                    labels=labels,
                    scores={label: round(float(p), 4) for label, p in zip(COMPLAINT_LABELS, row)},
                    needs_review=bool(np.any(np.abs(row - thresholds) < self.settings.review_margin)),
                    evidence=evidence,
                )
            )
        return out

    def predict_labels(self, dense: np.ndarray, views: Sequence[LexicalView]) -> tuple[list[list[str]], np.ndarray]:
        """The labels `predict` gives and their probabilities (texts x complaint
        labels), without review flags or evidence (for jobs that only need the
        labels, like clustering)."""
        probs = head_probabilities(self.head, dense, views, self.settings.embedding_weight)
        return [_labels(row >= self.head.thresholds_) for row in probs], probs

    def _evidence(self, text: str, view: LexicalView, weights: np.ndarray) -> list[Evidence]:
        """Adjacent tokens with positive contributions, merged into phrases."""
        contributions = token_contributions(view, weights)
        if not len(contributions):
            return []
        floor = max(0.15 * float(contributions.max()), 1e-6)
        phrases: list[Evidence] = []
        i = 0
        while i < len(view.tokens):
            if contributions[i] <= floor:
                i += 1
                continue
            j = i
            while j + 1 < len(view.tokens) and contributions[j + 1] > floor:
                j += 1
            start, end = view.tokens[i].start, view.tokens[j].end
            weight = round(float(contributions[i : j + 1].sum()), 4)
            phrases.append(Evidence(text=text[start:end], start=start, end=end, weight=weight))
            i = j + 1
        phrases.sort(key=lambda e: -e.weight)
        return phrases[: self.settings.max_evidence]

    # -- persistence ----------------------------------------------------
    def save(self, folder: Path, extra_config: dict | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        head = self.head
        save_head(head, folder / WEIGHTS_FILE)
        mlp = isinstance(head, StackedMLPHead)
        config = {
            "format_version": MLP_FORMAT_VERSION if mlp else FORMAT_VERSION,
            "labels": list(COMPLAINT_LABELS),
            **({"head_kind": head.kind, "head_dense_dim": head.dense_dim_} if mlp else {}),
            "head": head.get_params(),
            "lexical": asdict(self.lexical),
            "settings": asdict(self.settings),
            **(extra_config or {}),
        }
        (folder / CONFIG_FILE).write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, folder: Path) -> tuple[ComplaintClassifier, dict]:
        """The classifier and the whole config dict (which names the encoder)."""
        config = json.loads((folder / CONFIG_FILE).read_text())
        if config.get("format_version") not in (FORMAT_VERSION, MLP_FORMAT_VERSION):
            raise ValueError(f"{folder}: unsupported model format {config.get('format_version')!r}")
        if config.get("labels") != list(COMPLAINT_LABELS):
            raise ValueError(f"{folder}: model labels {config.get('labels')} differ from {COMPLAINT_LABELS}")
        if config["format_version"] == MLP_FORMAT_VERSION:
            if config.get("head_kind") != StackedMLPHead.kind:
                raise ValueError(f"{folder}: unknown head kind {config.get('head_kind')!r}")
            head: Head = load_mlp_head(config["head"], int(config["head_dense_dim"]), folder / WEIGHTS_FILE)
        else:
            head = load_head(config["head"], folder / WEIGHTS_FILE)
        lexical = dict(config["lexical"])
        lexical["char_ngrams"] = tuple(lexical["char_ngrams"])
        classifier = cls(head, LexicalConfig(**lexical), ClassifierSettings(**config["settings"]))
        return classifier, config


def head_probabilities(
    head: Head, dense: np.ndarray, views: Sequence[LexicalView], embedding_weight: float
) -> np.ndarray:
    """Calibrated probabilities of a head over [dense * weight | lexical views],
    computed without building the sparse matrix."""
    dim = dense.shape[1]
    coef = head.coef_
    scaled = np.asarray(dense, np.float32) * embedding_weight
    raw = scaled @ coef[:, :dim].T
    raw = raw + linear_scores(views, coef[:, dim:]) + head.intercept_
    if isinstance(head, StackedMLPHead):
        raw = head.logits(scaled, raw)
    return head.calibrate(raw)


def save_head(head: Head, path: Path) -> None:
    if isinstance(head, StackedMLPHead):
        save_file(head.tensors(), str(path))
        return
    save_file(
        {
            "coef": np.ascontiguousarray(head.coef_, dtype=np.float32),
            "intercept": head.intercept_.astype(np.float32),
            "calibration": head.calibration_.astype(np.float32),
            "thresholds": head.thresholds_.astype(np.float32),
        },
        str(path),
    )


def _head_params(params: dict) -> dict:
    """A head's saved parameters as its constructor takes them (JSON made the bounds a list)."""
    return {**params, "threshold_bounds": tuple(params["threshold_bounds"])}


def load_head(params: dict, path: Path) -> MultiLabelHead:
    head = MultiLabelHead(**_head_params(params))
    weights = load_file(str(path))
    head.coef_ = weights["coef"]
    head.intercept_ = weights["intercept"]
    head.calibration_ = weights["calibration"]
    head.thresholds_ = weights["thresholds"]
    head.n_features_in_ = head.coef_.shape[1]
    head.classes_ = np.arange(head.coef_.shape[0])
    return head


def load_mlp_head(params: dict, dense_dim: int, path: Path) -> StackedMLPHead:
    return StackedMLPHead(**_head_params(params)).set_tensors(load_file(str(path)), dense_dim)
