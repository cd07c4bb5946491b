"""Slack bot, user and app tokens (``xoxb-``, ``xoxp-``, ``xapp-`` ...)."""

from __future__ import annotations

import re

from redact.text._ocr import ALNUM, HEX, SPLIT, body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_D = r"[0-9OoIl|SB]"
_S = SPLIT + r"[-—_]" + SPLIT


class SlackTokenDetector(TokenDetector):
    name = "slack_token"
    entity_type = "SLACK_TOKEN"
    score = 0.98
    variable = True  # a narrow chat bubble wraps the token; its last piece is on the next line
    # OCR of large text splits an app token at every dash and inside its parts ("Xapp - 1-A01
    # JBFRQSB7 -4336778174678 - aadef 2dbff..."): the patterns' fixed parts bound the breaks
    max_breaks = 10
    # App and user tokens end in hex: a wrapped piece of it that OCR made read like a word
    # ("Teebacl" for "7ee6ac1") still completes the token to its length
    tail_class = HEX
    fallback = (("xoxb-", 40, 70), ("xoxp-", 60, 100), ("xapp-", 80, 110))
    patterns = (
        # (the "o" of the prefix may be lost: "xxp-1587...", the digit groups still make the format)
        re.compile(START + f"(?:{tolerant('xoxb')}|xxb)" + _S + body(_D, 8, 13) + _S + body(_D, 8, 13) + _S
                   + body(ALNUM, 24) + END),
        re.compile(START + f"(?:{tolerant('xoxp')}|xxp)" + _S + (body(_D, 8, 13) + _S) * 3 + body(HEX, 32) + END),
        re.compile(START + tolerant("xapp") + _S + _D + _S + body(r"[A-Z0-9|]", 9, 12) + _S + body(_D, 8, 13) + _S
                   + body(HEX, 64) + END),
        re.compile(START + r"xox[abposer]-[A-Za-z0-9\-]{20,}" + END),
    )
