"""DigitalOcean tokens: ``dop_v1_``/``doo_v1_``/``dor_v1_`` + 64 hex."""

from __future__ import annotations

import re

from redact.text._ocr import HEX, SPLIT, body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_PREFIX = "|".join(tolerant(p) for p in ("dop_v1_", "doo_v1_", "dor_v1_"))


class DigitalOceanTokenDetector(TokenDetector):
    name = "digitalocean_token"
    entity_type = "DIGITALOCEAN_TOKEN"
    score = 0.97
    fallback = (*((p, 66, 75) for p in ("dop_v1_", "doo_v1_", "dor_v1_")),)
    patterns = (re.compile(START + f"(?:{_PREFIX})" + SPLIT + body(HEX, 64) + END),)
