"""The defect report as one self-contained HTML page: inline CSS and SVG charts
drawn here, no script, font or stylesheet from anywhere else, so it opens
offline in any browser."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from .labels import COMPLAINT_LABELS

COLOURS = {"late_delivery": "#d95f02", "damage": "#7570b3", "wrong_item": "#1b9e77",
           "complaint": "#444444", "defect": "#c0392b"}
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#222;
padding:0 1rem}h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}td,th{border-bottom:1px solid #eee;padding:.25rem .6rem;
text-align:right}td:first-child,th:first-child{text-align:left}.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:9rem}.card b{font-size:1.4rem;display:block}
.note{color:#666;font-size:.9rem}.ex{color:#555;font-size:.85rem;text-align:left}svg text{font-size:11px;fill:#333}
.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}.legend i{display:inline-block;width:.8rem;
height:.8rem;margin-right:.3rem;vertical-align:middle}
"""


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _legend(series: list[str]) -> str:
    items = "".join(f'<span><i style="background:{COLOURS[s]}"></i>{escape(s)}</span>' for s in series)
    return f'<div class="legend">{items}</div>'


def line_chart(points: list[str], series: dict[str, list[float | None]], title: str,
               width: int = 960, height: int = 260) -> str:
    """Lines of rates (0..1) over ordered x labels, as inline SVG."""
    if not points:
        return '<p class="note">No dated rows: no chart.</p>'
    left, right, top, bottom = 48, 16, 16, 42
    values = [v for line in series.values() for v in line if v is not None]
    peak = max(values + [0.01]) * 1.1
    step = (width - left - right) / max(1, len(points) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + (1 - v / peak) * (height - top - bottom)

    parts = [f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">']
    for k in range(5):  # horizontal grid with percentages
        v = peak * k / 4
        _, y = xy(0, v)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{100 * v:.1f}%</text>')
    every = max(1, math.ceil(80 / step))  # a date label needs about 80 px
    for i, label in enumerate(points):
        if i % every == 0:
            x, _ = xy(i, 0)
            parts.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{escape(label)}</text>')
    for name, line in series.items():
        coords = [xy(i, v) for i, v in enumerate(line) if v is not None]
        if len(coords) == 1:
            parts.append(f'<circle cx="{coords[0][0]:.1f}" cy="{coords[0][1]:.1f}" r="3" fill="{COLOURS[name]}"/>')
        elif coords:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline fill="none" stroke="{COLOURS[name]}" stroke-width="2" points="{path}">'
                         f'<title>{escape(name)}</title></polyline>')
    parts.append("</svg>")
    return _legend(list(series)) + "".join(parts)


def bar_chart(rows: list[dict[str, Any]], width: int = 960) -> str:
    """Horizontal stacked bars: each value's complaint rate split by label."""
    if not rows:
        return ""
    label_w, bar_w, row_h = 220, width - 220 - 90, 22
    peak = max([sum(r[f"rate_{label}"] or 0 for label in COMPLAINT_LABELS) for r in rows] + [0.01])
    height = row_h * len(rows) + 8
    parts = [f'<svg role="img" aria-label="complaint rate by value" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">']
    for i, r in enumerate(rows):
        y = 4 + i * row_h
        name = str(r["value"])
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">'
                     f'{escape(name if len(name) <= 32 else name[:31] + "…")}</text>')
        x = float(label_w)
        for label in COMPLAINT_LABELS:
            w = bar_w * (r[f"rate_{label}"] or 0) / peak
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                             f'fill="{COLOURS[label]}"><title>{escape(label)} {_pct(r[f"rate_{label}"])}'
                             f'</title></rect>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{_pct(r["complaint_rate"])} of {r["rows"]:,}</text>')
    parts.append("</svg>")
    return _legend(list(COMPLAINT_LABELS)) + "".join(parts)


def _rates_table(rows: list[dict[str, Any]], key: str, key_name: str) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for label in COMPLAINT_LABELS)
    body = "".join(
        f"<tr><td>{escape(str(r[key]))}</td><td>{r['rows']:,}</td><td>{_pct(r['complaint_rate'])}</td>"
        + "".join(f"<td>{_pct(r[f'rate_{label}'])} ({r[label]:,})</td>" for label in COMPLAINT_LABELS) + "</tr>"
        for r in rows)
    return (f"<table><tr><th>{escape(key_name)}</th><th>rows</th><th>any complaint</th>{head}</tr>"
            f"{body}</table>")


