import json

import numpy as np
import pytest
from scipy import sparse
from sklearn.base import clone

from triage.classifier import ComplaintClassifier, head_probabilities
from triage.head import MultiLabelHead
from triage.lexical import LexicalConfig
from triage.mlp_head import StackedMLPHead

FAST = {"hidden": 32, "epochs": 40, "cv": 3, "batch_size": 32, "learning_rate": 1e-2, "dropout": 0.0}


def xor_data(n: int = 600, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Label 0 is the XOR of the signs of two features (no linear model can
    learn it); labels 1 and 2 follow single features, like test_head.synthetic."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 8)).astype(np.float32)
    Y = np.zeros((n, 3), dtype=int)
    Y[:, 0] = (X[:, 0] > 0) ^ (X[:, 1] > 0)
    Y[:, 1] = X[:, 2] > 0.5
    Y[:, 2] = X[:, 3] < -0.5
    return X, Y


def test_estimator_contract() -> None:
    head = StackedMLPHead(hidden=8, cv=3)
    assert head.get_params()["hidden"] == 8
    assert not hasattr(head, "W1_")
    copy = clone(head)
    assert copy.get_params() == head.get_params()
    X, Y = xor_data(200)
    assert head.fit(X, Y) is head
    assert head.coef_.shape == (3, 8) and head.W1_.shape == (8, 8) and head.oof_.shape == (200, 3)
    with pytest.raises(ValueError, match="invalid parameter"):
        head.set_params(bogus=1)


def test_learns_what_the_linear_head_cannot() -> None:
    X, Y = xor_data()
    X_test, Y_test = xor_data(seed=1)
    linear = MultiLabelHead(cv=3).fit(X, Y).predict(X_test)
    mlp = StackedMLPHead(**FAST).fit(X, Y)
    pred = mlp.predict(X_test)
    assert (linear[:, 0] == Y_test[:, 0]).mean() < 0.65  # XOR: the linear head is near chance
    assert (pred[:, 0] == Y_test[:, 0]).mean() > 0.85
    assert (pred[:, 1:] == Y_test[:, 1:]).mean() > 0.9
    prob = mlp.predict_proba(X_test)
    assert ((prob >= 0) & (prob <= 1)).all()
    assert abs(prob.mean() - Y_test.mean()) < 0.05  # Platt-calibrated
    assert ((mlp.thresholds_ >= 0.3) & (mlp.thresholds_ <= 0.7)).all()


def test_dense_dim_limits_the_network_to_the_dense_block() -> None:
    X, Y = xor_data(300)
    extra = sparse.random(300, 50, density=0.1, random_state=0, format="csr")
    head = StackedMLPHead(**FAST).fit(sparse.hstack([sparse.csr_matrix(X), extra], format="csr"), Y, dense_dim=8)
    assert head.W1_.shape[0] == 8 and head.coef_.shape == (3, 58)


def test_classifier_save_load_round_trip(tmp_path) -> None:
    rng = np.random.default_rng(0)
    texts = [f"parcel {w} item" for w in ("late", "broken", "wrong", "fine")] * 40
    Y = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]] * 40)
    dense = rng.normal(size=(160, 6)).astype(np.float32) + Y @ rng.normal(size=(3, 6)).astype(np.float32)
    languages = ["en"] * 160
    classifier = ComplaintClassifier(StackedMLPHead(**FAST), LexicalConfig(n_features=2**10))
    classifier.fit(texts, languages, dense, Y)
    classifier.save(tmp_path)
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["format_version"] == 2 and config["head_kind"] == "stacked_mlp"
    loaded, _ = ComplaintClassifier.load(tmp_path)
    assert isinstance(loaded.head, StackedMLPHead)
    views = classifier.views(texts, languages)
    before = head_probabilities(classifier.head, dense, views, 1.0)
    after = head_probabilities(loaded.head, dense, views, 1.0)
    np.testing.assert_allclose(before, after, rtol=1e-5, atol=1e-6)
    # the sparse-free inference path equals the head's own matrix path
    np.testing.assert_allclose(before, loaded.head.predict_proba(classifier.featurize(texts, languages, dense)),
                               rtol=1e-4, atol=1e-5)
    predictions = loaded.predict(texts[:4], languages[:4], dense[:4])
    assert [p.labels for p in predictions] == [["late_delivery"], ["damage"], ["wrong_item"], ["other"]]
    assert predictions[0].evidence["late_delivery"]  # evidence still comes from the lexical weights


def test_linear_models_keep_format_1_and_unknown_head_kinds_are_refused(tmp_path) -> None:
    X, Y = xor_data(120)
    texts, languages = ["a parcel"] * 120, ["en"] * 120
    linear = ComplaintClassifier(MultiLabelHead(cv=3), LexicalConfig(n_features=2**8)).fit(texts, languages, X, Y)
    linear.save(tmp_path / "linear")
    config = json.loads((tmp_path / "linear" / "config.json").read_text())
    assert config["format_version"] == 1 and "head_kind" not in config
    assert isinstance(ComplaintClassifier.load(tmp_path / "linear")[0].head, MultiLabelHead)
    config.update(format_version=2, head_kind="transformer", head_dense_dim=8)
    (tmp_path / "linear" / "config.json").write_text(json.dumps(config))
    with pytest.raises(ValueError, match="unknown head kind 'transformer'"):
        ComplaintClassifier.load(tmp_path / "linear")


def test_training_scripts_choose_the_head_from_the_command_line() -> None:
    import argparse

    from training.heads import add_head_arguments, make_head

    parser = argparse.ArgumentParser()
    add_head_arguments(parser)
    assert isinstance(make_head(parser.parse_args([])), MultiLabelHead)
    head = make_head(parser.parse_args(["--head", "mlp", "--hidden", "8", "--skip", "0", "--no-stack", "--C", "2"]))
    assert isinstance(head, StackedMLPHead)
    assert (head.hidden, head.skip, head.stack, head.C) == (8, 0.0, False, 2.0)
