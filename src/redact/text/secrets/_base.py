"""The pattern-driven base most secret detectors share.

A subclass lists compiled ``patterns`` (the secret is the named group ``s``, or the whole match),
a ``score``, and optionally a ``context`` regex that must appear near the match, then adds a
``validate`` hook when the format has a structural check. Everything else (OCR fragment
handling, placeholder and mask filters, de-duplication within the detector) lives here once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar

from redact.text._detector import Detector
from redact.text._filters import is_masked, is_placeholder
from redact.text._model import Match
from redact.text._ocr import (
    AT_IN_TOKEN,
    SHORT_WORDS,
    SPLIT,
    SYMBOL_GLYPHS,
    compact,
    extend_fragments,
    gutter_tail,
    looks_random,
    reads_as_word,
    tolerant,
)

__all__ = ["TokenDetector", "boundary_after", "boundary_before"]

#: Lookarounds for token edges (OCR may have read ``-``/``_`` as ``—``).
boundary_before = r"(?<![A-Za-z0-9_\-—])"
boundary_after = r"(?![A-Za-z0-9_\-—])"

_BREAK = re.compile(r"\s+")
# "¢©®€¥£§" as hex letters that are consonants: a hex body still takes them, a run of them stays
# vowel-less ("r¥q"), and a base64 class takes any letter
_AS_LETTERS = str.maketrans(SYMBOL_GLYPHS, "ccdcbfd")
_SYMBOL = re.compile(f"[{SYMBOL_GLYPHS}]")


@lru_cache(maxsize=4)
def _as_letters(text: str) -> str:
    """``text`` with :data:`_AS_LETTERS` applied; once per text for all detectors, and only
    where a symbol is there to replace (``str.translate`` costs about 5 ms on 60 kB)."""
    return text.translate(_AS_LETTERS) if _SYMBOL.search(text) else text


class TokenDetector(Detector):
    """Finds tokens by pattern, with optional context, extension and validation."""

    patterns: ClassVar[tuple[re.Pattern[str], ...]] = ()
    score: ClassVar[float] = 0.95
    #: If set, must match within ``window`` characters before (or ``after`` characters after).
    context: ClassVar[re.Pattern[str] | None] = None
    window: ClassVar[int] = 80
    after: ClassVar[int] = 0
    #: Variable-length tokens: absorb following OCR fragments that look random.
    variable: ClassVar[bool] = False
    #: At most this many whitespace breaks inside one value (OCR splits and wraps).
    max_breaks: ClassVar[int] = 4
    #: For prefix-less formats: reject a split value when a later fragment reads like a word.
    guard_fragments: ClassVar[bool] = False
    #: Second pass for formats with a distinctive prefix: ``(prefix, min length, max length)``, the
    #: lengths counted with the prefix and without OCR's spaces. In a long token OCR drops, doubles
    #: or splits a glyph often enough that the exact pattern misses it (one in five 64-character
    #: bodies on small text); the prefix followed by token pieces of about the right length is
    #: still the format. Runs after the patterns, on what they left; lazily compiled, idempotent.
    fallback: ClassVar[tuple[tuple[str, int, int], ...]] = ()
    fallback_penalty: ClassVar[float] = 0.05
    #: Fixed-size formats: ``(min, max)`` length of a whole token without OCR's spaces, drift of a
    #: few glyphs allowed. A ``variable`` match shorter than ``min`` was cut short by OCR (a piece
    #: read as a CLI flag, a wrapped tail too short to look random, a line number alone on its
    #: line between wrapped pieces, more splits than the fragment limit); it then takes further
    #: pieces, word-like ones excepted, as long as that brings it within the range.
    length: ClassVar[tuple[int, int] | None] = None
    #: A regex class of the glyphs the body ends in (a hex tail): a piece of those, four in five,
    #: completes a short token even when it reads as a word ("Teebacl" for "7ee6ac1").
    tail_class: ClassVar[str | None] = None

    def validate(self, value: str) -> bool:
        """Structural check on the matched value (whitespace included); override per format."""
        return True

    def extend(self, text: str, start: int, end: int) -> int:
        """End of a ``variable`` match after absorbing the OCR fragments that continue it.

        Override when the format itself says where a value ends (a query value runs to "&").
        """
        # a glyph read as "(" or "$" may sit inside a later piece too: glue and fragments alternate
        for _ in range(4):
            before = end
            end = extend_fragments(text, _glued(text, end), start=start, max_fragments=16, max_wraps=4)
            if end == before:
                break
        bounds = self.whole_length(text[start:end])
        if bounds:
            completed = _complete(text, start, end, *bounds, tail_class=self.tail_class)
            if completed > end:
                # the token goes on after the stretch that completed it ("lwuty LXY btRs6")
                more = extend_fragments(text, _glued(text, completed), start=start, max_fragments=16, max_wraps=4)
                end = more if len(compact(text[start:more])) <= bounds[1] else completed
        return _quoted_rest(text, start, end)

    def whole_length(self, value: str) -> tuple[int, int] | None:
        """:attr:`length` for this value, else the :attr:`fallback` lengths of its prefix; override
        when it depends on the prefix otherwise."""
        if self.length is not None:
            return self.length
        _fallback_pattern(type(self))  # compiles the prefixes
        return next(((lo, hi) for p, lo, hi in self.fallback if _PREFIX_RES[p].match(value)), None)

    def accept(self, text: str, start: int, end: int) -> bool:
        """Final say on a candidate; defaults to :meth:`validate` on the value."""
        return self.validate(text[start:end])

    def find(self, text: str) -> Iterator[Match]:
        # a symbol OCR made of a token's letter is read as that letter, glyph for glyph (offsets
        # hold): every pattern's class then takes "Trj¥pB6" as it takes "TrjypB6"
        text = _as_letters(text)
        taken: list[tuple[int, int]] = []
        windows = self._windows(text)
        for pattern in self.patterns:
            for ws, we in windows:
                # Unlike ``finditer``, a match that fails the checks does not hide the ones that
                # begin inside it: a pattern whose body may cross lines can take a run of names
                # above a token for its first part ("Okafor / Chen Wei / can you try with /
                # NzAONTA..."), fail, and must not swallow the token itself.
                pos = ws
                while (m := pattern.search(text, pos, we)) is not None:
                    found = self._vet(text, m, taken)
                    if found is None:
                        pos = m.start() + 1
                        continue
                    taken.append((found.start, found.end))
                    yield found
                    pos = max(m.end(), m.start() + 1)
        if self.fallback:
            yield from self._fallback(text, taken)

    def _vet(self, text: str, m: re.Match[str], taken: list[tuple[int, int]]) -> Match | None:
        """The finding a pattern's match makes, after extension and every check; None if it fails one."""
        start, end = m.span("s") if "s" in m.re.groupindex else m.span()
        if start < 0 or start == end or any(s <= start < e for s, e in taken):
            return None  # (inside a finding already made: no extension is worth running for it)
        if len(_BREAK.findall(text, start, end)) > self.max_breaks:
            return None
        if self.variable:
            # breaks absorbed here are vetted piece by piece, so they do not count above
            end = self.extend(text, start, end)
        value = text[start:end]
        if self.guard_fragments and _has_word_fragment(value):
            return None
        if is_masked(value) or _placeholder(value):
            return None
        if self.context is not None and not self._in_context(text, start, end):
            return None
        if not self.accept(text, start, end) or any(s < end and start < e for s, e in taken):
            return None
        return Match(start, end, self.score)

    def _fallback(self, text: str, taken: list[tuple[int, int]]) -> Iterator[Match]:
        pattern = _fallback_pattern(type(self))
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken) or is_masked(m.group()):
                continue  # (masked as read, before pieces of the next line join it: "AKIA..5125")
            end = self.extend(text, start, end)
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            value = text[start:end]
            lo, hi = next(((lo, hi) for p, lo, hi in self.fallback if _PREFIX_RES[p].match(value)), (1, 0))
            if not lo <= len(compact(value)) <= hi or is_masked(value) or _placeholder(value):
                continue
            if self.context is not None and not self._in_context(text, start, end):
                continue
            taken.append((start, end))
            yield Match(start, end, self.score - self.fallback_penalty)

    def _windows(self, text: str) -> list[tuple[int, int]]:
        """Where to run the patterns: everywhere, or (for before-context only) just after each keyword."""
        if self.context is None or self.after:
            return [(0, len(text))]
        out: list[tuple[int, int]] = []
        for c in self.context.finditer(text):
            ws, we = c.end(), min(len(text), c.end() + self.window + 400)
            if out and ws <= out[-1][1]:
                out[-1] = (out[-1][0], we)
            else:
                out.append((ws, we))
        return out

    def _in_context(self, text: str, start: int, end: int) -> bool:
        assert self.context is not None
        if self.context.search(text, max(0, start - self.window), start):
            return True
        return bool(self.after) and bool(self.context.search(text, end, end + self.after))


