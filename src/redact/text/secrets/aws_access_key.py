"""AWS access key ids: ``AKIA``/``ASIA``/``ABIA``/``ACCA`` + 16 base32 characters."""

from __future__ import annotations

import re

from redact.text._ocr import SPLIT, body_about, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END


# "AKTA": at 16 px Tesseract reads the I of AKIA as a T now and then, or as "IT" ("ASITA", "AKITA")
_PREFIX = "|".join(tolerant(p) for p in ("AKIA", "ASIA", "ABIA", "ACCA", "AKTA", "ASTA", "AKITA", "ASITA"))
# "J" read as ")" or "]" by OCR of small text, "W" as "¥", "W/", "vI" or "vi", "S" as "$", and a
# letter whose two cases look alike read twice, small then capital ("SL5xX"), or small as the
# key's last glyph ("2XkKx")
_BASE32 = r"(?:[A-Z0-9l|)\]¥/$vi]|[ckopsuwxz](?=[CKOPSUWXZ]|[^A-Za-z0-9]|$))"
# Key ids are upper case: after a lower-case letter the prefix is a new word that OCR glued to the
# one before it, a dropped space ("credentialAKIA...", "trywithAKIA...").
_GLUED_START = r"(?<![A-Z0-9_\-—])"


class AwsAccessKeyDetector(TokenDetector):
    name = "aws_access_key"
    entity_type = "AWS_ACCESS_KEY"
    score = 0.97
    # OCR drops or doubles a glyph in about one random key in five: AKIA is distinctive enough to
    # accept one character either way.
    patterns = (re.compile(_GLUED_START + f"(?:{_PREFIX})" + SPLIT + body_about(_BASE32, 16, slack=1) + END),)
    # At 11 px a "W" becomes two or three glyphs ("vi", "ri", "w" among them), in the lower case
    # the body class leaves out: "ASIAVTO4RG3GriviiLCOPT" for "ASIAVTO4RG3GWWWLCOPT". The prefix
    # and a token run of about the key's length still make the format.
    fallback = (*((p, 19, 22) for p in ("AKIA", "ASIA")),)
