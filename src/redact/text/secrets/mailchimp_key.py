"""Mailchimp API keys: 32 hex + ``-us`` + data-centre number."""

from __future__ import annotations

import re

from redact.text._ocr import HEX, SPLIT, SYMBOL_GLYPHS, body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_HEX = HEX[:-1] + "h" + SYMBOL_GLYPHS + "]"  # and "h" for "b", "¢" or "€" for "e", "£" for "f"


class MailchimpKeyDetector(TokenDetector):
    name = "mailchimp_key"
    entity_type = "MAILCHIMP_KEY"
    score = 0.95
    guard_fragments = True
    # 32 hex, one glyph more or less when OCR drops or doubles one: the "-us" data-centre suffix
    # makes the format; its number may come with an "i" OCR added ("-usi1")
    # and "£" for "f", "é" for "6", "S" for "5" ("-usS")
    patterns = (re.compile(START + body(_HEX, 31, 33) + SPLIT + tolerant("-us") + r"[0-9OIil|éSs]{1,3}" + END),)
