"""Stripe secret and restricted keys (``sk_live_``/``rk_live_``/``sk_test_``/``rk_test_``); never ``pk_``."""

from __future__ import annotations

import re

from redact.text._ocr import compact, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_PREFIX = "|".join(tolerant(p) for p in ("sk_live_", "rk_live_", "sk_test_", "rk_test_"))


class StripeKeyDetector(TokenDetector):
    name = "stripe_key"
    entity_type = "STRIPE_KEY"
    score = 0.98
    variable = True
    patterns = (re.compile(START + f"(?:{_PREFIX})" + r"[ ]?[A-Za-z0-9|]+" + END),)

    def validate(self, value: str) -> bool:
        return len(compact(value)) >= 8 + 20
