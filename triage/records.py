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
import os
import shutil
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


class RowReader:
    """Streams the rows of one file in constant memory and tells how far it has
    read: `bytes_read` (position in the file on disk, compressed bytes for .gz)
    against `total_bytes`, and `total_rows` where the format knows it (Parquet).

    `header` is the column list for CSV and Parquet (None for JSONL). A missing
    file or required column raises InputFormatError here, before any row.
    """

    def __init__(self, path: str | Path, required: tuple[str, ...] = ("id", "text")) -> None:
        self.path = Path(path)
        self.kind = file_format(self.path)
        if not self.path.is_file():
            raise InputFormatError(f"{self.path}: no such file")
        self.required = required
        self.total_bytes = self.path.stat().st_size
        self.total_rows: int | None = None
        self.header: list[str] | None = None
        self._raw: IO[bytes] | None = None
        self._parquet: Any = None
        self._rows_read = 0
        if self.kind == "parquet":
            import pyarrow.parquet as pq

            self._parquet = pq.ParquetFile(self.path)
            self.header = list(self._parquet.schema_arrow.names)
            self.total_rows = self._parquet.metadata.num_rows
            self._check_header(self.header)

    def _check_header(self, header: list[str]) -> None:
        absent = [name for name in self.required if name not in header]
        if absent:
            raise InputFormatError(
                f"{self.path}: missing column(s) {', '.join(repr(a) for a in absent)}; found {header}"
            )

    @property
    def bytes_read(self) -> int:
        if self.kind == "parquet":
            if not self.total_rows:
                return self.total_bytes
            return int(self.total_bytes * self._rows_read / self.total_rows)
        try:
            return self._raw.tell() if self._raw is not None else 0
        except (ValueError, OSError):  # closed
            return self.total_bytes

    def _open(self) -> IO[bytes]:
        self._raw = open(self.path, "rb")
        if str(self.path).lower().endswith(".gz"):
            return gzip.GzipFile(fileobj=self._raw, mode="rb")
        return self._raw

    def __iter__(self) -> Iterator[Row]:
        if self.kind == "parquet":
            yield from self._read_parquet()
            return
        binary = self._open()
        try:
            if self.kind == "jsonl":
                yield from _read_jsonl(binary, self.required)
            else:
                yield from _read_csv(binary, self)
        finally:
            binary.close()
            if self._raw is not None:
                self._raw.close()

    def _read_parquet(self) -> Iterator[Row]:
        number = 0
        for batch in self._parquet.iter_batches(batch_size=4096):
            for fields in batch.to_pylist():
                number += 1
                self._rows_read = number
                yield Row(number, fields)


def read_rows(path: str | Path, required: tuple[str, ...] = ("id", "text")) -> Iterator[Row]:
    yield from RowReader(path, required)


def _missing(fields: dict[str, Any], required: tuple[str, ...]) -> str | None:
    absent = [name for name in required if name not in fields]
    return f"missing field(s) {', '.join(repr(a) for a in absent)}" if absent else None


def _read_jsonl(handle: IO[bytes], required: tuple[str, ...]) -> Iterator[Row]:
    number = 0
    if True:  # the caller owns the handle
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


