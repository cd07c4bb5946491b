"""Azure AD (Entra) client secrets: 3 characters, a digit, ``Q~``, then 31-34 more."""

from __future__ import annotations

import re

from redact.text._ocr import SPLIT, body
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_C = r"[A-Za-z0-9_.~\-|]"


class AzureAdSecretDetector(TokenDetector):
    name = "azure_ad_secret"
    entity_type = "AZURE_CLIENT_SECRET"
    score = 0.93
    guard_fragments = True
    patterns = (
        re.compile(r"(?<![A-Za-z0-9_.~\-])" + body(_C, 3) + SPLIT + r"[0-9OIl|]" + SPLIT + "Q~" + SPLIT + body(_C, 31, 34)
                   + r"(?![A-Za-z0-9_.~\-])"),
    )
