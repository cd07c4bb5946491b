"""GitLab tokens: ``glpat-`` and its relatives (``gldt-``, ``glrt-``, ``glptt-`` ...) + 20 or more."""

from __future__ import annotations

import re

from redact.text._ocr import B64URL, SPLIT, body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_PREFIXES = ("glpat-", "gloas-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "glimt-",
             "glagent-", "glsoat-", "glffct-", "GR1348941")
_PREFIX = "|".join(tolerant(p) for p in _PREFIXES)


class GitlabTokenDetector(TokenDetector):
    name = "gitlab_token"
    entity_type = "GITLAB_TOKEN"
    score = 0.97
    fallback = (("glpat-", 24, 30),)
    patterns = (re.compile(START + f"(?:{_PREFIX})" + SPLIT + body(B64URL, 20) + r"[A-Za-z0-9_.\-]{0,80}" + END),)
