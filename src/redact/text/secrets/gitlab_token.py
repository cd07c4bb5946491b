"""GitLab tokens: ``glpat-`` and its relatives (``gldt-``, ``glrt-``, ``glptt-`` ...) + 20 or more."""

from __future__ import annotations

import re

from redact.text._ocr import SPLIT, body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_PREFIXES = ("glpat-", "gloas-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "glimt-",
             "glagent-", "glsoat-", "glffct-", "GR1348941")
# OCR reads the "l" of the prefix doubled ("glIrt-"), as a capital ("gLdt -") or as "[" ("g[pat-")
# (doubling is :func:`tolerant`'s own)
# or loses it ("gpat -")
_PREFIX = "|".join(tolerant(p) for p in (*_PREFIXES, "gpat-")).replace(r"[l1I\|i]{1,2}", r"[l1I\|iL\[]{1,2}")
# and a glyph of the body as a symbol ("3¥lvb" for "3WWvb")
_BODY = r"[A-Za-z0-9_\-—|¥€¢©®)\]}]"


class GitlabTokenDetector(TokenDetector):
    name = "gitlab_token"
    entity_type = "GITLAB_TOKEN"
    score = 0.97
    fallback = (("glpat-", 24, 30),)
    patterns = (re.compile(START + f"(?:{_PREFIX})" + SPLIT + body(_BODY, 20) + r"[A-Za-z0-9_.\-]{0,80}" + END),)
