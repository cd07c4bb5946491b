"""Google OAuth client secrets: ``GOCSPX-`` + 28 base64url characters."""

from __future__ import annotations

import re

from redact.text._ocr import B64URL, SPLIT, body_about, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class GoogleOAuthSecretDetector(TokenDetector):
    name = "google_oauth_secret"
    entity_type = "GOOGLE_OAUTH_SECRET"
    score = 0.97
    fallback = (("GOCSPX-", 32, 38),)
    patterns = (re.compile(START + tolerant("GOCSPX-") + SPLIT + body_about(B64URL, 28) + END),)
