"""Sample pools of real complaints for root-cause annotation.

The root-cause model (clusters) learns from annotated complaints, and
cross-validation on the annotated texts says it is short of data: trained on
1/2, 4/5 and 9/10 of the 1,742 annotated late deliveries, its late_delivery
ARI is 0.326, 0.375 and 0.390. This script picks texts that the default
classifier labels with one complaint label, from the real corpora, leaving
out every text already annotated and every id and text of dev_gold, and
writes pools of `{"id", "text"}` lines for annotators (outside the
repository: the texts stay in ../shared/data). Annotators return
`{"id", "labels", "root_causes", "urgency"}` lines, which go to
`training/data/annotations/complaints/`.

    python -m training.sample_cause_pools --label late_delivery --pools 6 \
        --per-pool 250 --first 26 --out build/pools
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from training.corpora import all_rows, dev_gold
from training.weak_labels import load_annotations
from triage.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent


def candidates(label: str, max_chars: int) -> list[dict[str, str]]:
    """Unannotated real texts, not in dev_gold, that the default model gives `label`."""
    rows, gold = all_rows(), dev_gold()
    skipped = set(load_annotations(all_pools=True)) | {r["id"] for r in gold}
    seen = {rows[i]["text"].strip() for i in skipped if i in rows} | {r["text"].strip() for r in gold}
    todo = []
    for id_, row in rows.items():
        text = row["text"].strip()
        if id_ in skipped or text in seen or len(text) > max_chars:
            continue
        seen.add(text)  # one copy of a text repeated in the corpora
        todo.append(row)
    pipeline = Pipeline.load()
    found: list[dict[str, str]] = []
    for start in range(0, len(todo), 2048):
        chunk = todo[start:start + 2048]
        for row, analysis in zip(chunk, pipeline.analyse([r["text"] for r in chunk])):
            if label in analysis.prediction.labels:
                found.append({"id": row["id"], "text": row["text"]})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="late_delivery", help="complaint label the texts must be given")
    parser.add_argument("--pools", type=int, default=6)
    parser.add_argument("--per-pool", type=int, default=250)
    parser.add_argument("--first", type=int, default=26, help="number of the first pool")
    parser.add_argument("--max-chars", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pools")
    args = parser.parse_args()
    found = candidates(args.label, args.max_chars)
    random.Random(args.seed).shuffle(found)
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"{len(found)} unannotated texts labelled {args.label}")
    for k in range(args.pools):
        pool = found[k * args.per_pool:(k + 1) * args.per_pool]
        path = args.out / f"pool_{args.first + k}_texts.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pool), encoding="utf-8")
        print(f"{path}: {len(pool)} texts")


if __name__ == "__main__":
    main()
