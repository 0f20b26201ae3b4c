"""The annotation pools written after the first fine-tuned e5-small (models/e5-small-ft,
2026-11-22) was trained: 18-21 and all of uncertain/ and complaints/ (22-41), split in two
fixed halves by a hash of the id. A model trained without half B (`--without-half B` in
training.build_dataset and training.train_default) can be compared with that first model
on half B, which neither saw.

    python -m training.late_pools --half B -o build/late_pools_B.jsonl

writes that half as a gold file for `triage eval` (id, text, labels, lang, pool).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from training.corpora import all_rows
from training.weak_labels import annotation_paths, read_pool

LATE_POOLS = ("pool_18.jsonl", "pool_19.jsonl", "pool_20.jsonl", "pool_21.jsonl", "uncertain/*.jsonl",
              "complaints/*.jsonl")


def pool_half(id_: str) -> str:
    """"A" or "B": a fixed half of the ids, by the first byte of their SHA-1."""
    return "A" if hashlib.sha1(id_.encode("utf-8")).digest()[0] < 128 else "B"


def late_pool_rows(half: str | None = None) -> list[tuple[str, dict]]:
    """(pool file name, annotation) of the late pools, all of them or one half. An id in
    several pools (the complaint pools may repeat an uncertain one) counts once, as
    load_annotations counts it: its last pool's annotation."""
    paths = [path for path in annotation_paths(all_pools=True) if any(path.match(p) for p in LATE_POOLS)]
    rows = {row["id"]: (path.stem, row) for path in paths for row in read_pool(path)}
    return [(pool, row) for pool, row in rows.values() if half is None or pool_half(row["id"]) == half]


def late_pool_ids(half: str | None = None) -> set[str]:
    return {row["id"] for _, row in late_pool_rows(half)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--half", choices=("A", "B"), required=True, help="which half to write")
    parser.add_argument("-o", "--out", type=Path, required=True, help="gold JSONL to write")
    args = parser.parse_args()
    texts = all_rows()
    written = 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        for pool, note in late_pool_rows(args.half):
            row = texts.get(note["id"])
            if row is None:
                raise SystemExit(f"{note['id']} ({pool}): not in ../shared/data")
            handle.write(json.dumps({"id": note["id"], "text": row["text"], "labels": note["labels"],
                                     "lang": row["lang"], "pool": pool}, ensure_ascii=False) + "\n")
            written += 1
    print(f"wrote {written} texts of half {args.half} to {args.out}")


if __name__ == "__main__":
    main()
