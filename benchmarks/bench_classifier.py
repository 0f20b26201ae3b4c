"""Benchmark of the classifier's speed and memory (a script that prints figures,
not a test).

    python benchmarks/bench_classifier.py [--limit N] [--model DIR] [--workers N] [--second-opinion]

Measures, on the 93,630 real benchmark texts of ../shared/data:
- `triage score` throughput end to end, file to file (texts per second);
- peak resident memory of the whole job (parent and worker processes summed);
- `triage classify "one text"` wall time from a cold start (median of 3; with
  `--second-opinion` for a text the model is sure of and one it is unsure of).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRIAGE_SHARED_DATA", ROOT.parent / "shared" / "data"))
TRIAGE = [sys.executable, "-m", "triage.cli"]


def rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


def load() -> str:
    """The 1-, 5- and 15-minute load averages (this machine may be shared)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_measured(cmd: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KiB, summed over the process tree) and exit code."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, rss_kib(proc.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        print(proc.stderr.read() if proc.stderr else "", file=sys.stderr)
    return seconds, peak, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N benchmark texts")
    parser.add_argument("--model", default=None, help="model folder (default: the bundled model)")
    parser.add_argument("--second-opinion", action="store_true", help="run the model with its second opinion")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="scoring processes")
    parser.add_argument("--batch-size", type=int, default=256, help="texts per batch")
    args = parser.parse_args()
    files = [SHARED / "bench_zh_unique.csv", SHARED / "bench_en_unique.csv"]
    if not all(f.is_file() for f in files):
        sys.exit(f"benchmark texts not found in {SHARED} (set TRIAGE_SHARED_DATA)")

    model = (["--model", args.model] if args.model else []) + (["--second-opinion"] if args.second_opinion else [])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bench.csv"
        n, chars = 0, 0
        with open(source, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["id", "text"])
            for f in files:
                with open(f, encoding="utf-8-sig", newline="") as handle:
                    for row in csv.DictReader(handle):
                        if args.limit is not None and n >= args.limit:
                            break
                        writer.writerow([row["id"], row["text"]])
                        n += 1
                        chars += len(row["text"])
        print(f"texts: {n} (mean {chars / max(n, 1):.0f} characters)")

        cmd = [*TRIAGE, "score", str(source), "-o", str(Path(tmp) / "out.jsonl"), "--quiet",
               "--workers", str(args.workers), "--batch-size", str(args.batch_size), *model]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds, peak, code = run_measured(cmd)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        cores = min(args.workers, os.cpu_count() or 1)
        kind = "threads" if args.second_opinion else "workers"
        print(f"triage score: {n / seconds:.0f} texts/s ({seconds:.1f} s, {args.workers} {kind}, exit {code}); "
              f"peak memory {peak / 1024:.0f} MiB; load average after {load()}")
        # On a shared machine the wall-clock rate depends on the others' load; CPU time does much less.
        print(f"CPU time {cpu:.1f} s (parent and workers): {cores * n / cpu:.0f} texts/s on {cores} "
              f"otherwise idle cores")

        # Project-written texts: one the bundled model is sure of, and, with the second
        # opinion (whose encoder loads only for an unsure text), one it is unsure of.
        texts = {"a sure text": "快递太慢了，等了三周才到，盒子也压坏了"}
        if args.second_opinion:
            texts["an unsure text"] = "快递员态度不好，东西到了有点脏"
        for which, text in texts.items():
            cold = []
            for _ in range(3):
                seconds, peak_one, _ = run_measured([*TRIAGE, "classify", text, *model])
                cold.append(seconds)
            print(f"triage classify, one text ({which}), cold start: median {statistics.median(cold):.2f} s "
                  f"(runs {', '.join(f'{c:.2f}' for c in cold)}); peak memory {peak_one / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
