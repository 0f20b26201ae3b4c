"""Root-cause clusters: quality on dev_gold, stability, speed. Prints figures.

    python benchmarks/bench_clusters.py [--quality | --no-quality] [--speed N] [--speed-complaints N]

Quality: the complaints of ../shared/data/dev_gold.jsonl (never trained on),
grouped by their gold labels, clustered; adjusted Rand index and purity of
cluster ids against the gold root causes, per label (unassigned complaints
count as one extra group, so they lower both figures), the unassigned share,
and how often a Chinese and an English complaint with the same gold cause
share a cluster. Stability: refit with another seed, and refit on a 90%
sample with the first state as `previous`: share of complaints keeping
their cluster id. Speed: `triage cluster` (cluster_file, one worker per core) end to end on N
bench texts (../shared/data/bench_*_unique.csv, shuffled, repeated as
needed), with its stages; then the cluster stage alone on 100,000 complaints
(those of the first 20,000 texts, repeated); then one-complaint assignment
(root-cause model + nearest centroid, text already encoded).

Speed on complaints (--speed-complaints N, the issue's target "100,000
complaints clustered from text"): `triage cluster` end to end on N rows that
are all complaints. The complaints are the real bench texts that the default
model labels as complaints (found once, cached in build/bench/); the N rows
cycle through them, and each copy ends with a project-written marker
" #<row number>" (the only text not written by a buyer) so that every row is
distinct and the job's dedup of identical texts cannot apply. Prints wall
time, per-stage times, CPU seconds, peak RSS, nproc and load (the main
process's maximum RSS includes the search for the complaints in the run
that builds the cache).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from triage.cluster_file import ClusterJobStats, cluster_file, read_complaints  # noqa: E402
from triage.clustering import Clusterer, ClusterSettings, Complaint  # noqa: E402
from triage.evaluate import purity  # noqa: E402
from triage.labels import COMPLAINT_LABELS  # noqa: E402
from triage.pipeline import Pipeline, clean_text, vectorize  # noqa: E402
from triage.root_causes import RootCauseModel  # noqa: E402

SHARED = Path(os.environ.get("TRIAGE_SHARED_DATA", ROOT.parent / "shared" / "data"))


def gold_complaints(pipeline: Pipeline) -> tuple[list[Complaint], list[str]]:
    rows = [json.loads(line) for line in (SHARED / "dev_gold.jsonl").read_text().splitlines() if line.strip()]
    rows = [r for r in rows if r["root_causes"]]
    texts = [clean_text(r["text"])[0] for r in rows]
    embeddings, _ = vectorize(pipeline.encoder, texts)
    items, causes = [], []
    for r, text, e in zip(rows, texts, embeddings):
        for label, cause in r["root_causes"].items():
            items.append(Complaint(r["id"], label, e, text, r["lang"]))
            causes.append(cause)
    return items, causes


def quality(pipeline: Pipeline, model: RootCauseModel) -> None:
    from sklearn.metrics import adjusted_rand_score

    items, causes = gold_complaints(pipeline)
    clusterer = Clusterer(model, ClusterSettings(seed=0))
    state = clusterer.fit(items)
    clusterer.promote_outliers(state)
    found = [a.cluster_id or "(unassigned)" for a in clusterer.assign_all(state, items)]
    print(f"dev_gold: {len(items)} complaints (gold labels), {len(state.clusters)} clusters")
    for label in COMPLAINT_LABELS:
        idx = [i for i, it in enumerate(items) if it.label == label]
        g, f = [causes[i] for i in idx], [found[i] for i in idx]
        print(f"  {label:<14} n={len(idx):<4} ARI {adjusted_rand_score(g, f):.3f}  purity {purity(g, f):.3f}  "
              f"clusters {len(set(f))}  unassigned {f.count('(unassigned)')}")
    print(f"  unassigned share after fit: {state.unassigned_share:.3f}")
    same = total = 0
    for i, a in enumerate(items):
        for j, b in enumerate(items):
            if a.language == "zh" and b.language == "en" and a.label == b.label and causes[i] == causes[j]:
                total += 1
                same += found[i] == found[j]
    print(f"  zh-en pairs with the same gold cause in the same cluster: {same}/{total} ({same / max(total, 1):.3f})")

    other = Clusterer(model, ClusterSettings(seed=1)).fit(items)
    again = [a.cluster_id for a in Clusterer(model, ClusterSettings(seed=1)).assign_all(other, items)]
    keep = np.mean([x == (y if y != "(unassigned)" else None) for x, y in zip(again, found)])
    print(f"  stability, refit with another seed: {keep:.3f} keep their cluster id")
    rng = random.Random(1)
    sample = [it for it in items if rng.random() < 0.9]
    refit = clusterer.fit(sample, previous=state)
    before = dict(zip([(it.id, it.label) for it in items], found))
    after = clusterer.assign_all(refit, sample)
    keep = np.mean([before[(it.id, it.label)] == (a.cluster_id or "(unassigned)") for it, a in zip(sample, after)])
    print(f"  stability, refit on a 90% sample with the previous state: {keep:.3f} keep their cluster id")


def speed(model: RootCauseModel, n: int) -> None:
    texts: list[str] = []
    for name in ("bench_zh_unique.csv", "bench_en_unique.csv"):
        with open(SHARED / name, encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]
    random.Random(0).shuffle(texts)
    rows = [{"id": f"b{i}", "text": texts[i % len(texts)]} for i in range(n)]
    workers = os.cpu_count() or 1
    print(f"speed: nproc {workers}; {n} texts, {len(set(r['text'] for r in rows))} distinct")
    print(f"  before: {_uptime()}")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        started, cpu_main, cpu_children = time.perf_counter(), time.process_time(), _children_cpu()
        stats = cluster_file(src, Path(tmp) / "out.jsonl", Path(tmp) / "out.clusters.json", workers=workers)
        total = time.perf_counter() - started
        print(f"  triage cluster end to end ({workers} workers): {total:.1f} s ({n / total:.0f} texts/s): "
              f"read+classify+encode+causes {stats.seconds_read_encode:.1f} s, fit+promote+assign "
              f"{stats.seconds_cluster:.1f} s, summary+write {stats.seconds_write:.1f} s; "
              f"{stats.complaints} complaints, unassigned {stats.unassigned}")
        print(f"  CPU seconds: workers {_children_cpu() - cpu_children:.1f}, main process "
              f"{time.process_time() - cpu_main:.1f}")
        print(f"  after: {_uptime()}")
        items, _ = read_complaints(src, None, None, 256, workers, min(n, 20_000), ClusterJobStats())
    # the cluster stage on 100,000 complaints: those of the first 20,000 texts, repeated; fresh copies
    # without cause probabilities, so the root-cause model runs on every one of them here (in the job
    # it runs in the encoding workers), then again with them computed
    big = [dataclasses.replace(items[i % len(items)], id=f"{items[i % len(items)].id}-{i}", cause_probs=None)
           for i in range(100_000)]
    clusterer = Clusterer(model)
    started = time.perf_counter()
    for label in COMPLAINT_LABELS:
        group = [it for it in big if it.label == label]
        if group:
            clusterer._causes(label, group, np.stack([it.embedding for it in group]))
    causes_s = time.perf_counter() - started
    fit_s, summary_s, unassigned = _cluster_stage(clusterer, big)
    print(f"  cluster stage on {len(big)} encoded complaints: root-cause model {causes_s:.1f} s (in the job: "
          f"in the workers), fit+promote+assign {fit_s:.1f} s, summary {summary_s:.1f} s, unassigned {unassigned}")
    state = clusterer.fit(items)
    times = []
    for it in items[:300]:
        fresh = dataclasses.replace(it, cause_probs=None)
        t = time.perf_counter()
        clusterer.assign(state, fresh)
        times.append((time.perf_counter() - t) * 1000)
    print(f"  assign one encoded complaint (root-cause model included): median {statistics.median(times):.2f} ms, "
          f"p95 {sorted(times)[int(0.95 * len(times))]:.2f} ms")
    print(f"  after: {_uptime()}")


COMPLAINT_CACHE = ROOT / "build" / "bench" / "bench_complaint_texts.json"


def bench_complaint_texts(workers: int) -> list[str]:
    """The distinct real bench texts the default model labels as complaints,
    in file order (zh then en); cached in build/bench/ against the bench
    files' and the models' sizes and modification times."""
    from triage.pipeline import DEFAULT_MODEL_DIR
    from triage.root_causes import DEFAULT_DIR

    sources = [SHARED / "bench_zh_unique.csv", SHARED / "bench_en_unique.csv"]
    key = [[str(f), f.stat().st_size, f.stat().st_mtime] for folder in (DEFAULT_MODEL_DIR, DEFAULT_DIR)
           for f in sorted(folder.iterdir()) if f.is_file()] + [[str(f), f.stat().st_size, f.stat().st_mtime]
                                                                for f in sources]
    if COMPLAINT_CACHE.is_file():
        cached = json.loads(COMPLAINT_CACHE.read_text(encoding="utf-8"))
        if cached["key"] == key:
            return cached["texts"]
    print("  finding the complaints among the bench texts with the default model (cached afterwards)")
    rows = []
    for name in sources:
        with open(name, encoding="utf-8", newline="") as handle:
            rows += [{"id": str(len(rows) + i), "text": row["text"]}
                     for i, row in enumerate(r for r in csv.DictReader(handle) if r["text"].strip())]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bench.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        items, _ = read_complaints(src, None, None, 256, workers, None, ClusterJobStats())
    texts = list(dict.fromkeys(it.text for it in items))  # distinct, in file order
    COMPLAINT_CACHE.parent.mkdir(parents=True, exist_ok=True)
    COMPLAINT_CACHE.write_text(json.dumps({"key": key, "texts": texts}, ensure_ascii=False), encoding="utf-8")
    return texts


class PeakRss:
    """Peak of the summed resident memory of this process and its children
    (the encoding workers), sampled from /proc every 0.2 s."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            pids = [os.getpid()]
            for task in Path(f"/proc/{os.getpid()}/task").iterdir():
                try:
                    pids += [int(p) for p in (task / "children").read_text().split()]
                except OSError:  # a thread that has just ended
                    continue
            total = 0
            for pid in pids:
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
            self.peak_kb = max(self.peak_kb, total)


