"""JSON Web Tokens: three base64url parts whose header and payload decode to JSON objects.

OCR damage (``l`` read as ``I``) garbles a byte or two of the decoded JSON, so the structural check
accepts a header that decodes to something starting with ``{`` and holding ``":``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re

from redact.text._ocr import GAP, LINE_BREAK, SHORT_WORDS, SPLIT, SYMBOL_GLYPHS, compact, looks_random, repair, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START

# OCR reads a "J" or "l" in small text as ")", "]", "[", "}" or "!", and now and then a glyph as "#"
# ("M] Ay #Q"), an "I" as "\\", an "S" as "$", others as "(", "{", "/", "®", "©", "¢": allowed inside a
# part, where the two "eyJ" openings already make the match specific.
_CH = rf"[A-Za-z0-9_\-—|(){{}}\[\]!#\\$/{SYMBOL_GLYPHS}]"
# A ";", ":" or "'" (or a curly one) OCR made of a glyph sits between two runs ("CA;aliFOI", "Qw'ind",
# "kpXV‘CJ9"), never at a part's end, so a statement's closing ";" and a closing quote stay out of
# the span.
# So does a dot OCR put inside a part, a few glyphs before its real end ("kpXVC.J9.eyJza...").
_RUN = _CH + r"+(?:(?:[;:'‘’]|\.(?=[A-Za-z0-9]{1,3}[.,]))" + _CH + "+){0,3}"
# ...and one may end a run where OCR split the part after it ("XNZAON; gOMjA2fQ"): more of the part follows
_PART = _RUN + "(?:[;:]?" + GAP + _RUN + "){0,12}"
_DOT = SPLIT + r"[.,]{1,2}" + SPLIT  # OCR doubles a dot now and then


# Signature lengths in base64url: HMAC-SHA256, -384, -512 and ECDSA P-256/P-384 (64 and 96 bytes),
# RSA with 2048-, 3072- and 4096-bit keys
_SIGNATURE_SIZES = (43, 64, 86, 128, 342, 512, 683)
_NEXT_PIECE = re.compile(r"(?:[ \t]{1,2}|[ \t]*\r?\n[ \t]*)([A-Za-z0-9_\-|]{1,12})(?![^\s.,;:!?\"')\]])")


def _signature_rest(text: str, start: int, end: int) -> int:
    """``end`` moved over the last glyphs of the signature when OCR split them off.

    A signature has one of a few lengths: when it is short of one and the next few pieces (after
    spaces, over at most two wraps) bring it to that length, give or take the glyph OCR adds or
    drops, they are its end ("Nf-" in "...EJWOZ" / "Nf- instead?", "...9a9s -f - PWk" / "bwrwfbYo1_").
    A signature already of a size keeps its end, but for a glyph or two wrapped alone that keep
    it one (OCR added a glyph before: "NZ2WhTE..." for "NzWhTE...", 42 glyphs, then "du" / "please").
    A short word of prose is never taken.
    """
    head, dot, signature = text[start:end].rpartition(".")
    if not dot:
        return end
    n = len(compact(signature))
    if _of_a_size(n):
        m = _NEXT_PIECE.match(text, end)
        wrapped_stub = (m is not None and "\n" in text[end : m.start(1)] and len(m.group(1)) <= 2
                        and m.group(1).lower() not in SHORT_WORDS and _of_a_size(n + len(m.group(1))))
        return m.end(1) if wrapped_stub else end
    pos, wraps = end, 0
    for _ in range(4):
        m = _NEXT_PIECE.match(text, pos)
        if m is None or m.group(1).lower() in SHORT_WORDS:
            return end
        wraps += "\n" in text[pos : m.start(1)]
        n += len(m.group(1))
        if wraps > 2 or n > _SIGNATURE_SIZES[-1] + 1:
            return end
        if _of_a_size(n):
            return m.end(1)
        pos = m.end(1)
    return end


def _of_a_size(n: int) -> bool:
    """Whether ``n`` glyphs are a signature's length, give or take the one OCR adds or drops."""
    return any(abs(n - size) <= 1 for size in _SIGNATURE_SIZES)


_SEMI_SPLIT = re.compile(r"[;:][ ]([A-Za-z0-9_\-]{8,})(?![=:])")
_OPENS = re.compile(r"ey[Jj)\]}|lI1]")  # "eyJ" with the J as OCR reads it ("|" was made "l" above)
# The header as it nearly always opens, base64 of '{"alg' or '{"typ', with the J lost ("eyhbGci")
_HEADER_OPENS = "|".join(["ey" + tolerant("hbGci", spaces=False), "ey" + tolerant("0eXAi", spaces=False)])


class JwtDetector(TokenDetector):
    name = "jwt"
    entity_type = "JWT"
    score = 0.97
    variable = True
    # a long token in small text: OCR inserts a space every few dozen characters, and in a split
    # reading of a monospace terminal every few glyphs ("ey JhbGci... og kpXVCJ9 . ey JZdWIi0i ...")
    max_breaks = 20
    patterns = (
        # the payload's "J" may be lost ("eyzdWI..."): the header's "eyJ" and the dots still hold
        # and the dot before the signature may be lost where a bubble wrapped the token at it
        re.compile(START + f"(?:{tolerant('eyJ')}|{_HEADER_OPENS})" + SPLIT + _PART + _DOT + tolerant("ey")
                   + f"(?:{tolerant('J')})?" + SPLIT + _PART + rf"(?:{_DOT}|{LINE_BREAK}(?=[A-Za-z0-9_\-]{{16}}))" + "(?:" + _RUN + ")?" + END),
    )

    def extend(self, text: str, start: int, end: int) -> int:
        # a "j" of the signature read as ";" with a space after it ("vFOPE1; FwK_3ABz...") splits
        # the part: a long random run after it is still the signature
        end = super().extend(text, start, end)
        while (m := _SEMI_SPLIT.match(text, end)) is not None and looks_random(m.group(1)):
            end = super().extend(text, start, m.end())
        return _signature_rest(text, start, end)

    def validate(self, value: str) -> bool:
        # Two dot-separated parts that both open with "eyJ" (base64 of '{"') are a JWT on their
        # own; the JSON check below only matters when OCR left the text clean enough to decode.
        # OCR of small text (1/l, 0/O, inserted spaces) garbles the base64 of long tokens, and a
        # failed decode must not let a session token through.
        parts = re.split(r"\.+", repair(value).replace("|", "l"))
        if len(parts) == 2 and "\n" in value.rstrip():
            # the signature's dot lost at a wrap: the payload ends at the last line break
            head, _, tail = value.rstrip().rpartition("\n")
            parts = [*re.split(r"\.+", repair(head).replace("|", "l")), repair(tail)]
        # a dot OCR added inside the header splits it: the payload is the next part opening "ey"
        at = next((i for i in range(1, len(parts) - 1) if compact(parts[i])[:2].lower() == "ey"), None)
        if at is None:
            return False
        header, payload = "".join(parts[:at]), parts[at]
        if _is_json_object(header) and _is_json_object(payload):
            return True
        payload = compact(payload)
        return bool(_OPENS.match(compact(header)) or re.match(_HEADER_OPENS, compact(header))) and len(payload) >= 16


def _is_json_object(part: str) -> bool:
    part = compact(part)
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        return False
    try:
        return isinstance(json.loads(raw), dict)
    except ValueError:
        # OCR damage garbles a few bytes: still a JSON object if it starts like one and reads as text.
        printable = sum(32 <= b < 127 for b in raw) / max(1, len(raw))
        return raw.startswith(b'{"') and raw.count(b'"') >= 3 and printable >= 0.8
