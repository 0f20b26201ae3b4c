"""Fit the text weights of the urgency score (triage/defaults/urgency.toml:
[text], [signals], [defects], [grades]) to the graded training texts.

    python -m training.train_urgency          # first: the text head, and its out-of-fold probabilities
    python -m training.fit_urgency_weights    # then: the weights, written into urgency.toml

The score's text part is linear: points per cumulative grade probability of
the text head, per signal phrase found, per complaint label. Its weights are a
non-negative least-squares fit of the NDCG gain 2^grade - 1 on the
out-of-fold head probabilities (so the head is never judged on texts it was
fitted on), the signals and the labels, scaled so that a sure grade 3 scores
100. Grade floors are then chosen to match the training grades best. The dev
set is only reported, never fitted.
"""

from __future__ import annotations

import argparse
import re
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from scipy.optimize import nnls

from training.build_dataset import BUILD
from training.corpora import dev_gold
from triage.evaluate import ndcg_at_k
from triage.labels import COMPLAINT_LABELS
from triage.urgency import DEFAULT_CONFIG, UrgencyInputs, UrgencyScorer, UrgencyWeights
from triage.urgency_signals import SIGNAL_NAMES, find_signals

SCALE = 100 / 7  # a sure grade 3 (gain 7) is worth 100 points


def design(probs: np.ndarray, signals: list[set[str]], labels: list[list[str]]) -> np.ndarray:
    sig = np.array([[name in s for name in SIGNAL_NAMES] for s in signals], dtype=float)
    lab = np.array([[label in ls for label in COMPLAINT_LABELS] for ls in labels], dtype=float)
    return np.hstack([probs, sig, lab])


def signal_sets(texts: list[str], languages: list[str]) -> list[set[str]]:
    """The kinds of signal phrase found in each text."""
    return [{h.signal for h in find_signals(t, lang)} for t, lang in zip(texts, languages)]


def fit_points(X: np.ndarray, grades: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Points per column of `design`: non-negative least squares of the NDCG gain, scaled."""
    root = np.sqrt(weights)
    coef, _ = nnls(X * root[:, None], (2.0 ** np.asarray(grades) - 1) * root)
    return coef * SCALE


def best_floors(points: np.ndarray, grades: np.ndarray, weights: np.ndarray) -> tuple[float, float, float]:
    """Floors (normal, high, critical) maximising the weighted macro-F1 of the grades."""
    best, best_f1 = (20.0, 40.0, 60.0), -1.0
    grid = np.arange(2, 100, 2.0)
    for a in grid:
        for b in grid[grid > a]:
            for c in grid[grid > b]:
                pred = (points >= a).astype(int) + (points >= b) + (points >= c)
                f1s = []
                for g in range(4):
                    tp = weights[(pred == g) & (grades == g)].sum()
                    f1s.append(2 * tp / max(weights[pred == g].sum() + weights[grades == g].sum(), 1e-9))
                if np.mean(f1s) > best_f1:
                    best, best_f1 = (float(a), float(b), float(c)), float(np.mean(f1s))
    return best


def write_weights(path: Path, coef: np.ndarray, floors: tuple[float, float, float]) -> None:
    text = path.read_text(encoding="utf-8")
    values = {"grade_points": "[" + ", ".join(f"{x:.1f}" for x in coef[:3]) + "]"}
    for i, name in enumerate(SIGNAL_NAMES):
        values[name] = f"{coef[3 + i]:.1f}"
    for i, label in enumerate(COMPLAINT_LABELS):
        values[label] = f"{coef[3 + len(SIGNAL_NAMES) + i]:.1f}"
    values.update(normal=f"{floors[0]:.1f}", high=f"{floors[1]:.1f}", critical=f"{floors[2]:.1f}")
    for key, value in values.items():
        text, n = re.subn(rf"(?m)^({key}\s*=\s*)(\[[^\]]*\]|[-\d.]+)", lambda m, v=value: m.group(1) + v, text)
        if n != 1:
            raise SystemExit(f"{path}: expected one line '{key} = ...', found {n}")
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oof", type=Path, default=BUILD / "urgency_oof.npz", help="from training/train_urgency.py")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="urgency.toml to update")
    parser.add_argument("--dry-run", action="store_true", help="print the weights, do not write them")
    args = parser.parse_args()

    data = np.load(args.oof, allow_pickle=True)
    texts, languages = list(data["texts"]), list(data["languages"])
    grades, weights = data["grades"].astype(int), data["weights"].astype(float)
    labels = [str(x).split("|") for x in data["labels"]]
    X = design(data["oof"].astype(float), signal_sets(texts, languages), labels)
    coef = fit_points(X, grades, weights)
    points = X @ coef
    floors = best_floors(points, grades, weights)
    names = ["P(grade>=1)", "P(grade>=2)", "P(grade>=3)", *SIGNAL_NAMES, *COMPLAINT_LABELS]
    print("points:", {n: round(float(c), 1) for n, c in zip(names, coef)})
    print("grade floors:", floors)
    print(f"training texts (out-of-fold head): NDCG@50 {ndcg_at_k(list(points), list(grades), 50):.4f}")
    if args.dry_run:
        return
    write_weights(args.config, coef, floors)
    print(f"wrote {args.config}")

    # Report only: the dev set through the whole scorer, as the service ranks it (no order facts).
    from triage.pipeline import Pipeline

    pipeline = Pipeline.load()
    scorer = UrgencyScorer(UrgencyWeights.from_file(args.config))
    now = datetime.now(timezone.utc)
    gold = dev_gold()
    scores = []
    for analysis in pipeline.analyse([r["text"] for r in gold]):
        facts = UrgencyInputs(labels=analysis.prediction.labels, created_at=now, text_grade=analysis.urgency,
                              signals=find_signals(analysis.text, analysis.language))
        scores.append(scorer.score(facts, now).score)
    print(f"dev_gold (never fitted): NDCG@50 {ndcg_at_k(scores, [int(r['urgency']) for r in gold], 50):.4f}")


if __name__ == "__main__":
    main()
