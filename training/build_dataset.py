"""Assemble the training set into build/train.jsonl (kept out of git: it holds
real texts from ../shared/data).

Sources, each marked in the `source` field:
- seed:<lang>          project-written seeds (training/data/seeds), weight 1
- annotated:<corpus>   real texts labelled by the project's annotators
                       (training/data/annotations hold ids and labels only), weight 3
- weak:<corpus>        real texts labelled by keyword rules (training/weak_labels.py), weight 0.5:
                       hits of the rules precise enough (DEFAULT_WEAK_LABELS) as complaints, texts
                       with no complaint-related word as `other`

Never included: ../shared/data/dev_gold.jsonl and the multilingual check set.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from training.corpora import all_rows, dev_gold
from training.late_pools import late_pool_ids
from training.weak_labels import RULES, load_annotations, weak_labels

HERE = Path(__file__).resolve().parent
BUILD = HERE.parent / "build"

# Texts with none of these words are very unlikely to report a delivery problem.
COMPLAINT_WORDS = {
    "zh": re.compile(r"快递|物流|送|到货|发货|等|慢|小时|凉|冷|坏|破|碎|烂|裂|漏|洒|撒|压|瘪|变形|划|脏|错|少|缺|漏|"
                     r"不是|颜色|型号|尺码|包装|盒|箱|退|换|丢|开不了|不能用|死机|没|超时|迟|晚|变质|馊|霉|给|时间|速度|"
                     r"备注|不要|赠品|餐具|筷子|吸管|酱|汤|亮点|印|次品|说好|明明|图片|一样"),
    "en": re.compile(r"(?i)late|arriv|deliver|ship|receiv|track|parcel|package|lost|broke|damag|crack|crush|dent|"
                     r"scratch|leak|spill|rotten|melt|dead|work|wrong|missing|instead|size|colou?r|refund|return|"
                     r"replace|box|order|wait|came|week|day|month"),
}
WEAK_WEIGHT = 0.5
# Annotated real texts count more than seeds: on dev_gold, weight 2 and 4 gave
# micro-F1 0.802 and 0.804 against 0.769 at weight 1 (the check set moved 0.882 -> 0.871 / 0.867).
ANNOTATED_WEIGHT = 3.0
# Rules whose measured precision (training/data/weak_label_precision.json) is at least 0.8.
DEFAULT_WEAK_LABELS = ("late_delivery",)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def training_annotations(rows: dict[str, dict], all_pools: bool = False,
                         without_half: str | None = None) -> tuple[dict[str, dict], set[str]]:
    """The annotations to train on (`all_pools`: see load_annotations) and the texts to keep
    out with them: `without_half` leaves out that half of the late pools (late_pools.LATE_POOLS)
    and, so that no other row brings them back, their texts (stripped)."""
    annotations = load_annotations(all_pools)
    if not without_half:
        return annotations, set()
    held_out = late_pool_ids(without_half)
    return ({i: note for i, note in annotations.items() if i not in held_out},
            {rows[i]["text"].strip() for i in held_out if i in rows})


def build(weak_negatives: int, seed: int, weak_positive_labels: tuple[str, ...], all_pools: bool = False,
          without_half: str | None = None) -> list[dict]:
    """The training rows. `all_pools` adds the uncertain/ and complaints/ pools (see
    load_annotations); `without_half` leaves out that half of the late pools (late_pools.LATE_POOLS)
    and, so that no weak label brings them back, their texts."""
    rng = random.Random(seed)
    excluded = {row["text"].strip() for row in dev_gold()}
    check = HERE / "data" / "check" / "multilingual_check.jsonl"
    if check.exists():
        excluded |= {row["text"].strip() for row in read_jsonl(check)}

    out: list[dict] = []
    for path in sorted((HERE / "data" / "seeds").glob("*.jsonl")):
        for row in read_jsonl(path):
            if row["text"].strip() not in excluded:
                out.append({"id": row["id"], "text": row["text"], "labels": row["labels"],
                            "lang": row["lang"], "weight": 1.0, "source": f"seed:{row['lang']}"})

    rows = all_rows()
    annotations, held_out_texts = training_annotations(rows, all_pools, without_half)
    excluded |= held_out_texts
    for id_, note in annotations.items():
        row = rows.get(id_)
        if row is None or row["text"].strip() in excluded:
            continue
        out.append({"id": id_, "text": row["text"], "labels": note["labels"], "lang": row["lang"],
                    "weight": ANNOTATED_WEIGHT, "source": f"annotated:{row['corpus']}"})

    negatives = []
    for id_, row in rows.items():
        if id_ in annotations or row["text"].strip() in excluded or row["lang"] not in COMPLAINT_WORDS:
            continue
        labels = [label for label in weak_labels(row["text"], row["lang"]) if label in weak_positive_labels]
        if labels:
            out.append({"id": id_, "text": row["text"], "labels": labels, "lang": row["lang"],
                        "weight": WEAK_WEIGHT, "source": f"weak:{row['corpus']}"})
        elif not COMPLAINT_WORDS[row["lang"]].search(row["text"]):
            negatives.append(row)
    rng.shuffle(negatives)
    for row in negatives[:weak_negatives]:
        out.append({"id": row["id"], "text": row["text"], "labels": ["other"], "lang": row["lang"],
                    "weight": WEAK_WEIGHT, "source": f"weak:{row['corpus']}"})
    return out


def add_pool_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--all-pools", action="store_true",
                        help="also train on the uncertain/ and complaints/ annotation pools (22-41)")
    parser.add_argument("--without-half", choices=("A", "B"), default=None,
                        help="leave out this half (by id hash) of the pools annotated after the first "
                             "fine-tuned e5-small: 18-41; they then compare two models on texts neither saw")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--out", type=Path, default=BUILD / "train.jsonl", help="output JSONL")
    parser.add_argument("--weak-negatives", type=int, default=3000,
                        help="how many keyword-free real texts to add as weak `other` examples")
    parser.add_argument("--weak-labels", default=",".join(DEFAULT_WEAK_LABELS),
                        help="complaint labels whose keyword rules add weak positives (comma-separated; "
                             f"choose among {','.join(RULES)}, or empty for none)")
    parser.add_argument("--seed", type=int, default=0, help="random seed for sampling")
    add_pool_arguments(parser)
    args = parser.parse_args()
    wanted = tuple(label for label in args.weak_labels.split(",") if label)
    rows = build(args.weak_negatives, args.seed, wanted, args.all_pools, args.without_half)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    by_source: dict[str, int] = {}
    for row in rows:
        key = row["source"].split(":")[0]
        by_source[key] = by_source.get(key, 0) + 1
    print(f"wrote {len(rows)} examples to {args.out}: {by_source}")


if __name__ == "__main__":
    main()
