"""The defect report of a scored file: where complaints and order defects come from.

`build_report` streams a file written by `triage score` (JSONL, CSV or
Parquet) once and counts, per complaint label: rates per week, per product or
sku, carrier, country and marketplace (where those columns exist), the top
root-cause clusters with examples (from `triage cluster` output joined on id,
or `cluster_id`/`cluster_name` columns), and the order-defect rate (an order
is defective if any of its rows has a complaint label). Memory grows with the
number of distinct weeks, column values, orders and clusters, not with rows.
The figures render as JSON, CSV (one row per figure) or one self-contained
HTML page with inline SVG charts (`triage.report_html`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .labels import COMPLAINT_LABELS
from .records import InputFormatError, RowReader

DATE_COLUMNS = ("date", "review_date", "created_at", "order_date", "timestamp", "time", "created")
ORDER_COLUMNS = ("order_id", "order", "order_number", "order_no")
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "product": ("sku", "product", "product_id", "asin", "item_id", "product_name"),
    "carrier": ("carrier", "courier", "shipping_carrier"),
    "country": ("country", "ship_country", "country_code", "destination_country"),
    "marketplace": ("marketplace", "channel", "site", "platform"),
}
EXAMPLE_CHARS = 200


@dataclass
class Counts:
    """Scored rows and rows per complaint label (plus rows with any complaint)."""

    rows: int = 0
    complaints: int = 0
    labels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COMPLAINT_LABELS, 0))

    def add(self, labels: list[str]) -> None:
        self.rows += 1
        found = [label for label in labels if label in self.labels]
        if found:
            self.complaints += 1
        for label in found:
            self.labels[label] += 1

    def as_dict(self) -> dict[str, Any]:
        def rate(n: int) -> float | None:
            return round(n / self.rows, 4) if self.rows else None

        return {"rows": self.rows, "complaints": self.complaints, "complaint_rate": rate(self.complaints),
                **{label: n for label, n in self.labels.items()},
                **{f"rate_{label}": rate(n) for label, n in self.labels.items()}}


@dataclass
class Cluster:
    name: str
    count: int = 0
    examples: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ReportOptions:
    date_column: str | None = None  # default: the first of DATE_COLUMNS present
    order_column: str | None = None  # default: the first of ORDER_COLUMNS present
    by: list[str] = field(default_factory=list)  # further columns to break down by
    clusters: Path | None = None  # `triage cluster` output (id, label, cluster_id, cluster_name)
    top: int = 15  # values per breakdown, clusters per label
    examples: int = 3  # example texts per cluster


def parse_labels(value: Any) -> list[str] | None:
    """Labels as written by `triage score`: a list (JSONL) or `|`-joined (CSV, Parquet)."""
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str) and value.strip():
        text = value.strip()
        if text.startswith("["):
            try:
                return [str(v) for v in json.loads(text)]
            except json.JSONDecodeError:
                return None
        return text.split("|")
    return None


def week_of(value: Any) -> str | None:
    """The Monday (ISO date) of the week a date value falls in, or None if it is not a date."""
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds or seconds
        try:
            day = dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError:
            try:
                day = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
            except ValueError:
                return None
    if day is None:
        return None
    return (day - dt.timedelta(days=day.weekday())).isoformat()


def load_clusters(path: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """id -> label -> (cluster_id, cluster_name) from a `triage cluster` JSONL/CSV/Parquet file."""
    joined: dict[str, dict[str, tuple[str, str]]] = {}
    reader = RowReader(path, required=("id", "cluster_id"))
    for row in reader:
        if row.error:
            raise InputFormatError(f"{path}: {row.error}")
        f = row.fields
        cluster_id = str(f["cluster_id"])
        name = str(f.get("cluster_name") or cluster_id)
        labels = parse_labels(f.get("label")) or parse_labels(f.get("labels")) or ["*"]
        for label in labels:
            joined.setdefault(str(f["id"]), {})[label] = (cluster_id, name)
    return joined


def _pick(header: Iterable[str], wanted: str | None, candidates: tuple[str, ...], what: str) -> str | None:
    columns = list(header)
    if wanted:
        if wanted not in columns:
            raise InputFormatError(f"no {what} column {wanted!r}; found {columns}")
        return wanted
    lower = {c.lower(): c for c in columns}
    return next((lower[c] for c in candidates if c in lower), None)


def build_report(scored: str | Path, options: ReportOptions | None = None) -> dict[str, Any]:
    """All figures of the report, as plain data (what the JSON output holds)."""
    options = options or ReportOptions()
    reader = RowReader(scored, required=("id", "labels"))
    rows = iter(reader)
    first = next(rows, None)
    header = reader.header or (list(first.fields) if first is not None else [])
    date_col = _pick(header, options.date_column, DATE_COLUMNS, "date")
    order_col = _pick(header, options.order_column, ORDER_COLUMNS, "order id")
    dims: dict[str, str] = {}
    for name, candidates in DIMENSIONS.items():
        column = _pick(header, None, candidates, name)
        if column:
            dims[name] = column
    for column in options.by:
        dims[column] = _pick(header, column, (), "breakdown") or column
    joined = load_clusters(options.clusters) if options.clusters else None
    has_cluster_columns = "cluster_id" in header

    total = Counts()
    errors = undated = 0
    weekly: dict[str, Counts] = {}
    by_dim: dict[str, dict[str, Counts]] = {name: {} for name in dims}
    orders: dict[str, list[Any]] = {}  # order id -> [defective, week of its first dated row]
    clusters: dict[str, dict[str, Cluster]] = {label: {} for label in COMPLAINT_LABELS}
    examples: dict[str, list[dict[str, str]]] = {label: [] for label in COMPLAINT_LABELS}

    for row in _chain(first, rows):
        f = row.fields
        labels = None if row.error or f.get("error") else parse_labels(f.get("labels"))
        if labels is None:
            errors += 1
            continue
        total.add(labels)
        week = week_of(f.get(date_col)) if date_col else None
        if date_col and week is None:
            undated += 1
        if week is not None:
            weekly.setdefault(week, Counts()).add(labels)
        for name, column in dims.items():
            value = f.get(column)
            key = "(empty)" if value is None or str(value).strip() == "" else str(value)
            by_dim[name].setdefault(key, Counts()).add(labels)
        complaint = any(label in COMPLAINT_LABELS for label in labels)
        if order_col:
            order = f.get(order_col)
            if order is not None and str(order).strip():
                entry = orders.setdefault(str(order), [False, week])
                entry[0] = entry[0] or complaint
                if entry[1] is None or (week is not None and week < entry[1]):
                    entry[1] = week
        if not complaint:
            continue
        text = str(f.get("text") or "")[:EXAMPLE_CHARS]
        example = {"id": str(f.get("id")), "text": text}
        for label in labels:
            if label not in COMPLAINT_LABELS:
                continue
            if len(examples[label]) < options.examples:
                examples[label].append(example)
            found = _cluster_of(f, label, joined, has_cluster_columns)
            if found is None:
                continue
            cluster = clusters[label].setdefault(found[0], Cluster(found[1]))
            cluster.count += 1
            if len(cluster.examples) < options.examples and text:
                cluster.examples.append(example)

    report: dict[str, Any] = {
        "source": str(scored),
        "labels": list(COMPLAINT_LABELS),
        "summary": {**total.as_dict(), "rows_with_errors": errors},
        "columns": {"date": date_col, "order": order_col, "breakdowns": dims},
        "weekly": [{"week": w, **c.as_dict()} for w, c in sorted(weekly.items())],
        "undated_rows": undated,
        "breakdowns": {name: _top(values, options.top) for name, values in by_dim.items()},
        "examples": examples,
    }
    if joined is not None or has_cluster_columns:
        report["clusters"] = {
            label: [{"cluster_id": cid, "name": c.name, "count": c.count,
                     "share": round(c.count / total.labels[label], 4) if total.labels[label] else None,
                     "examples": c.examples}
                    for cid, c in sorted(found.items(), key=lambda kv: -kv[1].count)[:options.top]]
            for label, found in clusters.items()}
        report["clusters_note"] = None
    else:
        report["clusters"] = None
        report["clusters_note"] = ("Root-cause clusters were not given: run `triage cluster` on the scored file "
                                   "and pass its output with --clusters (or score a file with cluster_id and "
                                   "cluster_name columns).")
    report["orders"] = _orders(orders) if order_col else None
    return report


def _chain(first: Any, rows: Iterable[Any]) -> Iterable[Any]:
    if first is not None:
        yield first
    yield from rows


def _cluster_of(fields: dict[str, Any], label: str, joined: dict | None,
                has_columns: bool) -> tuple[str, str] | None:
    if joined is not None:
        by_label = joined.get(str(fields.get("id")))
        if by_label:
            return by_label.get(label) or by_label.get("*")
    if has_columns and fields.get("cluster_id") not in (None, ""):
        cid = str(fields["cluster_id"])
        return cid, str(fields.get("cluster_name") or cid)
    return None


def _top(values: dict[str, Counts], top: int) -> dict[str, Any]:
    ranked = sorted(values.items(), key=lambda kv: (-kv[1].rows, kv[0]))
    return {"distinct": len(values), "values": [{"value": v, **c.as_dict()} for v, c in ranked[:top]]}


def _orders(orders: dict[str, list[Any]]) -> dict[str, Any]:
    weekly: dict[str, list[int]] = {}
    defective = 0
    for is_defective, week in orders.values():
        defective += is_defective
        if week is not None:
            counts = weekly.setdefault(week, [0, 0])
            counts[0] += 1
            counts[1] += is_defective
    return {
        "orders": len(orders), "defective_orders": defective,
        "defect_rate": round(defective / len(orders), 4) if orders else None,
        "weekly": [{"week": w, "orders": n, "defective_orders": d, "defect_rate": round(d / n, 4)}
                   for w, (n, d) in sorted(weekly.items())],
    }


# -- outputs ---------------------------------------------------------------------

CSV_FIELDS = ["section", "group", "key", "rows", "complaints", "complaint_rate",
              *COMPLAINT_LABELS, *[f"rate_{label}" for label in COMPLAINT_LABELS]]


def report_csv(report: dict[str, Any]) -> str:
    """Every figure as one CSV row: section (summary, weekly, breakdown, cluster, orders, orders_weekly)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    writer.writerow({"section": "summary", "group": "", "key": "all", **report["summary"]})
    for w in report["weekly"]:
        writer.writerow({"section": "weekly", "group": "week", "key": w["week"], **w})
    for name, block in report["breakdowns"].items():
        for v in block["values"]:
            writer.writerow({"section": "breakdown", "group": name, "key": v["value"], **v})
    for label, found in (report["clusters"] or {}).items():
        for c in found:
            writer.writerow({"section": "cluster", "group": label, "key": c["name"], "rows": c["count"],
                             f"rate_{label}": c["share"]})
    orders = report["orders"]
    if orders:
        writer.writerow({"section": "orders", "group": "", "key": "all", "rows": orders["orders"],
                         "complaints": orders["defective_orders"], "complaint_rate": orders["defect_rate"]})
        for w in orders["weekly"]:
            writer.writerow({"section": "orders_weekly", "group": "week", "key": w["week"], "rows": w["orders"],
                             "complaints": w["defective_orders"], "complaint_rate": w["defect_rate"]})
    return buffer.getvalue()


def write_report(report: dict[str, Any], path: str | Path) -> None:
    """Write the report as .html, .json or .csv (by the file's extension)."""
    from .report_html import report_html

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        text = report_html(report)
    elif suffix == ".json":
        text = json.dumps(report, ensure_ascii=False, indent=2)
    elif suffix == ".csv":
        text = report_csv(report)
    else:
        raise InputFormatError(f"{path}: unknown report type; use .html, .json or .csv")
    path.write_text(text, encoding="utf-8")


__all__ = ["ReportOptions", "build_report", "report_csv", "write_report", "week_of", "parse_labels"]
