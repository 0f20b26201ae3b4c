"""Routing: the team of a ticket, from an editable rules file
(triage/defaults/routing.toml documents the format)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import tomllib

from .labels import COMPLAINT_LABELS, OTHER

DEFAULT_RULES = Path(__file__).resolve().parent / "defaults" / "routing.toml"
CONDITIONS = ("labels", "languages", "marketplaces", "channels")


class RoutingError(ValueError):
    """The rules file is missing, malformed, or has no catch-all rule."""


@dataclass(frozen=True)
class Rule:
    team: str
    labels: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    marketplaces: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()

    def matches(self, labels: Sequence[str], language: str, marketplace: str | None, channel: str | None) -> bool:
        return (
            (not self.labels or bool(self.labels.intersection(labels)))
            and (not self.languages or language in self.languages)
            and (not self.marketplaces or (marketplace or "").lower() in self.marketplaces)
            and (not self.channels or (channel or "") in self.channels)
        )

    @property
    def catch_all(self) -> bool:
        return not (self.labels or self.languages or self.marketplaces or self.channels)


class Router:
    def __init__(self, rules: Sequence[Rule]) -> None:
        if not rules or not rules[-1].catch_all:
            raise RoutingError("the last routing rule must have no conditions (it catches every other ticket)")
        self.rules = tuple(rules)

    @property
    def teams(self) -> list[str]:
        return sorted({rule.team for rule in self.rules})

    def route(
        self, labels: Sequence[str], language: str, marketplace: str | None = None, channel: str | None = None
    ) -> str:
        for rule in self.rules:
            if rule.matches(labels, language, marketplace, channel):
                return rule.team
        raise AssertionError("unreachable: the last rule is a catch-all")

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> Router:
        path = Path(path) if path else DEFAULT_RULES
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RoutingError(f"routing rules file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise RoutingError(f"{path}: not valid TOML: {exc}") from None
        rules = []
        for i, entry in enumerate(data.get("rule", []), start=1):
            rules.append(_parse_rule(entry, f"{path}: rule {i}"))
        return cls(rules)


def _parse_rule(entry: dict, where: str) -> Rule:
    unknown = set(entry) - {"team", *CONDITIONS}
    if unknown:
        raise RoutingError(f"{where}: unknown keys {sorted(unknown)}; allowed: team, {', '.join(CONDITIONS)}")
    team = entry.get("team")
    if not isinstance(team, str) or not team.strip():
        raise RoutingError(f"{where}: 'team' must be a non-empty string")
    values: dict[str, frozenset[str]] = {}
    for key in CONDITIONS:
        items = entry.get(key, [])
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise RoutingError(f"{where}: '{key}' must be a list of strings")
        values[key] = frozenset(x.lower() if key == "marketplaces" else x for x in items)
    bad = values["labels"] - {*COMPLAINT_LABELS, OTHER}
    if bad:
        raise RoutingError(f"{where}: unknown labels {sorted(bad)}")
    return Rule(team=team.strip(), **values)
