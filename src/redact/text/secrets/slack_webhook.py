"""Slack incoming-webhook URLs; the span is the secret path ``T…/B…/…``."""

from __future__ import annotations

import re

from redact.text._ocr import ALNUM, SPLIT, body, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START


_HOST = tolerant("hooks.slack.com/", spaces=False)
_U = r"[A-Z0-9|]"
_SL = r"[/|]" + SPLIT


class SlackWebhookDetector(TokenDetector):
    name = "slack_webhook"
    entity_type = "SLACK_WEBHOOK"
    score = 0.98
    patterns = (
        re.compile(_HOST + r"(?:services|workflows|triggers)" + _SL + r"(?P<s>T" + body(_U, 8, 12) + _SL + "B"
                   + body(_U, 8, 12) + _SL + body(ALNUM, 24) + ")" + END),
    )
