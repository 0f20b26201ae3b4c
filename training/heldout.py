"""Choose among training variants without looking at dev_gold or the check set:
hold out a fixed fifth of the annotated real texts (by a hash of the id),
train on everything else and report figures on that held-out part.

    python -m training.heldout                                    # seeds + annotated + weak
    python -m training.heldout --teacher build/distilled.jsonl    # + teacher labels
    python -m training.heldout --teacher build/distilled.jsonl --teacher-limit 8000
    python -m training.heldout --exclude-pool 18    # the same test texts, without pool_18 in training

Prints one JSON line: the variant and micro/macro-F1, per-label F1, `other`
accuracy and per-language micro-F1 on the held-out annotated texts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from training.build_dataset import BUILD, DEFAULT_WEAK_LABELS, build
from training.heads import add_head_arguments, make_head
from training.train_default import with_teacher, write_jsonl
from training.weak_labels import ANNOTATIONS, read_pool
from triage.classifier import ClassifierSettings
from triage.dataset import load_examples
from triage.encoders import load_encoder
from triage.training import evaluate_pipeline, save_pipeline, train

HELD_OUT_FOLDS = 5


def held_out(row_id: str) -> bool:
    """A fixed fifth of ids, independent of row order and of the variant."""
    return int(hashlib.sha1(row_id.encode()).hexdigest(), 16) % HELD_OUT_FOLDS == 0


def split(rows: list[dict], exclude: set[str] = frozenset()) -> tuple[list[dict], list[dict]]:
    """(training rows without the ids in `exclude`, held-out annotated rows)."""
    test = [r for r in rows if r["source"].startswith("annotated:") and held_out(r["id"])]
    chosen = {id(r) for r in test}
    return [r for r in rows if id(r) not in chosen and r["id"] not in exclude], test


def pool_ids(numbers: list[int]) -> set[str]:
    """The ids of annotation pools training/data/annotations/pool_N.jsonl."""
    ids: set[str] = set()
    for n in numbers:
        path = ANNOTATIONS / f"pool_{n}.jsonl"
        if not path.is_file():
            raise SystemExit(f"no annotation pool {path}")
        ids |= {row["id"] for row in read_pool(path)}
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoder", default="use-m3", help="encoder spec")
    add_head_arguments(parser)
    parser.add_argument("--embedding-weight", type=float, default=ClassifierSettings.embedding_weight,
                        help="scale of sentence vectors")
    parser.add_argument("--weak-negatives", type=int, default=3000, help="weak `other` examples")
    parser.add_argument("--teacher", type=Path, default=None, help="teacher-labelled texts (training/distill.py)")
    parser.add_argument("--teacher-limit", type=int, default=0, help="use only the first N teacher rows (0: all)")
    parser.add_argument("--teacher-weight", type=float, default=1.0, help="weight of teacher rows")
    parser.add_argument("--exclude-pool", type=int, action="append", default=[],
                        help="leave annotation pool N out of training (its held-out texts stay in the test)")
    parser.add_argument("--cache-dir", type=Path, default=BUILD / "cache", help="sentence-vector cache")
    parser.add_argument("--save-model", type=Path, default=None,
                        help="also write the trained model folder here (to study its held-out errors)")
    args = parser.parse_args()

    rows = build(args.weak_negatives, 0, DEFAULT_WEAK_LABELS)
    if args.teacher:
        rows = with_teacher(rows, args.teacher, args.teacher_limit, args.teacher_weight)
    train_rows, test_rows = split(rows, pool_ids(args.exclude_pool))
    train_file = write_jsonl(BUILD / "heldout_train.jsonl", train_rows)
    test_file = write_jsonl(BUILD / "heldout_test.jsonl", test_rows)
    pipeline = train(load_examples([train_file]), load_encoder(args.encoder), head=make_head(args),
                     settings=ClassifierSettings(embedding_weight=args.embedding_weight), cache_dir=args.cache_dir)
    r = evaluate_pipeline(pipeline, load_examples([test_file]))
    if args.save_model:
        save_pipeline(pipeline, args.save_model, {"heldout": r})
    print(json.dumps({
        "variant": {k: str(v) for k, v in vars(args).items() if k != "cache_dir"},
        "n_train": len(train_rows), "n_test": len(test_rows),
        "micro_f1": r["micro_f1"], "macro_f1": r["macro_f1"],
        "f1": {k: v["f1"] for k, v in r["labels"].items()}, "other_accuracy": r["other"]["accuracy"],
        "per_language": {k: [v["micro_f1"], v["macro_f1"]] for k, v in r["per_language"].items()},
    }))


if __name__ == "__main__":
    main()
