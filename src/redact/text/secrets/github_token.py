"""GitHub tokens: ``ghp_``/``gho_``/``ghu_``/``ghs_``/``ghr_`` + 36, ``github_pat_`` + 82."""

from __future__ import annotations

import re

from redact.text._ocr import ALNUM, SPLIT, body, body_about, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_CLASSIC = "|".join(tolerant(p) for p in ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"))


class GithubTokenDetector(TokenDetector):
    name = "github_token"
    entity_type = "GITHUB_TOKEN"
    score = 0.98
    fallback = (*((p, 37, 43) for p in ("ghp_", "gho_", "ghu_", "ghs_", "ghr_")), ("github_pat", 85, 100))
    patterns = (
        re.compile(START + f"(?:{_CLASSIC})" + SPLIT + body_about(ALNUM, 36) + END),
        # (the underscore after "pat" may be lost: "github_patLDWNALn...")
        re.compile(START + tolerant("github_pat") + f"(?:{tolerant('_')})?" + SPLIT + body(ALNUM, 22) + SPLIT
                   + tolerant("_") + SPLIT + body(ALNUM, 59) + END),
    )
