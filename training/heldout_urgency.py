"""Choose among urgency-head variants without looking at dev_gold: the held-out
fifth of the annotated texts that train the shipped head (training.heldout's
`held_out`, pools 1-21) is ranked by a head and weights fitted on everything
else, as training/train_urgency.py and training/fit_urgency_weights.py fit them.

    python -m training.heldout_urgency                # the shipped recipe
    python -m training.heldout_urgency --all-pools    # with pools 22-41 too (same test texts)

Prints, for the gold labels and the model's labels of the test texts, the mean
NDCG@50 over 60 random samples of 500 texts (dev_gold's size) and NDCG@500 over
all of them.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np

from training.build_dataset import ANNOTATED_WEIGHT, BUILD
from training.fit_urgency_weights import design, fit_points, signal_sets
from training.heldout import held_out
from training.train_urgency import fit_urgency_head, urgency_examples, urgency_features
from triage.encoders.cached import CachedEncoder
from triage.evaluate import ndcg_at_k
from triage.pipeline import Pipeline

SAMPLES, SAMPLE_SIZE = 60, 500


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all-pools", action="store_true", help="also train on pools 22-41 (uncertain/, complaints/)")
    parser.add_argument("--C", type=float, default=2.0, help="inverse regularisation of the heads")
    parser.add_argument("--cache-dir", type=Path, default=BUILD / "cache", help="sentence-vector cache")
    args = parser.parse_args()

    pipeline = Pipeline.load()
    encoder = CachedEncoder(pipeline.encoder, args.cache_dir)
    test = [e for e in urgency_examples() if e["weight"] == ANNOTATED_WEIGHT and held_out(e["id"])]
    test_ids = {e["id"] for e in test}
    train = [e for e in urgency_examples(args.all_pools) if e["id"] not in test_ids]

    train_texts = [e["text"] for e in train]
    X, languages, _ = urgency_features(pipeline, encoder, train_texts)
    model = fit_urgency_head(pipeline, X, train, args.C)
    D = design(np.minimum.accumulate(model.head.oof_, axis=1), signal_sets(train_texts, languages),
               [e["labels"] for e in train])
    coef = fit_points(D, np.array([e["grade"] for e in train]), np.array([e["weight"] for e in train]))

    X_test, test_languages, dense = urgency_features(pipeline, encoder, [e["text"] for e in test])
    probs = np.minimum.accumulate(model.head.predict_proba(X_test), axis=1)
    test_signals = signal_sets([e["text"] for e in test], test_languages)
    predicted = [p.labels for p in pipeline.classifier.predict([e["text"] for e in test], test_languages, dense)]
    grades = [e["grade"] for e in test]
    rng = random.Random(0)
    samples = [rng.sample(range(len(test)), SAMPLE_SIZE) for _ in range(SAMPLES)]
    print(f"trained on {len(train)} graded texts ({'with' if args.all_pools else 'without'} pools 22-41, C {args.C}); "
          f"test: {len(test)} held-out texts, grades {np.bincount(grades, minlength=4).tolist()}")
    for name, labels in (("gold", [e["labels"] for e in test]), ("model", predicted)):
        points = design(probs, test_signals, labels) @ coef
        values = [ndcg_at_k([points[k] for k in s], [grades[k] for k in s], 50) for s in samples]
        print(f"{name} labels: NDCG@50 mean {np.mean(values):.4f} (sd {np.std(values):.3f} over {SAMPLES} samples "
              f"of {SAMPLE_SIZE}), NDCG@500 over all {ndcg_at_k(list(points), grades, 500):.4f}")


if __name__ == "__main__":
    main()
