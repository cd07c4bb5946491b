"""Two-factor recovery / backup codes listed under a heading that names them.

Each code is its own span, so a grid of codes becomes one box per code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match
from redact.text._ocr import reads_as_word

_HEADING = re.compile(r"(?i)(?:recovery|backup|2fa|two[- ]factor|one[- ]time|emergency|scratch|"
                      r"verification)[ \t]+(?:codes?|keys?)")
# A group of a dashed code as OCR reads it: an accented letter, "¢", "@" or "#" for a glyph, "?" for a
# small "q" or "7", a bracket or "\" for a "j" ("12} vx", "Tgy5}", "]t7wx", "08\m4"), and a stray
# space inside ("7 cnw3"), "$" for an "s" ("$$722"), "+" for an "l" ("gxtp+"); it starts on a
# letter, digit, bracket, backslash ("67oh9-\jhfy"), "$" or an "@" made of a "0" ("@yh3d").
_GLYPH = r"(?:[^\W_]|[¢@©€?#\]})!|/\\$+])"
_FIRST = r"(?:[^\W_]|[\]})|@$\\])"
# 3-6 glyphs, or 7 in one run (OCR added two: "wfigwij"); a space never in a 7-glyph group,
# which would reach into the next code ("qu7au 16")
_GROUP = rf"(?:{_FIRST}{_GLYPH}{{6}}|{_FIRST}(?:[ ]?{_GLYPH}){{2,5}})"
# Codes sit apart, but OCR may read the gap between two as "_" ("zdr9a_fq7op") or a dash before
# one ("—hlgdt-diqn7"): neither is part of a code, nor a reason to drop it. A code's own dash may
# be read as "#" with the glyph before it ("kjkt#wgd76" for "kjktf-wgd76").
_CODE = re.compile(
    rf"(?<![^\W_])(?<![^\W_][\-—])(?:{_GROUP}[ ]?[-—–#][ ]?{_GROUP}(?:[-—–][a-zA-Z0-9]{{4,6}})?"
    # (nor does it end where a bracket and more glyphs follow: "5910u x) xdt" holds two codes; it
    # ends in a ")" OCR made of a "j" only after two glyphs or more: "j365)", never "u x)")
    r"|\d{4,5}[ ]\d{4,5}|[A-Za-z0-9]{8,12})(?<![ ][^\W_][)])(?<![\s\-—][)])(?![^\W_]|[\-—]|[)\]}][ ]?[^\W_]{2})"
)
_LINES_AFTER = 16
_YEAR = re.compile(r"(?:19|20)\d\d[-—–](?:19|20)?\d\d")
_DASHED = re.compile(r"[-—–]")


class RecoveryCodesDetector(Detector):
    name = "recovery_codes"
    entity_type = "RECOVERY_CODE"

    def find(self, text: str) -> Iterator[Match]:
        seen_end = 0
        for h in _HEADING.finditer(text):
            if h.end() < seen_end:
                continue
            stop = h.end()
            for _ in range(_LINES_AFTER + 1):
                nxt = text.find("\n", stop + 1)
                stop = len(text) if nxt < 0 else nxt
                if nxt < 0:
                    break
            seen_end = stop
            lines: list[list[re.Match[str]]] = []
            pos = h.end()
            while pos < stop:
                line_end = text.find("\n", pos + 1)
                line_end = stop if line_end < 0 or line_end > stop else line_end
                lines.append([m for m in _CODE.finditer(text, pos, line_end) if not _YEAR.fullmatch(m.group())])
                pos = line_end
            shapes = {_shape(m.group()) for line in lines for m in line if _has_digit(m.group())}
            list_shapes = shapes if sum(_has_digit(m.group()) for ln in lines for m in ln) >= 2 else set()
            for line in lines:
                yield from _line_codes(line, list_shapes)


def _has_digit(code: str) -> bool:
    return any(c.isdigit() for c in code)


def _shape(code: str) -> tuple[int, ...]:
    """Lengths of a code's dash-separated groups, OCR's spaces left out: (5, 5) for "abcde-f 1234"."""
    return tuple(len(g.replace(" ", "")) for g in _DASHED.split(code))


def _line_codes(found: list[re.Match[str]], list_shapes: set[tuple[int, ...]]) -> Iterator[Match]:
    """The codes on one line of the list: each with a digit, and dashed ones shaped like those.

    A random code without a digit is rare but OCR reads a code's "1" as "l" and "9" as "g"
    ("elasb-jlgug"); beside a code that kept its digits on the same line, or in a list with two
    such codes (OCR often reads a grid of codes one code per line), a dashed code with the same
    group lengths is still a code ("well-known" beside "ab12c-d3f4g" is not).
    """
    shapes = list_shapes | {_shape(m.group()) for m in found if _has_digit(m.group())}
    for m in found:
        code = m.group()
        if _DASHED.search(code):
            ok = _has_digit(code) or _near_shape(code, shapes)
        elif _has_digit(code) and (code.islower() or code.isupper() or code.isdigit()):
            ok = True  # an undashed code ("a1b2c3d4e5")
        else:
            ok = _lost_dash(code, m, found, shapes)
        if ok:
            yield Match(m.start(), m.end(), 0.85)


def _lost_dash(code: str, m: re.Match[str], found: list[re.Match[str]], shapes: set[tuple[int, ...]]) -> bool:
    """A dashed code whose dash OCR lost, its glyphs run together and its digits read as letters
    ("rijOfBjy" for "rljjl-0f5jy"): beside a code on its line, as long as a dashed code of the list
    give or take two glyphs, and holding no word."""
    beside = any(o is not m and _has_digit(o.group()) for o in found)
    sizes = {sum(s) for s in shapes if len(s) > 1}
    words = (r for r in re.findall(r"[A-Za-z]{4,}", code) if reads_as_word(r))  # ("Windows10")
    return beside and any(abs(len(code) - n) <= 2 for n in sizes) and next(words, None) is None


def _near_shape(code: str, shapes: set[tuple[int, ...]]) -> bool:
    """Shaped like a code of the list; a glyph more or fewer in a group ("jmagqr-ik]ji" beside
    5-5 codes) unless every group reads as a word ("well-known" is no code)."""
    shape = _shape(code)
    if shape in shapes:
        return True
    if all(reads_as_word(g.replace(" ", "")) for g in _DASHED.split(code)):
        return False
    return any(len(s) == len(shape) and sum(abs(a - b) for a, b in zip(s, shape)) <= 1 for s in shapes)
