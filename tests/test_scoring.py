import csv
import json

import pyarrow.parquet as pq
import pytest

from triage.scoring import score_file


def write_jsonl(path, rows) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def read_jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


ROWS = [
    {"id": "a", "text": "the glass arrived broken", "sku": "S1"},
    {"id": "b", "text": "   "},
    {"id": "c", "text": 12345},
    {"id": "a", "text": "wrong colour sent"},
    {"id": "", "text": "fast shipping"},
    {"id": "f", "text": "the parcel was late. " * 5000},
    {"id": "g", "text": "发错货了，颜色不对"},
]


@pytest.mark.parametrize("workers", [1, 2])
def test_every_row_once_in_order_with_errors(tmp_path, fake_pipeline, fake_model_dir, workers) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, ROWS)
    stats = score_file(source, out, model_dir=fake_model_dir, workers=workers, batch_size=2,
                       pipeline=fake_pipeline if workers == 1 else None)
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["a", "b", "c", "a", "", "f", "g"]
    assert records[0]["labels"] == ["damage"] and records[0]["sku"] == "S1"
    assert records[0]["error"] is None and set(records[0]["scores"]) == {"late_delivery", "damage", "wrong_item"}
    assert records[1]["error"] == "row 2: field 'text': text is empty or whitespace only"
    assert records[2]["error"] == "row 3: field 'text': text must be a string, got int"
    assert records[3]["warning"] == "duplicate id 'a', first seen at row 1" and records[3]["labels"]
    assert records[4]["error"] == "row 5: field 'id': missing or empty"
    assert records[5]["truncated"] is True and records[5]["error"] is None
    assert records[6]["language"] == "zh"
    assert (stats.rows, stats.errors, stats.duplicates) == (7, 3, 1)


def test_other_row_gets_other_label(tmp_path, fake_pipeline) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, [{"id": "1", "text": "great product, love it"}])
    score_file(source, out, pipeline=fake_pipeline)
    assert read_jsonl(out)[0]["labels"] == ["other"]


def test_input_columns_named_like_results_are_kept_under_another_name(tmp_path, fake_pipeline) -> None:
    """A gold file's `labels` or a scored file scored again: the input's columns are renamed, not lost."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, [{"id": "1", "text": "box crushed and broken", "labels": ["other"], "language": "xx",
                          "input_language": "kept too"}])
    score_file(source, out, pipeline=fake_pipeline)
    record = read_jsonl(out)[0]
    assert record["labels"] == ["damage"] and record["input_labels"] == ["other"]
    assert record["language"] == "en" and record["input_input_language"] == "xx"
    assert record["input_language"] == "kept too"
    score_file(source, tmp_path / "only.jsonl", pipeline=fake_pipeline, columns=["labels"])
    assert set(read_jsonl(tmp_path / "only.jsonl")[0]) >= {"id", "input_labels", "labels"}


def test_csv_to_csv_and_parquet(tmp_path, fake_pipeline) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,text,carrier\n1,box crushed and broken,DHL\n2,late delivery again,UPS\n", encoding="utf-8")
    score_file(source, tmp_path / "out.csv", pipeline=fake_pipeline)
    rows = list(csv.DictReader(open(tmp_path / "out.csv", encoding="utf-8")))
    assert [r["carrier"] for r in rows] == ["DHL", "UPS"]
    assert rows[0]["labels"] == "damage" and float(rows[0]["score_damage"]) > 0.5
    score_file(source, tmp_path / "out.parquet", pipeline=fake_pipeline)
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [r["id"] for r in table] == ["1", "2"]


def test_empty_input_gives_empty_output(tmp_path, fake_pipeline) -> None:
    (tmp_path / "in.jsonl").write_text("")
    stats = score_file(tmp_path / "in.jsonl", tmp_path / "out.jsonl", pipeline=fake_pipeline)
    assert stats.rows == 0 and (tmp_path / "out.jsonl").read_text() == ""


def test_limit(tmp_path, fake_pipeline) -> None:
    write_jsonl(tmp_path / "in.jsonl", [{"id": str(i), "text": "late"} for i in range(10)])
    score_file(tmp_path / "in.jsonl", tmp_path / "out.jsonl", pipeline=fake_pipeline, limit=3)
    assert len(read_jsonl(tmp_path / "out.jsonl")) == 3
