"""Benchmark of `triage score` at scale (a script that prints figures, not a test).

    python benchmarks/bench_scale.py [--rows N] [--format csv|jsonl|jsonl.gz|parquet] [--workers N]

Writes the 93,630 real benchmark texts of ../shared/data (bench_zh_unique.csv +
bench_en_unique.csv) to an input file, repeated (with fresh ids) up to --rows
rows when --rows is larger, then runs `triage score` on it, file to file, and
prints texts per second and the peak resident memory of the whole process
tree (parent plus workers). Run it with --rows 10000 and --rows 1000000 to see
that memory does not grow with the input.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import platform
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_classifier import SHARED, TRIAGE, run_measured  # noqa: E402


def bench_texts() -> list[tuple[str, str]]:
    texts = []
    for name in ("bench_zh_unique.csv", "bench_en_unique.csv"):
        with open(SHARED / name, encoding="utf-8-sig", newline="") as handle:
            texts.extend((row["id"], row["text"]) for row in csv.DictReader(handle))
    return texts


def write_input(path: Path, texts: list[tuple[str, str]], rows: int, fmt: str) -> None:
    def records():
        for i in range(rows):
            id_, text = texts[i % len(texts)]
            yield {"id": id_ if i < len(texts) else f"{id_}~{i // len(texts)}", "text": text}

    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer = None
        batch: list[dict] = []
        for record in records():
            batch.append(record)
            if len(batch) == 50_000:
                table = pa.Table.from_pylist(batch)
                writer = writer or pq.ParquetWriter(path, table.schema)
                writer.write_table(table)
                batch = []
        if batch:
            table = pa.Table.from_pylist(batch)
            writer = writer or pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
        writer.close()
        return
    opener = gzip.open if fmt.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8", newline="") as out:
        if fmt.startswith("csv"):
            writer = csv.writer(out)
            writer.writerow(["id", "text"])
            for r in records():
                writer.writerow([r["id"], r["text"]])
        else:
            for r in records():
                out.write(json.dumps(r, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=None, help="rows to score (default: the 93,630 texts once)")
    parser.add_argument("--format", default="csv", choices=["csv", "csv.gz", "jsonl", "jsonl.gz", "parquet"])
    parser.add_argument("--output-format", default="jsonl", choices=["csv", "jsonl", "jsonl.gz", "parquet"])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    texts = bench_texts()
    rows = args.rows or len(texts)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"in.{args.format}"
        write_input(source, texts, rows, args.format)
        out = Path(tmp) / f"out.{args.output_format}"
        model = ["--model", args.model] if args.model else []
        cmd = [*TRIAGE, "score", str(source), "-o", str(out), "--quiet", "--workers", str(args.workers), *model]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds, peak, code = run_measured(cmd)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        cores = min(args.workers, os.cpu_count() or 1)
        print(f"{rows:,} rows {args.format} -> {args.output_format}: {rows / seconds:.0f} texts/s "
              f"({seconds:.1f} s, {args.workers} workers, exit {code}); peak memory {peak / 1024:.0f} MiB; "
              f"load average after {os.getloadavg()}")
        # On a shared machine the wall-clock rate depends on the others' load; CPU time does much less.
        print(f"CPU time {cpu:.1f} s (parent and workers): {rows / cpu:.0f} texts per CPU-second, "
              f"so {cores * rows / cpu:.0f} texts/s on {cores} otherwise idle cores")


if __name__ == "__main__":
    main()
