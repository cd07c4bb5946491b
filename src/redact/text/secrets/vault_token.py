"""HashiCorp Vault tokens: ``hvs.``/``hvb.``/``hvr.`` + 24 or more characters."""

from __future__ import annotations

import re

from redact.text._ocr import compact, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


# the dot may be lost ("hvsjXBJ..."): no word starts "hvs", and the length check still applies;
# the "v" may be read as "w" ("hws.r'UKX...")
_PREFIX = "|".join(f"{tolerant(p + '.')}|{tolerant(p)}(?=[A-Za-z0-9])"
                   for p in ("hvs", "hvb", "hvr", "hws", "hwb", "hwr"))


class VaultTokenDetector(TokenDetector):
    name = "vault_token"
    entity_type = "VAULT_TOKEN"
    score = 0.96
    variable = True
    # \w: OCR turns a glyph into an accented letter now and then ("L6" read as "Lé6"), adds a
    # stray mark ("r'UKX"), reads a "j" as a closing bracket ("hvs. ]f0QK6...") and a "b" as ">"
    patterns = (re.compile(START + f"(?:{_PREFIX})" + r"[ ]?(?:[\w\-—|]|['>](?=\w)|[)\]}](?=\w))+" + END),)

    def validate(self, value: str) -> bool:
        # 24 or more after the prefix; OCR loses a glyph or two of a short one ("_1" read as "I",
        # a closing "_" as a comma)
        return len(compact(value)) >= 4 + 22
