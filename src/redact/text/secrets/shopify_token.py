"""Shopify access tokens and secrets: ``shpat_``/``shpss_``/``shpca_``/``shppa_`` + 32 hex."""

from __future__ import annotations

import re

from redact.text._ocr import HEX, SPLIT, body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_KINDS = ("shpat", "shpss", "shpca", "shppa")
# the underscore may be lost ("shpss3abS0ad5..."): the kind and 32 hex are the format still
_PREFIX = f"(?:{'|'.join(tolerant(kind) for kind in _KINDS)})(?:{tolerant('_')})?"


class ShopifyTokenDetector(TokenDetector):
    name = "shopify_token"
    entity_type = "SHOPIFY_TOKEN"
    score = 0.97
    fallback = tuple((kind, 35, 41) for kind in _KINDS)  # the lengths counted with the underscore, or without
    patterns = (re.compile(START + _PREFIX + SPLIT + body(HEX, 32) + END),)