# \w: OCR turns a glyph of a token into an accented letter now and then ("r6" -> "ré"); and
# brackets for "J" or "l" inside, "¢" for "c", "?" for "7" (one at the end is trimmed as punctuation)
_TOKEN_CHARS = rf"(?:[\w\-—|+/.~()\]{{}}!?$%{SYMBOL_GLYPHS}]|{AT_IN_TOKEN})"
_TRAILING = ".,;:!?)]}"
_PREFIX_RES: dict[str, re.Pattern[str]] = {}
_FALLBACKS: dict[type, re.Pattern[str]] = {}


def _fallback_pattern(cls: type[TokenDetector]) -> re.Pattern[str]:
    """One regex for a class's fallback prefixes: the prefix as OCR reads it, then token characters."""
    pattern = _FALLBACKS.get(cls)
    if pattern is None:
        for prefix, _, _ in cls.fallback:
            _PREFIX_RES.setdefault(prefix, re.compile(tolerant(prefix)))
        alternatives = "|".join(tolerant(prefix) for prefix, _, _ in cls.fallback)
        pattern = re.compile(boundary_before + f"(?:{alternatives})" + SPLIT + _TOKEN_CHARS + "+")
        _FALLBACKS[cls] = pattern
    return pattern


# OCR of small text reads a glyph of a token as a bracket or a symbol ("Qo0]8v1" for "Qoj8v1", "30r[tlf",
# "58¢24" for "58c24", "IrL\VzZ"), or adds a dot ("f1.45" for "f145"):
# with no space around it, what follows is still the token.
# An "&" OCR made of an "8" ("pn&tXyMQ") is glued too, unless a query parameter's name follows ("&x=1");
# so are an accented letter ("zé6bG"), a stray mark ("Kp2V'sxq", "55d‘pbsv", "UOmnt\"8SODT": an "M"
# read as a double quote, "8Mfg“UdTA"), a "/" ("GKW/5Dio") and a "#" ("5JY#ldbL", an "f").
_GLUED = re.compile(rf"(?:(?:[()\[\]{{}}!|?\\.$'‘’\"“”/#À-ÿ{SYMBOL_GLYPHS}]|{AT_IN_TOKEN}|&(?![A-Za-z0-9_\-]*=))[A-Za-z0-9_\-—|]{{2,}})+")
_LOOSE_PIECE = re.compile(r"([ \t]{1,2}|[ \t]*\r?\n[ \t]*)([^\s\"'`<>=:,;&]{1,80})")


