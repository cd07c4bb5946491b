"""Stripe secret and restricted keys (``sk_live_``/``rk_live_``/``sk_test_``/``rk_test_``); never ``pk_``."""

from __future__ import annotations

import re

from redact.text._ocr import AT_IN_TOKEN, SPLIT, compact, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


# "s" or "r", the latter read as "t" in small text ("tk_test_"); "_live_"/"_test_" keep it specific
# OCR of small text may drop the underscores altogether ("sklivekN4N...")
_US = r"[_\-—– ]?"
_PREFIX = "[sSr5$t][kK]" + _US + "(?:" + "|".join(tolerant(p) for p in ("live", "test")) + ")" + _US


class StripeKeyDetector(TokenDetector):
    name = "stripe_key"
    entity_type = "STRIPE_KEY"
    score = 0.98
    variable = True
    # the body may start on the next line: a chat bubble wraps right after the prefix; its first
    # glyph may be an "@" OCR made of a "0" ("sk_live_@s80M8...")
    patterns = (re.compile(START + f"(?:{_PREFIX})" + SPLIT + f"(?:{AT_IN_TOKEN})?" + r"[A-Za-z0-9|]+" + END),)

    def validate(self, value: str) -> bool:
        return len(compact(value)) >= 8 + 20
