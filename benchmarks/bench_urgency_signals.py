"""How often each urgency signal (triage/urgency_signals.py) fires on real
annotated texts, per urgency grade (a script that prints figures, not a test).

    python benchmarks/bench_urgency_signals.py [--by-corpus] [--show SIGNAL GRADE N]

Texts: the real texts of ../shared/data that training/data/annotations/pool_*.jsonl
grade 0-3 (AI-agent annotations, see that folder's README), joined by id.
dev_gold.jsonl is never read: it is kept for evaluation, not for tuning.
Only Chinese and English have real texts; the other languages are not measured.

We want escalation, safety, repeated_contact and loss frequent in grade 3 and
rare in grade 0; anger and request are grade-2 signals. The texts were read
while writing the patterns, so the figures are in-sample.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.corpora import all_rows  # noqa: E402
from triage.urgency_signals import SIGNAL_NAMES, find_signals  # noqa: E402

GRADE3_SIGNALS = ("escalation", "safety", "repeated_contact", "deadline", "loss")


def load() -> list[tuple[str, str, str, int]]:
    """(id, language, text, urgency) of every annotated real text."""
    rows = all_rows()
    out = []
    for path in sorted(glob.glob(str(ROOT / "training" / "data" / "annotations" / "pool_*.jsonl"))):
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            row = rows.get(record["id"])
            if row is None:
                continue
            out.append((record["id"], row.get("lang") or "und", row["text"], int(record["urgency"])))
    return out


def table(items: list[tuple[str, str, str, int]], title: str) -> None:
    n_by_grade: Counter[int] = Counter()
    hits: dict[int, Counter[str]] = defaultdict(Counter)
    for _id, language, text, grade in items:
        n_by_grade[grade] += 1
        found = {hit.signal for hit in find_signals(text, language)}
        for signal in found:
            hits[grade][signal] += 1
        if found & set(GRADE3_SIGNALS):
            hits[grade]["any_grade3"] += 1
        if found & {"escalation", "safety", "repeated_contact"}:
            hits[grade]["esc|saf|rep"] += 1
    columns = (*SIGNAL_NAMES, "esc|saf|rep", "any_grade3")
    print(f"\n{title}")
    print(f"{'grade':>5} {'texts':>6} " + " ".join(f"{c[:11]:>11}" for c in columns))
    for grade in sorted(n_by_grade):
        n = n_by_grade[grade]
        print(f"{grade:>5} {n:>6} " + " ".join(f"{100 * hits[grade][c] / n:>10.1f}%" for c in columns))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--by-corpus", action="store_true", help="one table per language as well")
    parser.add_argument("--show", nargs=3, metavar=("SIGNAL", "GRADE", "N"),
                        help="print N texts of GRADE where SIGNAL fires, with the matched text")
    args = parser.parse_args()
    items = load()
    table(items, f"Share of annotated real texts with each signal, by urgency grade ({len(items)} texts)")
    print("(in-sample: these pool texts were also read while writing the patterns)")
    rates = []
    for _ in range(3):  # best of three runs of find_signals alone, to damp noise from other processes
        started = time.perf_counter()
        for _id, language, text, _grade in items:
            find_signals(text, language)
        rates.append(len(items) / (time.perf_counter() - started))
    print(f"\nmatching speed: {max(rates):,.0f} texts/s (find_signals only, best of 3, one process; "
          f"nproc={os.cpu_count()})")
    if args.by_corpus:
        for language in sorted({item[1] for item in items}):
            table([item for item in items if item[1] == language], f"language {language}")
    if args.show:
        signal, grade, n = args.show[0], int(args.show[1]), int(args.show[2])
        shown = 0
        for id_, language, text, g in items:
            if g != grade:
                continue
            for hit in find_signals(text, language):
                if hit.signal == signal:
                    print(f"{id_}\t[{hit.text}]\t{text[:160]!r}")
                    shown += 1
            if shown >= n:
                break


if __name__ == "__main__":
    main()