def _glued(text: str, end: int) -> int:
    m = _GLUED.match(text, end)
    if m is None:
        # the piece's last glyph, or the one before it, read as an accented letter or a symbol
        # ("...Lodshn6é -", "...tAJovfét")
        m = _LAST_GLYPH.match(text, end)
    return m.end() if m else end


_LAST_GLYPH = re.compile(rf"[À-ÿ{SYMBOL_GLYPHS}][A-Za-z0-9]?(?=\s|$)")


def _complete(text: str, start: int, end: int, lo: int, hi: int, max_wraps: int = 4, tail_class: str | None = None) -> int:
    """``end`` moved over the pieces that complete a fixed-size token to ``lo``..``hi`` characters.

    Unchanged unless the completed token lands in the range: a short match with nothing fitting
    after it keeps its own end. A short number alone at the start of a line (an editor's gutter)
    is stepped over without counting. A piece that reads as a word ends it; a lower-case run of
    the token ("dwrfj", "gj") does not, the length bound guarding against running on into prose.
    """
    n = len(compact(text[start:end]))
    if lo <= n < (lo + hi) // 2:
        # about complete: the last glyph or two may stand alone at the next line's start
        m = _LOOSE_PIECE.match(text, end)
        if m is not None and "\n" in m.group(1) and m.group(2).isdigit():
            tail = gutter_tail(text, start, m.group(2), m.end(), longest=min(6, hi - n))
            if tail is not None and _ends_token(text, tail):
                return tail
            if n + len(m.group(2)) <= (lo + hi) // 2 and _ends_token(text, m.end()):
                return m.end()
    new, wraps = end, 0
    while n < lo:
        m = _LOOSE_PIECE.match(text, new)
        if m is None and text[new : new + 1] in (",", "."):
            # a glyph read as "," or "." at the wrap ("...V8ylA," / "nOldqbMUf please")
            m = _LOOSE_PIECE.match(text, new + 1)
            if m is None or "\n" not in m.group(1):
                break
            n += 1
        if m is None:
            break
        gap, piece = m.group(1), m.group(2)
        if "\n" in gap:
            wraps += 1
            if wraps > max_wraps:
                break
            if piece.isdigit() and len(piece) <= 5:
                if lo <= n + len(piece) <= hi and _ends_token(text, m.end()):
                    return m.end()  # the token's last glyphs, alone at a line's start ("3 instead?")
                new = m.end()
                continue
        if n + len(piece) > hi or (reads_as_word(piece) and not _mostly(piece, tail_class)
                                   and ("\n" in gap or not _between_random(text, piece, m.end()))):
            break
        n += len(piece)
        new = m.end()
    return new if lo <= n <= hi else end


