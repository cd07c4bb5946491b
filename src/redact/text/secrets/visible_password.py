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


# a function call in code, its argument a name: "getpass(prompt", "os.environ.get(key"
_CALL = re.compile(r"[a-z_][a-z_.]*\([A-Za-z_]*\)?")


class VisiblePasswordDetector(TokenDetector):
    name = "visible_password"
    entity_type = "PASSWORD"
    score = 0.85
    # OCR splits a password ("Summer 2024!", "dragon fly_88", even "dragon fly 88"): two spaces
    # inside the value on its own line, and random-looking pieces after the first one elsewhere
    variable = True
    max_breaks = 2
    patterns = (
        re.compile(rf"(?im)^[ \t]*{_LABEL}[ \t]*(?:\t|[ ]{{2,}})(?P<s>\S+)"),
        # (in an editor the value's line opens with its number, and the label's number may have
        # been read as a line of its own after the label)
        re.compile(rf"(?im)^[ \t]*{_LABEL}[ \t]*:?[ \t]*\r?\n{_TOGGLE}(?:[ \t]*\d{{1,5}}[ \t]*\r?\n)?"
                   rf"[ \t]*(?:\d{{1,5}}[ \t]+)?(?P<s>\S+(?:[ ]\S+){{0,2}})[ \t]*$"),
        re.compile(rf"(?i)\b{_LABEL}[ \t]+(?:is|was|=|->|→)[ \t]+[\"'“]?(?P<s>[^\s\"'”]+?)[\"'”]?(?=[.,)]?(?:\s|$))"),
        # a revealed field whose toggle follows on the line (or was read as the next one), the gap
        # before the value read as one space
        re.compile(rf"(?im)^[ \t]*{_LABEL}[ \t]+(?P<s>\S+)(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?:show|hide)\b"),
    )

    def validate(self, value: str) -> bool:
        pieces = value.split()
        value = "".join(pieces)
        if len(value) < 6 or is_placeholder(value) or is_masked(value) or all(is_word_like(p) for p in pieces):
            return False
        if _CALL.fullmatch(value):
            return False  # code: "password = getpass(prompt)"
        has_digit = any(c.isdigit() for c in value)
        has_symbol = any(not c.isalnum() for c in value)
        has_mixed = any(c.isupper() for c in value[1:]) and any(c.islower() for c in value)
        return has_digit or has_symbol or has_mixed
