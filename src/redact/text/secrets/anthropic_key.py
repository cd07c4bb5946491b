"""Anthropic API keys: ``sk-ant-api03-`` + 93 characters + ``AA``."""

from __future__ import annotations

import re

from redact.text._ocr import B64URL, SPLIT, body_about, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class AnthropicKeyDetector(TokenDetector):
    name = "anthropic_key"
    entity_type = "ANTHROPIC_KEY"
    score = 0.99
    fallback = (("sk-ant-", 95, 115),)
    patterns = (
        re.compile(START + tolerant("sk-ant-") + r"(?:" + tolerant("api") + "|" + tolerant("admin") + r")"
                   + r"[0-9OoIl|]{2}[-—_]" + SPLIT + body_about(B64URL, 93) + tolerant("AA")
                   # the key ends on "AA", also where OCR glued the next word to it ("gAAinstead?")
                   + r"(?:" + END + r"|(?=[a-z]{2,}[.,;:!?]?(?:\s|$)))"),
    )
