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
from redact.text._ocr import SYMBOL_GLYPHS, compact, looks_random

# OCR reads one of the five dashes as "+" now and then, and at HiDPI a run of them as "-_ = -—_="
_DASHES = r"(?:[-—–_~+=][ ]?){2,}"
_KIND = r"(?:(?:R[S5]A|D[S5]A|EC|[O0]PEN[S5]{2}H|ENCRYPTED|PGP|[S5]{2}H2)[ ]+)*"
_PRIV = r"PR[I1l|]VATE[ ]?KEY"
_BEGIN = re.compile(rf"{_DASHES}[B8][E3]G[I1l|]N[ ]+(?:{_KIND}{_PRIV}|(?:R[S5]A|D[S5]A|EC|[O0]PEN[S5]{{2}}H)[ ]+PR[I1l|]V|"
                    rf"[O0]PEN[S5]{{2}}H|PGP[ ]+PR[I1l|]V)[^\n]*")
_END = re.compile(rf"{_DASHES}[E3]?ND[ ]+{_KIND}{_PRIV}(?:[ ]+BL[O0]CK)?(?:[ ]?[-—–_~+=|])*")
_BODY = re.compile(r"[ \t]*(?:[A-Za-z0-9+/=|](?:[ ]?[A-Za-z0-9+/=|]){15,}|=[A-Za-z0-9+/]{4})[ \t]*\\?n?[\"',]*[ \t]*")
_HEADER = re.compile(r"[ \t]*(?:Proc-Type|DEK-Info|Version|Comment|Hash|Charset):[^\n]*|[ \t]*")
_DER_START = re.compile(r"[ \t]*(?:M[I1l|]{2}[A-Za-z0-9+/]|MHcCAQEE|b3BlbnNzaC1rZXktdjE|lQ[A-Za-z0-9+/]{2}|MC4CAQAw)")


class PrivateKeyDetector(Detector):
    name = "private_key"
    entity_type = "PRIVATE_KEY"

    def find(self, text: str) -> Iterator[Match]:
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
                yield self._up_to_end(text, lines, i, (ls + me.start(), ls + me.end()), used)
                continue
            if _DER_START.match(line) and _is_body(text, lines[i]):
                k = i
                while k + 1 < len(lines) and _is_body(text, lines[k + 1]):
                    k += 1
                if k - i + 1 >= 3:
                    used.update(range(i, k + 1))
                    yield Match(_lstrip(text, ls), _rstrip(text, ls, lines[k][1]), 0.8)
                    continue
            if _bare_body(text, lines[i]) and not _PUBLIC.search(text, lines[max(0, i - 3)][0], ls):
                last, n_long = _bare_run(text, lines, i)
                after = next((j for j in range(last + 1, len(lines)) if not _NOISE.fullmatch(text, *lines[j])), None)
                me = _END.search(text, *lines[after]) if after is not None else None
                if after is not None and me is not None:
                    # the END line takes these body lines with it, as one block: now, before a line
                    # further down that happens to open like a DER body ("MIl8...") claims the rest
                    yield self._up_to_end(text, lines, after, me.span(), used)
                    continue
                if n_long >= 2:
                    used.update(range(i, last + 1))
                    yield Match(_lstrip(text, ls), _rstrip(text, ls, lines[last][1]), 0.7)


    @staticmethod
    def _up_to_end(text: str, lines: list[tuple[int, int]], i: int, marker: tuple[int, int], used: set[int]) -> Match:
        """The body above the ``END`` marker on line ``i`` (at ``marker`` in ``text``), with the marker."""
        k, j = i, i - 1
        while j >= 0 and j not in used:  # up over the body, stepping over gutter numbers and stray glyphs
            if _is_body(text, lines[j], marked=True, between=True):
                k = j  # the line below is the key's: a body line or the END marker
            elif (_is_short_body(text, lines[j]) or _is_run(text[lines[j][0] : lines[j][1]].strip())) \
                    and _body_above(text, lines, j):
                k = j  # the remainder of a body line that a chat bubble or an editor wrapped
            elif not _NOISE.fullmatch(text, *lines[j]):
                break
            j -= 1
        used.update(range(k, i + 1))
        return Match(_lstrip(text, lines[k][0]) if k < i else marker[0], marker[1], 0.95)


