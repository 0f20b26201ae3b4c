"""Reproduce a shipped model: build the training set, train, evaluate, write
the model folder with metrics.json and a model card (README.md).

    python -m training.train_default                      # models/default (use-m3)
    python -m training.train_default --encoder e5-small --out build/models/e5-small

Needs ../shared/data (real corpora and the dev set); the dev set is used for
evaluation only.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from training.build_dataset import BUILD, DEFAULT_WEAK_LABELS, add_pool_arguments, build, read_jsonl
from training.corpora import dev_gold
from training.heads import add_head_arguments, make_head
from training.model_card import write_model_card
from triage.classifier import ClassifierSettings, ComplaintClassifier
from triage.dataset import load_examples
from triage.encoders import load_encoder
from triage.pipeline import Pipeline
from triage.second_opinion import SecondOpinion
from triage.training import evaluate_pipeline, save_pipeline, train
from triage.urgency_model import TextUrgencyModel

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHECK_SET = HERE / "data" / "check" / "multilingual_check.jsonl"


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def with_teacher(rows: list[dict], teacher: Path, limit: int = 0, weight: float = 1.0) -> list[dict]:
    """`rows` plus the teacher-labelled texts (the first `limit`, 0: all) whose text is not in them yet."""
    seen = {row["text"] for row in rows}
    labelled = read_jsonl(teacher)
    labelled = labelled[:limit] if limit else labelled
    return rows + [{**row, "weight": weight} for row in labelled if row["text"] not in seen]


def evaluate(pipeline: Pipeline) -> dict:
    """Figures on dev_gold and the multilingual check set (never trained on)."""
    dev_file = write_jsonl(BUILD / "dev.jsonl", [
        {"id": r["id"], "text": r["text"], "labels": r["labels"], "lang": r["lang"]} for r in dev_gold()])
    return {"dev_gold": evaluate_pipeline(pipeline, load_examples([dev_file])),
            "multilingual_check": evaluate_pipeline(pipeline, load_examples([CHECK_SET]))}


def second_opinion_figures(pipeline: Pipeline) -> dict:
    """`evaluate` of a pipeline with its second opinion, keyed `*_second_opinion`."""
    return {f"{k}_second_opinion": v for k, v in evaluate(pipeline).items()}


def keep_second_opinion(pipeline: Pipeline, folder: Path, metrics: dict) -> bool:
    """Carry the second-opinion entry (training/second_opinion.py) of an
    existing model folder over to the retrained pipeline, and add the pair's
    figures to `metrics` as `*_second_opinion`."""
    config_file = folder / "config.json"
    settings = json.loads(config_file.read_text()).get("second_opinion") if config_file.is_file() else None
    if not settings:
        return False
    pipeline.config["second_opinion"] = settings
    pipeline.second_opinion = SecondOpinion.load(settings, folder)
    metrics.update(second_opinion_figures(pipeline))
    pipeline.second_opinion = None
    return True


def keep_urgency_head(pipeline: Pipeline, folder: Path, metrics: dict) -> bool:
    """Carry the urgency head (training/train_urgency.py) of an existing model
    folder over to the retrained pipeline. Its input is the classifier's
    feature matrix, which depends only on the encoder, the lexical settings and
    the embedding weight (hashed features, nothing fitted), so it stays valid
    when those match; otherwise it is dropped and train_urgency must run again."""
    if not (folder / "config.json").is_file():
        return False
    old_classifier, old_config = ComplaintClassifier.load(folder)
    same_features = (
        old_config.get("encoder") == pipeline.config["encoder"]
        and old_classifier.lexical == pipeline.classifier.lexical
        and old_classifier.settings.embedding_weight == pipeline.classifier.settings.embedding_weight
    )
    urgency = TextUrgencyModel.load(folder, old_config.get("urgency")) if same_features else None
    if urgency is None:
        return False
    pipeline.urgency = urgency
    metrics_file = folder / "metrics.json"
    old_metrics = json.loads(metrics_file.read_text()) if metrics_file.is_file() else {}
    if "urgency" in old_metrics:
        metrics["urgency"] = old_metrics["urgency"]
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoder", default="use-m3", help="encoder spec (default use-m3)")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "default", help="model folder to write")
    add_head_arguments(parser)
    parser.add_argument("--embedding-weight", type=float, default=ClassifierSettings.embedding_weight,
                        help="scale of sentence vectors")
    parser.add_argument("--weak-negatives", type=int, default=3000, help="weak `other` examples from real corpora")
    parser.add_argument("--cache-dir", type=Path, default=BUILD / "cache", help="sentence-vector cache")
    parser.add_argument("--teacher", type=Path, default=None,
                        help="also train on teacher-labelled real texts (training/distill.py output), weight 1")
    add_pool_arguments(parser)
    args = parser.parse_args()

    started = time.time()
    rows = build(args.weak_negatives, 0, DEFAULT_WEAK_LABELS, args.all_pools, args.without_half)
    if args.teacher:
        rows = with_teacher(rows, args.teacher)
    train_file = write_jsonl(BUILD / "train.jsonl", rows)
    examples = load_examples([train_file])
    pipeline = train(examples, load_encoder(args.encoder), head=make_head(args),
                     settings=ClassifierSettings(embedding_weight=args.embedding_weight),
                     cache_dir=args.cache_dir)
    metrics = evaluate(pipeline)
    if keep_second_opinion(pipeline, args.out, metrics):
        print(f"kept the second opinion of {args.out}; metrics.json has the pair's figures too")
    pipeline.config["training_seconds"] = round(time.time() - started, 1)
    if keep_urgency_head(pipeline, args.out, metrics):
        print(f"kept the urgency head of {args.out}")
    elif (args.out / "urgency.safetensors").is_file():
        print(f"the features changed: run `python -m training.train_urgency --model {args.out}` again")
    save_pipeline(pipeline, args.out, metrics)
    write_model_card(args.out)
    for name in ("dev_gold", "multilingual_check"):  # metrics may also carry the kept urgency figures
        r = metrics[name]
        print(f"{name}: micro-F1 {r['micro_f1']}, macro-F1 {r['macro_f1']}, "
              f"{ {k: v['f1'] for k, v in r['labels'].items()} }, other accuracy {r['other']['accuracy']}, "
              f"ECE {r['ece']}")
    print(f"saved {args.out} in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
