"""Slack bot, user and app tokens (``xoxb-``, ``xoxp-``, ``xapp-`` ...)."""

from __future__ import annotations

import re

from redact.text._ocr import ALNUM, HEX, SPLIT, body, compact, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_D = r"[0-9OoIl|SB]"
_S = SPLIT + r"[-—_]" + SPLIT
_HEX_GLYPHS = frozenset("0123456789abcdefABCDEFOoIilSsBQ|")
_PIECE = re.compile(r"(?:[ \t]{1,2}|[ \t]*\r?\n[ \t]*)([^\s\"'`]{1,40})")


class SlackTokenDetector(TokenDetector):
    name = "slack_token"
    entity_type = "SLACK_TOKEN"
    score = 0.98
    variable = True  # a narrow chat bubble wraps the token; its last piece is on the next line
    # OCR of large text splits an app token at every dash and inside its parts ("Xapp - 1-A01
    # JBFRQSB7 -4336778174678 - aadef 2dbff..."): the patterns' fixed parts bound the breaks
    max_breaks = 10
    fallback = (("xoxb-", 40, 70), ("xoxp-", 60, 100), ("xapp-", 80, 110))
    patterns = (
        re.compile(START + tolerant("xoxb") + _S + body(_D, 8, 13) + _S + body(_D, 8, 13) + _S + body(ALNUM, 24) + END),
        re.compile(START + tolerant("xoxp") + _S + (body(_D, 8, 13) + _S) * 3 + body(HEX, 32) + END),
        re.compile(START + tolerant("xapp") + _S + _D + _S + body(r"[A-Z0-9|]", 9, 12) + _S + body(_D, 8, 13) + _S
                   + body(HEX, 64) + END),
        re.compile(START + r"xox[abposer]-[A-Za-z0-9\-]{20,}" + END),
    )

    def extend(self, text: str, start: int, end: int) -> int:
        end = super().extend(text, start, end)
        if not compact(text[start:end])[:4].lower().startswith("xap"):
            return end
        # An app token ends in 64 hex glyphs. A wrapped piece of them that OCR made read like a
        # word ("Teebacl" for "7ee6ac1") still continues it: mostly hex, within the count.
        n = len(compact(text[start:end]).rsplit("-", 1)[-1])
        while n < 64 and (m := _PIECE.match(text, end)) is not None:
            piece = m.group(1)
            if n + len(piece) > 66 or sum(c in _HEX_GLYPHS for c in piece) < 0.8 * len(piece):
                break
            n += len(piece)
            end = m.end()
        return end
