"""E-mail addresses as OCR reads them: a space inserted after a dot or around the ``@``.

Presidio's e-mail pattern needs the address unbroken; OCR of small UI text often splits it
(``priya. raman@contoso.net``), and the first half is then left in clear. This detector accepts
one inserted space around ``.``, ``_`` or ``-`` in the local part and around ``@`` and dots, and needs a
letters-only top-level domain so that plain prose does not match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match

_LOCAL = r"[A-Za-z0-9+%]+(?:(?:[._\-]| \.) ?[A-Za-z0-9+%]+)*"
_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?: ?\. ?[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)* ?\. ?[A-Za-z]{2,12}"


class OcrEmailDetector(Detector):
    name = "ocr_email"
    entity_type = "EMAIL_ADDRESS"

    def __init__(self) -> None:
        self._re = re.compile(rf"(?<![A-Za-z0-9._%+\-])(?:{_LOCAL}) ?@ ?(?:{_DOMAIN})(?![A-Za-z0-9\-])")

    def find(self, text: str) -> Iterator[Match]:
        for m in self._re.finditer(text):
            yield Match(m.start(), m.end(), 0.9)
