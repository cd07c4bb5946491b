"""SendGrid API keys: ``SG.`` + 22 + ``.`` + 43 base64url characters."""

from __future__ import annotations

import re

from redact.text._ocr import B64URL, SPLIT, body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


# with the glyphs small text makes of a body letter ("Vz¥r952j{UBzt", "_@OVRY" for "_00VRY")
_BODY = B64URL[:-1] + r"¥{}()\]@]"


class SendgridKeyDetector(TokenDetector):
    name = "sendgrid_key"
    entity_type = "SENDGRID_KEY"
    score = 0.98
    fallback = (("SG.", 63, 75),)
    patterns = (
        # The fixed lengths tell where it ends even when OCR glued the next word to it ("F9PTinstead?"),
        # give or take the glyph OCR doubles or drops in either part ("2JvvyQ" read as "2ZJvwyQ").
        re.compile(START + tolerant("SG.") + SPLIT + body(_BODY, 21, 23) + SPLIT + r"[.,]" + SPLIT + body(_BODY, 42, 44)
                   + rf"(?:{END}|(?=[a-z]{{2,12}}[.,;:!?]?(?:\s|$)))"),
    )
