"""Passwords shown next to a label: a revealed password field (``Password   Tr0ub4dor&3``), a label
with the value on the next line (maybe after the field's Show/Hide toggle), or chat prose (``the wifi password is Sunny-Day-42``).

``Password: value`` with a separator is an assignment and belongs to ``password_assignment``.
"""

from __future__ import annotations

import re

from redact.text._filters import is_masked, is_placeholder, is_word_like
from redact.text.secrets._base import TokenDetector

_LABEL = r"(?:(?:new|current|old|confirm|wi-?fi|root|admin|account|master|vpn|db|database)[ \t]+)?" \
         r"(?:pass(?:word|wd|phrase|code)|passw0rd|passwort|mot de passe|contraseña|pin)"


# A revealed field's toggle or hint that OCR reads between the label and the value ("Password / Hide").
_TOGGLE = r"(?:[ \t]*(?:show|hide|reveal|forgot(?:[ \t]+password)?\??|required|optional)[ \t]*\r?\n)?"


class VisiblePasswordDetector(TokenDetector):
    name = "visible_password"
    entity_type = "PASSWORD"
    score = 0.85
    max_breaks = 0
    patterns = (
        re.compile(rf"(?im)^[ \t]*{_LABEL}[ \t]*(?:\t|[ ]{{2,}})(?P<s>\S+)"),
        re.compile(rf"(?im)^[ \t]*{_LABEL}[ \t]*:?[ \t]*\r?\n{_TOGGLE}[ \t]*(?P<s>\S+)[ \t]*$"),
        re.compile(rf"(?i)\b{_LABEL}[ \t]+(?:is|was|=|->|→)[ \t]+[\"'“]?(?P<s>[^\s\"'”]+?)[\"'”]?(?=[.,)]?(?:\s|$))"),
    )

    def validate(self, value: str) -> bool:
        if len(value) < 6 or is_placeholder(value) or is_masked(value) or is_word_like(value):
            return False
        has_digit = any(c.isdigit() for c in value)
        has_symbol = any(not c.isalnum() for c in value)
        has_mixed = any(c.isupper() for c in value[1:]) and any(c.islower() for c in value)
        return has_digit or has_symbol or has_mixed
