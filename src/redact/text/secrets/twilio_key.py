"""Twilio API key SIDs (``SK``) and account SIDs (``AC``) + 32 hex, near Twilio context."""

from __future__ import annotations

import re

from redact.text._ocr import HEX, SPLIT, SYMBOL_GLYPHS, body_about, compact
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


# 32 hex as OCR of small text may read them (an 'h' for a 'b', a 't' for an 'f', "é" for "6", "¢"
# for "c", "€" for "e", "®" or "@" for "0"); the context keyword is required
_BODY = HEX[:-1] + "ghkté@{" + SYMBOL_GLYPHS + "]"  # ("{": an "f", "d{37" for "4f37")


class TwilioKeyDetector(TokenDetector):
    name = "twilio_key"
    entity_type = "TWILIO_KEY"
    score = 0.9
    guard_fragments = True
    # "S" read as "5" or "$", the "K" doubled in lower case ("SkK85b5...")
    patterns = (re.compile(START + r"(?:[S5$][kK]{1,2}|AC)" + SPLIT + body_about(_BODY, 32, 1) + END),)
    context = re.compile(r"(?i)twilio|tw[iI1l]l[iI1l]o|\bsid\b|account|api[ _-]?key|auth|secret|token|key")
    window = 120
    after = 60

    def validate(self, value: str) -> bool:
        return sum(c.isdigit() for c in compact(value)) >= 4
