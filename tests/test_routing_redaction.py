"""Routing rules and the redaction of personal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.redaction import Redactor
from triage.routing import Router, RoutingError


def test_default_rules_route_by_label() -> None:
    router = Router.from_file()
    assert router.route(["late_delivery"], "en") == "logistics"
    assert router.route(["damage"], "zh") == "warehouse_quality"
    assert router.route(["wrong_item"], "es") == "warehouse_quality"
    assert router.route(["other"], "en") == "general"


def test_rules_by_language_and_marketplace(tmp_path: Path) -> None:
    rules = tmp_path / "routing.toml"
    rules.write_text(
        '[[rule]]\nlabels = ["damage"]\nlanguages = ["zh"]\nteam = "quality_zh"\n'
        '[[rule]]\nmarketplaces = ["Shopee"]\nteam = "sea"\n'
        '[[rule]]\nteam = "general"\n')
    router = Router.from_file(rules)
    assert router.route(["damage"], "zh") == "quality_zh"
    assert router.route(["damage"], "en") == "general"
    assert router.route(["other"], "en", marketplace="shopee") == "sea"


@pytest.mark.parametrize("text, message", [
    ('[[rule]]\nlabels = ["late"]\nteam = "x"\n[[rule]]\nteam = "y"\n', "unknown labels"),
    ('[[rule]]\nlabels = ["damage"]\nteam = "x"\n', "last routing rule"),
    ('[[rule]]\nteam = ""\n', "non-empty"),
    ('[[rule]]\nteams = "x"\n', "unknown keys"),
    ("[[rule]\n", "not valid TOML"),
])
def test_bad_rules_are_reported(tmp_path: Path, text: str, message: str) -> None:
    rules = tmp_path / "routing.toml"
    rules.write_text(text)
    with pytest.raises(RoutingError, match=message):
        Router.from_file(rules)


@pytest.mark.parametrize("text, expected", [
    ("write to john.doe+shop@mail.co.uk please", "write to [email] please"),
    ("call +1 (415) 555-0123 today", "call [phone] today"),
    ("电话13812345678联系我", "电话[phone]联系我"),
    ("appelez le 06 12 34 56 78", "appelez le [phone]"),
    ("card 4111 1111 1111 1111 was charged twice", "card [card] was charged twice"),
    # Not personal data: order numbers, tracking numbers, dates, sizes, a non-Luhn digit run.
    ("order 1234567890123 never came", "order 1234567890123 never came"),
    ("tracking LP00123456789012 stuck", "tracking LP00123456789012 stuck"),
    ("ordered on 2024-05-12, came 12/06/2024", "ordered on 2024-05-12, came 12/06/2024"),
    ("sizes 10 12 14 all wrong", "sizes 10 12 14 all wrong"),
])
def test_redaction(text: str, expected: str) -> None:
    assert Redactor()(text) == expected


def test_redaction_is_configurable() -> None:
    text = "mail a@b.com, call +44 20 7946 0958"
    assert Redactor.from_setting("none")(text) == text
    assert Redactor.from_setting("email")(text) == "mail [email], call +44 20 7946 0958"
    with pytest.raises(ValueError, match="unknown redaction kinds"):
        Redactor.from_setting("email,ssn")
