"""Sensitive form fields that text detectors cannot see: a CVC is three digits, an expiry a date.

Two signals: the focused field's label (``"Card number"``, ``"CVC"``, ``"SSN"``, ``"One-time
code"``) when the recorder knows it, and the checkout flow when it does not: short digit runs and
expiry dates typed in the same app right after a card number.
"""

from __future__ import annotations

import re

from redact.keys._reconstruct import TypedRun

__all__ = ["CardFlow", "label_entity"]

_LABELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:cvv2?|cvc2?|csc|cid|security code|card code|verification (?:value|number))\b", re.I), "CARD_SECURITY_CODE"),
    (re.compile(r"\b(?:card ?number|credit card|debit card|card no|cc ?num)", re.I), "CREDIT_CARD"),
    (re.compile(r"\b(?:expir|exp\.? date|mm ?/ ?yy|valid thru)", re.I), "CARD_EXPIRY"),
    (re.compile(r"\b(?:ssn|social security|national insurance|tax id|sin number)\b", re.I), "US_SSN"),
    (re.compile(r"\b(?:one-?time|otp|2fa|mfa|verification code|authenticator code|security key code)\b", re.I), "OTP"),
    (re.compile(r"\b(?:iban|routing number|account number|sort code)\b", re.I), "BANK_ACCOUNT"),
)

_CVC = re.compile(r"^\d{3,4}$")
_EXPIRY = re.compile(r"^(?:0?[1-9]|1[0-2])\s*[/-]?\s*(?:\d{2}|20\d{2})$")


def label_entity(label: str | None) -> str | None:
    """The entity a field label asks for, or ``None`` (``"Security code"`` -> ``CARD_SECURITY_CODE``)."""
    if not label:
        return None
    for pattern, entity in _LABELS:
        if pattern.search(label):
            return entity
    return None


class CardFlow:
    """Remembers, per app, that a card number was just typed; the next short fields are its parts."""

    __slots__ = ("_since", "_window")

    def __init__(self, window_seconds: float = 180.0) -> None:
        self._since: dict[str | None, float] = {}
        self._window = window_seconds

    def card_seen(self, run: TypedRun) -> None:
        self._since[run.context.app] = run.t_end

    def entity(self, run: TypedRun) -> str | None:
        since = self._since.get(run.context.app)
        if since is None:
            return None
        if run.t_end - since > self._window:
            del self._since[run.context.app]
            return None
        token = run.text.strip()
        if _CVC.match(token):
            return "CARD_SECURITY_CODE"
        if _EXPIRY.match(token):
            return "CARD_EXPIRY"
        return None
