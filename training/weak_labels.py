"""Keyword rules that propose complaint labels for real Chinese and English texts.

They are weak labels: a rule match is a candidate, not the truth. Their
precision is measured against the agent-annotated sample
(`python -m training.weak_labels --check`) and written to
training/data/weak_label_precision.json; only rules that measure well feed
training, at a reduced weight.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from training.corpora import all_rows

HERE = Path(__file__).resolve().parent

RULES: dict[str, dict[str, re.Pattern[str]]] = {
    "late_delivery": {
        "zh": re.compile(
            r"(物流|快递|送货|发货|配送|送餐|送的|送得|到货|派送)(也|真|太|特别|非常|超级|有点|比较|实在|好)?(太|很)?慢"
            r"|等了.{0,6}(小时|个钟|天|周|星期|礼拜)|(才|终于)(送到|到货|收到|送来)|还没(到|送到|收到)"
            r"|(迟迟|一直)没(到|收到|发货)|超时|送了.{0,4}(小时|个钟)|饭菜?都凉|都凉了|(一|两|三)个多?小时才"
        ),
        "en": re.compile(
            r"(?i)\b(never (arrived|came|received|got)|still (hasn'?t|has not|haven'?t|have not|not) "
            r"(arrived|received|come|shipped|been delivered)"
            r"|(hasn'?t|has not|have not|haven'?t) (arrived|been delivered)"
            r"|took (\d+|two|three|four|five|six|a|over a|almost a) (weeks?|months?) to (arrive|come|ship|get)"
            r"|where is my (order|package|parcel|delivery)|late delivery"
            r"|(arrived|came|delivered) (\w+ )?(days|weeks) late"
            r"|(order|package|parcel|delivery) (is|was) (late|delayed)"
            r"|not (been )?received (my|the) (order|package|parcel))"
        ),
    },
    "damage": {
        "zh": re.compile(
            r"(收到|到货|到手|送到|拿到|打开)[^，。！]{0,8}(碎了|破了|坏了|烂了|裂了|漏了|洒了|变形|压扁|瘪了|不亮|开不了机)"
            r"|压坏|摔坏|摔碎|撒了一|洒了一|汤(都)?洒|漏了一|烂了好几|坏果|烂果|外壳(有)?裂"
        ),
        "en": re.compile(
            r"(?i)\b((arrived|came|received it|showed up|delivered)[^.!?]{0,25}(broken|damaged|cracked|crushed|smashed|"
            r"shattered|dented|leaking|leaked|dead|spilled|melted)|(broken|damaged|cracked|crushed|smashed|dead) "
            r"(on|upon) arrival|\bDOA\b)"
        ),
    },
    "wrong_item": {
        "zh": re.compile(
            r"发错|送错|少了一|少送|漏发|少发|缺了一|缺少(配件|零件|一)|不是我(要|点|买|订)的|颜色不对|型号不对|尺码不对|给错"
        ),
        "en": re.compile(
            r"(?i)\b(wrong (item|size|colou?r|product|order|model|one|book|part)|(sent|received|got|shipped) (me )?"
            r"(the )?[^.!?]{0,25} instead of|missing (parts?|items?|pieces?)|(was|were|is|are) missing from"
            r"|not what I ordered)"
        ),
    },
}


def weak_labels(text: str, language: str) -> list[str]:
    """Complaint labels whose rule matches `text` (empty list: no rule matched)."""
    return [label for label, by_lang in RULES.items()
            if language in by_lang and by_lang[language].search(text)]


ANNOTATIONS = HERE / "data" / "annotations"


def read_pool(path: Path) -> list[dict]:
    """The annotation lines of one pool file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pool_ids(folder: str) -> set[str]:
    """Ids annotated in the pools of training/data/annotations/<folder>/."""
    paths = sorted((ANNOTATIONS / folder).glob("*.jsonl"))
    if not paths:
        raise SystemExit(f"no annotation pools in {ANNOTATIONS / folder}")
    return {row["id"] for path in paths for row in read_pool(path)}


def load_annotations(all_pools: bool = False) -> dict[str, dict]:
    """Annotated real texts by id: the pools of training/data/annotations, and
    with `all_pools` also the pools that train the root-cause model only:
    `uncertain/` (chosen by the model's uncertainty) and `complaints/` (texts
    the model calls complaints, sampled by training/sample_cause_pools.py).
    Both over-represent complaints and borderline texts; a classifier trained
    on the uncertain pools did worse on dev_gold's English and on the check
    set, while the root-cause model, trained on complaints only, gained."""
    return {row["id"]: row for path in annotation_paths(all_pools) for row in read_pool(path)}


def annotation_paths(all_pools: bool = False) -> list[Path]:
    """The pool files in the order load_annotations reads them: where two pools
    annotate one id, the later one's annotation counts."""
    paths = sorted(ANNOTATIONS.glob("*.jsonl"))
    if all_pools:
        paths += [path for sub in ("uncertain", "complaints") for path in sorted((ANNOTATIONS / sub).glob("*.jsonl"))]
    return paths


def check_precision() -> dict:
    """Precision (and recall) of each rule on the agent-annotated texts."""
    rows = all_rows()
    annotations = load_annotations()
    stats: dict[str, Counter[str]] = {label: Counter() for label in RULES}
    for id_, note in annotations.items():
        row = rows.get(id_)
        if row is None:
            continue
        predicted = set(weak_labels(row["text"], row["lang"]))
        gold = set(note["labels"])
        for label in RULES:
            key = ("tp" if label in gold else "fp") if label in predicted else ("fn" if label in gold else "tn")
            stats[label][key] += 1
    report = {}
    for label, c in stats.items():
        fired = c["tp"] + c["fp"]
        report[label] = {
            "fired": fired,
            "precision": round(c["tp"] / fired, 3) if fired else None,
            "recall": round(c["tp"] / (c["tp"] + c["fn"]), 3) if c["tp"] + c["fn"] else None,
            **dict(c),
        }
    return {"sample": "agent-annotated texts (training/data/annotations)", "n": len(annotations), "rules": report}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="measure rule precision on the annotated sample")
    args = parser.parse_args()
    if args.check:
        report = check_precision()
        out = HERE / "data" / "weak_label_precision.json"
        out.write_text(json.dumps(report, indent=2) + "\n")
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