_PUBLIC = re.compile(r"CERT[I1l|]F[I1l|]CATE|PUBL[I1l|]C[ ]?KEY")


def _bare_body(text: str, span: tuple[int, int], *, digits: int = 3) -> bool:
    """A line that can only be a slice of a base64 body: long, random, hardly split.

    Used for the middle of a key scrolled into view with neither marker on screen: two such lines
    in a row are taken (prose, which :func:`_is_body` also accepts, fails the mix of cases and digits).
    """
    line = text[span[0] : span[1]]
    pieces = line.split()
    if len(pieces) > 1 and pieces[0].isdigit() and len(pieces[0]) <= 5:
        pieces = pieces[1:]  # an editor's line number
    glyphs = "".join(pieces)
    # OCR splits a line of small text into up to eight pieces; prose has more, and shorter, words
    if len(glyphs) < 40 or len(pieces) > 8 or len(glyphs) < 8 * len(pieces) or "=" in glyphs.rstrip("="):
        return False
    if sum(c.isdigit() for c in glyphs) < digits or sum(c.isupper() for c in glyphs) < 3 or sum(c.islower() for c in glyphs) < 3:
        return False
    odd = [c for c in glyphs if c not in _B64_CHARS]
    return len(odd) <= 0.1 * len(glyphs) and not any(c in _NOT_BODY for c in odd)


