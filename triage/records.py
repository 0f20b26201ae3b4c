"""Reading and writing record files (JSONL, CSV, Parquet; .gz for JSONL and CSV).

Readers stream rows and never stop on a bad one: a row that cannot be read
comes back with an error naming the row and why, so the job reports it and
goes on. Only problems with the file as a whole (unknown format, a missing
required column) raise InputFormatError.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator

SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")


class InputFormatError(ValueError):
    """The file as a whole cannot be read as asked."""


@dataclass
class Row:
    number: int  # 1-based data row (the CSV header and blank JSONL lines do not count)
    fields: dict[str, Any]
    error: str | None = None


def file_format(path: str | Path) -> str:
    """'jsonl', 'csv' or 'parquet' from the file name (a trailing .gz is allowed)."""
    name = str(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return "jsonl" if suffix == ".ndjson" else suffix[1:]
    raise InputFormatError(f"{path}: unknown file type; use one of {', '.join(SUFFIXES)} (optionally .gz)")


def _open_binary(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if str(path).lower().endswith(".gz") else open(path, "rb")


def read_rows(path: str | Path, required: tuple[str, ...] = ("id", "text")) -> Iterator[Row]:
    path = Path(path)
    kind = file_format(path)
    if not path.is_file():
        raise InputFormatError(f"{path}: no such file")
    if kind == "jsonl":
        yield from _read_jsonl(path, required)
    elif kind == "csv":
        yield from _read_csv(path, required)
    else:
        yield from _read_parquet(path, required)


def _missing(fields: dict[str, Any], required: tuple[str, ...]) -> str | None:
    absent = [name for name in required if name not in fields]
    return f"missing field(s) {', '.join(repr(a) for a in absent)}" if absent else None


def _read_jsonl(path: Path, required: tuple[str, ...]) -> Iterator[Row]:
    number = 0
    with _open_binary(path) as handle:
        for line_no, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            number += 1
            where = f"line {line_no}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Row(number, {}, f"{where}: invalid UTF-8 at byte {exc.start}")
                continue
            try:
                fields = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Row(number, {}, f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(fields, dict):
                yield Row(number, {}, f"{where}: expected a JSON object, got {type(fields).__name__}")
                continue
            missing = _missing(fields, required)
            yield Row(number, fields, f"{where}: {missing}" if missing else None)


def _read_csv(path: Path, required: tuple[str, ...]) -> Iterator[Row]:
    with _open_binary(path) as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(text)
        header = next(reader, None)
        if header is None:
            return  # an empty file has no rows
        absent = [name for name in required if name not in header]
        if absent:
            raise InputFormatError(
                f"{path}: missing column(s) {', '.join(repr(a) for a in absent)}; found {header}"
            )
        for number, values in enumerate(reader, start=1):
            line = reader.line_num
            if len(values) != len(header):
                yield Row(number, {}, f"line {line}: {len(values)} fields, header has {len(header)}")
                continue
            fields = dict(zip(header, values))
            bad = [name for name, value in fields.items() if _has_surrogates(value)]
            if bad:
                fields = {k: v for k, v in fields.items() if k not in bad}
                yield Row(number, fields, f"line {line}: invalid UTF-8 in field(s) {', '.join(bad)}")
                continue
            yield Row(number, fields)


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _read_parquet(path: Path, required: tuple[str, ...]) -> Iterator[Row]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    names = parquet.schema_arrow.names
    absent = [name for name in required if name not in names]
    if absent:
        raise InputFormatError(f"{path}: missing column(s) {', '.join(repr(a) for a in absent)}; found {names}")
    number = 0
    for batch in parquet.iter_batches(batch_size=4096):
        for fields in batch.to_pylist():
            number += 1
            yield Row(number, fields)


# -- writers ------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", errors="replace")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    """A record as flat scalar columns, for CSV and Parquet."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key == "labels" and isinstance(value, list):
            out[key] = "|".join(value)
        elif key == "scores" and isinstance(value, dict):
            out.update({f"score_{label}": p for label, p in value.items()})
        elif isinstance(value, (dict, list)):
            out[key] = json.dumps(value, ensure_ascii=False, default=_json_default)
        elif isinstance(value, float) and math.isnan(value):
            out[key] = None
        else:
            out[key] = value
    return out


class RecordWriter:
    """Writes records in order to JSONL, CSV or Parquet (chosen by suffix)."""

    def __init__(self, path: str | Path, append: bool = False) -> None:
        self.path = Path(path)
        self.kind = file_format(self.path)
        self.count = 0
        self._parquet: Any = None
        self._columns: list[str] | None = None
        mode = "ab" if append else "wb"
        if self.kind == "parquet":
            if append:
                raise InputFormatError("appending to a Parquet file is not supported")
            self._handle: IO[bytes] | None = None
            self._pending: list[dict[str, Any]] = []
        else:
            gz = str(self.path).lower().endswith(".gz")
            self._handle = gzip.open(self.path, mode) if gz else open(self.path, mode)

    def write(self, record: dict[str, Any]) -> None:
        self.count += 1
        if self.kind == "jsonl":
            line = json.dumps(record, ensure_ascii=False, default=_json_default) + "\n"
            assert self._handle is not None
            self._handle.write(line.encode("utf-8"))
            return
        row = self._fit_columns(_flat(record))
        if self.kind == "csv":
            assert self._handle is not None
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            if self.count == 1:
                writer.writerow(self._columns)
            writer.writerow(["" if row[k] is None else row[k] for k in self._columns or []])
            self._handle.write(buffer.getvalue().encode("utf-8"))
        else:
            self._pending.append(row)
            if len(self._pending) >= 8192:
                self._flush_parquet()

    def _fit_columns(self, flat: dict[str, Any]) -> dict[str, Any]:
        """Columns are fixed by the first record (plus `notes`); fields a later
        record adds go into `notes` as JSON, so nothing is dropped."""
        if self._columns is None:
            self._columns = list(flat) + ["notes"]
        row = {k: flat.get(k) for k in self._columns}
        extra = {k: v for k, v in flat.items() if k not in self._columns}
        row["notes"] = json.dumps(extra, ensure_ascii=False, default=_json_default) if extra else None
        return row

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._pending:
            return
        rows = [{k: (v if v is None or isinstance(v, (bool, int, float, str)) else str(v))
                 for k, v in r.items()} for r in self._pending]
        table = pa.Table.from_pylist(rows)
        if self._parquet is None:
            schema = pa.schema([pa.field(f.name, pa.string() if pa.types.is_null(f.type) else f.type)
                                for f in table.schema])
            self._parquet = pq.ParquetWriter(self.path, schema)
        self._parquet.write_table(table.cast(self._parquet.schema, safe=False))
        self._pending = []

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.flush()

    def close(self) -> None:
        if self.kind == "parquet":
            self._flush_parquet()
            if self._parquet is None:  # no rows: still write a readable empty file
                import pyarrow as pa
                import pyarrow.parquet as pq

                pq.write_table(pa.table({"id": pa.array([], pa.string())}), self.path)
            else:
                self._parquet.close()
        elif self._handle is not None:
            self._handle.close()

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
