"""``Authorization: Bearer|Basic|Token …`` headers, and bare ``Bearer <token>`` in text.

Span: the credential after the scheme.
"""

from __future__ import annotations

import re

from redact.text._ocr import LINE_BREAK, compact
from redact.text.secrets._base import TokenDetector

# a glyph OCR read as "¢", "©" or an accented letter may sit anywhere in the value ("¢c3Zj01J4...")
# and a comma for a dot, glued to the token ("3MkmikAypAwq,.7IsWu9")
# and an "@" made of a "0" ("O@5IEC..."): after the scheme a credential, not an e-mail address
_VALUE = r"(?P<s>(?:[\w.~+/=\-—|:%¢©@]|,(?=[\w.]))+)"
# the credential may start on the next line: a chat bubble or a terminal wrapped after the scheme
_GAP = rf"(?:[ \t]+|[ \t]*{LINE_BREAK})"


_HEADER = re.compile(r"(?i)author[i1l|]zat[i1l|]on")


class AuthHeaderDetector(TokenDetector):
    name = "auth_header"
    entity_type = "AUTH_HEADER"
    score = 0.92
    variable = True
    patterns = (
        re.compile(r"(?i)\b(?:proxy-)?author[i1l|]zat[i1l|]on[\"'‘’“”]?\s*[:=]\s*[\"'‘’“”]?"
                   r"(?:bearer|basic|token|digest|bot|apikey|sso-key|negotiate|ntlm|aws4-hmac-sha256)" + _GAP + _VALUE),
        re.compile(r"(?i)\bbearer[ \t]+" + _VALUE),
    )

    def accept(self, text: str, start: int, end: int) -> bool:
        v = compact(text[start:end])
        if len(v) < 12 or v.startswith("$"):
            return False
        if any(c.isdigit() for c in v):
            return True
        # After "Authorization:" the value is the credential even when OCR read its digits as
        # letters ("ky1zz" as "kylzz"); a bare "Bearer" in prose needs a digit.
        header = _HEADER.search(text, max(0, start - 60), start) is not None
        return header and any(c.isupper() for c in v) and any(c.islower() for c in v)
