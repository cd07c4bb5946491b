"""Databricks personal access tokens: ``dapi`` + 32 hex (+ optional ``-N``)."""

from __future__ import annotations

import re

from redact.text._ocr import HEX, SPLIT, body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class DatabricksTokenDetector(TokenDetector):
    name = "databricks_token"
    entity_type = "DATABRICKS_TOKEN"
    score = 0.97
    fallback = (("dapi", 33, 40),)
    patterns = (re.compile(START + tolerant("dapi") + SPLIT + body(HEX, 32) + r"(?:[-—_][0-9OIl|])?" + END),)
