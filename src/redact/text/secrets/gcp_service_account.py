"""GCP service-account JSON: the ``private_key`` and ``private_key_id`` values.

The private key is one JSON string with ``\\n`` escapes; an editor may soft-wrap it, so the value
runs to the closing quote (or as far as the screen shows it)."""

from __future__ import annotations

import re

from redact.text._ocr import SYMBOL_GLYPHS, body, compact, tolerant
from redact.text.secrets._base import TokenDetector


# (OCR may split the key at its underscore: '“private _key_id"')
_KEY = tolerant("private", spaces=False) + "[ ]?" + tolerant("_key", spaces=False)


class GcpServiceAccountDetector(TokenDetector):
    name = "gcp_service_account"
    entity_type = "GCP_SERVICE_ACCOUNT"
    score = 0.99
    max_breaks = 200
    patterns = (
        # OCR may drop a quote, read one twice ('"“e3bd...') or curly either way, and a hex glyph as
        # "¢" or "?" or "/" (a "7"), "#" (an "f") or another symbol, and adds a dot ("5384.a0")
        re.compile(_KEY + tolerant("_id", spaces=False) + r"[\"'”]?\s*[:=]\s*[\"'“”]{0,2}(?P<s>"
                   + body(rf"(?:[\w?#/{SYMBOL_GLYPHS}]|\.(?=\w))", 38, 42)
                   + r")(?=[\"'‘’“”]|\s*$)"),
        re.compile(_KEY + r"[\"']?\s*[:=]\s*[\"'](?P<s>[^\"']{20,6000})"),
    )

    def validate(self, value: str) -> bool:
        return "PRIV" in value.upper() or "BEGIN" in value.upper() or "MII" in value or 38 <= len(compact(value)) <= 42
