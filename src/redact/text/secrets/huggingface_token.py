"""Hugging Face access tokens: ``hf_`` + 34 letters."""

from __future__ import annotations

import re

from redact.text._ocr import ALNUM, SPLIT, body_about, compact, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class HuggingFaceTokenDetector(TokenDetector):
    name = "huggingface_token"
    entity_type = "HUGGINGFACE_TOKEN"
    score = 0.95
    fallback = (("hf_", 33, 40),)
    patterns = (re.compile(START + tolerant("hf_") + SPLIT + body_about(ALNUM, 34) + END),)

    def validate(self, value: str) -> bool:
        v = compact(value)[3:]
        return any(c.isupper() for c in v) and any(c.islower() for c in v)
