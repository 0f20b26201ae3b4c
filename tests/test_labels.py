import pytest

from triage.labels import COMPLAINT_LABELS, ROOT_CAUSES, from_indicator, normalise_labels, to_indicator


def test_labels_match_the_guide() -> None:
    assert COMPLAINT_LABELS == ("late_delivery", "damage", "wrong_item")
    assert set(ROOT_CAUSES) == set(COMPLAINT_LABELS)
    assert "missing_items" in ROOT_CAUSES["wrong_item"]


def test_normalise_orders_and_defaults_to_other() -> None:
    assert normalise_labels(["wrong_item", "late_delivery"]) == ["late_delivery", "wrong_item"]
    assert normalise_labels([]) == ["other"]
    assert normalise_labels(["other"]) == ["other"]


@pytest.mark.parametrize("bad", [["other", "damage"], ["late"], ["Damage"]])
def test_normalise_rejects_bad_sets(bad: list[str]) -> None:
    with pytest.raises(ValueError):
        normalise_labels(bad)


def test_indicator_round_trip() -> None:
    assert to_indicator(["damage"]) == [0, 1, 0]
    assert from_indicator([1, 0, 1]) == ["late_delivery", "wrong_item"]
    assert from_indicator([0, 0, 0]) == ["other"]
