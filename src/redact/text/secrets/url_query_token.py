"""Tokens in URL query strings: ``?access_token=…``, ``&sig=…``, ``&client_secret=…`` and friends.

Span: the parameter value.
"""

from __future__ import annotations

import re

from redact.text._filters import is_timestamp, is_version
from redact.text._ocr import SHORT_WORDS, SPLIT, compact, looks_random, reads_as_word, tolerant
from redact.text.secrets._base import TokenDetector

_NAMES = ("access_token", "id_token", "refresh_token", "auth_token", "token", "code", "sig", "signature", "key",
          "api_key", "apikey", "client_secret", "secret", "password", "passwd", "pwd", "auth", "sessionid",
          "session_id", "X-Amz-Signature", "X-Amz-Security-Token", "X-Amz-Credential", "X-Goog-Signature",
          "X-Goog-Credential", "jwt", "ticket")
# A name as OCR reads it: "s 1g" for "sig", "$ig"; the name is what makes the value a secret.
_NAME = "|".join(tolerant(n) for n in sorted(_NAMES, key=len, reverse=True)).replace("[s5S]", "[s5S$]")
# A URL has no spaces: pieces after the value that run straight into the next parameter
# ("G&state=xyz", "YS1bV Loze&libraries=") are the value's tail that OCR split or the UI wrapped,
# however short or word-like they are.
_TAIL = re.compile(r"(?:(?:[ \t]{1,2}|[ \t]*\r?\n[ \t]*)[^\s&#\"'<>=]{1,40}){1,3}(?=&[\w\-]+=)")
# The same with the "&" misread as a letter ("bmWaGlibraries=", "xzSHistate="): the pieces run
# straight into the next "="; the next parameter's name goes with the value, the "&" that would
# tell where it starts being lost. Not a name in capitals at a line's start ("\nDEBUG="): an env
# file's next setting.
_RUN_ON = re.compile(r"(?:(?:[ \t]{1,2}|[ \t]*\r?\n[ \t]*)[^\s&#\"'<>=]{1,40}){1,3}(?==)")


# The URL's last glyphs wrapped onto the next line: alone there (two or three glyphs that are no
# short word: "lka"), or glued by OCR to the protocol of a request line ("ZHTTP/1.1")
_WRAPPED_END = re.compile(r"[ \t]*\r?\n[ \t]*(?:([A-Za-z0-9_\-]{1,3})(?=HTTP/\d)|([A-Za-z0-9_\-]{2,3})[ \t]*(?:\r?\n|$))")
_LONG_URL_LINE = 60  # glyphs: a line a chat bubble or a terminal wraps


def _url_tail(text: str, end: int) -> int:
    """``end`` moved over the wrapped end of a URL whose line is long enough to have wrapped."""
    m = _WRAPPED_END.match(text, end)
    if m is None or end - (text.rfind("\n", 0, end) + 1) < _LONG_URL_LINE:
        return end
    glued, alone = m.group(1), m.group(2)
    return m.end(1) if glued is not None else end if alone.lower() in SHORT_WORDS else m.end(2)


class UrlQueryTokenDetector(TokenDetector):
    name = "url_query_token"
    entity_type = "URL_CREDENTIALS"
    score = 0.88
    variable = True
    # The value may start with a piece as short as one glyph: OCR splits "code=g -hDXfA15..."; a
    # chat bubble or terminal wraps the URL anywhere, also right before or after the "=".
    # A quote right after the "=" is a glyph OCR split ('code="inig...' for "code=Wnig..."): kept.
    # OCR may put a space after the "?" ("callback? code=...").
    patterns = (re.compile(rf"(?i)[?&#;][ ]?(?:{_NAME}){SPLIT}={SPLIT}(?P<s>[\"'“‘]?[^&\s#\"'<>]+)"),)

    def extend(self, text: str, start: int, end: int) -> int:
        end = super().extend(text, start, end)
        m = _TAIL.match(text, end)
        if m is None and not text[end : end + 1] == "=":
            m = _RUN_ON.match(text, end)
            pieces = m.group().split() if m is not None else []
            if pieces and (not any(c.islower() for c in pieces[-1]) or any(map(reads_as_word, pieces[:-1]))):
                m = None  # (nor over words between: another column's "Alice Martin" read in between)
        return m.end() if m else _url_tail(text, end)

    def accept(self, text: str, start: int, end: int) -> bool:
        # after a wrap right behind "=", the next line must start like a token, not like a word
        gap = text[max(0, start - 8) : start]
        if "\n" in gap[gap.rfind("=") + 1 :] and not looks_random(text[start:end].split()[0]):
            return False
        return self.validate(text[start:end])

    def validate(self, value: str) -> bool:
        value = compact(value)
        if len(value) < 6:
            return False
        if is_timestamp(value) or is_version(value):
            return False
        if value.isdigit() and len(value) < 10:
            return False
        return not re.fullmatch(r"[a-z]+(?:[-_][a-z]+)*", value)  # code=authorization_code, key=value_name
