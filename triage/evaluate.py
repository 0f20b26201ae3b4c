"""Evaluation figures for multi-label predictions against gold labels."""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

import numpy as np

from .labels import COMPLAINT_LABELS, OTHER


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def expected_calibration_error(prob: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Mean |accuracy - confidence| over equal-width probability bins,
    weighted by bin size, over every (text, label) pair."""
    prob, y = prob.ravel(), y.ravel()
    if not len(prob):
        return 0.0
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(prob, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.sum() * abs(float(y[mask].mean()) - float(prob[mask].mean()))
    return round(total / len(prob), 4)


def label_metrics(gold: np.ndarray, pred: np.ndarray) -> dict:
    """Per-label precision/recall/F1 with counts, micro and macro F1, and
    accuracy on gold-`other` texts (predicted with no complaint label)."""
    per_label = {}
    tps = fps = fns = 0
    for j, label in enumerate(COMPLAINT_LABELS):
        tp = int(np.sum((gold[:, j] == 1) & (pred[:, j] == 1)))
        fp = int(np.sum((gold[:, j] == 0) & (pred[:, j] == 1)))
        fn = int(np.sum((gold[:, j] == 1) & (pred[:, j] == 0)))
        per_label[label] = {**_prf(tp, fp, fn), "support": int(gold[:, j].sum()), "tp": tp, "fp": fp, "fn": fn}
        tps, fps, fns = tps + tp, fps + fp, fns + fn
    gold_other = gold.sum(axis=1) == 0
    pred_other = pred.sum(axis=1) == 0
    other_accuracy = float(np.mean(pred_other[gold_other])) if gold_other.any() else None
    return {
        "n": int(len(gold)),
        "labels": per_label,
        "micro_f1": _prf(tps, fps, fns)["f1"],
        "macro_f1": round(float(np.mean([m["f1"] for m in per_label.values()])), 4),
        "other": {
            "support": int(gold_other.sum()),
            "accuracy": None if other_accuracy is None else round(other_accuracy, 4),
            **_prf(int(np.sum(gold_other & pred_other)), int(np.sum(~gold_other & pred_other)),
                   int(np.sum(gold_other & ~pred_other))),
        },
        "exact_match": round(float(np.mean(np.all(gold == pred, axis=1))), 4) if len(gold) else 0.0,
    }


def confusion(gold_sets: Sequence[Sequence[str]], pred_sets: Sequence[Sequence[str]]) -> dict[str, dict[str, int]]:
    """Counts of gold label set -> predicted label set, as '+'-joined keys."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for gold, pred in zip(gold_sets, pred_sets):
        table["+".join(gold)]["+".join(pred)] += 1
    return {g: dict(row) for g, row in sorted(table.items())}


def evaluate(
    gold: np.ndarray, prob: np.ndarray, pred: np.ndarray, languages: Sequence[str]
) -> dict:
    """All figures: overall, per language, confusion and calibration (ECE)."""
    report = label_metrics(gold, pred)
    report["ece"] = expected_calibration_error(prob, gold)
    langs = np.asarray(languages)
    report["per_language"] = {
        lang: {**label_metrics(gold[langs == lang], pred[langs == lang]),
               "ece": expected_calibration_error(prob[langs == lang], gold[langs == lang])}
        for lang in sorted(set(languages))
    }
    to_sets = lambda m: [[lab for lab, on in zip(COMPLAINT_LABELS, r) if on] or [OTHER] for r in m]  # noqa: E731
    report["confusion"] = confusion(to_sets(gold), to_sets(pred))
    return report


def ndcg_at_k(scores: Sequence[float], grades: Sequence[int], k: int = 50) -> float:
    """NDCG@k of the order by descending `scores` against graded relevance
    (gain 2^grade - 1, discount log2(rank + 1)); ties keep input order."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
    gains = np.array([2.0 ** grades[i] - 1 for i in order])
    ideal = np.sort(2.0 ** np.asarray(grades, dtype=float) - 1)[::-1][:k]
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    best = float(ideal @ discounts[: len(ideal)])
    return float(gains @ discounts[: len(gains)]) / best if best > 0 else 0.0


def purity(gold: Sequence[str], found: Sequence[str]) -> float:
    """Share of items in their cluster's most common gold class (clusters `found`, classes `gold`)."""
    members: dict[str, list[str]] = defaultdict(list)
    for g, f in zip(gold, found):
        members[f].append(g)
    return sum(max(m.count(g) for g in set(m)) for m in members.values()) / len(gold)
