"""From OCR words to page text and back: character spans -> padded pixel boxes, one per line.

The page text joins words with a space and lines with a newline, so the analyzer sees line
structure and an entity wrapped over two lines is one span that maps to a box on each line.

Geometry is taken from the *context* (the non-sensitive words on the same line) wherever
possible, and from the sensitive glyphs' own ink only as a safety net. That is what makes the
painted region independent of the hidden content: two different secrets of the same length, in
the same place, get the same box, because the box is computed from the label before them, the
line's character pitch and the span's length -- not from where the secret's glyphs happen to
put ink. Widths are then rounded up to buckets of one line height, so even the safety net leaks
at most the length bucket.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from redact.image._model import Box, OcrPage, OcrWord
from redact.text._model import TextFinding


@dataclass(frozen=True, slots=True)
class PageText:
    """The page's text with, for every character, the word it came from (or -1 for separators)."""

    text: str = field(repr=False)
    char_word: tuple[int, ...] = field(repr=False)
    char_offset: tuple[int, ...] = field(repr=False)
    words: tuple[OcrWord, ...] = field(repr=False)
    word_line: tuple[int, ...] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Fragment:
    """The part of one finding that lies on one OCR line."""

    line: int
    # (word index, first char, end char) for each word the fragment touches, in order
    pieces: tuple[tuple[int, int, int], ...]
    n_chars: int


def build_page_text(page: OcrPage) -> PageText:
    """Join words with spaces and lines with newlines, remembering where each character came from."""
    parts: list[str] = []
    char_word: list[int] = []
    char_off: list[int] = []
    words: list[OcrWord] = []
    word_line: list[int] = []
    for li, line in enumerate(page.lines):
        if li:
            parts.append("\n")
            char_word.append(-1)
            char_off.append(0)
        for wi, word in enumerate(line.words):
            if wi:
                parts.append(" ")
                char_word.append(-1)
                char_off.append(0)
            idx = len(words)
            words.append(word)
            word_line.append(li)
            parts.append(word.text)
            char_word.extend([idx] * len(word.text))
            char_off.extend(range(len(word.text)))
    return PageText("".join(parts), tuple(char_word), tuple(char_off), tuple(words), tuple(word_line))


def fragments(pt: PageText, start: int, end: int) -> list[Fragment]:
    """Split the span ``[start, end)`` into per-line fragments of (word, char range) pieces."""
    by_line: dict[int, dict[int, list[int]]] = {}
    first_last: dict[int, list[int]] = {}  # line -> [first, last] text index of its characters
    for ci in range(max(0, start), min(end, len(pt.text))):
        wi = pt.char_word[ci]
        if wi < 0:
            continue
        line = pt.word_line[wi]
        by_line.setdefault(line, {}).setdefault(wi, []).append(pt.char_offset[ci])
        fl = first_last.setdefault(line, [ci, ci])
        fl[1] = ci
    # characters of the span on each line, spaces between its words included
    counts = {line: fl[1] - fl[0] + 1 for line, fl in first_last.items()}
    out = []
    for line in sorted(by_line):
        ws = by_line[line]
        pieces = tuple((w, min(offs), max(offs) + 1) for w, offs in sorted(ws.items()))
        out.append(Fragment(line, pieces, counts[line]))
    return out