def speed_complaints(n: int) -> None:
    """`triage cluster` end to end on n rows that are all complaints: the
    real complaint texts of the bench files repeated, each copy made distinct
    by a project-written marker " #<row>"."""
    workers = _usable_cores()
    complaints = bench_complaint_texts(workers)
    rows = [{"id": f"c{i}", "text": f"{complaints[i % len(complaints)]} #{i}"} for i in range(n)]
    print(f"speed on complaints: nproc {os.cpu_count()}, {workers} workers; {n} rows cycling through "
          f"{len(complaints)} distinct real complaint texts of the bench files, each copy ending with a "
          f"project-written marker ' #<row>' (the only non-real text) so that no two rows are identical")
    print(f"  before: {_uptime()}")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        del rows
        started, cpu_main, cpu_children = time.perf_counter(), time.process_time(), _children_cpu()
        with PeakRss() as rss:
            stats = cluster_file(src, Path(tmp) / "out.jsonl", Path(tmp) / "out.clusters.json", workers=workers)
        total = time.perf_counter() - started
    print(f"  triage cluster end to end ({workers} workers): {total:.1f} s ({n / total:.0f} rows/s); "
          f"read+classify+encode+causes {stats.seconds_read_encode:.1f} s, fit+promote+assign "
          f"{stats.seconds_cluster:.1f} s, summary+write {stats.seconds_write:.1f} s")
    print(f"  {stats.rows} rows, {stats.complaints} complaints ({stats.other} rows not classified as a complaint "
          f"once marked), unassigned {stats.unassigned}, errors {stats.errors}")
    print(f"  CPU seconds: workers {_children_cpu() - cpu_children:.1f}, main process "
          f"{time.process_time() - cpu_main:.1f}; peak RSS (main + workers, sampled) {rss.peak_kb / 1024:.0f} MB, "
          f"main process max {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"  after: {_uptime()}")


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _cluster_stage(clusterer: Clusterer, items: list[Complaint]) -> tuple[float, float, int]:
    from triage.cluster_summary import summary

    started = time.perf_counter()
    state = clusterer.fit(items)
    clusterer.promote_outliers(state)
    assignments = clusterer.assign_all(state, items)
    fit_s = time.perf_counter() - started
    started = time.perf_counter()
    summary(state, items, assignments)
    return fit_s, time.perf_counter() - started, sum(a.cluster_id is None for a in assignments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quality", action="store_true", help="only the dev_gold figures")
    parser.add_argument("--no-quality", action="store_true", help="skip the dev_gold figures")
    parser.add_argument("--speed", type=int, default=0, help="texts for the speed run (0: skip; 100000 for the target)")
    parser.add_argument("--speed-complaints", type=int, default=0, metavar="N",
                        help="complaint rows for the end-to-end run on complaints only (0: skip; 100000 for the "
                             "target); runs alone, without the other figures")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"../shared/data not found at {SHARED}")
    if args.speed_complaints:
        speed_complaints(args.speed_complaints)
        return
    pipeline = Pipeline.load()
    model = RootCauseModel.load()
    if not args.no_quality:
        quality(pipeline, model)
    if args.speed and not args.quality:
        speed(model, args.speed)


if __name__ == "__main__":
    main()
