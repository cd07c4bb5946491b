"""Discord bot tokens (``<base64 user id>.<6>.<27-38>``) and Discord webhook URLs."""

from __future__ import annotations

import base64
import functools
import itertools
import re

from redact.text._ocr import B64URL, GAP, SPLIT, body, compact, repair, tolerant
from redact.text.secrets._base import TokenDetector, boundary_after as END, boundary_before as START

# "$" is how small text often reads an "S" (inside a three-part token it is no shell variable), "/"
# or "\\" an "l" or "7", "#" a glyph, "'" a stray mark (inside only: a closing quote ends the token)
_B64URL_OCR = r"(?:[A-Za-z0-9_\-—|)\]}$/\\#]|'(?=[A-Za-z0-9]))"
# a dot between the parts, or a space where OCR lost the dot (the part lengths still tell)
_DOT = SPLIT + r"[.,]{1,2}" + SPLIT + "|" + GAP  # (read twice now and then: "1sS8Qc..")
_CONTEXT = re.compile(r"(?i)discord|\bbot\b|token")


class DiscordTokenDetector(TokenDetector):
    name = "discord_token"
    entity_type = "DISCORD_TOKEN"
    score = 0.95
    guard_fragments = True
    # three parts and two dots, each a place where OCR splits: the pattern bounds the breaks
    max_breaks = 8
    # A token wrapped at a line's end leaves a short last part on the first line; the rest is
    # taken from the next one, as far as the whole token's length allows.
    variable = True
    length = (56, 74)
    patterns = (
        # 24 + 6 + 38 characters, one more in the first and last part when OCR doubles a glyph
        # ("NjM1" read as "NjJMI"); a glyph read as a bracket ("6)9yu", "JfVXT]") stays inside.
        # The middle part may lose or gain a glyph; the last may be cut short by a wrap (at least
        # 12 characters before it), or grow by a few glyphs, unsplit, where each "W" was read as "vi".
        # OCR may lose the second dot with no space left in its place ("afRNOFKIPn1Fnd"): the
        # first dot and the id check still make the format.
        re.compile(START + r"[MNO0]" + body(_B64URL_OCR, 23, 28) + f"(?:{_DOT})" + body(_B64URL_OCR, 5, 7)
                   + f"(?:{_DOT})?" + body(_B64URL_OCR, 12, 39) + rf"(?:(?<=\S{{6}}){_B64URL_OCR}{{1,5}})?" + END),
        # The first dot lost outright ("...Nzk5MQeleanK.bsRy..."): the id and the middle part run
        # together; the second dot and the id check (or context) still make the format.
        re.compile(START + r"[MNO0]" + _B64URL_OCR + "{28,35}" + SPLIT + r"[.,]{1,2}" + SPLIT
                   + body(_B64URL_OCR, 12, 39) + rf"(?:(?<=\S{{6}}){_B64URL_OCR}{{1,5}})?" + END),
        re.compile(tolerant("discord", spaces=False) + r"(?:app)?[.,]com/api/webhooks/[0-9]{15,20}/(?P<s>"
                   + body(B64URL, 60, 70) + ")" + END),
    )

    def accept(self, text: str, start: int, end: int) -> bool:
        value = text[start:end]
        if text[start - 1 : start] == "/":
            return True  # the secret path of a webhook URL
        # The first part is a base64 user id; when OCR damage breaks the decoding, context decides.
        return bool(_CONTEXT.search(text, max(0, start - 120), start)) or _id_decodes(value)


def _id_decodes(value: str) -> bool:
    """Whether the first part is base64 of a decimal user id, as OCR may have read it.

    Small text loses the case of look-alike letters ("NzAz" read as "NZAZ"), which breaks the
    decoding; each group of four characters is tried with those letters in either case. A glyph
    OCR misread beyond that ("2ODQ" read as "20D0") spoils its group, so two groups may fail;
    one it doubled or dropped shifts every group after it, so the part is also tried with each
    glyph taken out or doubled. A random string passes a group about once in ten thousand
    tries: four passing groups are still the format.
    """
    return any(_decodes(user_id) for user_id in _first_parts(value))


def _first_parts(value: str) -> list[str]:
    """The user id part: before the first dot, or, where OCR lost that dot, before a space."""
    head = value.replace(",", ".").split(".")[0]
    if 20 <= len(compact(head)) <= 29:
        return [compact(head)]
    if " " not in head and 29 < len(head) <= 36:
        return [head[:k] for k in range(24, 29)]  # the first dot lost: the id is the first 24-28
    pieces = head.split()
    prefixes = (compact("".join(pieces[:k])) for k in range(1, len(pieces)))
    return [p for p in prefixes if 20 <= len(p) <= 29]


def _decodes(user_id: str) -> bool:
    user_id = repair(user_id)
    if _digit_groups(user_id) >= _needed(user_id):
        return True
    variants = {user_id[:i] + user_id[i + 1 :] for i in range(len(user_id))}
    variants |= {user_id[:i] + user_id[i] + user_id[i:] for i in range(len(user_id))}
    if any(_digit_groups(v) >= _needed(v) for v in variants):
        return True
    if len(user_id) < 27:
        return False
    # two glyphs doubled in a long id ("NDkK3...NTcCxOA"): every pair taken out
    return any(_digit_groups(v) >= _needed(v)
               for i in range(len(user_id)) for j in range(i + 1, len(user_id))
               for v in (user_id[:i] + user_id[i + 1 : j] + user_id[j + 1 :],))


def _needed(user_id: str) -> int:
    groups = -(-len(user_id) // 4)
    return max(4, groups - 2)


def _digit_groups(user_id: str) -> int:
    return sum(_group_is_digits(user_id[i : i + 4]) for i in range(0, len(user_id), 4))


_EITHER_CASE = frozenset("CcJjKkOoPpSsUuVvWwXxYyZz")
_SAME_GLYPH = {"I": "Il1", "l": "lI1", "1": "1lI", "|": "lI1", "S": "S5s", "5": "5S", "O": "O0o", "0": "0O",
               "B": "B8", "8": "8B", "Z": "Z2z", "2": "2Z"}


@functools.lru_cache(maxsize=4096)
def _group_is_digits(group: str) -> bool:
    options = [
        _SAME_GLYPH.get(c, c + c.swapcase() if c in _EITHER_CASE else c) for c in group
    ]
    for chars in itertools.islice(itertools.product(*options), 256):
        candidate = "".join(chars)
        try:
            decoded = base64.urlsafe_b64decode(candidate + "=" * (-len(candidate) % 4))
        except ValueError:
            continue
        if decoded and decoded.isdigit():
            return True
    return False
