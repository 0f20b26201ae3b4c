"""Cross-validated cluster quality of root-cause model settings, on the
annotated training texts only (dev_gold is never read here: its texts are
already excluded by `training_rows`).

For each setting: the annotated texts are split in K folds (seeds always
train); the model is trained on the other folds, the held-out fold's
complaints of each label are clustered as `triage cluster` does
(Clusterer.fit, promote_outliers, assign_all), and the adjusted Rand index
and purity of the cluster ids against the annotated root causes are
averaged over folds (unassigned complaints count as one extra group, as in
benchmarks/bench_clusters.py).

    python -m training.cv_root_causes [--labels late_delivery] [--folds 5]
        [--grid "C=0.3,1,3" --grid "lexical_weight=0.5,1,2" ...]
        [--train-only complaints | --leave-out complaints]

To measure what a folder of annotation pools adds, compare `--leave-out
complaints` (its texts not used) with `--train-only complaints` (its texts
always in training, never scored): the scored folds are the same texts.

Each --grid adds the values of one setting (the others stay at their
defaults, or at the values given with --set name=value); `seed_weight`, `C`, `lexical_weight`, `class_weight` (none or
balanced), `min_confidence` and `min_similarity` (ClusterSettings) can vary.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

from training.train_root_causes import ROOT, training_rows
from training.weak_labels import pool_ids
from triage.clustering import Clusterer, ClusterSettings, Complaint
from triage.encoders import load_encoder
from triage.encoders.cached import CachedEncoder
from triage.evaluate import purity
from triage.language import detect_language
from triage.pipeline import vectorize
from triage.root_causes import CauseModelSettings, RootCauseModel

DEFAULTS: dict[str, Any] = {"seed_weight": 0.5, "C": CauseModelSettings.C,
                            "lexical_weight": CauseModelSettings.lexical_weight, "class_weight": "balanced",
                            "min_confidence": ClusterSettings.min_confidence,
                            "min_similarity": ClusterSettings.min_similarity}


def evaluate(rows: list[dict], embeddings: np.ndarray, languages: list[str], labels: list[str],
             setting: dict[str, Any], folds: int, seed: int = 0, train_only: frozenset[str] = frozenset()
             ) -> dict[str, tuple[float, float]]:
    """label -> (mean ARI, mean purity) over the folds; annotated rows whose id
    is in `train_only` always train, like the seeds."""
    from sklearn.metrics import adjusted_rand_score

    annotated = np.array([i for i, r in enumerate(rows) if r["source"] == "annotated" and r["id"] not in train_only])
    order = np.random.default_rng(seed).permutation(len(annotated))
    fold_of = np.empty(len(rows), dtype=int)
    fold_of[:] = -1  # seeds and train-only pools: always training
    fold_of[annotated[order]] = np.arange(len(annotated)) % folds
    weights = np.array([r["weight"] if r["source"] == "annotated" else setting["seed_weight"] for r in rows])
    scores: dict[str, list[tuple[float, float]]] = {label: [] for label in labels}
    for k in range(folds):
        train = np.flatnonzero(fold_of != k)
        test = np.flatnonzero(fold_of == k)
        model = RootCauseModel(CauseModelSettings(C=setting["C"], lexical_weight=setting["lexical_weight"],
                                                  balance_causes=setting["class_weight"] == "balanced"))
        causes = [{lb: c for lb, c in rows[i]["root_causes"].items() if lb in labels} for i in train]
        model.fit([rows[i]["text"] for i in train], [languages[i] for i in train], embeddings[train], causes,
                  weights[train])
        items, gold = [], []
        for i in test:
            for label, cause in rows[i]["root_causes"].items():
                if label in labels:
                    items.append(Complaint(str(i), label, embeddings[i], rows[i]["text"], languages[i]))
                    gold.append(cause)
        settings = ClusterSettings(min_confidence=setting["min_confidence"],
                                   min_similarity=setting["min_similarity"])
        clusterer = Clusterer(model, settings)
        state = clusterer.fit(items)
        clusterer.promote_outliers(state)
        found = [a.cluster_id or "(unassigned)" for a in clusterer.assign_all(state, items)]
        for label in labels:
            idx = [j for j, it in enumerate(items) if it.label == label]
            g, f = [gold[j] for j in idx], [found[j] for j in idx]
            scores[label].append((adjusted_rand_score(g, f), purity(g, f)))
    return {label: (float(np.mean([s[0] for s in v])), float(np.mean([s[1] for s in v])))
            for label, v in scores.items()}


def _value(name: str, value: str) -> Any:
    if name not in DEFAULTS:
        raise SystemExit(f"unknown setting {name!r}; one of {sorted(DEFAULTS)}")
    return None if value == "none" else value if name == "class_weight" else float(value)


def _parse_grid(specs: list[str], with_defaults: bool = True, base: dict[str, Any] | None = None
                ) -> list[dict[str, Any]]:
    start = {**DEFAULTS, **(base or {})}
    settings = [dict(start)] if with_defaults else []
    for spec in specs:
        name, _, values = spec.partition("=")
        for value in values.split(","):
            parsed = _value(name, value)
            if parsed != start[name]:
                settings.append({**start, name: parsed})
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", default="late_delivery", help="comma-separated complaint labels to score")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=1, help="average over this many fold splits (seeds 0, 1, ...)")
    parser.add_argument("--grid", action="append", default=[], help="setting=v1,v2,... (repeatable)")
    parser.add_argument("--set", action="append", default=[], help="setting=value: change the base setting")
    parser.add_argument("--skip-defaults", action="store_true", help="only the --grid variants")
    parser.add_argument("--train-only", action="append", default=[], metavar="FOLDER",
                        help="annotation pools in training/data/annotations/FOLDER always train, never scored")
    parser.add_argument("--leave-out", action="append", default=[], metavar="FOLDER",
                        help="annotation pools in training/data/annotations/FOLDER are not used")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "build" / "cache", help="sentence-vector cache")
    args = parser.parse_args()
    labels = [x for x in args.labels.split(",") if x]
    rows = training_rows(1.0)  # seed weights are set per setting
    left_out = {id_ for folder in args.leave_out for id_ in pool_ids(folder)}
    rows = [r for r in rows if r.get("id") not in left_out]
    train_only = frozenset(id_ for folder in args.train_only for id_ in pool_ids(folder))
    encoder = CachedEncoder(load_encoder("use-m3"), args.cache_dir)
    embeddings, _ = vectorize(encoder, [r["text"] for r in rows])
    languages = [r.get("lang") or detect_language(r["text"]) for r in rows]
    n = {label: sum(label in r["root_causes"] for r in rows if r["source"] == "annotated" and r["id"] not in train_only)
         for label in labels}
    print(f"{len(rows)} training texts; annotated complaints per label {n}; {args.folds} folds")
    base = {name: _value(name, value) for name, _, value in (x.partition("=") for x in args.set)}
    for setting in _parse_grid(args.grid, not args.skip_defaults, base):
        started = time.perf_counter()
        runs = [evaluate(rows, embeddings, languages, labels, setting, args.folds, seed, train_only)
                for seed in range(args.repeats)]
        result = {label: (float(np.mean([r[label][0] for r in runs])), float(np.mean([r[label][1] for r in runs])))
                  for label in labels}
        changed = {k: v for k, v in setting.items() if v != DEFAULTS[k]} or "defaults"
        figures = "  ".join(f"{label} ARI {a:.3f} purity {p:.3f}" for label, (a, p) in result.items())
        print(f"{changed}: {figures}  ({time.perf_counter() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
