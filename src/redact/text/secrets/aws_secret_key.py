"""AWS secret access keys: 40 base64 characters next to an ``aws``/``secret`` keyword."""

from __future__ import annotations

import re

from redact.text._ocr import B64, body, compact
from redact.text.secrets._base import TokenDetector


_END = r"(?![A-Za-z0-9+/=])"
_CH = B64[:-1] + r")\]}\-\\@]"  # (a "J" read as a bracket, a "0" as "@")


class AwsSecretKeyDetector(TokenDetector):
    name = "aws_secret_key"
    entity_type = "AWS_SECRET_KEY"
    score = 0.9
    guard_fragments = True
    # 40 characters; OCR doubles or drops one or two now and then (a "1l" for an "l", "Wi" for "W"),
    # the 42nd only glued to the rest, so the next line's number stays out. Inside, a bracket for a
    # "J" ("EZTH)OMT"), a "\" for an "l" ("rwEm\ZFO"), or a "-" next to a "+" ("qxllT-+y2i").
    # 40 characters, give or take the two glyphs OCR drops or doubles in a long key ("Mag5+/J4" read
    # as "Mag5+" / "4")
    patterns = (re.compile(r"(?<![A-Za-z0-9+/\-])" + B64 + body(_CH, 37, 40) + rf"(?:(?<=\S{{6}}){_CH})?" + _END),)
    context = re.compile(r"(?i)aws|secret|s3|amazon")
    window = 80

    def validate(self, value: str) -> bool:
        v = compact(value)
        if v.count("-") > 1:
            return False  # a UUID run into the next line ("240c5aa8-3e96-...-6539ea117eef" / "SKU")
        return (any(c.isupper() for c in v) and any(c.islower() for c in v)
                and any(c.isdigit() for c in v))
