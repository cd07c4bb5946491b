"""OpenAI keys: ``sk-proj-``/``sk-svcacct-``/``sk-admin-`` and legacy ``sk-…T3BlbkFJ…``."""

from __future__ import annotations

import re

from redact.text._ocr import ALNUM, SPLIT, body, compact, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_KIND_SIZE = {"proj": 5, "svcacct": 8, "admin": 6, "None": 5}  # with the dash after it
_PREFIX = "|".join(tolerant(p) for p in ("sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-"))


class OpenAIKeyDetector(TokenDetector):
    name = "openai_key"
    entity_type = "OPENAI_KEY"
    score = 0.98
    variable = True
    # legacy 'sk-' + 48: OCR garbles the T3BlbkFJ marker in the middle ('T3B1lbkFJ')
    fallback = (("sk-", 46, 58),)
    patterns = (
        # a "j" read as "]" right after the prefix ("sk-svcacct-]j Q1pD8..."), an "l" as "/"
        re.compile(START + f"(?:{_PREFIX})" + r"[ ]?[A-Za-z0-9_\-—|\])}][A-Za-z0-9_\-—|\])}/]*" + END),
        re.compile(START + tolerant("sk-") + SPLIT + body(ALNUM, 20) + SPLIT + tolerant("T3BlbkFJ") + SPLIT
                   + body(ALNUM, 20) + END),
    )

    def whole_length(self, value: str) -> tuple[int, int] | None:
        # a project, service-account or admin key: "sk-", the kind and "-", then 74 characters,
        # T3BlbkFJ and 74 more; a legacy key, 51 characters, takes the fallback's lengths
        kind = re.match(r"[sS5][kK][^A-Za-z]*([A-Za-z]+)[ ]?[-—_]", value)
        # the kind as OCR read it ("sveacct"): its first letter tells which
        size = next((n for k, n in _KIND_SIZE.items() if kind and kind.group(1)[:1].lower() == k[0].lower()), None)
        return super().whole_length(value) if size is None else (3 + size + 156 - 3, 3 + size + 156 + 3)

    def validate(self, value: str) -> bool:
        return len(compact(value)) >= 40