def report_html(report: dict[str, Any]) -> str:
    s = report["summary"]
    cols = report["columns"]
    out = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Defect report</title>"
           f"<style>{CSS}</style></head><body><h1>Defect report</h1>"
           f"<p class=\"note\">Source: {escape(report['source'])}. Rates are shares of scored rows "
           "(rows with an error are left out).</p><div class=\"cards\">"
           f"<div class=\"card\">rows scored<b>{s['rows']:,}</b></div>"
           f"<div class=\"card\">any complaint<b>{_pct(s['complaint_rate'])}</b>{s['complaints']:,} rows</div>"]
    for label in COMPLAINT_LABELS:
        out.append(f"<div class=\"card\">{escape(label)}<b>{_pct(s[f'rate_{label}'])}</b>{s[label]:,} rows</div>")
    orders = report["orders"]
    if orders:
        out.append(f"<div class=\"card\">order-defect rate<b>{_pct(orders['defect_rate'])}</b>"
                   f"{orders['defective_orders']:,} of {orders['orders']:,} orders</div>")
    out.append(f"<div class=\"card\">rows with errors<b>{s['rows_with_errors']:,}</b></div></div>")

    out.append("<h2>Complaint rates by week</h2>")
    weekly = report["weekly"]
    if cols["date"] is None:
        out.append('<p class="note">No date column found (looked for date, review_date, created_at, order_date, '
                   'timestamp…; name one with --date-column).</p>')
    else:
        out.append(f'<p class="note">Weeks (starting Monday) of column <code>{escape(cols["date"])}</code>; '
                   f'{report["undated_rows"]:,} rows had no readable date.</p>')
        out.append(line_chart([w["week"] for w in weekly],
                              {label: [w[f"rate_{label}"] for w in weekly] for label in COMPLAINT_LABELS},
                              "complaint rate per week"))
        out.append(_rates_table(weekly, "week", "week of"))

    out.append("<h2>Order defects</h2>")
    if orders is None:
        out.append('<p class="note">No order id column found (looked for order_id, order, order_number; name one '
                   'with --order-column): no order-defect view.</p>')
    else:
        out.append(f'<p class="note">An order (column <code>{escape(cols["order"])}</code>) is defective when any '
                   f'of its rows has a complaint label. {orders["defective_orders"]:,} of {orders["orders"]:,} '
                   f'orders: {_pct(orders["defect_rate"])}. Weeks by each order\'s first dated row.</p>')
        ow = orders["weekly"]
        if ow:
            out.append(line_chart([w["week"] for w in ow], {"defect": [w["defect_rate"] for w in ow]},
                                  "order-defect rate per week"))
            out.append("<table><tr><th>week of</th><th>orders</th><th>defective</th><th>rate</th></tr>" + "".join(
                f"<tr><td>{escape(w['week'])}</td><td>{w['orders']:,}</td><td>{w['defective_orders']:,}</td>"
                f"<td>{_pct(w['defect_rate'])}</td></tr>" for w in ow) + "</table>")

    for name, block in report["breakdowns"].items():
        column = cols["breakdowns"][name]
        out.append(f"<h2>By {escape(name)}</h2><p class=\"note\">Column <code>{escape(column)}</code>: "
                   f"the {len(block['values'])} most frequent of {block['distinct']:,} values.</p>")
        out.append(bar_chart(block["values"]))
        out.append(_rates_table(block["values"], "value", name))
    if not report["breakdowns"]:
        out.append('<h2>Breakdowns</h2><p class="note">No product/sku, carrier, country or marketplace column '
                   "found (add any column with --by).</p>")

    out.append("<h2>Root causes</h2>")
    clusters = report["clusters"]
    if clusters is None:
        out.append(f'<p class="note">{escape(report["clusters_note"])}</p>')
    for label in COMPLAINT_LABELS:
        out.append(f"<h3>{escape(label)}</h3>")
        if clusters is not None:
            found = clusters[label]
            if not found:
                out.append('<p class="note">No clustered complaints with this label.</p>')
            else:
                out.append("<table><tr><th>cluster</th><th>complaints</th><th>share</th><th>examples</th></tr>"
                           + "".join(
                               f"<tr><td>{escape(c['name'])}</td><td>{c['count']:,}</td><td>{_pct(c['share'])}</td>"
                               f"<td class=\"ex\">{_examples(c['examples'])}</td></tr>" for c in found)
                           + "</table>")
        elif report["examples"][label]:
            out.append(f'<p class="ex">Examples: {_examples(report["examples"][label])}</p>')
    out.append('<p class="note">Made by <code>triage report</code>. Labels as defined in LABELS.md.</p>'
               "</body></html>")
    return "".join(out)


def _examples(examples: list[dict[str, str]]) -> str:
    return "<br>".join(f"<b>{escape(e['id'])}</b>: {escape(e['text'])}" for e in examples)
