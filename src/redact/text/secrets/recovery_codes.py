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
    r"(?<![\w\-—])(?:[a-zA-Z0-9]{3,6}[ ]?[-—–][ ]?[a-zA-Z0-9]{3,6}(?:[-—–][a-zA-Z0-9]{4,6})?"
    r"|\d{4,5}[ ]\d{4,5}|[a-z0-9]{8,12}|[A-Z0-9]{8,12})(?![\w\-—])"
)
_LINES_AFTER = 16
_YEAR = re.compile(r"(?:19|20)\d\d[-—–](?:19|20)?\d\d")
_DASHED = re.compile(r"[-—–]")


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
            pos = h.end()
            while pos < stop:
                line_end = text.find("\n", pos + 1)
                line_end = stop if line_end < 0 or line_end > stop else line_end
                yield from _line_codes(text, pos, line_end)
                pos = line_end


def _line_codes(text: str, start: int, end: int) -> Iterator[Match]:
    """The codes on one line of the list: each with a digit, and the dashed ones beside such a code.

    A random code without a digit is rare but OCR reads a code's "1" as "l" and "9" as "g"
    ("elasb-jlgug"); next to a code that kept its digits on the same line it is still a code.
    """
    found = [m for m in _CODE.finditer(text, start, end) if not _YEAR.fullmatch(m.group())]
    anchored = any(any(c.isdigit() for c in m.group()) for m in found)
    for m in found:
        code = m.group()
        if any(c.isdigit() for c in code) or (anchored and _DASHED.search(code)):
            yield Match(m.start(), m.end(), 0.85)
