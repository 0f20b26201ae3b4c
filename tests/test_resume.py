"""Interrupted `score` runs resume with every input row exactly once, in order.

The texts are project-written (not real buyer text)."""

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from triage.cli import main
from triage.scoring import SeenIds, checkpoint_path, score_file

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["my parcel arrived three weeks late", "the glass arrived broken", "wrong colour sent",
         "great product, love it", "  ", "物流太慢，一周才到", "屏幕碎了"]


def make_rows(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        rows.append({"id": f"r{i % (n - 5)}", "text": TEXTS[i % len(TEXTS)] + f" #{i}" * (i % 3 != 0),
                     "sku": f"S{i % 4}"})
    return rows  # the last 5 ids repeat the first 5: duplicates across any resume point


def write_input(path: Path, rows: list[dict]) -> None:
    if path.suffix == ".parquet":
        import pyarrow as pa

        pq.write_table(pa.Table.from_pylist(rows), path)
    else:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def read_output(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        if ".csv" in path.name:
            import csv

            return list(csv.DictReader(handle))
        return [json.loads(line) for line in handle]


class Crash(Exception):
    pass


@pytest.mark.parametrize("out_name", ["out.jsonl", "out.csv", "out.jsonl.gz", "out.csv.gz", "out.parquet"])
def test_crash_then_resume_equals_uninterrupted_run(tmp_path, fake_pipeline, out_name) -> None:
    source = tmp_path / "in.jsonl"
    write_input(source, make_rows(300))
    reference = tmp_path / f"ref-{out_name}"
    full = score_file(source, reference, pipeline=fake_pipeline, batch_size=16)

    out = tmp_path / out_name
    calls = 0

    def crash_after_some_chunks(stats) -> None:
        nonlocal calls
        calls += 1
        if calls == 7:
            raise Crash

    with pytest.raises(Crash):
        score_file(source, out, pipeline=fake_pipeline, batch_size=16, progress=crash_after_some_chunks,
                   checkpoint_seconds=0.0)
    state = json.loads(checkpoint_path(out).read_text())
    assert 0 < state["rows_done"] < 300
    if out.suffix != ".parquet":  # a torn write after the checkpoint: resume must drop it
        with open(out, "ab") as handle:
            handle.write(b'{"id": "torn')
    stats = score_file(source, out, pipeline=fake_pipeline, batch_size=16, resume=True)
    assert stats.resumed == state["rows_done"] and stats.rows == 300
    assert (stats.errors, stats.duplicates, stats.by_label) == (full.errors, full.duplicates, full.by_label)
    assert read_output(out) == read_output(reference)
    assert not checkpoint_path(out).exists() and not (tmp_path / "out.parquet.parts").exists()
    if out.suffix == ".jsonl":
        assert out.read_bytes() == reference.read_bytes()
    records = read_output(out)
    assert [r["id"] for r in records] == [r["id"] for r in make_rows(300)]
    assert str(records[-1]["warning"]).startswith("duplicate id 'r4', first seen at row 5")


def test_resume_refuses_a_complete_output_or_a_changed_input(tmp_path, fake_pipeline) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_input(source, make_rows(40))
    score_file(source, out, pipeline=fake_pipeline)
    with pytest.raises(ValueError, match="has no checkpoint"):
        score_file(source, out, pipeline=fake_pipeline, resume=True)

    def crash(stats) -> None:
        raise Crash

    with pytest.raises(Crash):
        score_file(source, out, pipeline=fake_pipeline, batch_size=8, progress=crash, checkpoint_seconds=0)
    write_input(source, make_rows(41))
    with pytest.raises(ValueError, match="input_size"):
        score_file(source, out, pipeline=fake_pipeline, resume=True)
    with pytest.raises(ValueError, match="limit"):
        write_input(source, make_rows(40))
        os.utime(source, ns=(json.loads(checkpoint_path(out).read_text())["input_mtime_ns"],) * 2)
        score_file(source, out, pipeline=fake_pipeline, resume=True, limit=10)
    # with nothing to resume and no output, --resume simply starts
    fresh = tmp_path / "fresh.jsonl"
    assert score_file(source, fresh, pipeline=fake_pipeline, resume=True).rows == 40


def test_resume_with_limit_and_parquet_input(tmp_path, fake_pipeline) -> None:
    source, out = tmp_path / "in.parquet", tmp_path / "out.jsonl"
    write_input(source, make_rows(200))
    calls = 0

    def crash(stats) -> None:
        nonlocal calls
        calls += 1
        assert stats.total_rows == 150
        if calls == 3:
            raise Crash

    with pytest.raises(Crash):
        score_file(source, out, pipeline=fake_pipeline, batch_size=10, limit=150, progress=crash,
                   checkpoint_seconds=0)
    score_file(source, out, pipeline=fake_pipeline, batch_size=10, limit=150, resume=True)
    assert [r["id"] for r in read_output(out)] == [r["id"] for r in make_rows(200)[:150]]


def test_kill_9_midway_then_resume(tmp_path, fake_model_dir) -> None:
    """A real `kill -9` of the whole process group (parent and worker processes)."""
    source = tmp_path / "in.jsonl"
    n = 30_000
    write_input(source, make_rows(n))
    out, reference = tmp_path / "out.jsonl", tmp_path / "ref.jsonl"
    command = [sys.executable, "-m", "triage.cli", "score", str(source), "--model", str(fake_model_dir),
               "--workers", "2", "--batch-size", "64", "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([*command, "-o", str(out)], cwd=ROOT, env=env, start_new_session=True)
    ckpt = checkpoint_path(out)
    done = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            done = json.loads(ckpt.read_text())["rows_done"]
        except (OSError, ValueError):
            done = 0
        if done >= 2000:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert 0 < done < n and ckpt.exists()
    result = subprocess.run([*command, "-o", str(out), "--resume"], cwd=ROOT, env=env)
    assert result.returncode == 1  # the blank texts are row errors
    subprocess.run([*command, "-o", str(reference), "--workers", "1"], cwd=ROOT, env=env)
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [r["id"] for r in make_rows(n)]
    assert out.read_bytes() == reference.read_bytes()


def test_seen_ids_grow_and_find_duplicates() -> None:
    seen = SeenIds(capacity=4)
    for i in range(20_000):
        assert seen.add(f"id-{i}", i + 1) is None
    assert len(seen) == 20_000
    assert seen.add("id-0", 99_999) == 1 and seen.add("id-19999", 99_999) == 20_000
    assert seen.add("新的", 5) is None and seen.add("新的", 6) == 5


def test_columns_carry_only_the_named_ones(tmp_path, fake_model_dir) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,text,sku,secret\n1,box crushed and broken,S1,x\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "-o", str(out), "--model", str(fake_model_dir), "--workers", "1",
                 "--columns", "sku"]) == 0
    record = json.loads(out.read_text())
    assert record["sku"] == "S1" and "secret" not in record and "text" not in record and record["id"] == "1"
    assert main(["score", str(source), "-o", str(out), "--model", str(fake_model_dir), "--columns", "nope"]) == 2


def test_forced_progress_bar_has_rate_and_eta(tmp_path, fake_model_dir, capsys) -> None:
    source = tmp_path / "in.jsonl"
    write_input(source, make_rows(50))
    out = tmp_path / "out.jsonl"
    main(["score", str(source), "-o", str(out), "--model", str(fake_model_dir), "--workers", "1", "--progress"])
    err = capsys.readouterr().err
    assert "rows/s" in err and "ETA" in err and "50 rows scored" in err
    main(["score", str(source), "-o", str(out), "--model", str(fake_model_dir), "--workers", "1", "--no-progress"])
    err = capsys.readouterr().err
    assert "ETA" not in err and "50 rows scored" in err


def test_progress_line_exact_and_estimated() -> None:
    from triage.progress import ProgressBar

    bar = ProgressBar()
    assert "50% 500/1,000 rows" in bar.line(500, 1000, None)
    assert "25% 250/~1,000 rows" in bar.line(250, None, 0.25)
    assert "ETA ?" in ProgressBar().line(0, None, None)
