"""Shopify access tokens and secrets: ``shpat_``/``shpss_``/``shpca_``/``shppa_`` + 32 hex."""

from __future__ import annotations

import re

from redact.text._ocr import HEX, SPLIT, body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_PREFIX = "|".join(tolerant(p) for p in ("shpat_", "shpss_", "shpca_", "shppa_"))


class ShopifyTokenDetector(TokenDetector):
    name = "shopify_token"
    entity_type = "SHOPIFY_TOKEN"
    score = 0.97
    fallback = (*((p, 35, 41) for p in ("shpat_", "shpss_", "shpca_", "shppa_")),)
    patterns = (re.compile(START + f"(?:{_PREFIX})" + SPLIT + body(HEX, 32) + END),)