def _bare_run(text: str, lines: list[tuple[int, int]], i: int) -> tuple[int, int]:
    """The last line of the body run starting at line ``i``, and how many full body lines it has.

    Stray glyphs between lines are stepped over, and so is the short remainder of a body line
    that a chat bubble or an editor wrapped ("v4fV5p"), and so is the rest of the run's last line
    when that line fills the width (:func:`_wrapped_tail`). The first line needs three digits to
    open a run (:func:`_bare_body`); a line going on with it, one.
    """
    last, n_long, prev = i, 1, i
    for j in range(i + 1, len(lines)):
        ls, le = lines[j]
        if _NOISE.fullmatch(text, ls, le):
            continue
        if _bare_body(text, lines[j], digits=1):
            n_long += 1  # (after a line that opened the run, one digit is enough)
        elif not (prev == last and _bare_body(text, lines[prev], digits=1)
                  and (_is_short_body(text, lines[j]) or _is_wrapped_rest(text, lines, j, bare=True))):
            break
        last = prev = j
    if _wrapped_tail(text, lines, list(range(i, last + 1)), last):
        last += 1  # the rest of the last full-width line on screen ("pkkquus")
    return last, n_long


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in text.split("\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


_NOT_BODY = frozenset(':"<>,;#')
_B64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


def _is_body(text: str, span: tuple[int, int], *, marked: bool = False, between: bool = False) -> bool:
    """A base64 body line, also as OCR reads one: a stray ``]``, ``}`` or double space in it.

    ``marked``: the line is next to a key's marker or body, where OCR reading a glyph as ``:``
    or ``,`` ("Xf/51:1.cpe") does not make a long random line a label. ``between``: the key goes
    on right below it too, where even a glyph read as a quote ("r2\"TmQ3") leaves a long,
    hardly split line of base64 a body line.
    """
    if span[1] <= span[0]:
        return False
    if _BODY.fullmatch(text, span[0], span[1]) is not None:
        return True
    line = text[span[0] : span[1]]
    glyphs = "".join(line.split())
    if len(glyphs) < 40 or "=" in glyphs.rstrip("="):
        return False  # an assignment (NAME=value) is not a body line
    odd = [c for c in glyphs if c not in _B64_CHARS]
    # OCR of small text turns a base64 glyph into a bracket, "$", "¥", "©" or an accented letter;
    # a label ("Name:") or a quoted value is not a body line
    if len(odd) > 0.1 * len(glyphs):
        return False
    foreign = [c for c in odd if c in _NOT_BODY]
    if not foreign:
        return True
    if between and len(foreign) <= 3 and len(line.split()) <= 8 and not _LABEL.match(line):
        return True
    return marked and len(foreign) <= 2 and not _LABEL.match(line) and not set(foreign) & set('"<>')


# "Name:" then a space or the line's end; a colon inside a run ("v4D:1nwdD") is a misread glyph
_LABEL = re.compile(r"[ \t]*[\w\-]+:(?=\s|$)")


def _body_above(text: str, lines: list[tuple[int, int]], j: int) -> bool:
    """Whether the nearest line above ``j`` that is not a stray glyph or number is a body line."""
    for i in range(j - 1, -1, -1):
        if not _NOISE.fullmatch(text, *lines[i]):
            return _is_body(text, lines[i], marked=True)
    return False


def _block_lines(text: str, lines: list[tuple[int, int]], i: int) -> list[int]:
    """Lines of the block whose ``BEGIN`` marker is on line ``i``, up to its ``END`` line.

    Besides full body lines, the block takes the short remainder of a body line wrapped by the
    editor ("diHNheMGh") and steps over one foreign line at a time: two panes side by side are
    read row by row, so the key's lines alternate with the other pane's. Foreign lines are not
    part of the block (the caller boxes each run of block lines on its own).
    """
    block, gap, header_ok, pending, noise = [i], 0, True, [], []
    for j in range(i + 1, min(len(lines), i + 200)):
        ls, le = lines[j]
        if _NOISE.fullmatch(text, ls, le):
            # an editor's empty line shows only its number, a chat bubble's tail or avatar reads as
            # a stray glyph or two: part of the block if the key goes on after it, else nothing
            noise.append(j)
            continue
        if _END.search(text, ls, le):
            block += sorted([*pending, *noise, j])
            pending = []
            break
        near = block[-1] >= j - 2 - len(noise)
        if (_is_body(text, lines[j], marked=True, between=near and _key_below(text, lines, j))
                or (near and _is_short_body(text, lines[j]))
                or (block[-1] == j - 1
                    and (_is_wrapped_rest(text, lines, j) or _wrapped_tail(text, lines, block, j - 1)))):
            block += sorted([*pending, *noise, j])
            gap, header_ok, pending, noise = 0, False, [], []
        elif header_ok and _HEADER.fullmatch(text, ls, le):
            # armour headers and the blank line after them belong to the block
            pending += [*noise, j]
            noise = []
            header_ok = text[ls:le].strip() != ""
        elif gap < 2:
            # another pane's line between two of the key's; two in a chat, where the next bubble
            # of the key comes after another participant's message
            gap, noise = gap + 1, []
        else:
            break
    # armour headers right after BEGIN are the block's even when no body line follows on screen
    block += [j for j in pending if text[lines[j][0] : lines[j][1]].strip()]
    last = max(block)
    if last > i and not _END.search(text, *lines[last]) and _wrapped_tail(text, lines, block, last):
        block.append(last + 1)
    return block


def _wrapped_tail(text: str, lines: list[tuple[int, int]], block: list[int], last: int) -> bool:
    """Whether the line after ``last`` is that line's wrapped rest, judged by widths alone.

    For the key's last line on screen, or one whose next line is no body line ("$ ls -la").

    A body line is wrapped only where it fills the width its block wraps at, and a key's last
    body line is usually shorter: so a short run ("teil", "70p", even "20") right after a line
    as long as the block's longest is its rest (down to one glyph: "9"), and after a shorter one
    it is whatever follows.
    """
    if last + 1 >= len(lines):
        return False
    tail = text[lines[last + 1][0] : lines[last + 1][1]].strip()
    if not _is_run(tail, single=True, between=" " in tail and any(map(looks_random, tail.split()))):
        return False  # (OCR may split the rest once, "ws 1fxfSly"; a name, "Alice Martin", is no rest)
    if tail.isdigit() and _GUTTER.match(text, *lines[last]):
        return False  # the next line's number in an editor's gutter
    widths = [len(compact(text[lines[j][0] : lines[j][1]])) for j in block if _is_body(text, lines[j], marked=True)]
    return len(widths) >= 2 and widths[-1] >= 40 and len(compact(text[lines[last][0] : lines[last][1]])) >= 0.9 * max(widths)


def _is_run(piece: str, *, between: bool = False, single: bool = False) -> bool:
    """Up to 17 glyphs of base64 as OCR reads them (an accented letter, a symbol, a bracket, "!",
    "@" or "#" for a plain one: "fhGZq7Ji¥xOS3", "Mmrddpy]", "[jxAMd5", "SDkqbté!", "@jl4EC",
    "AR#/QO89"), no space. ``between`` two body lines, one space ("0c849B+ Bar") and a glyph
    read as ";" or ":" ("P5K;", "X6E;VAFQ"); with ``single``, one glyph will do."""
    if between:
        piece = re.sub(r"[;:]", "", piece.replace(" ", "", 1), count=1)
    return (1 if single else 2) <= len(piece) <= 17 and all(c.isalnum() or c in _RUN_GLYPHS for c in piece)


_RUN_GLYPHS = "+/=|-@#()[]{}!" + SYMBOL_GLYPHS


def _is_wrapped_rest(text: str, lines: list[tuple[int, int]], j: int, *, bare: bool = False) -> bool:
    """A short base64 run between two body lines: the rest of the line above, wrapped by a bubble.

    Unlike :func:`_is_short_body` it need not look random ("vicr", "Xifir"), and OCR may have
    split it once: the body lines on both sides say what it is. A label (with punctuation) is
    not taken.
    """
    if not _is_run(text[lines[j][0] : lines[j][1]].strip(), between=True):
        return False
    after = _next_line(text, lines, j)
    if after is None:
        return False
    if _END.search(text, *lines[after]):
        return True  # the rest of the last body line, right above the END marker ("7D2j0tzWOjéd")
    return _bare_body(text, lines[after]) if bare else _is_body(text, lines[after], marked=True)


def _next_line(text: str, lines: list[tuple[int, int]], j: int) -> int | None:
    """Index of the first line after ``j`` that is not a stray glyph or a number, if any."""
    return next((k for k in range(j + 1, len(lines)) if not _NOISE.fullmatch(text, *lines[k])), None)


def _key_below(text: str, lines: list[tuple[int, int]], j: int) -> bool:
    """Whether the next line that is not a stray glyph is a body line or the END marker."""
    after = _next_line(text, lines, j)
    return after is not None and (_is_body(text, lines[after], marked=True) or bool(_END.search(text, *lines[after])))


_GUTTER = re.compile(r"[ \t]*\d{1,5}[ \t]")  # a line that opens with its number
_NOISE = re.compile(r"[ \t]*(?:\d{1,5}|\S{1,3})[ \t]*")  # a gutter number; a bubble's tail or avatar initials


# with the junk OCR makes of a glyph ("!" for "l", "$" for "S") and one split ("IEchAWcqGF 108C")
_SHORT = re.compile(r"[ \t]*([A-Za-z0-9+/=|\\\]})!$\-]{2,15}(?:[ ][A-Za-z0-9+/=|\\\]})!$\-]{1,15})?)[ \t]*")


def _is_short_body(text: str, span: tuple[int, int]) -> bool:
    m = _SHORT.fullmatch(text, span[0], span[1])
    # split: each piece on its own looks random (a name, "Chen Wei", does not)
    return m is not None and len(m.group(1)) <= 17 and all(looks_random(p) for p in m.group(1).split(" "))


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
