"""Hugging Face access tokens: ``hf_`` + 34 letters."""

from __future__ import annotations

import re

from redact.text._ocr import ALNUM, SPLIT, body_about, compact, random_letters, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class HuggingFaceTokenDetector(TokenDetector):
    name = "huggingface_token"
    entity_type = "HUGGINGFACE_TOKEN"
    score = 0.95
    fallback = (("hf_", 33, 40),)
    patterns = (
        re.compile(START + tolerant("hf_") + SPLIT + body_about(ALNUM, 34) + END),
        # the "_" lost altogether ("hfHwBMJUguUH..."): "hf" glued to 34 letters (a "!" or "|" for
        # an "l"), which no word is; the mixed case is checked below
        re.compile(START + "hf" + body_about(r"[A-Za-z|!]", 34) + END),
    )

    def validate(self, value: str) -> bool:
        glued = re.match(r"hf[A-Za-z]", value) is not None
        v = compact(value)[2 if glued else 3 :]
        if glued and not random_letters(v):
            return False  # a CamelCase name ("hfModelRepositoryConfig...")
        return any(c.isupper() for c in v) and any(c.islower() for c in v)
