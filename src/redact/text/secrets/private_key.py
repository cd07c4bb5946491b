"""PEM, OpenSSH and PGP private key blocks, also when only part of the block is on screen.

Span decision: the whole block, from the first dash of the ``BEGIN`` marker through the last
character of the ``END`` marker, every body line included (the key is the block, and a partial
body is still key material). Without an ``END`` line the block runs over the base64 body lines
that follow; without a ``BEGIN`` line it runs up from ``END`` over the body lines before it. A run
of three or more bare body lines that starts like a DER/OpenSSH/PGP private key also counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match
from redact.text._ocr import looks_random

_DASHES = r"[-—–_~]{2,}[ ]?"
_KIND = r"(?:(?:R[S5]A|D[S5]A|EC|[O0]PEN[S5]{2}H|ENCRYPTED|PGP|[S5]{2}H2)[ ]+)*"
_PRIV = r"PR[I1l|]VATE[ ]?KEY"
_BEGIN = re.compile(rf"{_DASHES}[B8][E3]G[I1l|]N[ ]+(?:{_KIND}{_PRIV}|(?:R[S5]A|D[S5]A|EC|[O0]PEN[S5]{{2}}H)[ ]+PR[I1l|]V|"
                    rf"[O0]PEN[S5]{{2}}H|PGP[ ]+PR[I1l|]V)[^\n]*")
_END = re.compile(rf"{_DASHES}[E3]ND[ ]+{_KIND}{_PRIV}(?:[ ]+BL[O0]CK)?[ ]?[-—–_~]*")
_BODY = re.compile(r"[ \t]*(?:[A-Za-z0-9+/=|](?:[ ]?[A-Za-z0-9+/=|]){15,}|=[A-Za-z0-9+/]{4})[ \t]*\\?n?[\"',]*[ \t]*")
_HEADER = re.compile(r"[ \t]*(?:Proc-Type|DEK-Info|Version|Comment|Hash|Charset):[^\n]*|[ \t]*")
_DER_START = re.compile(r"[ \t]*(?:M[I1l|]{2}[A-Za-z0-9+/]|MHcCAQEE|b3BlbnNzaC1rZXktdjE|lQ[A-Za-z0-9+/]{2}|MC4CAQAw)")


class PrivateKeyDetector(Detector):
    name = "private_key"
    entity_type = "PRIVATE_KEY"

    def find(self, text: str) -> Iterator[Match]:
        if "-" not in text and "—" not in text and "MII" not in text and "b3Blbn" not in text:
            return
        lines = _lines(text)
        used: set[int] = set()
        for i, (ls, le) in enumerate(lines):
            if i in used:
                continue
            line = text[ls:le]
            mb = _BEGIN.search(line)
            if mb:
                block = _block_lines(text, lines, i)
                used.update(block)
                for first, last in _runs(block):
                    start = ls + mb.start() if first == i else _lstrip(text, lines[first][0])
                    me = _END.search(text, lines[last][0], lines[last][1]) if last > i else None
                    end = me.end() if me else (lines[last][1] if last > i else ls + mb.end())
                    yield Match(start, _rstrip(text, start, end), 1.0)
                continue
            me = _END.search(line)
            if me:
                k = i
                while k - 1 >= 0 and (k - 1) not in used and _is_body(text, lines[k - 1]):
                    k -= 1
                used.update(range(k, i + 1))
                start = _lstrip(text, lines[k][0]) if k < i else ls + me.start()
                yield Match(start, ls + me.end(), 0.95)
                continue
            if _DER_START.match(line) and _is_body(text, lines[i]):
                k = i
                while k + 1 < len(lines) and _is_body(text, lines[k + 1]):
                    k += 1
                if k - i + 1 >= 3:
                    used.update(range(i, k + 1))
                    yield Match(_lstrip(text, ls), _rstrip(text, ls, lines[k][1]), 0.8)


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in text.split("\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


_OCR_JUNK = frozenset("[]{}()|!'`")  # what OCR makes of base64 glyphs in small text
_B64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


def _is_body(text: str, span: tuple[int, int]) -> bool:
    """A base64 body line, also as OCR reads one: a stray ``]``, ``}`` or double space in it."""
    if span[1] <= span[0]:
        return False
    if _BODY.fullmatch(text, span[0], span[1]) is not None:
        return True
    glyphs = "".join(text[span[0] : span[1]].split())
    if len(glyphs) < 40 or "=" in glyphs.rstrip("="):
        return False  # an assignment (NAME=value) is not a body line
    odd = [c for c in glyphs if c not in _B64_CHARS]
    return len(odd) <= 0.1 * len(glyphs) and all(c in _OCR_JUNK for c in odd)


def _block_lines(text: str, lines: list[tuple[int, int]], i: int) -> list[int]:
    """Lines of the block whose ``BEGIN`` marker is on line ``i``, up to its ``END`` line.

    Besides full body lines, the block takes the short remainder of a body line wrapped by the
    editor ("diHNheMGh") and steps over one foreign line at a time: two panes side by side are
    read row by row, so the key's lines alternate with the other pane's. Foreign lines are not
    part of the block (the caller boxes each run of block lines on its own).
    """
    block, gap, header_ok, pending = [i], 0, True, []
    for j in range(i + 1, min(len(lines), i + 200)):
        ls, le = lines[j]
        if _END.search(text, ls, le):
            block += [*pending, j]
            break
        if _is_body(text, lines[j]) or (block[-1] >= j - 2 and _is_short_body(text, lines[j])):
            block += [*pending, j]
            gap, header_ok, pending = 0, False, []
        elif header_ok and _HEADER.fullmatch(text, ls, le):
            pending.append(j)  # armour headers and the blank line after them belong to the block
            header_ok = text[ls:le].strip() != ""
        elif gap == 0:
            gap = 1  # another pane's line between two of the key's
        else:
            break
    return block


_SHORT = re.compile(r"[ \t]*([A-Za-z0-9+/=|]{2,15})[ \t]*")


def _is_short_body(text: str, span: tuple[int, int]) -> bool:
    m = _SHORT.fullmatch(text, span[0], span[1])
    return m is not None and looks_random(m.group(1))


def _runs(block: list[int]) -> list[tuple[int, int]]:
    """Consecutive line indices grouped as (first, last)."""
    out: list[tuple[int, int]] = []
    for j in block:
        if out and out[-1][1] == j - 1:
            out[-1] = (out[-1][0], j)
        else:
            out.append((j, j))
    return out


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1] in " \t\r":
        end -= 1
    return end


def _lstrip(text: str, start: int) -> int:
    while start < len(text) and text[start] in " \t":
        start += 1
    return start
