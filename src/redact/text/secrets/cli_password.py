"""Passwords on command lines: ``curl -u user:pass``, ``mysql -pSECRET``, ``sshpass -p``,
``docker login -p``, ``--password=…``, ``openssl -passin pass:…``.

Span: the password only.
"""

from __future__ import annotations

import re

from redact.text._filters import is_code_reference
from redact.text.secrets._base import TokenDetector

_D = r"[-—–]"
_V = r"['\"]?(?P<s>[^\s'\"]+)"


class CliPasswordDetector(TokenDetector):
    name = "cli_password"
    entity_type = "PASSWORD"
    score = 0.9
    variable = True
    patterns = (
        re.compile(rf"\bcurl\b[^\n]*?\s(?:{_D}u|{_D}{_D}user)[ =]?['\"]?[^\s:'\"]+:[ ]?(?P<s>[^\s'\"]+)"),
        re.compile(rf"\b(?:mysql|mysqldump|mysqladmin|mariadb|mysqlsh)\b[^\n]*?\s{_D}p{_V}"),
        re.compile(rf"\bsshpass\s+(?:{_D}\w\s+\S+\s+)*{_D}p\s*{_V}"),
        re.compile(rf"\b(?:docker|podman|helm|buildah|skopeo|nerdctl)\s+(?:registry\s+)?login\b[^\n]*?\s"
                   rf"(?:{_D}p|{_D}{_D}password)[\s=]+{_V}"),
        re.compile(rf"(?<=\s){_D}{_D}pass(?:word|wd)?(?:=|\s+){_V}"),
        re.compile(rf"\s{_D}pass(?:in|out)?\s+pass:(?P<s>\S+)"),
    )

    def validate(self, value: str) -> bool:
        v = value.strip("'\"")
        return len(v) >= 3 and not v.startswith(("-", "$", "%")) and v != "stdin" and not is_code_reference(v)
