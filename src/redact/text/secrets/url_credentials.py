"""Passwords in URLs (``scheme://user:pass@host``) and connection strings (JDBC, ADO.NET, libpq).

Span: the password only; the user name and host stay readable.
"""

from __future__ import annotations

import re

from redact.text.secrets._base import TokenDetector

_CONN = re.compile(r"(?i)server\s*=|data\s+source\s*=|host\s*=|jdbc:|uid\s*=|user\s*id\s*=|database\s*=|"
                   r"initial\s+catalog\s*=|dbname\s*=|sslmode\s*=|port\s*=")


class UrlCredentialsDetector(TokenDetector):
    name = "url_credentials"
    entity_type = "URL_CREDENTIALS"
    score = 0.93
    max_breaks = 2
    patterns = (
        re.compile(r"(?i)\b[a-z][a-z0-9+.\-]{1,20}[:;][/|]{2,3}[ ]?[^\s:@/?#'\"<>]{1,64}[:;](?P<s>[^\s@/'\"<>]{1,128}"
                   r"(?:(?:[ ]|[ \t]*\n[ \t]*)[^\s@/'\"<>]{1,64}){0,2})"
                   r"[ ]?@[ ]?[\w\[\-]"),
        re.compile(r"(?i)(?:^|[;\s\"'?&])(?:password|pwd|passwd)\s*=\s*(?P<s>\{[^}\n]+\}|[^;&\s'\"]+)"),
    )

    def accept(self, text: str, start: int, end: int) -> bool:
        if text[start - 1] == ":" or text[start - 1] == ";" and "://" in text[max(0, start - 200):start]:
            return not text[start:end].isdigit()  # user:pass@host (a digits-only "password" is a port)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        return bool(_CONN.search(line))
