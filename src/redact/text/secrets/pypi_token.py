"""PyPI upload tokens: ``pypi-AgEIcHlwaS5vcmc`` (a macaroon for pypi.org) + more."""

from __future__ import annotations

import re

from redact.text._ocr import compact, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class PypiTokenDetector(TokenDetector):
    name = "pypi_token"
    entity_type = "PYPI_TOKEN"
    score = 0.99
    variable = True
    patterns = (re.compile(START + tolerant("pypi-AgEIcHlwaS5vcmc") + r"[ ]?[A-Za-z0-9_\-—|]+" + END),)

    def validate(self, value: str) -> bool:
        return len(compact(value)) >= 60
