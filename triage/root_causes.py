"""The root-cause model: for each complaint label, a multinomial logistic
regression from a complaint's sentence embedding (+ hashed words, the same
lexical view the classifier uses) to the LABELS.md root causes of that label.

It is the "guide" of the clustering (triage/clustering.py): plain clustering
of sentence vectors groups texts by topic and language more than by cause, so
clusters are seeded by this model's predicted cause and refined in embedding
space. Trained by `training/train_root_causes.py` on annotated real texts and
project-written seeds; saved as a folder with `config.json` and
`weights.safetensors`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from safetensors.numpy import load_file, save_file

from .labels import ROOT_CAUSES
from .lexical import LexicalConfig, LexicalView, analyse, linear_scores, to_matrix

FORMAT_VERSION = 1
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "models" / "clusters"


@dataclass(frozen=True)
class CauseModelSettings:
    C: float = 1.0  # inverse L2 regularisation
    lexical_weight: float = 1.0  # scale of the hashed-word block against the embedding
    n_features: int = 2**16  # hashed lexical features
    char_ngrams: tuple[int, ...] = ()  # words and word pairs only: character n-grams cost 4x the time
    max_chars: int = 1000  # lexical view of the first 1,000 characters
    balance_causes: bool = False  # in training, every cause of a label weighs the same in total


def _balanced(causes: list[str], weights: np.ndarray) -> np.ndarray:
    """Weights scaled so that each cause's total is the mean total of the causes
    (the frequent `late_unspecified` then no longer absorbs the rarer causes)."""
    totals: dict[str, float] = {}
    for cause, w in zip(causes, weights):
        totals[cause] = totals.get(cause, 0.0) + float(w)
    mean_total = sum(totals.values()) / len(totals)
    return np.array([w * mean_total / totals[c] for c, w in zip(causes, weights)])


class RootCauseModel:
    """Per complaint label: P(root cause | text). Learned attributes end in `_`."""

    def __init__(self, settings: CauseModelSettings | None = None, encoder_spec: str = "use-m3") -> None:
        self.settings = settings or CauseModelSettings()
        self.encoder_spec = encoder_spec
        self.lexical = LexicalConfig(n_features=self.settings.n_features,
                                     char_ngrams=tuple(self.settings.char_ngrams), max_chars=self.settings.max_chars)
        self.coef_: dict[str, np.ndarray] = {}  # label -> (n_causes, dim + n_features)
        self.intercept_: dict[str, np.ndarray] = {}
        self.causes_: dict[str, list[str]] = {}

    # -- learning -------------------------------------------------------
    def fit(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        embeddings: np.ndarray,
        root_causes: Sequence[dict[str, str]],
        sample_weight: np.ndarray | None = None,
    ) -> RootCauseModel:
        """Fit one head per complaint label on the texts that carry that label's cause."""
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression

        weights = np.ones(len(texts)) if sample_weight is None else np.asarray(sample_weight, float)
        lexical = to_matrix([analyse(t, lang, self.lexical) for t, lang in zip(texts, languages)], self.lexical)
        for label, allowed in ROOT_CAUSES.items():
            rows = [i for i, rc in enumerate(root_causes) if rc.get(label) in allowed]
            if not rows:
                continue
            X = sparse.hstack([sparse.csr_matrix(embeddings[rows]), lexical[rows] * self.settings.lexical_weight],
                              format="csr")
            y = [root_causes[i][label] for i in rows]
            w = weights[rows]
            if self.settings.balance_causes:
                w = _balanced(y, w)
            head = LogisticRegression(C=self.settings.C, max_iter=3000).fit(X, y, sample_weight=w)
            self.causes_[label] = [str(c) for c in head.classes_]
            coef = head.coef_ if len(head.classes_) > 2 else np.vstack([-head.coef_[0], head.coef_[0]]) / 2
            intercept = head.intercept_ if len(head.classes_) > 2 else np.array([-1.0, 1.0]) * head.intercept_[0] / 2
            self.coef_[label] = coef.astype(np.float32)
            self.intercept_[label] = intercept.astype(np.float32)
        return self

    # -- inference ------------------------------------------------------
    def predict_proba(
        self, label: str, texts: Sequence[str], languages: Sequence[str], embeddings: np.ndarray,
        views: Sequence[LexicalView] | None = None,
    ) -> np.ndarray:
        """(n, n_causes) probabilities over `self.causes_[label]`; `views` are the
        texts' `analyse(text, language, self.lexical)` when already made."""
        if label not in self.coef_:
            raise KeyError(f"the root-cause model has no head for label {label!r}")
        coef, dim = self.coef_[label], np.shape(embeddings)[1]
        raw = np.asarray(embeddings, np.float32) @ coef[:, :dim].T + self.intercept_[label]
        if len(texts):
            if views is None:
                views = [analyse(t, lang, self.lexical) for t, lang in zip(texts, languages)]
            raw = raw + linear_scores(views, coef[:, dim:] * self.settings.lexical_weight)
        raw -= raw.max(axis=1, keepdims=True)
        odds = np.exp(raw)
        return odds / odds.sum(axis=1, keepdims=True)

    # -- persistence ----------------------------------------------------
    def save(self, folder: str | Path, extra_config: dict | None = None) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        tensors: dict[str, np.ndarray] = {}
        for label in self.coef_:
            # contiguous: sklearn's coef_ can be Fortran-ordered, which safetensors would scramble
            tensors[f"{label}.coef"] = np.ascontiguousarray(self.coef_[label], dtype=np.float16)
            tensors[f"{label}.intercept"] = np.ascontiguousarray(self.intercept_[label], dtype=np.float32)
        save_file(tensors, str(folder / "weights.safetensors"))
        config = {"format_version": FORMAT_VERSION, "encoder": self.encoder_spec,
                  "settings": asdict(self.settings), "causes": self.causes_, **(extra_config or {})}
        (folder / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, folder: str | Path | None = None) -> RootCauseModel:
        folder = Path(folder) if folder else DEFAULT_DIR
        if not (folder / "config.json").is_file():
            raise FileNotFoundError(f"no root-cause model at {folder} (expected {folder / 'config.json'})")
        config = json.loads((folder / "config.json").read_text())
        if config.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"{folder}: unsupported root-cause model format {config.get('format_version')!r}")
        settings = dict(config["settings"])
        settings["char_ngrams"] = tuple(settings.get("char_ngrams", (2, 3)))
        model = cls(CauseModelSettings(**settings), config["encoder"])
        weights = load_file(str(folder / "weights.safetensors"))
        for label, causes in config["causes"].items():
            model.causes_[label] = list(causes)
            model.coef_[label] = weights[f"{label}.coef"].astype(np.float32)
            model.intercept_[label] = weights[f"{label}.intercept"]
        return model
