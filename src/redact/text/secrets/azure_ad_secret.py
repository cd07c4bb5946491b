"""Azure AD (Entra) client secrets: 3 characters, a digit, ``Q~``, then 31-34 more."""

from __future__ import annotations

import re

from redact.text._ocr import SPLIT, body, compact
from redact.text.secrets._base import TokenDetector


# and a bracket for a "J" or "l" ("t}om", "-]WJ"), "#" for an "f", a stray mark, "/" ("o/7q") or
# ">" ("Ln>M2Q~") inside
_C = r"(?:[A-Za-z0-9_.~\-|)\]}#/]|['>](?=\w))"


class AzureAdSecretDetector(TokenDetector):
    name = "azure_ad_secret"
    entity_type = "AZURE_CLIENT_SECRET"
    score = 0.93
    guard_fragments = True
    # "Q~" after a digit is the format's mark, so the counts around it may drift: OCR doubles a
    # glyph or splits one in two ("cpbW1Q~", "81Lzd" for "8lzd") about once in twenty secrets.
    # The digit before it may be read as a letter like it ("HoiiQ~" for "Hoi1Q~").
    patterns = (
        # (the drift is never a split-off piece: that would be the next word)
        re.compile(r"(?<![A-Za-z0-9_.~\-])" + f"(?:{body(_C, 3)}|{_C}{{2}}|{_C}{{4}})" + SPLIT + r"[0-9OIil|SBZ]" + SPLIT
                   + "Q[~\\-—]" + SPLIT + body(_C, 29, 34) + _C + "{0,3}"
                   + r"(?![A-Za-z0-9_.~\-])"),
    )

    def validate(self, value: str) -> bool:
        # The "~" read as a dash ("PBJ6Q-WG75..."): "Q-" after a digit is no mark of its own, so the
        # rest must be a random run: both cases and two digits, as 31 random glyphs nearly always are.
        value = compact(value)
        if "Q~" in value:
            return True
        rest = re.split(r"Q[\-—]", value, maxsplit=1)[-1]
        return (any(c.isupper() for c in rest) and any(c.islower() for c in rest)
                and sum(c.isdigit() for c in rest) >= 2)