class Locator:
    """Maps findings on one page to padded boxes; built per page, cheap."""

    def __init__(self, page: OcrPage, pt: PageText, findings: Sequence[TextFinding], *, padding: float) -> None:
        self.page = page
        self.pt = pt
        self.padding = padding
        sensitive: set[int] = set()
        secret_start: set[int] = set()  # words whose first glyph is part of a finding
        self._frags: list[list[Fragment]] = []
        for f in findings:
            frs = fragments(pt, f.start, f.end)
            self._frags.append(frs)
            for fr in frs:
                sensitive.update(w for w, _, _ in fr.pieces)
                secret_start.update(w for w, a, _ in fr.pieces if a == 0)
        self._sensitive = frozenset(sensitive)
        self._secret_start = frozenset(secret_start)

    def boxes(self, index: int) -> list[Box]:
        """Boxes of the ``index``-th finding given to the constructor, one per line fragment."""
        return [self._fragment_box(fr) for fr in self._frags[index]]

    # --- geometry ------------------------------------------------------------------------------

    def _context_words(self, line: int) -> list[OcrWord]:
        return [
            self.pt.words[wi]
            for wi in range(len(self.pt.words))
            if self.pt.word_line[wi] == line and wi not in self._sensitive
        ]

    @staticmethod
    def _ink_pitch(line_words: Sequence[OcrWord]) -> float | None:
        chars = sum(len(w.text) for w in line_words)
        if chars >= 4:
            return sum(w.box.width for w in line_words) / chars
        return None

    def _fragment_box(self, fr: Fragment) -> Box:
        pt = self.pt
        words = [pt.words[w] for w, _, _ in fr.pieces]
        ink = words[0].box
        for w in words[1:]:
            ink = ink.union(w.box)
        ctx = self._context_words(fr.line)
        # Line height and vertical band from the context when it is there, else from the ink.
        tall_ctx = [w for w in ctx if w.box.height >= 0.6 * ink.height]
        if tall_ctx:
            top = min(w.box.y0 for w in tall_ctx)
            bottom = max(w.box.y1 for w in tall_ctx)
        else:
            top, bottom = ink.y0, ink.y1
        lh = float(max(bottom - top, 1))
        pad = max(2, math.ceil(self.padding * lh))
        # Pitch from context (word starts, else context ink); the first word's own glyph pitch
        # only when context gives nothing or something far from it.
        w_first = pt.words[fr.pieces[0][0]]
        own = w_first.box.width / max(len(w_first.text), 1)
        pitch = self._advance_pitch(fr.line) or self._ink_pitch(tall_ctx) or own
        if not 0.6 * own <= pitch <= 1.6 * own:
            pitch = own
        # Room for ascenders/descenders the context words may not have.
        top = top - pad - round(0.15 * lh)
        bottom = bottom + pad + round(0.25 * lh)
        top = min(top, ink.y0 - pad)
        bottom = max(bottom, ink.y1 + pad)

        # Left edge: after the previous context glyph when the span starts a word, else at the
        # span's character offset inside the word (whose left edge is context, not secret).
        w0_idx, a, _ = fr.pieces[0]
        w0 = pt.words[w0_idx]
        if a > 0:
            x_start = w0.box.x0 + a * pitch
            if w0.box.x0 + a * own < x_start - 0.5 * pitch:  # context pitch overshoots: stay on the glyphs
                x_start = w0.box.x0 + a * own
        else:
            prev = self._previous_word(w0_idx)
            x_start = prev.box.x1 + 0.3 * pitch if prev is not None and prev.box.x1 <= w0.box.x0 else w0.box.x0
            x_start = min(x_start, w0.box.x0)
        x_start = math.floor(x_start) - pad
        # Right edge: the length-based estimate (with half a character of slack); ink only if longer.
        w_last_idx, _, b = fr.pieces[-1]
        w_last = pt.words[w_last_idx]
        est_x1 = x_start + pad + (fr.n_chars + 0.5) * pitch
        if b >= len(w_last.text):
            ink_x1 = w_last.box.x1
        else:
            own_last = w_last.box.width / max(len(w_last.text), 1)
            ink_x1 = w_last.box.x0 + b * max(own_last, pitch)
        right = max(est_x1, ink_x1) + pad
        bucket = max(4, round(lh))
        width = math.ceil((right - x_start) / bucket) * bucket
        return Box(int(x_start), int(top), int(x_start + width), int(bottom)).clip(self.page.width, self.page.height)

    def _advance_pitch(self, line: int) -> float | None:
        """Character pitch from word *starts*: (next word's x0 - this word's x0) / (chars + space).

        Start-to-start distances include side bearings and the space, so in monospace text they
        give the exact advance, where ink widths run short. Only starts that are not part of a
        finding are used, so the estimate does not depend on hidden content.
        """
        idx = [wi for wi in range(len(self.pt.words)) if self.pt.word_line[wi] == line]
        advances = []
        for a, b in zip(idx, idx[1:], strict=False):
            # the next word may contain a finding as long as it starts with context (KEY=...)
            if a in self._sensitive or b in self._secret_start:
                continue
            wa, wb = self.pt.words[a], self.pt.words[b]
            ink_pitch = wa.box.width / max(len(wa.text), 1)
            gap = wb.box.x0 - wa.box.x1
            # one space apart: a wider gap is a column or a gutter, not a character
            if 0 <= gap <= 2.5 * max(ink_pitch, 1.0):
                advances.append((wb.box.x0 - wa.box.x0) / (len(wa.text) + 1))
        return statistics.median(advances) if advances else None

    def _previous_word(self, wi: int) -> OcrWord | None:
        if wi > 0 and self.pt.word_line[wi - 1] == self.pt.word_line[wi] and (wi - 1) not in self._sensitive:
            return self.pt.words[wi - 1]
        return None
