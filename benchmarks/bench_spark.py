"""Benchmark of Spark scoring against the local path on the same rows (a script
that prints figures, not a test).

    python benchmarks/bench_spark.py [--rows N] [--model DIR]

Takes the first N of the real benchmark texts of ../shared/data, scores them
with `triage score` (one worker per core) and with `triage.spark.score_dataframe`
on Spark local[<cores>] reading and writing Parquet, and prints both rates and
their ratio. Spark's figure includes the session start and the model load in
each Python worker; a row-count check confirms both wrote every row.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_classifier import TRIAGE, run_measured  # noqa: E402
from bench_scale import bench_texts, write_input  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    print(f"{cores} cores, load average {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.parquet"
        write_input(source, bench_texts(), args.rows, "parquet")
        model = ["--model", args.model] if args.model else []
        seconds, peak, code = run_measured([*TRIAGE, "score", str(source), "-o", str(Path(tmp) / "local.parquet"),
                                            "--quiet", "--workers", str(cores), *model])
        local_rate = args.rows / seconds
        print(f"local `triage score`, {cores} workers: {local_rate:.0f} texts/s ({seconds:.1f} s, exit {code})")

        os.environ["PYSPARK_PYTHON"] = sys.executable
        os.environ["PYTHONPATH"] = str(ROOT)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        started = time.perf_counter()
        from pyspark.sql import SparkSession

        from triage.spark import score_dataframe

        spark = (SparkSession.builder.master(f"local[{cores}]").config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false").getOrCreate())
        df = spark.read.parquet(str(source))
        df = df.repartition(cores * 2)
        out = str(Path(tmp) / "spark.parquet")
        score_dataframe(df, args.model).write.parquet(out)
        seconds = time.perf_counter() - started
        written = spark.read.parquet(out).count()
        spark.stop()
        spark_rate = args.rows / seconds
        print(f"Spark local[{cores}] (session start included): {spark_rate:.0f} texts/s ({seconds:.1f} s, "
              f"{written} rows written)")
        print(f"local / Spark time ratio: Spark takes {local_rate / spark_rate:.2f}x the local time; "
              f"load average after {os.getloadavg()}")


if __name__ == "__main__":
    main()
