"""The learnable head: one calibrated logistic regression per complaint label.

Follows the scikit-learn estimator contract (parameters stored in
`__init__`, `get_params`/`set_params`, `fit` returns self, learned attributes
end in `_`), so it can be tested on synthetic vectors and used with sklearn's
model selection tools. scikit-learn is imported only to fit: predicting is
plain numpy, which keeps a cold start of the CLI short.
"""

from __future__ import annotations

from typing import Any

import numpy as np

PARAMS = ("C", "class_weight", "cv", "threshold_bounds", "max_iter", "random_state")


class EstimatorParams:
    """`get_params`/`set_params` of the scikit-learn contract, over the
    constructor parameters a subclass names in `params`."""

    params: tuple[str, ...] = ()

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.params}

    def set_params(self, **params: Any) -> Any:
        for name, value in params.items():
            if name not in self.params:
                raise ValueError(f"invalid parameter {name!r} for {type(self).__name__}; valid: {self.params}")
            setattr(self, name, value)
        return self


class CalibratedHead(EstimatorParams):
    """Prediction shared by the heads: raw scores (`decision_function`) ->
    Platt-calibrated probabilities (`calibration_`) -> labels (`thresholds_`)."""

    calibration_: np.ndarray
    thresholds_: np.ndarray

    def decision_function(self, X: Any) -> np.ndarray:
        raise NotImplementedError

    def calibrate(self, raw: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from raw scores (n_samples, n_labels)."""
        return _sigmoid(raw * self.calibration_[:, 0] + self.calibration_[:, 1])

    def predict_proba(self, X: Any) -> np.ndarray:
        """Calibrated probability of each label, shape (n_samples, n_labels)."""
        return self.calibrate(self.decision_function(X))

    def predict(self, X: Any) -> np.ndarray:
        return (self.predict_proba(X) >= self.thresholds_).astype(np.int64)


class MultiLabelHead(CalibratedHead):
    """Independent binary classifiers over a shared feature matrix.

    Probabilities are Platt-calibrated on out-of-fold scores, and each
    label's decision threshold is the one that maximises its out-of-fold F1
    (kept within `threshold_bounds`), so neither calibration nor thresholds
    are fitted on the examples that trained the weights.
    """

    params = PARAMS

    def __init__(
        self,
        C: float = 4.0,
        class_weight: str | None = "balanced",
        cv: int = 5,
        threshold_bounds: tuple[float, float] = (0.3, 0.7),
        max_iter: int = 2000,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.class_weight = class_weight
        self.cv = cv
        self.threshold_bounds = threshold_bounds
        self.max_iter = max_iter
        self.random_state = random_state

    def _new_model(self):  # type: ignore[no-untyped-def]
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            solver="liblinear",
            max_iter=self.max_iter,
            random_state=self.random_state,
        )

    def fit(self, X: Any, Y: np.ndarray, sample_weight: np.ndarray | None = None) -> MultiLabelHead:
        """X: (n_samples, n_features) dense or scipy sparse; Y: 0/1 (n_samples, n_labels)."""
        from scipy import sparse
        from sklearn.model_selection import KFold

        Y = np.asarray(Y, dtype=np.int64)
        if Y.ndim != 2:
            raise ValueError("Y must be a 2-D 0/1 matrix, one column per label")
        n_samples, n_labels = Y.shape
        if X.shape[0] != n_samples:
            raise ValueError(f"X has {X.shape[0]} rows but Y has {n_samples}")
        weight = np.ones(n_samples) if sample_weight is None else np.asarray(sample_weight, float)
        X = sparse.csr_matrix(X) if sparse.issparse(X) else np.asarray(X, dtype=np.float32)

        self.coef_ = np.zeros((n_labels, X.shape[1]), dtype=np.float32)
        self.intercept_ = np.zeros(n_labels, dtype=np.float32)
        self.calibration_ = np.zeros((n_labels, 2), dtype=np.float32)
        self.thresholds_ = np.full(n_labels, 0.5, dtype=np.float32)
        self.oof_ = np.zeros((n_samples, n_labels), dtype=np.float32)  # calibrated out-of-fold probabilities
        self.oof_raw_ = np.zeros((n_samples, n_labels), dtype=np.float32)  # their raw linear scores
        folds = list(KFold(self.cv, shuffle=True, random_state=self.random_state).split(Y))
        for j in range(n_labels):
            y = Y[:, j]
            if y.min() == y.max():
                raise ValueError(f"label column {j} has only one class in the training data")
            oof = np.zeros(n_samples)
            for train, test in folds:
                if Y[train, j].min() == Y[train, j].max():
                    oof[test] = 0.0
                    continue
                model = self._new_model().fit(X[train], y[train], sample_weight=weight[train])
                oof[test] = model.decision_function(X[test])
            self.oof_raw_[:, j] = oof
            self.calibration_[j], self.oof_[:, j], self.thresholds_[j] = calibrate_out_of_fold(
                oof, y, self.threshold_bounds)
            final = self._new_model().fit(X, y, sample_weight=weight)
            self.coef_[j] = final.coef_[0]
            self.intercept_[j] = final.intercept_[0]
        self.n_features_in_ = X.shape[1]
        self.classes_ = np.arange(n_labels)
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        scores = X @ self.coef_.T
        return np.asarray(scores, dtype=np.float64) + self.intercept_


def calibrate_out_of_fold(
    raw: np.ndarray, y: np.ndarray, bounds: tuple[float, float]
) -> tuple[tuple[float, float], np.ndarray, float]:
    """One label's Platt calibration (a, b) fitted on out-of-fold raw scores,
    their calibrated probabilities, and the threshold (within `bounds`) that
    maximises their F1."""
    from sklearn.linear_model import LogisticRegression

    platt = LogisticRegression(C=1e4).fit(np.asarray(raw).reshape(-1, 1), y)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    probs = _sigmoid(a * raw + b)
    return (a, b), probs, _best_threshold(probs, y, bounds)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))


def _best_threshold(prob: np.ndarray, y: np.ndarray, bounds: tuple[float, float]) -> float:
    best, best_f1 = 0.5, -1.0
    for threshold in np.arange(bounds[0], bounds[1] + 1e-9, 0.01):
        pred = prob >= threshold
        tp = float(np.sum(pred & (y == 1)))
        f1 = 2 * tp / max(float(pred.sum() + y.sum()), 1.0)
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(threshold), f1
    return round(best, 2)