def _read_csv(binary: IO[bytes], reader_info: RowReader) -> Iterator[Row]:
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(text)
    header = next(reader, None)
    if header is None:
        return  # an empty file has no rows
    reader_info.header = header
    reader_info._check_header(header)
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
    """Writes records in order to JSONL, CSV or Parquet (chosen by suffix), and
    can stop at a durable point and later go on from it.

    `checkpoint()` makes everything written so far durable (fsync) and returns
    a small state; `RecordWriter(path, resume=state)` reopens the output at
    exactly that state, dropping anything written after it:
    - JSONL and CSV: the state is the output's byte length; a resumed writer
      truncates the file to it. Gzip output starts a new gzip member at every
      checkpoint (a multi-member .gz file, which gzip and Python read whole).
    - Parquet: rows go to complete part files in `OUTPUT.parts/`, one per
      checkpoint; the state is the number of parts. `close()` merges the parts
      into OUTPUT (written to a temporary name, then renamed); `cleanup()`
      then removes them.
    """

    def __init__(self, path: str | Path, resume: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.kind = file_format(self.path)
        self.count = 0
        self._columns: list[str] | None = None
        self._gzip = str(self.path).lower().endswith(".gz")
        self._member: gzip.GzipFile | None = None
        self._pending: list[dict[str, Any]] = []
        self._parts = 0
        if resume is not None:
            self._columns = resume.get("columns")
            self.count = int(resume.get("rows", 0))
        if self.kind == "parquet":
            self._raw: IO[bytes] | None = None
            self.parts_dir = self.path.with_name(self.path.name + ".parts")
            if resume is None:
                shutil.rmtree(self.parts_dir, ignore_errors=True)
            else:
                self._parts = int(resume["parts"])
                for stale in self.parts_dir.glob("part-*.parquet"):  # written after the checkpoint
                    if int(stale.stem.split("-")[1]) >= self._parts:
                        stale.unlink()
            self.parts_dir.mkdir(parents=True, exist_ok=True)
        elif resume is None:
            self._raw = open(self.path, "wb")
        else:
            size = int(resume["bytes"])
            if not self.path.is_file() or self.path.stat().st_size < size:
                raise InputFormatError(f"{self.path}: shorter than its checkpoint ({size} bytes); cannot resume")
            self._raw = open(self.path, "r+b")
            self._raw.truncate(size)
            self._raw.seek(size)

    @property
    def _handle(self) -> IO[bytes]:
        assert self._raw is not None
        if not self._gzip:
            return self._raw
        if self._member is None:
            self._member = gzip.GzipFile(fileobj=self._raw, mode="wb")
        return self._member

    def write(self, record: dict[str, Any]) -> None:
        self.count += 1
        if self.kind == "jsonl":
            line = json.dumps(record, ensure_ascii=False, default=_json_default) + "\n"
            self._handle.write(line.encode("utf-8"))
            return
        header = self._columns is None
        row = self._fit_columns(_flat(record))
        if self.kind == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            if header:
                writer.writerow(self._columns)
            writer.writerow(["" if row[k] is None else row[k] for k in self._columns or []])
            self._handle.write(buffer.getvalue().encode("utf-8"))
        else:
            self._pending.append(row)

    def _fit_columns(self, flat: dict[str, Any]) -> dict[str, Any]:
        """Columns are fixed by the first record (plus `notes`); fields a later
        record adds go into `notes` as JSON, so nothing is dropped."""
        if self._columns is None:
            self._columns = list(flat) + ["notes"]
        row = {k: flat.get(k) for k in self._columns}
        extra = {k: v for k, v in flat.items() if k not in self._columns}
        row["notes"] = json.dumps(extra, ensure_ascii=False, default=_json_default) if extra else None
        return row

    def _write_part(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._pending:
            return
        rows = [{k: (v if v is None or isinstance(v, (bool, int, float, str)) else str(v))
                 for k, v in r.items()} for r in self._pending]
        table = pa.Table.from_pylist(rows)
        part = self.parts_dir / f"part-{self._parts:06d}.parquet"
        pq.write_table(table, part)
        _fsync_path(part)
        self._parts += 1
        self._pending = []

    def checkpoint(self) -> dict[str, Any]:
        """Make every record written so far durable; the state to resume from."""
        state: dict[str, Any] = {"rows": self.count, "columns": self._columns}
        if self.kind == "parquet":
            self._write_part()
            _fsync_path(self.parts_dir)
            state["parts"] = self._parts
            return state
        assert self._raw is not None
        if self._member is not None:
            self._member.close()  # ends this gzip member; the next write starts another
            self._member = None
        self._raw.flush()
        os.fsync(self._raw.fileno())
        state["bytes"] = self._raw.tell()
        return state

    def flush(self) -> None:
        if self._raw is not None:
            if self._member is not None:
                self._member.flush()
            self._raw.flush()

    def close(self) -> None:
        if self.kind == "parquet":
            self._write_part()
            self._merge_parts()
            return
        self._close_files()

    def _merge_parts(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        parts = [self.parts_dir / f"part-{i:06d}.parquet" for i in range(self._parts)]
        temporary = self.path.with_name(self.path.name + ".tmp")
        if not parts:  # no rows: still write a readable empty file
            pq.write_table(pa.table({"id": pa.array([], pa.string())}), temporary)
        else:
            first = pq.read_schema(parts[0])
            schema = pa.schema([pa.field(f.name, pa.string() if pa.types.is_null(f.type) else f.type)
                                for f in first])
            with pq.ParquetWriter(temporary, schema) as writer:
                for part in parts:
                    table = pq.read_table(part)
                    try:
                        writer.write_table(table.cast(schema, safe=False))
                    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                        raise InputFormatError(f"{part}: columns change type between rows ({exc})") from exc
        os.replace(temporary, self.path)

    def cleanup(self) -> None:
        """Remove the Parquet part files once the merged output no longer needs them."""
        if self.kind == "parquet":
            shutil.rmtree(self.parts_dir, ignore_errors=True)

    @property
    def pending(self) -> int:
        """Parquet rows not yet in a part file."""
        return len(self._pending)

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def abort(self) -> None:
        """Close without finishing: Parquet parts stay for a resume, no merge."""
        self._close_files()

    def _close_files(self) -> None:
        if self._member is not None:
            self._member.close()
            self._member = None
        if self._raw is not None:
            self._raw.close()
            self._raw = None


def _fsync_path(path: Path) -> None:
    """fsync a file or a directory (so a rename or a new file in it is durable)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
