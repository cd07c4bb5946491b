"""Discord bot tokens (``<base64 user id>.<6>.<27-38>``) and Discord webhook URLs."""

from __future__ import annotations

import base64
import re

from redact.text._ocr import B64URL, SPLIT, body, repair, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START

_CONTEXT = re.compile(r"(?i)discord|\bbot\b|token")


class DiscordTokenDetector(TokenDetector):
    name = "discord_token"
    entity_type = "DISCORD_TOKEN"
    score = 0.95
    guard_fragments = True
    patterns = (
        re.compile(START + r"[MNO0]" + body(B64URL, 23, 25) + SPLIT + r"[.,]" + SPLIT + body(B64URL, 6) + SPLIT + r"[.,]" + SPLIT
                   + body(B64URL, 27, 38) + END),
        re.compile(tolerant("discord", spaces=False) + r"(?:app)?[.,]com/api/webhooks/[0-9]{15,20}/(?P<s>"
                   + body(B64URL, 60, 70) + ")" + END),
    )

    def accept(self, text: str, start: int, end: int) -> bool:
        value = text[start:end]
        if "." not in value and "," not in value:
            return True  # the secret path of a webhook URL
        # The first part is a base64 user id; when OCR damage breaks the decoding, context decides.
        return _id_decodes(value) or bool(_CONTEXT.search(text, max(0, start - 120), start))


def _id_decodes(value: str) -> bool:
    user_id = repair(value).replace(",", ".").split(".")[0]
    try:
        decoded = base64.urlsafe_b64decode(user_id + "=" * (-len(user_id) % 4))
    except ValueError:
        return False
    return decoded.isdigit()
