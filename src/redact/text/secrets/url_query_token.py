"""Tokens in URL query strings: ``?access_token=…``, ``&sig=…``, ``&client_secret=…`` and friends.

Span: the parameter value.
"""

from __future__ import annotations

import re

from redact.text._filters import is_timestamp, is_version
from redact.text._ocr import compact
from redact.text.secrets._base import TokenDetector

_NAMES = (r"access_token|id_token|refresh_token|auth_token|token|code|[s$]ig|signature|key|api_key|apikey|"
          r"client_secret|secret|password|passwd|pwd|auth|sessionid|session_id|X-Amz-Signature|"
          r"X-Amz-Security-Token|X-Amz-Credential|X-Goog-Signature|X-Goog-Credential|jwt|ticket")


class UrlQueryTokenDetector(TokenDetector):
    name = "url_query_token"
    entity_type = "URL_CREDENTIALS"
    score = 0.88
    variable = True
    # The value may start with a piece as short as one glyph: OCR splits "code=g -hDXfA15..."
    patterns = (re.compile(rf"(?i)[?&#;](?:{_NAMES})=(?P<s>[^&\s#\"'<>]+)"),)

    def validate(self, value: str) -> bool:
        value = compact(value)
        if len(value) < 6:
            return False
        if is_timestamp(value) or is_version(value):
            return False
        if value.isdigit() and len(value) < 10:
            return False
        return not re.fullmatch(r"[a-z]+(?:[-_][a-z]+)*", value)  # code=authorization_code, key=value_name
