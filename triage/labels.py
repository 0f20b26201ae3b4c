"""Labels, root causes and urgency grades, exactly as ../shared/LABELS.md defines them."""

from __future__ import annotations

from typing import Iterable, Sequence

COMPLAINT_LABELS: tuple[str, ...] = ("late_delivery", "damage", "wrong_item")
OTHER = "other"
ALL_LABELS: tuple[str, ...] = COMPLAINT_LABELS + (OTHER,)

ROOT_CAUSES: dict[str, tuple[str, ...]] = {
    "late_delivery": (
        "slow_dispatch",
        "slow_transit",
        "lost_or_not_received",
        "delivery_failed",
        "late_unspecified",
    ),
    "damage": (
        "transit_damage",
        "leak_or_spill",
        "spoiled_or_rotten",
        "dead_on_arrival",
        "cosmetic",
        "damage_unspecified",
    ),
    "wrong_item": (
        "wrong_variant",
        "different_product",
        "missing_items",
        "wrong_quantity",
        "wrong_unspecified",
    ),
}

URGENCY_GRADES: dict[int, str] = {0: "low", 1: "normal", 2: "high", 3: "critical"}


def normalise_labels(labels: Iterable[str]) -> list[str]:
    """Validate a label set and return it in canonical order.

    `other` stands alone; an empty set means `other`. Raises ValueError
    naming the unknown label or the forbidden combination.
    """
    found = set(labels)
    unknown = found - set(ALL_LABELS)
    if unknown:
        raise ValueError(f"unknown label(s) {sorted(unknown)}; allowed: {list(ALL_LABELS)}")
    if OTHER in found and len(found) > 1:
        raise ValueError("'other' cannot be combined with a complaint label")
    complaints = [label for label in COMPLAINT_LABELS if label in found]
    return complaints or [OTHER]


def to_indicator(labels: Sequence[str]) -> list[int]:
    """Complaint labels as a 0/1 vector in COMPLAINT_LABELS order."""
    found = set(normalise_labels(labels))
    return [int(label in found) for label in COMPLAINT_LABELS]


def from_indicator(indicator: Sequence[int | bool]) -> list[str]:
    """Inverse of `to_indicator`: a 0/1 vector back to a label list."""
    labels = [label for label, on in zip(COMPLAINT_LABELS, indicator) if on]
    return labels or [OTHER]
