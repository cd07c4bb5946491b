"""npm access tokens: ``npm_`` + 36 alphanumerics."""

from __future__ import annotations

import re

from redact.text._ocr import ALNUM, SPLIT, body_about, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class NpmTokenDetector(TokenDetector):
    name = "npm_token"
    entity_type = "NPM_TOKEN"
    score = 0.97
    fallback = (("npm_", 37, 43),)
    patterns = (re.compile(START + tolerant("npm_") + SPLIT + body_about(ALNUM, 36) + END),)
