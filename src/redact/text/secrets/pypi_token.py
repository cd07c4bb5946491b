"""PyPI upload tokens: ``pypi-AgEIcHlwaS5vcmc`` (a macaroon for pypi.org) + more."""

from __future__ import annotations

import re

from redact.text._ocr import SPLIT, compact, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


class PypiTokenDetector(TokenDetector):
    name = "pypi_token"
    entity_type = "PYPI_TOKEN"
    score = 0.99
    variable = True
    # "pypi-" and the macaroon's first two characters: OCR garbles the rest of the fixed
    # ``AgEIcHlwaS5vcmc`` often enough (a dropped "l", "G" for "g") to lose whole tokens on it,
    # and "pypi-Ag" followed by 60 token characters is specific on its own.
    # In the body OCR reads a "7" as "/" and a "J" as a bracket ("Tgq/ZbB", "Qi8}f").
    # The prefix's "i" may be lost ("pyp-AgElc..."): "Ag" after it still makes the format.
    patterns = (re.compile(START + f"(?:{tolerant('pypi-')}|pyp-)" + SPLIT
                           + r"[A4][gGq9][ ]?[A-Za-z0-9_\-—|][A-Za-z0-9_\-—|/)\]}]*" + END),)

    def validate(self, value: str) -> bool:
        return len(compact(value)) >= 60
