"""IPv4 addresses as OCR reads them in small text: a space after or before a dot ("10. 152.152. 158").

Presidio's IP recognizer needs the address unbroken; this detector only reports addresses with at
least one such space (the unbroken ones are Presidio's), each octet 0-255.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"


class OcrIpDetector(Detector):
    name = "ocr_ip"
    entity_type = "IP_ADDRESS"

    def __init__(self) -> None:
        self._re = re.compile(rf"(?<![\w.]){_OCTET}(?: ?\. ?{_OCTET}){{3}}(?![\w]|\.\d)")

    def find(self, text: str) -> Iterator[Match]:
        for m in self._re.finditer(text):
            if " " in m.group():
                yield Match(m.start(), m.end(), 0.7)
