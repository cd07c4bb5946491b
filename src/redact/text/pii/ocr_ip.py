"""IPv4 addresses as OCR reads them in small text: a space after or before a dot ("10. 152.152. 158"),
or one dot read as a comma ("ip=104.14,223.249").

Presidio's IP recognizer needs the address unbroken; this detector only reports addresses with at
least one such space or comma (the unbroken ones are Presidio's), each octet 0-255. A comma also
separates numbers in lists ("12.5,13.75"), so that reading needs an address field right before it.
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
        self._re = re.compile(rf"(?<![\w.,]){_OCTET}(?: ?\. ?{_OCTET}|,{_OCTET}){{3}}(?![\w]|[.,]\d)")

    def find(self, text: str) -> Iterator[Match]:
        for m in self._re.finditer(text):
            commas = m.group().count(",")
            if commas > 1 or (commas and not _FIELD.search(text, max(0, m.start() - 16), m.start())):
                continue
            if " " in m.group() or commas:
                yield Match(m.start(), m.end(), 0.7)


_FIELD = re.compile(r"(?i)(?:\bip|addr(?:ess)?|client|host|remote|peer|src|dst|source|from)\W{0,3}$")
