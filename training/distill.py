"""Teacher labels: the fine-tuned e5-small model (models/e5-small-ft) labels
real texts that no annotator saw, so the fast default model can learn from
many more real examples. Output: build/distilled.jsonl (texts stay out of git),
with `source` "teacher:<corpus>" so they are never mistaken for gold labels.

    python -m training.distill --n 12000
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from training.build_dataset import BUILD, read_jsonl
from training.corpora import all_rows, dev_gold
from training.weak_labels import load_annotations
from triage.pipeline import Pipeline

HERE = Path(__file__).resolve().parent
TEACHER = HERE.parent / "models" / "e5-small-ft"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=12000, help="how many unannotated real texts to label")
    parser.add_argument("--out", type=Path, default=BUILD / "distilled.jsonl", help="output JSONL")
    parser.add_argument("--seed", type=int, default=0, help="sampling seed")
    args = parser.parse_args()
    excluded = {row["text"].strip() for row in dev_gold()}
    excluded |= {row["text"].strip() for row in read_jsonl(HERE / "data" / "check" / "multilingual_check.jsonl")}
    annotated = load_annotations()
    pool = [r for i, r in all_rows().items() if i not in annotated and r["text"].strip() not in excluded]
    random.Random(args.seed).shuffle(pool)
    pool = pool[: args.n]
    teacher = Pipeline.load(TEACHER)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for start in range(0, len(pool), 256):
            batch = pool[start : start + 256]
            for row, result in zip(batch, teacher.analyse([r["text"] for r in batch])):
                out.write(json.dumps({"id": row["id"], "text": row["text"], "labels": result.prediction.labels,
                                      "lang": row["lang"], "source": f"teacher:{row['corpus']}"},
                                     ensure_ascii=False) + "\n")
            print(f"{min(start + 256, len(pool))}/{len(pool)}", flush=True)


if __name__ == "__main__":
    main()
