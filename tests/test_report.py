"""The defect report: figures on a small project-written scored file (not real
buyer text), with and without a project-written clusters file."""

import csv
import json
import re

import pytest

from triage.cli import main
from triage.report import ReportOptions, build_report, week_of
from triage.scoring import score_file

# id, date, order, sku, carrier, labels
SCORED = [
    ("1", "2024-03-04", "A", "S1", "DHL", ["late_delivery"]),
    ("2", "2024-03-05", "A", "S1", "DHL", ["other"]),
    ("3", "2024-03-06T10:00:00Z", "B", "S2", "UPS", ["damage", "late_delivery"]),
    ("4", "2024-03-10", "C", "S2", "UPS", ["other"]),
    ("5", "2024-03-11", "D", "S1", "DHL", ["wrong_item"]),
    ("6", "2024-03-12", "E", "S1", "UPS", ["other"]),
    ("7", "not a date", "E", "S3", "DHL", ["other"]),
    ("8", "2024-03-13", "F", "S2", "DHL", ["damage"]),
]
CLUSTERS = [  # project-written stand-in for `triage cluster` output
    {"id": "1", "label": "late_delivery", "cluster_id": "L0", "cluster_name": "stuck in transit"},
    {"id": "3", "label": "late_delivery", "cluster_id": "L0", "cluster_name": "stuck in transit"},
    {"id": "3", "label": "damage", "cluster_id": "D1", "cluster_name": "crushed box"},
    {"id": "8", "label": "damage", "cluster_id": "D1", "cluster_name": "crushed box"},
    {"id": "5", "label": "wrong_item", "cluster_id": "W2", "cluster_name": "wrong size"},
]


def write_scored(path) -> None:
    lines = []
    for id_, date, order, sku, carrier, labels in SCORED:
        lines.append({"id": id_, "text": f"project-written text {id_}", "date": date, "order_id": order,
                      "sku": sku, "carrier": carrier, "labels": labels, "error": None})
    lines.append({"id": "9", "text": "", "date": "2024-03-04", "order_id": "G", "labels": None,
                  "error": "row 9: field 'text': text is empty or whitespace only"})
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")


def test_week_of() -> None:
    assert week_of("2024-03-10") == "2024-03-04" and week_of("2024-03-11T23:59:00+02:00") == "2024-03-11"
    assert week_of(1710115200) == "2024-03-11" and week_of(1710115200000) == "2024-03-11"
    assert week_of("soon") is None and week_of(None) is None


def test_figures_with_clusters(tmp_path) -> None:
    scored, clusters = tmp_path / "scored.jsonl", tmp_path / "clusters.jsonl"
    write_scored(scored)
    clusters.write_text("".join(json.dumps(c) + "\n" for c in CLUSTERS))
    r = build_report(scored, ReportOptions(clusters=clusters))
    s = r["summary"]
    assert (s["rows"], s["complaints"], s["rows_with_errors"]) == (8, 4, 1)
    assert (s["late_delivery"], s["damage"], s["wrong_item"]) == (2, 2, 1)
    assert r["columns"]["date"] == "date" and r["columns"]["order"] == "order_id"
    assert r["undated_rows"] == 1
    weeks = {w["week"]: w for w in r["weekly"]}
    assert set(weeks) == {"2024-03-04", "2024-03-11"}
    assert weeks["2024-03-04"]["rows"] == 4 and weeks["2024-03-04"]["rate_late_delivery"] == 0.5
    assert weeks["2024-03-11"]["rate_damage"] == round(1 / 3, 4)
    carriers = {v["value"]: v for v in r["breakdowns"]["carrier"]["values"]}
    assert carriers["UPS"]["rows"] == 3 and carriers["UPS"]["complaint_rate"] == round(1 / 3, 4)
    assert r["columns"]["breakdowns"]["product"] == "sku"
    # orders A..F: A (late), B (damage), D (wrong), F (damage) defective; C, E not; G only had an error row
    o = r["orders"]
    assert (o["orders"], o["defective_orders"], o["defect_rate"]) == (6, 4, round(4 / 6, 4))
    ow = {w["week"]: w for w in o["weekly"]}
    assert (ow["2024-03-04"]["orders"], ow["2024-03-04"]["defective_orders"]) == (3, 2)
    assert (ow["2024-03-11"]["orders"], ow["2024-03-11"]["defective_orders"]) == (3, 2)
    late = r["clusters"]["late_delivery"]
    assert late[0]["name"] == "stuck in transit" and late[0]["count"] == 2 and late[0]["share"] == 1.0
    assert [e["id"] for e in late[0]["examples"]] == ["1", "3"]
    assert r["clusters"]["damage"][0]["count"] == 2 and r["clusters_note"] is None