def _between_random(text: str, piece: str, end: int) -> bool:
    """A short run that reads as a word on the token's line, with a mixed piece right after it
    ("...Bng vM3wwVeTX lwuty LXY btRs6"): a stretch of the token between two splits, not prose
    (a short word of prose excepted) nor a command before a name ("export AWS_ACCESS_KEY_ID")."""
    if len(piece) > 6 or piece.lower() in SHORT_WORDS:
        return False
    for _ in range(2):  # the next piece, or the one after a run of capitals ("LXY")
        nxt = _LOOSE_PIECE.match(text, end)
        if nxt is None or "\n" in nxt.group(1) or not looks_random(after := nxt.group(2)):
            return False
        if any(c.isdigit() for c in after) or after.upper() != after != after.lower():
            return True
        end = nxt.end()
    return False


def _mostly(piece: str, glyph_class: str | None) -> bool:
    """Whether four in five of ``piece``'s glyphs are of ``glyph_class`` (a regex class)."""
    return glyph_class is not None and len(re.findall(glyph_class, piece)) >= 0.8 * len(piece)


_QUOTES = "\"'`‘’“”"
# the rest of a quoted token up to its closing quote (OCR may put a space before it): up to five
# pieces, whatever they look like (all of it is inside the quotes); a line break between two may
# have an editor's line number after it, alone on its line or before the piece ("...cyna" / "3" /
# "4 4-6hO11DAETx rmJIMNXK9y7P \"")
_QUOTE_GAP = r"(?:[ \t]{1,2}|[ \t]*\r?\n(?:[ \t]*[0-9]{1,5}[ \t]*\r?\n)?[ \t]*(?:[0-9]{1,5}[ \t]+(?=\S))?)"
_TO_CLOSING_QUOTE = re.compile(rf"({_QUOTE_GAP}[^\s\"'`‘’“”=:]{{1,40}}(?:{_QUOTE_GAP}[^\s\"'`‘’“”=:]{{1,40}}){{0,4}})"
                               r"[ \t]?(?=[\"'`’”])")
_REST_TO_QUOTE = re.compile(r"[ \t]*\r?\n[ \t]*([^\s\"'`‘’“”]{1,12})(?=[\"'`’”])")


def _quoted_rest(text: str, start: int, end: int) -> int:
    """``end`` moved over the rest of a quoted value up to its closing quote.

    A token opened right at a quote runs to the closing one over at most five pieces, whatever
    they look like ("...-j4 Tifef" / "KRTqo3hgRn\""). A value opened further
    back ("'Bearer CiNQ...Keft", wrapped by a bubble) takes the short rest before the closing
    quote on the next line ("am'").
    """
    close = _TO_CLOSING_QUOTE.match(text, end)
    if close is not None and start >= 1 and text[start - 1] in "\"'`‘“*":  # ("*": an opening quote misread)
        return close.end(1)  # a value opened right at a quote runs to its closing one
    m = _REST_TO_QUOTE.match(text, end)
    if m is None:
        return end
    before = text[max(0, start - 120) : start]
    last = max(before.rfind(q) for q in _QUOTES)
    if last < 0 or before[last] in "’”":
        return end
    return m.end(1)


def _ends_token(text: str, pos: int) -> bool:
    """Whether what follows ``pos`` ends a token: the text's or the line's end, or a word."""
    nxt = _LOOSE_PIECE.match(text, pos)
    return nxt is None or "\n" in nxt.group(1) or reads_as_word(nxt.group(2).rstrip(".,;:!?"))


def _placeholder(value: str) -> bool:
    """:func:`is_placeholder`, except a token whose first glyph OCR read as "$" ("$K353e6014...").

    A shell variable is a name; a long run holding several digits after the "$" is a token that
    began with "S" or "s".
    """
    if value.startswith("$") and len(value) >= 16 and sum(c.isdigit() for c in value) >= 4:
        return is_placeholder(value[1:])
    return is_placeholder(value)


def _has_word_fragment(value: str) -> bool:
    """A later piece of a split value that reads as a word ("Please"; not "dwrfj", nor hex letters
    only, "eadbf", in a hex id, nor capitals, "AAIHL": a token's caps, not prose)."""
    return any(len(f) >= 5 and reads_as_word(f) and not f.isupper() and not _HEX_LETTERS.fullmatch(f)
               for f in _BREAK.split(value)[1:])


_HEX_LETTERS = re.compile(r"[a-fA-F]+")
