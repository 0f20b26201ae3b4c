"""Scoring a Spark DataFrame or table with the same model as `triage score`.

    from triage.spark import score_dataframe
    scored = score_dataframe(spark.table("reviews"), model_dir="/models/default")

Rows go through `mapInPandas`: each Spark Python worker process loads the
model once (cached in this module, reused across batches and tasks while
Spark reuses the worker, its default) and scores Arrow batches with the same
`score_chunk` as the local path, so labels and scores are the same.
What differs from `triage score`: no duplicate-id warnings (rows are spread
over executors), errors name the field but not a row number, and the output
order is Spark's. pyspark (with pandas) is an optional dependency:
`pip install -r requirements-spark.txt`.

spark-submit entry point (see examples/spark_submit_score.py):

    spark-submit --master local[2] examples/spark_submit_score.py reviews.parquet scored.parquet
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from .cli import _second_opinion_arg
from .labels import COMPLAINT_LABELS
from .pipeline import DEFAULT_MODEL_DIR, Pipeline

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

_PIPELINES: dict[tuple[str, bool], Pipeline] = {}  # per Python worker process: (folder, second opinion) -> pipeline
loads = 0  # how many times this process loaded a model (tests check it stays at one per model)


def executor_pipeline(model_dir: str, threads: int, second_opinion: bool = False) -> Pipeline:
    """The model for this process, loaded on first use only."""
    global loads
    key = (model_dir, second_opinion)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        loads += 1
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        pipeline = _PIPELINES[key] = Pipeline.load(model_dir, threads=threads, second_opinion=second_opinion)
    return pipeline


def result_fields() -> list[Any]:
    from pyspark.sql.types import ArrayType, BooleanType, DoubleType, StringType, StructField

    return [
        StructField("language", StringType()),
        StructField("labels", ArrayType(StringType())),
        *[StructField(f"score_{label}", DoubleType()) for label in COMPLAINT_LABELS],
        StructField("needs_review", BooleanType()),
        StructField("evidence", StringType()),  # JSON: label -> words
        StructField("truncated", BooleanType()),
        StructField("error", StringType()),
    ]


def score_dataframe(
    df: DataFrame,
    model_dir: str | Path | None = None,
    text_column: str = "text",
    columns: Sequence[str] | None = None,
    batch_size: int = 256,
    threads: int = 1,
    second_opinion: bool = False,
) -> DataFrame:
    """`df` with the result columns added (carrying `columns`, default all).

    `model_dir` must be readable at the same path on every executor (a shared
    or copied folder; the bundled model ships inside the package folder).
    `threads`: compute threads per Spark task (1 fits one task slot per core).
    `second_opinion`: as `triage score --second-opinion` (each Python worker
    then holds both models).
    """
    from pyspark.sql.types import StructField, StructType

    from .scoring import carried_name, score_chunk

    if text_column not in df.columns:
        raise ValueError(f"no column {text_column!r} to score; found {df.columns}")
    keep = list(df.columns) if columns is None else list(columns)
    missing = [c for c in keep if c not in df.columns]
    if missing:
        raise ValueError(f"no column(s) {', '.join(map(repr, missing))} to carry; found {df.columns}")
    results = {f.name for f in result_fields()}
    carried = [carried_name(c, keep, results) for c in keep]  # as triage score: a `labels` column -> input_labels
    model = str(Path(model_dir).resolve() if model_dir else DEFAULT_MODEL_DIR)
    schema = StructType([*[StructField(name, df.schema[c].dataType, df.schema[c].nullable)
                           for name, c in zip(carried, keep)], *result_fields()])
    source = df.select(*dict.fromkeys([*keep, text_column]))

    def score_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        pipeline = executor_pipeline(model, threads, second_opinion)
        for frame in batches:
            texts = frame[text_column].tolist()
            results: list[dict[str, Any]] = []
            for start in range(0, len(texts), batch_size):
                chunk = [(None, None if _is_missing(t) else t) for t in texts[start:start + batch_size]]
                results.extend(score_chunk(pipeline, chunk))
            out = frame[keep].copy()
            out.columns = carried
            out["language"] = [r["language"] for r in results]
            out["labels"] = [r["labels"] for r in results]
            for label in COMPLAINT_LABELS:
                out[f"score_{label}"] = [None if r["scores"] is None else float(r["scores"][label]) for r in results]
            out["needs_review"] = [r["needs_review"] for r in results]
            out["evidence"] = [None if r["evidence"] is None else json.dumps(r["evidence"], ensure_ascii=False)
                               for r in results]
            out["truncated"] = [r["truncated"] for r in results]
            out["error"] = [None if r["error"] is None else f"field {text_column!r}: {r['error'].split(': ', 1)[-1]}"
                            for r in results]
            yield out

    return source.mapInPandas(score_batches, schema)


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # None or NaN from pandas


# -- spark-submit entry point ---------------------------------------------------------


def _read(spark: SparkSession, source: str) -> DataFrame:
    if source.startswith("table:"):
        return spark.table(source[len("table:"):])
    lower = source.lower().removesuffix(".gz")
    if lower.endswith(".csv"):
        return spark.read.option("header", True).option("multiLine", True).option("escape", '"').csv(source)
    if lower.endswith((".jsonl", ".json", ".ndjson")):
        return spark.read.json(source)
    return spark.read.parquet(source)


def _write(df: DataFrame, target: str, mode: str) -> None:
    if target.startswith("table:"):
        df.write.mode(mode).saveAsTable(target[len("table:"):])
    elif target.lower().endswith(".csv"):
        from pyspark.sql import functions as F

        df.withColumn("labels", F.array_join("labels", "|")).write.mode(mode).option("header", True).csv(target)
    elif target.lower().endswith((".jsonl", ".json")):
        df.write.mode(mode).json(target)
    else:
        df.write.mode(mode).parquet(target)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="triage.spark",
        description="Score a file or table with Spark (for spark-submit). INPUT: a .parquet, .csv or .jsonl path "
                    "(a folder of them too) or table:NAME. OUTPUT: a path (Spark writes a folder of part files; "
                    "format by extension, Parquet otherwise) or table:NAME.")
    parser.add_argument("input", metavar="INPUT")
    parser.add_argument("output", metavar="OUTPUT")
    parser.add_argument("--model", default=os.environ.get("TRIAGE_MODEL"), metavar="DIR",
                        help="model folder, at the same path on every executor (default: the bundled model)")
    parser.add_argument("--text-column", default="text", help="column holding the text (default text)")
    parser.add_argument("--columns", default=None, metavar="COL,COL",
                        help="input columns to carry through (default: all)")
    parser.add_argument("--batch-size", type=int, default=256, help="texts encoded together (default 256)")
    parser.add_argument("--mode", default="errorifexists", help="Spark save mode (default errorifexists)")
    _second_opinion_arg(parser)
    args = parser.parse_args(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("triage-score").getOrCreate()
    df = _read(spark, args.input)
    columns = None if args.columns is None else [c.strip() for c in args.columns.split(",") if c.strip()]
    scored = score_dataframe(df, args.model, text_column=args.text_column, columns=columns,
                             batch_size=args.batch_size, second_opinion=args.second_opinion)
    _write(scored, args.output, args.mode)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
