import numpy as np
import pytest
from sklearn.base import clone

from triage.head import MultiLabelHead


def synthetic(n: int = 300, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Three labels, each driven by its own feature direction, plus noise."""
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, 3)) < 0.3).astype(int)
    X = rng.normal(scale=0.5, size=(n, 8))
    X[:, :3] += 2.0 * Y
    return X, Y


def test_estimator_contract() -> None:
    head = MultiLabelHead(C=2.0, cv=3)
    assert head.get_params()["C"] == 2.0
    assert not hasattr(head, "coef_")
    X, Y = synthetic()
    assert head.fit(X, Y) is head
    assert head.coef_.shape == (3, 8)
    copy = clone(head)
    assert copy.get_params() == head.get_params() and not hasattr(copy, "coef_")
    with pytest.raises(ValueError):
        head.set_params(bogus=1)


def test_learns_separable_labels_and_calibrates() -> None:
    X, Y = synthetic()
    head = MultiLabelHead(cv=3).fit(X, Y)
    X_test, Y_test = synthetic(seed=1)
    pred = head.predict(X_test)
    assert (pred == Y_test).mean() > 0.95
    prob = head.predict_proba(X_test)
    assert prob.shape == (300, 3) and ((prob >= 0) & (prob <= 1)).all()
    # calibrated: mean predicted probability close to the observed rate
    assert abs(prob.mean() - Y_test.mean()) < 0.05
    assert ((head.thresholds_ >= 0.3) & (head.thresholds_ <= 0.7)).all()


def test_rejects_a_label_without_positives() -> None:
    X, Y = synthetic()
    Y[:, 1] = 0
    with pytest.raises(ValueError, match="only one class"):
        MultiLabelHead(cv=3).fit(X, Y)
