"""Urgency of a ticket: a score from 0 to 100, a grade 0-3 (LABELS.md) and
the reasons, each a readable factor with the points it added.

The score is a sum of points (weights in triage/defaults/urgency.toml):
- the text: the urgency head's expected grade, and phrases of escalation,
  safety, repeated contact, deadlines, anger and explicit requests;
- the complaint labels, by their weight in the order defect rate;
- order facts: value, customer tier, earlier contacts about the order, days
  past the promised delivery date;
- the time left before the marketplace's response deadline.

The last two depend on the current time, so `score` takes `now` and also
returns when the score next changes: the service stores that instant and
re-scores a ticket when it passes, so a ticket climbs as its deadline nears.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Sequence

import tomllib

from .labels import COMPLAINT_LABELS
from .urgency_model import GradeEstimate
from .urgency_signals import SignalHit

DEFAULT_CONFIG = Path(__file__).resolve().parent / "defaults" / "urgency.toml"
SIGNAL_TEXT = {
    "escalation": "threatens escalation",
    "safety": "safety hazard",
    "repeated_contact": "repeated contact",
    "deadline": "urgent deadline",
    "loss": "large loss",
    "anger": "strong anger",
    "request": "explicit request",
}


class UrgencyConfigError(ValueError):
    """The urgency weights file is missing or malformed."""


@dataclass(frozen=True)
class Reason:
    factor: str  # a stable key, e.g. "signal:escalation", "deadline"
    description: str  # readable, e.g. 'threatens escalation: "chargeback"'
    points: float

    def as_dict(self) -> dict:
        return {"factor": self.factor, "description": self.description, "points": self.points}


@dataclass(frozen=True)
class Urgency:
    score: float
    grade: int
    reasons: tuple[Reason, ...]
    next_change_at: datetime | None  # when the time-dependent part changes next (None: never)

    def as_dict(self) -> dict:
        return {"score": self.score, "grade": self.grade, "reasons": [r.as_dict() for r in self.reasons]}


@dataclass(frozen=True)
class UrgencyInputs:
    """What the score depends on, apart from the current time. Times are UTC."""

    labels: Sequence[str]
    created_at: datetime
    text_grade: GradeEstimate | None = None
    signals: Sequence[SignalHit] = ()
    marketplace: str | None = None
    customer_tier: str | None = None
    order_value: float | None = None
    currency: str | None = None
    promised_by: datetime | None = None
    delivered_at: datetime | None = None
    earlier_contacts: int = 0


@dataclass(frozen=True)
class UrgencyWeights:
    grade_points: tuple[float, float, float] = (20.0, 20.0, 20.0)  # per P(grade >= 1), P(>= 2), P(>= 3)
    signals: dict[str, float] = field(default_factory=dict)
    defects: dict[str, float] = field(default_factory=dict)
    value_points_per_100: float = 2.0
    value_points_max: float = 10.0
    repeat_contact_points: float = 6.0
    repeat_contact_max: float = 18.0
    late_points_per_day: float = 2.0
    late_points_max: float = 14.0
    tier_points: dict[str, float] = field(default_factory=dict)
    currency: dict[str, float] = field(default_factory=dict)
    deadline_default_hours: float = 48.0
    deadline_hours: dict[str, float] = field(default_factory=dict)
    deadline_steps: tuple[tuple[float, float], ...] = ()
    grade_floors: tuple[float, float, float] = (20.0, 40.0, 60.0)  # normal, high, critical

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> UrgencyWeights:
        path = Path(path or os.environ.get("TRIAGE_URGENCY_CONFIG") or DEFAULT_CONFIG)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            order, deadline, grades = data["order"], data["deadline"], data["grades"]
            steps = tuple(sorted((float(h), float(p)) for h, p in deadline["steps"]))
            weights = cls(
                grade_points=tuple(float(x) for x in data["text"]["grade_points"]),  # type: ignore[arg-type]
                signals={k: float(v) for k, v in data["signals"].items()},
                defects={k: float(v) for k, v in data["defects"].items()},
                value_points_per_100=float(order["value_points_per_100"]),
                value_points_max=float(order["value_points_max"]),
                repeat_contact_points=float(order["repeat_contact_points"]),
                repeat_contact_max=float(order["repeat_contact_max"]),
                late_points_per_day=float(order["late_points_per_day"]),
                late_points_max=float(order["late_points_max"]),
                tier_points={k.lower(): float(v) for k, v in order.get("tier_points", {}).items()},
                currency={k.upper(): float(v) for k, v in data.get("currency", {}).items()},
                deadline_default_hours=float(deadline["default_hours"]),
                deadline_hours={k.lower(): float(v) for k, v in deadline.get("marketplace_hours", {}).items()},
                deadline_steps=steps,
                grade_floors=(float(grades["normal"]), float(grades["high"]), float(grades["critical"])),
            )
        except FileNotFoundError:
            raise UrgencyConfigError(f"urgency config not found: {path}") from None
        except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
            raise UrgencyConfigError(f"{path}: invalid urgency config ({type(exc).__name__}: {exc})") from None
        if len(weights.grade_points) != 3:
            raise UrgencyConfigError(f"{path}: [text] grade_points needs 3 numbers (grade >= 1, 2, 3)")
        unknown = set(weights.defects) - set(COMPLAINT_LABELS)
        if unknown:
            raise UrgencyConfigError(f"{path}: [defects] has unknown labels {sorted(unknown)}")
        return weights

    def response_deadline(self, created_at: datetime, marketplace: str | None) -> datetime:
        hours = self.deadline_hours.get((marketplace or "").lower(), self.deadline_default_hours)
        return created_at + timedelta(hours=hours)


class UrgencyScorer:
    def __init__(self, weights: UrgencyWeights | None = None) -> None:
        self.weights = weights or UrgencyWeights.from_file()

    def score(self, facts: UrgencyInputs, now: datetime) -> Urgency:
        w = self.weights
        reasons: list[Reason] = []
        if facts.text_grade is not None:
            points = sum(p * q for p, q in zip(w.grade_points, facts.text_grade.at_least))
            reasons.append(Reason("text", f"text reads as grade {facts.text_grade.expected:.1f} of 3", points))
        for hit in facts.signals:
            points = w.signals.get(hit.signal, 0.0)
            if points:
                name = SIGNAL_TEXT.get(hit.signal, hit.signal)
                reasons.append(Reason(f"signal:{hit.signal}", f'{name}: "{hit.text}"', points))
        for label in facts.labels:
            if w.defects.get(label):
                reasons.append(Reason(f"defect:{label}", f"{label} counts in the order defect rate",
                                      w.defects[label]))
        reasons += self._order_reasons(facts)
        next_changes: list[datetime] = []
        reasons += self._days_late(facts, now, next_changes)
        reasons += self._deadline(facts, now, next_changes)

        reasons = [Reason(r.factor, r.description, round(r.points, 1)) for r in reasons if r.points > 0]
        reasons.sort(key=lambda r: -r.points)
        total = round(min(100.0, sum(r.points for r in reasons)), 1)
        grade = sum(total >= floor for floor in w.grade_floors)
        return Urgency(total, grade, tuple(reasons), min(next_changes) if next_changes else None)

    def _order_reasons(self, facts: UrgencyInputs) -> list[Reason]:
        w = self.weights
        out = []
        if facts.order_value is not None and facts.order_value > 0:
            rate = w.currency.get((facts.currency or "USD").upper(), 1.0)
            points = min(w.value_points_max, w.value_points_per_100 * facts.order_value * rate / 100)
            out.append(Reason("order_value", f"order value {facts.order_value:g} {facts.currency or ''}".strip(),
                              points))
        if facts.customer_tier and w.tier_points.get(facts.customer_tier.lower()):
            out.append(Reason("customer_tier", f"{facts.customer_tier} customer",
                              w.tier_points[facts.customer_tier.lower()]))
        if facts.earlier_contacts > 0:
            points = min(w.repeat_contact_max, w.repeat_contact_points * facts.earlier_contacts)
            n = facts.earlier_contacts
            out.append(Reason("earlier_contacts", f"{n} earlier ticket{'s' if n > 1 else ''} about this order",
                              points))
        return out

    def _days_late(self, facts: UrgencyInputs, now: datetime, next_changes: list[datetime]) -> list[Reason]:
        if facts.promised_by is None:
            return []
        w = self.weights
        arrived = facts.delivered_at
        until = arrived if arrived is not None else now
        days = math.floor((until - facts.promised_by).total_seconds() / 86400)
        if arrived is None:
            cap_days = math.ceil(w.late_points_max / w.late_points_per_day) if w.late_points_per_day else 0
            if days < cap_days:  # the score grows by one step each full day still undelivered
                next_changes.append(facts.promised_by + timedelta(days=max(days, 0) + 1))
        if days < 1:
            return []
        state = "arrived" if arrived is not None else "still not delivered"
        points = min(w.late_points_max, w.late_points_per_day * days)
        return [Reason("days_late", f"{state} {days} day{'s' if days > 1 else ''} after the promised date", points)]

    def _deadline(self, facts: UrgencyInputs, now: datetime, next_changes: list[datetime]) -> list[Reason]:
        w = self.weights
        if not w.deadline_steps:
            return []
        deadline = w.response_deadline(facts.created_at, facts.marketplace)
        hours_left = (deadline - now).total_seconds() / 3600
        points = 0.0
        # Steps are sorted by hours; the first whose bound the time left is within applies.
        for bound, step_points in w.deadline_steps:
            if hours_left <= bound:
                points = step_points
                break
        later = [deadline - timedelta(hours=bound) for bound, _ in w.deadline_steps]
        future = [t for t in later if t > now]
        if future:
            next_changes.append(min(future))
        if not points:
            return []
        if hours_left <= 0:
            text = f"response deadline passed {_span(-hours_left)} ago"
        else:
            text = f"{_span(hours_left)} left before the response deadline"
        return [Reason("deadline", text, points)]


def _span(hours: float) -> str:
    if hours < 1:
        return f"{max(1, round(hours * 60))} min"
    if hours < 48:
        return f"{hours:.0f} h"
    return f"{hours / 24:.0f} days"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
