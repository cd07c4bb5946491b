"""OpenAI keys: ``sk-proj-``/``sk-svcacct-``/``sk-admin-`` and legacy ``sk-…T3BlbkFJ…``."""

from __future__ import annotations

import re

from redact.text._ocr import ALNUM, SPLIT, body, compact, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_PREFIX = "|".join(tolerant(p) for p in ("sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-"))


class OpenAIKeyDetector(TokenDetector):
    name = "openai_key"
    entity_type = "OPENAI_KEY"
    score = 0.98
    variable = True
    # legacy 'sk-' + 48: OCR garbles the T3BlbkFJ marker in the middle ('T3B1lbkFJ')
    fallback = (("sk-", 46, 58),)
    patterns = (
        re.compile(START + f"(?:{_PREFIX})" + r"[ ]?[A-Za-z0-9_\-—|]+" + END),
        re.compile(START + tolerant("sk-") + SPLIT + body(ALNUM, 20) + SPLIT + tolerant("T3BlbkFJ") + SPLIT
                   + body(ALNUM, 20) + END),
    )

    def validate(self, value: str) -> bool:
        return len(compact(value)) >= 40
