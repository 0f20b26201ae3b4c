import numpy as np

from triage.evaluate import evaluate, expected_calibration_error, label_metrics


def test_metrics_by_hand() -> None:
    gold = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 0], [1, 0, 1]])
    pred = np.array([[1, 0, 0], [0, 0, 0], [0, 1, 0], [1, 0, 0]])
    m = label_metrics(gold, pred)
    assert m["labels"]["late_delivery"]["f1"] == 1.0
    expected = {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1, "tp": 0, "fp": 1, "fn": 1}
    assert m["labels"]["damage"] == expected
    # micro: tp 2, fp 1, fn 2 -> p 2/3, r 1/2
    assert m["micro_f1"] == round(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5), 4)
    assert m["other"]["accuracy"] == 0.0  # the one gold-other text got damage


def test_ece_zero_when_calibrated_and_full_report() -> None:
    prob = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    assert expected_calibration_error(prob, prob.astype(int)) == 0.0
    gold = prob.astype(int)
    report = evaluate(gold, prob, gold, ["en", "zh"])
    assert set(report["per_language"]) == {"en", "zh"}
    assert report["confusion"] == {"damage": {"damage": 1}, "late_delivery": {"late_delivery": 1}}


def test_purity_counts_each_cluster_majority() -> None:
    from triage.evaluate import purity

    assert purity(["a", "a", "b", "b"], ["x", "x", "x", "y"]) == 0.75
    assert purity(["a", "b", "c"], ["x", "y", "z"]) == 1.0
    assert purity(["a", "b", "a", "b"], ["x", "x", "x", "x"]) == 0.5
