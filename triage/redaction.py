"""Redaction of personal data before a text is stored or logged: e-mail
addresses, phone numbers and payment-card numbers become placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("email", "card", "phone")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 13-19 digits, optionally grouped by spaces or dashes; confirmed by the Luhn check.
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
# Phone numbers: "+country ..." (8-15 digits), a Chinese mobile number, or a
# local number in groups ("(415) 555-0123", "06 12 34 56 78"). Bare runs of
# digits are left alone: they are usually order or tracking numbers. Runs
# after the card rule, so card numbers are already gone.
_PHONE = re.compile(
    r"(?<![0-9A-Za-z+])(?:"
    r"\+\d[\d ().-]{6,20}\d"
    r"|1[3-9]\d{9}"
    r"|\(?\d{2,4}\)?(?:[ .-]\d{2,4}){2,4}"
    r")(?![0-9A-Za-z])"
)


@dataclass(frozen=True)
class Redactor:
    """Replaces the enabled kinds of personal data with "[email]", "[card]", "[phone]"."""

    kinds: tuple[str, ...] = KINDS

    @classmethod
    def from_setting(cls, setting: str | None) -> Redactor:
        """"email,phone,card" (default: all), or "none" to keep texts as written."""
        if setting is None or not setting.strip():
            return cls()
        if setting.strip().lower() == "none":
            return cls(())
        kinds = tuple(k.strip().lower() for k in setting.split(",") if k.strip())
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown redaction kinds {unknown}; choose among {list(KINDS)} or 'none'")
        return cls(kinds)

    def __call__(self, text: str) -> str:
        if "email" in self.kinds:
            text = _EMAIL.sub("[email]", text)
        if "card" in self.kinds:
            text = _CARD.sub(lambda m: "[card]" if _luhn_ok(m.group()) else m.group(), text)
        if "phone" in self.kinds:
            text = _PHONE.sub(lambda m: "[phone]" if _phone_like(m.group()) else m.group(), text)
        return text


_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")


def _phone_like(text: str) -> bool:
    return 8 <= sum(c.isdigit() for c in text) <= 15 and not _DATE.fullmatch(text.strip())


def _luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
