"""A nonlinear head: a one-hidden-layer network over the sentence vectors,
stacked on the linear head's scores.

The linear head (`MultiLabelHead`: logistic regression per label over
[dense | lexical]) stays, and keeps explaining labels through its lexical
weights. Its out-of-fold raw scores `s` join the dense block as input of a
small network, whose output adds to `s` (a residual: the network learns what
the linear scores miss in the sentence vectors):

    h = relu(((dense - mean) / scale) @ W1 + s @ S1 + b1)
    logit = h @ W2 + b2 + skip * s

The logits are Platt-calibrated on out-of-fold logits and each label's
threshold maximises its out-of-fold F1, as in `MultiLabelHead`. torch and
scikit-learn are imported only to fit: predicting is plain numpy.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .head import CalibratedHead, MultiLabelHead, calibrate_out_of_fold

MLP_PARAMS = ("C", "hidden", "epochs", "learning_rate", "weight_decay", "dropout", "batch_size", "skip",
              "stack", "cv", "threshold_bounds", "random_state")


class StackedMLPHead(CalibratedHead):
    """Linear head (`linear`, fitted inside) + a residual network on the dense block.

    `coef_`/`intercept_` are the linear head's (so evidence phrases still come
    from the lexical weights); `dense_dim_` is how many leading columns of the
    feature matrix are the dense block the network reads.
    """

    kind = "stacked_mlp"
    params = MLP_PARAMS

    def __init__(
        self,
        C: float = 4.0,
        hidden: int = 64,
        epochs: int = 10,
        learning_rate: float = 1e-3,
        weight_decay: float = 1e-2,
        dropout: float = 0.3,
        batch_size: int = 128,
        skip: float = 1.0,
        stack: bool = True,
        cv: int = 5,
        threshold_bounds: tuple[float, float] = (0.3, 0.7),
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.hidden = hidden
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay
        self.dropout = dropout
        self.batch_size = batch_size
        self.skip = skip
        self.stack = stack
        self.cv = cv
        self.threshold_bounds = threshold_bounds
        self.random_state = random_state

    # -- fitting ----------------------------------------------------------
    def fit(
        self, X: Any, Y: np.ndarray, sample_weight: np.ndarray | None = None, dense_dim: int | None = None
    ) -> StackedMLPHead:
        """X: [dense | lexical] (dense or scipy sparse), its first `dense_dim`
        columns the dense block (all columns when None); Y: 0/1 (n_samples, n_labels)."""
        Y = np.asarray(Y, dtype=np.int64)
        linear = MultiLabelHead(C=self.C, cv=self.cv, threshold_bounds=self.threshold_bounds,
                                random_state=self.random_state).fit(X, Y, sample_weight=sample_weight)
        return self.fit_network(linear, X, Y, sample_weight, dense_dim)

    def fit_network(
        self, linear: MultiLabelHead, X: Any, Y: np.ndarray, sample_weight: np.ndarray | None = None,
        dense_dim: int | None = None,
    ) -> StackedMLPHead:
        """Fit the network over a linear head already fitted on (X, Y) (which
        holds its out-of-fold scores): `fit` without refitting the linear head."""
        from scipy import sparse
        from sklearn.model_selection import KFold

        Y = np.asarray(Y, dtype=np.int64)
        n_samples, n_labels = Y.shape
        dim = X.shape[1] if dense_dim is None else int(dense_dim)
        dense = X[:, :dim].toarray() if sparse.issparse(X) else np.asarray(X)[:, :dim]
        dense = np.asarray(dense, dtype=np.float32)
        weight = np.ones(n_samples) if sample_weight is None else np.asarray(sample_weight, float)
        stacked = linear.oof_raw_  # out-of-fold raw linear scores: what the network sees at inference
        self.mean_ = dense.mean(axis=0).astype(np.float32)
        self.scale_ = np.maximum(dense.std(axis=0), 1e-6).astype(np.float32)
        inputs = (dense - self.mean_) / self.scale_

        oof = np.zeros((n_samples, n_labels))
        folds = KFold(self.cv, shuffle=True, random_state=self.random_state + 1).split(Y)
        for k, (train, test) in enumerate(folds):
            net = self._train(inputs[train], stacked[train], Y[train], weight[train], seed=k)
            oof[test] = _forward(net, inputs[test], stacked[test], self.skip)
        self.calibration_ = np.zeros((n_labels, 2), dtype=np.float32)
        self.thresholds_ = np.full(n_labels, 0.5, dtype=np.float32)
        self.oof_ = np.zeros((n_samples, n_labels), dtype=np.float32)
        for j in range(n_labels):
            self.calibration_[j], self.oof_[:, j], self.thresholds_[j] = calibrate_out_of_fold(
                oof[:, j], Y[:, j], self.threshold_bounds)
        self.W1_, self.S1_, self.b1_, self.W2_, self.b2_ = self._train(inputs, stacked, Y, weight, seed=self.cv)
        self.coef_ = linear.coef_
        self.intercept_ = linear.intercept_
        self.dense_dim_ = dim
        self.n_features_in_ = X.shape[1]
        self.classes_ = np.arange(n_labels)
        return self

    def _train(
        self, inputs: np.ndarray, stacked: np.ndarray, Y: np.ndarray, weight: np.ndarray, seed: int
    ) -> tuple[np.ndarray, ...]:
        """Weights (W1, S1, b1, W2, b2) of a network fitted with AdamW on
        sample-weighted, class-balanced binary cross-entropy."""
        import torch

        threads = torch.get_num_threads()
        torch.set_num_threads(1)  # small matrices: one thread is faster than several contending ones
        try:
            return self._train_torch(torch, inputs, stacked, Y, weight, seed)
        finally:
            torch.set_num_threads(threads)

    def _train_torch(
        self, torch: Any, inputs: np.ndarray, stacked: np.ndarray, Y: np.ndarray, weight: np.ndarray, seed: int
    ) -> tuple[np.ndarray, ...]:
        torch.manual_seed(self.random_state * 100 + seed)
        n_labels = Y.shape[1]
        x = torch.from_numpy(np.ascontiguousarray(inputs, dtype=np.float32))
        s = torch.from_numpy(np.ascontiguousarray(stacked, dtype=np.float32))
        y = torch.from_numpy(Y.astype(np.float32))
        w = torch.from_numpy((weight / weight.mean()).astype(np.float32))
        positives = y.mean(dim=0).clamp(1e-3, 1 - 1e-3)
        pos_weight = (1 - positives) / positives  # balanced, like class_weight="balanced"
        first = torch.nn.Linear(x.shape[1], self.hidden)
        side = torch.nn.Linear(n_labels, self.hidden, bias=False)
        last = torch.nn.Linear(self.hidden, n_labels)
        if not self.stack:
            torch.nn.init.zeros_(side.weight)
        drop = torch.nn.Dropout(self.dropout)
        params = [*first.parameters(), *last.parameters()] + ([side.weight] if self.stack else [])
        optimiser = torch.optim.AdamW(params, lr=self.learning_rate, weight_decay=self.weight_decay)
        loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=pos_weight)
        generator = torch.Generator().manual_seed(self.random_state * 100 + seed)
        steps = self.epochs * ((len(x) + self.batch_size - 1) // self.batch_size)
        schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=self.learning_rate, total_steps=steps)
        for _ in range(self.epochs):
            order = torch.randperm(len(x), generator=generator)
            for start in range(0, len(x), self.batch_size):
                batch = order[start : start + self.batch_size]
                hidden = torch.relu(first(drop(x[batch])) + side(s[batch]))
                logits = last(drop(hidden)) + self.skip * s[batch]
                loss = (loss_fn(logits, y[batch]).mean(dim=1) * w[batch]).mean()
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
        with torch.no_grad():
            return (first.weight.T.contiguous().numpy().copy(), side.weight.T.contiguous().numpy().copy(),
                    first.bias.numpy().copy(), last.weight.T.contiguous().numpy().copy(),
                    last.bias.numpy().copy())

    # -- inference --------------------------------------------------------
    def logits(self, dense: np.ndarray, linear_raw: np.ndarray) -> np.ndarray:
        """Network logits from the dense block and the linear head's raw scores."""
        net = (self.W1_, self.S1_, self.b1_, self.W2_, self.b2_)
        inputs = (np.asarray(dense, np.float32) - self.mean_) / self.scale_
        return _forward(net, inputs, linear_raw, self.skip)

    def decision_function(self, X: Any) -> np.ndarray:
        from scipy import sparse

        raw = np.asarray(X @ self.coef_.T, dtype=np.float64) + self.intercept_
        dense = X[:, : self.dense_dim_]
        dense = dense.toarray() if sparse.issparse(dense) else np.asarray(dense)
        return self.logits(dense, raw)

    # -- persistence ------------------------------------------------------
    def tensors(self) -> dict[str, np.ndarray]:
        names = ("coef_", "intercept_", "calibration_", "thresholds_", "mean_", "scale_",
                 "W1_", "S1_", "b1_", "W2_", "b2_")
        return {name.rstrip("_"): np.ascontiguousarray(getattr(self, name), dtype=np.float32) for name in names}

    def set_tensors(self, weights: dict[str, np.ndarray], dense_dim: int) -> StackedMLPHead:
        for name, value in weights.items():
            setattr(self, name + "_", value.astype(np.float32))
        self.dense_dim_ = dense_dim
        self.n_features_in_ = self.coef_.shape[1]
        self.classes_ = np.arange(self.coef_.shape[0])
        return self


def _forward(net: tuple, inputs: np.ndarray, stacked: np.ndarray, skip: float) -> np.ndarray:
    W1, S1, b1, W2, b2 = net
    hidden = np.maximum(inputs @ W1 + np.asarray(stacked, np.float32) @ S1 + b1, 0.0)
    return (hidden @ W2 + b2).astype(np.float64) + skip * np.asarray(stacked, np.float64)
