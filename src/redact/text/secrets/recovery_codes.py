"""Two-factor recovery / backup codes listed under a heading that names them.

Each code is its own span, so a grid of codes becomes one box per code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match

_HEADING = re.compile(r"(?i)(?:recovery|backup|2fa|two[- ]factor|one[- ]time|emergency|scratch|"
                      r"verification)[ \t]+(?:codes?|keys?)")
_CODE = re.compile(
    r"(?<![\w\-—])(?:[a-zA-Z0-9]{4,6}[-—–][a-zA-Z0-9]{4,6}(?:[-—–][a-zA-Z0-9]{4,6})?"
    r"|\d{4,5}[ ]\d{4,5}|[a-z0-9]{8,12}|[A-Z0-9]{8,12})(?![\w\-—])"
)
_LINES_AFTER = 16


class RecoveryCodesDetector(Detector):
    name = "recovery_codes"
    entity_type = "RECOVERY_CODE"

    def find(self, text: str) -> Iterator[Match]:
        seen_end = 0
        for h in _HEADING.finditer(text):
            if h.end() < seen_end:
                continue
            stop = h.end()
            for _ in range(_LINES_AFTER + 1):
                nxt = text.find("\n", stop + 1)
                stop = len(text) if nxt < 0 else nxt
                if nxt < 0:
                    break
            seen_end = stop
            for m in _CODE.finditer(text, h.end(), stop):
                code = m.group()
                if not any(c.isdigit() for c in code):
                    continue
                if code.isalpha() or re.fullmatch(r"(?:19|20)\d\d[-—–](?:19|20)?\d\d", code):
                    continue
                yield Match(m.start(), m.end(), 0.85)
