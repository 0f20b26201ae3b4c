"""Scoring a Spark DataFrame on a local Spark (local[2]) gives the same labels
and scores as the local path on the same rows. Texts are project-written.

Skipped when pyspark or a Java runtime is missing, unless TRIAGE_REQUIRE_SPARK
is set (scripts/test.sh sets it: set-up installs both)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from triage.scoring import score_file

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["my parcel arrived three weeks late", "the glass arrived broken, box crushed", "wrong colour sent",
         "great product, love it", "   ", "物流太慢，一周才到", "屏幕碎了，收到就是坏的", "发错货了，颜色不对",
         "late and broken, parcel crushed after a month", "how do I reset my password"]


def _need_spark() -> None:
    required = bool(os.environ.get("TRIAGE_REQUIRE_SPARK"))
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if required:
            raise
        pytest.skip("pyspark not installed (pip install -r requirements-spark.txt)")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if required:
            pytest.fail("no Java runtime: scripts/setup.sh installs one")
        pytest.skip("no Java runtime")


@pytest.fixture(scope="module")
def spark():
    _need_spark()
    from pyspark.sql import SparkSession

    # Python workers must import this checkout's triage, with this interpreter.
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (SparkSession.builder.master("local[2]").appName("triage-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    yield session
    session.stop()


def rows(n: int = 200) -> list[dict]:
    return [{"id": f"t{i}", "text": TEXTS[i % len(TEXTS)] + (f" ({i})" if i % 2 else ""), "carrier": f"C{i % 3}"}
            for i in range(n)]


@pytest.mark.parametrize("second_opinion", [False, True])
def test_spark_labels_equal_the_local_path(spark, tmp_path, fake_model_dir, pair_dir, second_opinion) -> None:
    from triage.spark import score_dataframe

    model_dir = pair_dir if second_opinion else fake_model_dir
    data = rows()
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data), encoding="utf-8")
    score_file(source, tmp_path / "local.jsonl", model_dir=model_dir, workers=1, second_opinion=second_opinion)
    local = {r["id"]: r for r in map(json.loads, (tmp_path / "local.jsonl").read_text().splitlines())}
    if second_opinion:  # the second model must have changed something, or the case proves nothing
        score_file(source, tmp_path / "first.jsonl", model_dir=model_dir, workers=1)
        first = {r["id"]: r for r in map(json.loads, (tmp_path / "first.jsonl").read_text().splitlines())}
        assert any(first[i]["labels"] != r["labels"] for i, r in local.items())

    df = spark.createDataFrame(data).repartition(4)
    scored = score_dataframe(df, model_dir=model_dir, batch_size=32, second_opinion=second_opinion).collect()
    assert len(scored) == len(data) and {r["id"] for r in scored} == set(local)
    for row in scored:
        want = local[row["id"]]
        assert row["carrier"] == want["carrier"]
        if want["error"]:
            assert row["labels"] is None and row["error"] == "field 'text': text is empty or whitespace only"
            continue
        assert list(row["labels"]) == want["labels"], row["id"]
        assert row["language"] == want["language"] and row["error"] is None
        for label, p in want["scores"].items():
            assert abs(row[f"score_{label}"] - p) < 1e-3
        assert json.loads(row["evidence"]) == want["evidence"]


def test_spark_keeps_input_columns_named_like_results(spark, fake_model_dir) -> None:
    """As `triage score`: a gold table's `labels` comes out as `input_labels`, beside the model's labels."""
    from triage.spark import score_dataframe

    df = spark.createDataFrame([{"id": "1", "text": "the glass arrived broken, box crushed", "labels": "other"}])
    row = score_dataframe(df, model_dir=fake_model_dir).collect()[0]
    assert row["input_labels"] == "other" and list(row["labels"]) == ["damage"]


def test_spark_loads_the_model_once_per_worker_process(spark, fake_model_dir) -> None:
    """Every task in a Python worker asks triage.spark for the model (as score_dataframe's
    tasks do); the process loads it on the first ask only. The check runs inside the tasks,
    because which worker process runs a later stage is Spark's choice."""
    from triage.spark import score_dataframe

    model = str(Path(fake_model_dir).resolve())
    assert score_dataframe(spark.createDataFrame(rows(400)).repartition(8), model_dir=model,
                           columns=["id"], batch_size=16).count() == 400

    def loads(batches):  # in each worker process: ask for the model per batch, report whether that loaded it
        import os

        import pandas as pd

        from triage import spark as module

        for frame in batches:
            before = module.loads  # other tests' models may have been loaded in this process already
            module.executor_pipeline(model, 1)
            yield pd.DataFrame({"pid": [os.getpid()], "loaded": [module.loads - before], "n": [len(frame)]})

    tasks = spark.createDataFrame(rows(400)).repartition(8)
    counts = tasks.mapInPandas(loads, "pid long, loaded long, n long").collect()
    assert sum(c["n"] for c in counts) == 400
    assert len(counts) >= 8 > len({c["pid"] for c in counts}), counts  # 8 tasks, fewer (reused) processes
    per_process = {pid: sum(c["loaded"] for c in counts if c["pid"] == pid) for pid in {c["pid"] for c in counts}}
    assert all(n <= 1 for n in per_process.values()), counts  # at most one load per process, however many asks


def test_spark_submit_example(spark, tmp_path, fake_model_dir) -> None:
    """The shipped spark-submit script, run as spark-submit runs it (a separate driver)."""
    source = tmp_path / "in.parquet"
    spark.createDataFrame(rows(30)).write.parquet(str(source))
    out = tmp_path / "out.parquet"
    spark_submit = Path(sys.executable).parent / "spark-submit"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    result = subprocess.run([str(spark_submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                             str(ROOT / "examples" / "spark_submit_score.py"), str(source), str(out),
                             "--model", str(fake_model_dir), "--columns", "id,carrier"],
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    table = spark.read.parquet(str(out)).collect()
    assert len(table) == 30 and set(table[0].asDict()) >= {"id", "carrier", "labels", "score_damage"}
