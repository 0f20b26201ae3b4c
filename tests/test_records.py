import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from triage.records import InputFormatError, RecordWriter, file_format, read_rows


def test_file_format_by_suffix() -> None:
    assert file_format("a.jsonl") == "jsonl"
    assert file_format("a.CSV.gz") == "csv"
    assert file_format("a.parquet") == "parquet"
    with pytest.raises(InputFormatError, match="unknown file type"):
        file_format("a.txt")


def test_jsonl_bad_lines_become_row_errors(tmp_path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"id": "1", "text": "ok"}\n'
        b"\n"
        b'{"id": "2", "text": "bad \xff byte"}\n'
        b"not json\n"
        b"[1, 2]\n"
        b'{"id": "6"}\n'
    )
    rows = list(read_rows(path))
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].error is None and rows[0].fields["text"] == "ok"
    assert "line 3: invalid UTF-8 at byte" in rows[1].error
    assert "line 4: invalid JSON" in rows[2].error
    assert "expected a JSON object" in rows[3].error
    assert "missing field(s) 'text'" in rows[4].error


def test_csv_missing_column_is_fatal_and_names_it(tmp_path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,body\n1,hello\n")
    with pytest.raises(InputFormatError, match="missing column\\(s\\) 'text'; found \\['id', 'body'\\]"):
        list(read_rows(path))


def test_csv_invalid_utf8_and_ragged_rows(tmp_path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"id,text\n1,fine\n2,bro\xe9ken\n3,a,b\n")
    rows = list(read_rows(path))
    assert rows[0].error is None
    assert "invalid UTF-8 in field(s) text" in rows[1].error
    assert "3 fields, header has 2" in rows[2].error


def test_empty_files_have_no_rows(tmp_path) -> None:
    for name in ("empty.jsonl", "empty.csv"):
        (tmp_path / name).write_bytes(b"")
        assert list(read_rows(tmp_path / name)) == []


def test_gzip_and_parquet_inputs(tmp_path) -> None:
    gz = tmp_path / "in.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "a", "text": "你好"}, ensure_ascii=False) + "\n")
    assert list(read_rows(gz))[0].fields["text"] == "你好"
    parquet = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["x", "y"], "text": ["one", "two"], "sku": [1, 2]}), parquet)
    rows = list(read_rows(parquet))
    assert [r.fields["sku"] for r in rows] == [1, 2]


def test_writers_keep_late_fields_in_notes(tmp_path) -> None:
    for name in ("out.csv", "out.parquet", "out.jsonl"):
        path = tmp_path / name
        with RecordWriter(path) as writer:
            writer.write({"id": "1", "labels": ["damage"], "scores": {"damage": 0.9}})
            writer.write({"id": "2", "labels": ["other"], "scores": {"damage": 0.1}, "surprise": "kept"})
        assert path.stat().st_size > 0
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert table[0]["labels"] == "damage" and table[0]["score_damage"] == 0.9
    assert json.loads(table[1]["notes"]) == {"surprise": "kept"}
    assert "surprise" in (tmp_path / "out.csv").read_text()
