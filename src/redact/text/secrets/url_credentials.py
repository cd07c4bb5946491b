"""Passwords in URLs (``scheme://user:pass@host``) and connection strings (JDBC, ADO.NET, libpq).

A connection variable (``DATABASE_URL``, ``REDIS_DSN``) that holds no URL at all holds the
credential itself (a bare password or token pasted where the URL belongs); the whole value counts.

Span: the password only; the user name and host stay readable.
"""

from __future__ import annotations

import re

from redact.text._filters import is_placeholder, is_word_like
from redact.text._ocr import looks_random
from redact.text.secrets._base import TokenDetector

_CONN = re.compile(r"(?i)server\s*=|data\s+source\s*=|host\s*=|jdbc:|uid\s*=|user\s*id\s*=|database\s*=|"
                   r"initial\s+catalog\s*=|dbname\s*=|sslmode\s*=|port\s*=")


# OCR may split the variable name at its underscore ("DATABASE _URL").
_CONN_VAR = (r"(?:database|db|redis|mongo(?:db)?|postgres(?:ql)?|pg|mysql|amqp|rabbitmq|broker|cache|connection)"
             r"(?:[ ]?[_\-—][ ]?|[ ])(?:url|uri|dsn)")
_AFTER_VAR = re.compile(rf"(?i){_CONN_VAR}[ \t]*[=:][ \t]*[\"']?$")


class UrlCredentialsDetector(TokenDetector):
    name = "url_credentials"
    entity_type = "URL_CREDENTIALS"
    score = 0.93
    max_breaks = 2
    patterns = (
        # OCR puts spaces around the ':' and '//' of small text ("postgres ://app: pw@host"), and
        # reads the ':' before the password as "!" now and then ("default!Nbo7"), and a "J" opening
        # it as "|/" ("app:|/mmfpzH3b..."), a "V" inside it as "/" after a letter ("Bdw/Pwiu", never
        # after a port's digits), and the "@" as an accented letter or a symbol before a dotted host
        # ("...QqUD rédb. internal")
        re.compile(r"(?i)\b[a-z][a-z0-9+.\-]{1,20}[ ]?[:;][ ]?[/|]{2,3}[ ]?[^\s:@/?#'\"<>!]{1,64}[ ]?[:;!][ ]?"
                   r"(?P<s>(?:\|/)?[^\s@/'\"<>]{1,128}(?:(?<=[A-Za-z])/(?=[A-Za-z0-9])[^\s@/'\"<>]{1,64})?"
                   r"(?:(?:[ ]|[ \t]*\n[ \t]*)[^\s@/'\"<>]{1,64}){0,2})"
                   r"[ ]?(?:@|[éèêë©®](?=[ ]?[A-Za-z0-9\-]+[ ]?\.))[ ]?[\w\[\-]"),
        re.compile(r"(?i)(?:^|[;\s\"'?&])(?:password|pwd|passwd)\s*=\s*(?P<s>\{[^}\n]+\}|[^;&\s'\"]+)"),
        re.compile(rf"(?i)\b{_CONN_VAR}[ \t]*[=:][ \t]*[\"']?(?P<s>[^\s\"'/@:]{{6,128}})(?=[\"']?(?:\s|$))"),
    )

    def accept(self, text: str, start: int, end: int) -> bool:
        if _AFTER_VAR.search(text, max(0, start - 40), start):
            value = text[start:end]
            return looks_random(value) and not is_placeholder(value) and not is_word_like(value)
        before = text[max(0, start - 200):start].rstrip(" ")
        if before.endswith(":") or (before.endswith((";", "!")) and "//" in before):
            return not text[start:end].isdigit()  # user:pass@host (a digits-only "password" is a port)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        return bool(_CONN.search(line))
