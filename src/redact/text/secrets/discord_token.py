"""Discord bot tokens (``<base64 user id>.<6>.<27-38>``) and Discord webhook URLs."""

from __future__ import annotations

import base64
import itertools
import re

from redact.text._ocr import B64URL, SPLIT, body, compact, repair, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START

_B64URL_OCR = r"[A-Za-z0-9_\-—|)\]}]"
_CONTEXT = re.compile(r"(?i)discord|\bbot\b|token")


class DiscordTokenDetector(TokenDetector):
    name = "discord_token"
    entity_type = "DISCORD_TOKEN"
    score = 0.95
    guard_fragments = True
    # three parts and two dots, each a place where OCR splits: the pattern bounds the breaks
    max_breaks = 8
    patterns = (
        # 24 + 6 + 38 characters, one more in the first and last part when OCR doubles a glyph
        # ("NjM1" read as "NjJMI"); a glyph read as a bracket ("6)9yu", "JfVXT]") stays inside
        re.compile(START + r"[MNO0]" + body(_B64URL_OCR, 23, 26) + SPLIT + r"[.,]" + SPLIT + body(_B64URL_OCR, 6) + SPLIT
                   + r"[.,]" + SPLIT + body(_B64URL_OCR, 27, 39) + END),
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
    """Whether the first part is base64 of a decimal user id, as OCR may have read it.

    Small text loses the case of look-alike letters ("NzAz" read as "NZAZ"), which breaks the
    decoding; each group of four characters is tried with those letters in either case.
    """
    user_id = compact(repair(value).replace(",", ".").split(".")[0])
    if not 20 <= len(user_id) <= 28:
        return False
    return all(_group_is_digits(user_id[i : i + 4]) for i in range(0, len(user_id), 4))


_EITHER_CASE = frozenset("CcJjKkOoPpSsUuVvWwXxYyZz")
_SAME_GLYPH = {"I": "Il1", "l": "lI1", "1": "1lI", "|": "lI1", "S": "S5s", "5": "5S", "O": "O0o", "0": "0O",
               "B": "B8", "8": "8B", "Z": "Z2z", "2": "2Z"}


def _group_is_digits(group: str) -> bool:
    options = [
        _SAME_GLYPH.get(c, c + c.swapcase() if c in _EITHER_CASE else c) for c in group
    ]
    for chars in itertools.islice(itertools.product(*options), 256):
        candidate = "".join(chars)
        try:
            decoded = base64.urlsafe_b64decode(candidate + "=" * (-len(candidate) % 4))
        except ValueError:
            continue
        if decoded and decoded.isdigit():
            return True
    return False
