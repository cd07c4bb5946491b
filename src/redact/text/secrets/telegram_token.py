"""Telegram bot tokens: an 8-10 digit bot id, ``:``, ``AA`` + 33 base64url characters."""

from __future__ import annotations

import re

from redact.text._ocr import AT_IN_TOKEN, B64URL, SPLIT, SYMBOL_GLYPHS, body, body_about, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END


# base64url as OCR reads it in small text: a bracket, "!" or "\\" for a J or an l now and then, a
# "/" before a "7" ("YH/7fk"), an accented letter ("frémz") or a symbol for a letter, and inside a
# "?" for a "7" ("Qia?7") or an "&" for an "8" ("AAaTt&t8g")
_BODY = rf"(?:{B64URL[:-1]})\]}}!/\\À-ÿ{SYMBOL_GLYPHS}]|{AT_IN_TOKEN}|[?&](?=[A-Za-z0-9]))"


class TelegramTokenDetector(TokenDetector):
    name = "telegram_token"
    entity_type = "TELEGRAM_BOT_TOKEN"
    score = 0.96
    guard_fragments = True
    # OCR of a token in large text splits it at the colon and at a dash ("259493874 : AASIf
    # y2wROVXvu_n5 - LZel..."): six breaks, bounded by the pattern's fixed length
    max_breaks = 8
    # The "AA" after the colon as OCR reads it: "A4", "AM", or one "A" lost ("A391-Ls...")
    patterns = (
        re.compile(r"(?<![A-Za-z0-9:])" + body(r"[0-9OIl|SB]", 8, 11) + SPLIT + r"[:;]" + SPLIT
                   + f"(?:{tolerant('AA')}|A[A-Z4]?)"
                   + body_about(_BODY, 33, 2) + END),  # OCR reads "W1" as "wWl", "W" as "vi": two glyphs of drift
    )
