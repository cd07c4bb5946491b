"""npm access tokens: ``npm_`` + 36 alphanumerics."""

from __future__ import annotations

import re

from redact.text._ocr import ALNUM, SPLIT, body_about, compact, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class NpmTokenDetector(TokenDetector):
    name = "npm_token"
    entity_type = "NPM_TOKEN"
    score = 0.97
    fallback = (("npm_", 37, 43),)
    patterns = (
        re.compile(START + tolerant("npm_") + SPLIT + body_about(ALNUM, 36) + END),
        # the "_" lost altogether ("npmRbsrsilif6u..."): "npm" glued to 36 glyphs with digits and
        # both cases, which no package name is; a bracket may stand for a "j" or "l" inside
        re.compile(START + "npm" + body_about(r"[A-Za-z0-9|)\]}]", 36) + END),
    )

    def validate(self, value: str) -> bool:
        v = compact(value)
        if v[3:4] in ("_", "-", "—", "–"):
            return True
        rest = v[3:]
        return any(c.isdigit() for c in rest) and any(c.isupper() for c in rest) and any(c.islower() for c in rest)
