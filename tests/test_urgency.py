"""The urgency score: points, reasons, grades, and how it changes with time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from triage.urgency import UrgencyConfigError, UrgencyInputs, UrgencyScorer, UrgencyWeights
from triage.urgency_model import GradeEstimate
from triage.urgency_signals import SignalHit

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def scorer() -> UrgencyScorer:
    return UrgencyScorer(UrgencyWeights.from_file())


def factors(urgency) -> dict[str, float]:  # type: ignore[no-untyped-def]
    return {r.factor: r.points for r in urgency.reasons}


def test_text_signals_and_labels_add_their_points(scorer: UrgencyScorer) -> None:
    calm = scorer.score(UrgencyInputs(labels=["other"], created_at=T0, text_grade=GradeEstimate((0.1, 0.0, 0.0))), T0)
    angry = scorer.score(UrgencyInputs(
        labels=["damage"], created_at=T0, text_grade=GradeEstimate((1.0, 0.9, 0.6)),
        signals=[SignalHit("escalation", "chargeback", 10, 20), SignalHit("request", "refund", 0, 6)]), T0)
    assert angry.score > calm.score
    w = scorer.weights
    got = factors(angry)
    assert got["signal:escalation"] == w.signals["escalation"]
    assert got["defect:damage"] == w.defects["damage"]
    assert got["text"] == pytest.approx(sum(p * q for p, q in zip(w.grade_points, (1.0, 0.9, 0.6))), abs=0.1)
    assert any('"chargeback"' in r.description for r in angry.reasons)
    # Reasons add up to the score (below the cap) and come largest first.
    assert angry.score == pytest.approx(sum(r.points for r in angry.reasons), abs=0.5)
    assert [r.points for r in angry.reasons] == sorted((r.points for r in angry.reasons), reverse=True)


def test_order_facts(scorer: UrgencyScorer) -> None:
    base = UrgencyInputs(labels=["late_delivery"], created_at=T0)
    rich = UrgencyInputs(labels=["late_delivery"], created_at=T0, order_value=900.0, currency="EUR",
                         customer_tier="VIP", earlier_contacts=2, promised_by=T0 - timedelta(days=3, hours=1))
    got = factors(scorer.score(rich, T0))
    assert got["order_value"] == scorer.weights.value_points_max  # 900 EUR is past the cap
    assert got["customer_tier"] == scorer.weights.tier_points["vip"]
    assert got["earlier_contacts"] == 2 * scorer.weights.repeat_contact_points
    assert got["days_late"] == 3 * scorer.weights.late_points_per_day
    assert scorer.score(rich, T0).score > scorer.score(base, T0).score


def test_small_values_in_weak_currencies_count_little(scorer: UrgencyScorer) -> None:
    yen = factors(scorer.score(UrgencyInputs(labels=["other"], created_at=T0, order_value=1000, currency="JPY"), T0))
    dollars = factors(scorer.score(UrgencyInputs(labels=["other"], created_at=T0, order_value=1000, currency="USD"),
                                   T0))
    assert yen["order_value"] < dollars["order_value"]


def test_ticket_climbs_as_the_response_deadline_nears(scorer: UrgencyScorer) -> None:
    facts = UrgencyInputs(labels=["damage"], created_at=T0, marketplace="amazon")  # 24 h to answer
    scores, changes = [], []
    for hours in (0, 13, 21, 23.5, 25):
        u = scorer.score(facts, T0 + timedelta(hours=hours))
        scores.append(u.score)
        changes.append(u.next_change_at)
    assert scores == sorted(scores) and scores[-1] > scores[0]
    # The next change is the next step boundary, and none once the deadline has passed.
    assert changes[0] == T0 + timedelta(hours=24 - 12)
    assert changes[1] == T0 + timedelta(hours=24 - 4)
    assert changes[-1] is None
    late = scorer.score(facts, T0 + timedelta(hours=25))
    assert "deadline passed" in next(r.description for r in late.reasons if r.factor == "deadline")


def test_undelivered_order_gains_a_step_each_day(scorer: UrgencyScorer) -> None:
    facts = UrgencyInputs(labels=["late_delivery"], created_at=T0, promised_by=T0, marketplace="ebay")
    first = scorer.score(facts, T0 + timedelta(days=2, hours=1))
    later = scorer.score(facts, T0 + timedelta(days=4, hours=1))
    assert factors(later)["days_late"] > factors(first)["days_late"]
    assert first.next_change_at is not None and first.next_change_at <= T0 + timedelta(days=3)


def test_grades_follow_the_floors(scorer: UrgencyScorer) -> None:
    normal, high, critical = scorer.weights.grade_floors
    low = scorer.score(UrgencyInputs(labels=["other"], created_at=T0), T0 - timedelta(days=10))
    assert low.grade == 0 and low.score < normal
    top = scorer.score(UrgencyInputs(
        labels=["damage"], created_at=T0, text_grade=GradeEstimate((1, 1, 1)),
        signals=[SignalHit("safety", "fire", 0, 4), SignalHit("escalation", "lawyer", 5, 11)]), T0)
    assert top.score >= critical and top.grade == 3 and top.score <= 100


def test_bad_config_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "urgency.toml"
    bad.write_text("[text]\ngrade_points = 'many'\n")
    with pytest.raises(UrgencyConfigError, match="urgency.toml"):
        UrgencyWeights.from_file(bad)
    with pytest.raises(UrgencyConfigError, match="not found"):
        UrgencyWeights.from_file(tmp_path / "missing.toml")
