"""The real corpora in ../shared/data, read in place (never copied into the repo)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Iterator

SHARED_DATA = Path(os.environ.get("TRIAGE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))

CORPORA = (
    "zh_online_shopping_10_cats.csv",
    "zh_waimai_10k.csv",
    "zh_jd_laptop_aspect_clauses.csv",
    "en_twcs_inbound_sample6k.csv",
    "en_amazon_polarity_10k.csv",
    "en_uci_amazon_cells_labelled.csv",
)
DEV_GOLD = SHARED_DATA / "dev_gold.jsonl"


def require_shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        raise SystemExit(
            f"real corpora not found at {SHARED_DATA}; set TRIAGE_SHARED_DATA to the shared/data folder"
        )
    return SHARED_DATA


def corpus_rows(name: str) -> Iterator[dict[str, str]]:
    with open(require_shared_data() / name, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            row["text"] = row["text"].lstrip("\ufeff").strip()
            row["corpus"] = name
            if row["text"]:
                yield row


def all_rows() -> dict[str, dict[str, str]]:
    """Every real text by id, over all corpora."""
    return {row["id"]: row for name in CORPORA for row in corpus_rows(name)}


def dev_gold() -> list[dict]:
    with open(require_shared_data() / "dev_gold.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
