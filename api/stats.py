"""Weekly figures for the defect dashboard, aggregated in the database:
tickets and complaint labels per week, and the order defect rate (orders with
at least one complaint ticket / orders with any ticket) where tickets carry
an order id."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from triage.labels import COMPLAINT_LABELS

from .db import tickets


def _week_start(engine: Engine) -> sa.ColumnElement:
    """The Monday of each ticket's week, as a date (per SQL dialect)."""
    if engine.dialect.name == "postgresql":
        return sa.cast(sa.func.date_trunc("week", tickets.c.created_at), sa.Date)
    # SQLite: the next Sunday (or this one), minus six days.
    return sa.func.date(tickets.c.created_at, "weekday 0", "-6 days")


def weekly(engine: Engine, since: datetime, team: str | None = None) -> list[dict]:
    week = _week_start(engine).label("week")
    complaint = tickets.c.labels != "|other|"
    columns = [
        week,
        sa.func.count().label("tickets"),
        sa.func.sum(sa.case((complaint, 1), else_=0)).label("complaints"),
        *[sa.func.sum(sa.case((tickets.c.labels.like(f"%|{label}|%"), 1), else_=0)).label(label)
          for label in COMPLAINT_LABELS],
        sa.func.count(sa.distinct(tickets.c.order_id)).label("orders"),
        sa.func.count(sa.distinct(sa.case((complaint, tickets.c.order_id)))).label("defective_orders"),
    ]
    query = sa.select(*columns).where(tickets.c.created_at >= since).group_by(week).order_by(week)
    if team:
        query = query.where(tickets.c.team == team)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    out = []
    for row in rows:
        start = row["week"] if isinstance(row["week"], date) else date.fromisoformat(str(row["week"]))
        total = int(row["tickets"])
        orders = int(row["orders"])
        out.append({
            "week": start.isoformat(),
            "tickets": total,
            "complaints": int(row["complaints"] or 0),
            "labels": {label: int(row[label] or 0) for label in COMPLAINT_LABELS},
            "complaint_rate": round(int(row["complaints"] or 0) / total, 4) if total else 0.0,
            "orders": orders,
            "defective_orders": int(row["defective_orders"]),
            "order_defect_rate": round(int(row["defective_orders"]) / orders, 4) if orders else None,
        })
    return out


def since_weeks(now: datetime, weeks: int) -> datetime:
    monday = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return (monday - timedelta(weeks=weeks - 1)).replace(tzinfo=None)
