"""Google Cloud API keys: ``AIza`` + 35 base64url characters."""

from __future__ import annotations

import re

from redact.text._ocr import B64URL, SPLIT, body_about, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class GcpApiKeyDetector(TokenDetector):
    name = "gcp_api_key"
    entity_type = "GCP_API_KEY"
    score = 0.97
    fallback = (("AIza", 36, 42),)
    patterns = (re.compile(START + tolerant("AIza") + SPLIT + body_about(B64URL, 35) + END),)
