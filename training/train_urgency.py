"""Train the text-urgency head of a model folder (see triage/urgency_model.py)
on the urgency grades of the annotated real texts and the project-written
seeds, and add it to the folder (urgency.safetensors + config "urgency").

    python -m training.train_urgency                 # models/default

Reports NDCG@50 of the text model alone on ../shared/data/dev_gold.jsonl
(evaluation only; never trained on) and writes it to metrics.json.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from training.build_dataset import ANNOTATED_WEIGHT, BUILD, add_pool_arguments, read_jsonl, training_annotations
from training.corpora import all_rows, dev_gold
from triage.encoders import Encoder
from triage.encoders.cached import CachedEncoder
from triage.evaluate import ndcg_at_k
from triage.head import MultiLabelHead
from triage.language import detect_language
from triage.pipeline import Pipeline, vectorize
from triage.urgency_model import TextUrgencyModel

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def urgency_examples(all_pools: bool = False, without_half: str | None = None) -> list[dict]:
    """Seeds and annotated real texts that carry an urgency grade (dev set and check set excluded);
    `all_pools` and `without_half` as in training.build_dataset.build."""
    excluded = {row["text"].strip() for row in dev_gold()}
    excluded |= {row["text"].strip() for row in read_jsonl(HERE / "data" / "check" / "multilingual_check.jsonl")}
    out = []
    for path in sorted((HERE / "data" / "seeds").glob("*.jsonl")):
        for row in read_jsonl(path):
            if "urgency" in row and row["text"].strip() not in excluded:
                out.append({"id": row["id"], "text": row["text"], "grade": int(row["urgency"]), "weight": 1.0,
                            "labels": row["labels"]})
    rows = all_rows()
    annotations, held_out_texts = training_annotations(rows, all_pools, without_half)
    excluded |= held_out_texts
    for id_, note in annotations.items():
        row = rows.get(id_)
        if row is not None and note.get("urgency") is not None and row["text"].strip() not in excluded:
            out.append({"id": id_, "text": row["text"], "grade": int(note["urgency"]), "weight": ANNOTATED_WEIGHT,
                        "labels": note["labels"]})
    return out


def urgency_features(pipeline: Pipeline, encoder: Encoder, texts: list[str]) -> tuple[object, list[str], np.ndarray]:
    """(the classifier's feature matrix, languages, sentence vectors) of `texts`."""
    languages = [detect_language(t) for t in texts]
    _, dense = vectorize(encoder, texts)
    return pipeline.classifier.featurize(texts, languages, dense), languages, dense


def fit_urgency_head(pipeline: Pipeline, features: object, examples: list[dict], C: float) -> TextUrgencyModel:
    model = TextUrgencyModel(MultiLabelHead(C=C, threshold_bounds=(0.2, 0.8)),
                             pipeline.classifier.settings.embedding_weight)
    return model.fit(features, [e["grade"] for e in examples], np.array([e["weight"] for e in examples]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "default", help="model folder to extend")
    parser.add_argument("--C", type=float, default=2.0, help="inverse regularisation of the heads")
    parser.add_argument("--cache-dir", type=Path, default=BUILD / "cache", help="sentence-vector cache")
    parser.add_argument("--oof", type=Path, default=BUILD / "urgency_oof.npz",
                        help="where to write the out-of-fold probabilities for training/fit_urgency_weights.py")
    add_pool_arguments(parser)
    args = parser.parse_args()

    started = time.time()
    pipeline = Pipeline.load(args.model)
    encoder = CachedEncoder(pipeline.encoder, args.cache_dir)
    examples = urgency_examples(args.all_pools, args.without_half)
    texts = [e["text"] for e in examples]
    features, languages, _ = urgency_features(pipeline, encoder, texts)
    model = fit_urgency_head(pipeline, features, examples, args.C)
    pipeline.urgency = model
    # Out-of-fold probabilities, for fitting the weights of the whole score (training/fit_urgency_weights.py).
    np.savez(args.oof, oof=np.minimum.accumulate(model.head.oof_, axis=1),
             grades=np.array([e["grade"] for e in examples]), weights=np.array([e["weight"] for e in examples]),
             texts=np.array(texts, dtype=object), languages=np.array(languages),
             labels=np.array(["|".join(e["labels"]) for e in examples]))

    gold = dev_gold()
    analyses = pipeline.analyse([r["text"] for r in gold])
    expected = [a.urgency.expected for a in analyses if a.urgency]
    grades = [int(r["urgency"]) for r in gold]
    figures = {
        "examples": len(examples),
        "grades": {str(g): sum(e["grade"] == g for e in examples) for g in range(4)},
        "dev_gold_ndcg@50_text_model": round(ndcg_at_k(expected, grades, 50), 4),
    }
    config = json.loads((args.model / "config.json").read_text())
    config["urgency"] = model.save(args.model)
    (args.model / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")
    metrics_file = args.model / "metrics.json"
    metrics = json.loads(metrics_file.read_text()) if metrics_file.exists() else {}
    metrics["urgency"] = figures
    metrics_file.write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(figures, indent=2))
    print(f"saved the urgency head in {args.model} in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