def test_cli_writes_self_contained_html_json_csv(tmp_path, capsys) -> None:
    scored, clusters = tmp_path / "scored.jsonl", tmp_path / "clusters.jsonl"
    write_scored(scored)
    clusters.write_text("".join(json.dumps(c) + "\n" for c in CLUSTERS))
    html, js, cs = tmp_path / "r.html", tmp_path / "r.json", tmp_path / "r.csv"
    assert main(["report", str(scored), "-o", str(html), "-o", str(js), "-o", str(cs),
                 "--clusters", str(clusters), "--by", "order_id", "--top", "5"]) == 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") >= 4
    assert not re.search(r"https?://|<script|<link|@import|src=", page), "the page must not load anything"
    assert "stuck in transit" in page and "project-written text 3" in page and "66.7%" in page
    figures = json.loads(js.read_text())
    assert figures["orders"]["defective_orders"] == 4 and "order_id" in figures["breakdowns"]
    rows = list(csv.DictReader(cs.open(encoding="utf-8")))
    summary = next(r for r in rows if r["section"] == "summary")
    assert summary["rows"] == "8" and summary["complaints"] == "4"
    assert any(r["section"] == "cluster" and r["key"] == "crushed box" and r["rows"] == "2" for r in rows)
    assert any(r["section"] == "orders_weekly" and r["key"] == "2024-03-04" for r in rows)
    assert main(["report", str(scored), "-o", str(tmp_path / "r.txt")]) == 2


def test_without_clusters_the_report_says_so(tmp_path) -> None:
    scored = tmp_path / "scored.jsonl"
    write_scored(scored)
    r = build_report(scored)
    assert r["clusters"] is None and "clusters were not given" in r["clusters_note"]
    from triage.report_html import report_html

    assert "clusters were not given" in report_html(r)


def test_cluster_columns_in_the_scored_file(tmp_path) -> None:
    scored = tmp_path / "scored.jsonl"
    scored.write_text(
        json.dumps({"id": "1", "labels": ["damage"], "cluster_id": "7", "cluster_name": "leaking bottle"}) + "\n"
        + json.dumps({"id": "2", "labels": ["other"], "cluster_id": "", "cluster_name": ""}) + "\n")
    r = build_report(scored)
    assert r["clusters"]["damage"][0]["name"] == "leaking bottle" and r["orders"] is None


def test_report_of_a_scored_csv_without_optional_columns(tmp_path, fake_pipeline) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,text\n1,box crushed and broken\n2,great product\n3,\n", encoding="utf-8")
    score_file(source, tmp_path / "scored.csv", pipeline=fake_pipeline)
    r = build_report(tmp_path / "scored.csv")
    assert r["summary"]["rows"] == 2 and r["summary"]["damage"] == 1 and r["summary"]["rows_with_errors"] == 1
    assert r["weekly"] == [] and r["orders"] is None and r["breakdowns"] == {}
    with pytest.raises(ValueError, match="no date column 'when'"):
        build_report(tmp_path / "scored.csv", ReportOptions(date_column="when"))
