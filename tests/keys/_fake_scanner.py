"""A small regex scanner standing in for ``redact.text.TextAnalyzer`` in fast unit tests."""

from __future__ import annotations

import re
from collections.abc import Sequence

from redact.text._model import TextFinding

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EMAIL_ADDRESS", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.I)),
    ("PHONE_NUMBER", re.compile(r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b")),
    ("GITHUB_TOKEN", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b")),
    ("STRIPE_KEY", re.compile(r"\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\b")),
    ("AWS_ACCESS_KEY", re.compile(r"\b(?:AKIA|ASIA)[A-Z2-7]{16}\b")),
    ("SLACK_TOKEN", re.compile(r"\bxox[bpa]-[A-Za-z0-9-]{10,}\b")),
    ("OPENAI_KEY", re.compile(r"\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}\b")),
)
_CARD = re.compile(r"\b(?:\d[ -]?){12,18}\d\b")


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


class FakeScanner:
    """Emails, phone numbers, card numbers (Luhn) and a few secret prefixes."""

    def __init__(self) -> None:
        self.calls = 0

    def analyze(self, text: str) -> Sequence[TextFinding]:
        self.calls += 1
        found = [
            TextFinding(entity, m.start(), m.end(), 0.9, "fake")
            for entity, pattern in _PATTERNS
            for m in pattern.finditer(text)
        ]
        for m in _CARD.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if 13 <= len(digits) <= 19 and _luhn(digits):
                found.append(TextFinding("CREDIT_CARD", m.start(), m.end(), 0.9, "fake"))
        return found
