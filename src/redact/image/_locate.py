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
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from redact.image._model import Box, OcrLine, OcrPage, OcrWord
from redact.text._model import TextFinding


@dataclass(frozen=True, slots=True)
class PageText:
    """The page's text with, for every character, the word it came from (or -1 for separators)."""

    text: str = field(repr=False)
    char_word: tuple[int, ...] = field(repr=False)
    char_offset: tuple[int, ...] = field(repr=False)
    words: tuple[OcrWord, ...] = field(repr=False)
    word_line: tuple[int, ...] = field(repr=False)
    line_start: tuple[int, ...] = field(default=(), repr=False)  # text index of each line's first char
    word_start: tuple[int, ...] = field(default=(), repr=False)  # text index of each word's first char

    def line_start_offset(self, word: int) -> int:
        """Characters from the start of its line to the start of ``word``."""
        return self.word_start[word] - self.line_start[self.word_line[word]]

    def line_span(self, line: int) -> tuple[int, int]:
        """Text indices of ``line``'s first character and of the line break after it."""
        end = self.line_start[line + 1] - 1 if line + 1 < len(self.line_start) else len(self.text)
        return self.line_start[line], end

    def line_of(self, index: int) -> int:
        """The line holding text index ``index`` (the line before, for the break between two)."""
        return max(bisect_right(self.line_start, index) - 1, 0)


@dataclass(frozen=True, slots=True)
class _Grid:
    """A monospaced page's character grid: cell pitch and left origin, row pitch and row origin."""

    pitch: float
    origin: float
    row: float | None
    row_origin: float  # the rows' centre modulo ``row``
    height: float = 0.0  # the clean lines' median ink height (0: unknown)


@dataclass(frozen=True, slots=True)
class Fragment:
    """The part of one finding that lies on one OCR line."""

    line: int
    # (word index, first char, end char) for each word the fragment touches, in order
    pieces: tuple[tuple[int, int, int], ...]
    n_chars: int
    first_char: int = 0  # text index of the fragment's first character


def build_page_text(page: OcrPage) -> PageText:
    """Join words with spaces and lines with newlines, remembering where each character came from."""
    parts: list[str] = []
    char_word: list[int] = []
    char_off: list[int] = []
    words: list[OcrWord] = []
    word_line: list[int] = []
    line_start: list[int] = []
    word_start: list[int] = []
    for li, line in enumerate(page.lines):
        if li:
            parts.append("\n")
            char_word.append(-1)
            char_off.append(0)
        line_start.append(len(char_word))
        for wi, word in enumerate(line.words):
            if wi:
                parts.append(" ")
                char_word.append(-1)
                char_off.append(0)
            idx = len(words)
            word_start.append(len(char_word))
            words.append(word)
            word_line.append(li)
            parts.append(word.text)
            char_word.extend([idx] * len(word.text))
            char_off.extend(range(len(word.text)))
    return PageText(
        "".join(parts), tuple(char_word), tuple(char_off), tuple(words), tuple(word_line), tuple(line_start), tuple(word_start)
    )


def _agrees(mono: Box, x_span: int, ink: Box, pitch: float, *, seen: bool = False) -> bool:
    """Whether a grid box is a refinement of the general one, not a grid gone wrong.

    A page's grid can be off for a given line (an editor's gutter, a sidebar with another line
    spacing): then the grid box starts cells away from the span (``x_span``, where OCR puts its
    first glyph, padded) or sits between two rows. Such a box is dropped for the general
    geometry, which is always on the glyphs. ``seen``: the grid box starts right after a label's
    separator found in the pixels on that grid, which proves the grid for this line; OCR's own
    start may then be far off (Tesseract sometimes squeezes a word's box by several cells).
    """
    cy_mono, cy_ink = (mono.y0 + mono.y1) / 2, (ink.y0 + ink.y1) / 2
    return (
        (seen or abs(mono.x0 - x_span) <= 2.5 * pitch)
        and abs(cy_mono - cy_ink) <= 0.3 * max(ink.height, 1)
        and mono.y0 <= ink.y0
        and mono.y1 >= ink.y1
        and mono.height <= 2.5 * max(ink.height, 1)  # a row pitch gone wrong spans several rows
    )


def column_order(page: OcrPage) -> OcrPage | None:
    """The page's lines in column reading order, or None when the page has one column.

    Lines whose horizontal extents overlap (directly or through other lines) form a column; the
    columns are read left to right, each top to bottom. A file tree beside an editor, a channel
    list beside a chat, a label column beside a value column all become separate runs of text,
    so that a token wrapped over two lines of one pane is contiguous again.
    """
    lines = sorted(page.lines, key=lambda ln: ln.box.x0)
    columns: list[list[OcrLine]] = []
    right: list[int] = []
    for ln in lines:
        if columns and ln.box.x0 < right[-1]:
            columns[-1].append(ln)
            right[-1] = max(right[-1], ln.box.x1)
        else:
            columns.append([ln])
            right.append(ln.box.x1)
    if sum(len(c) >= 2 for c in columns) < 2:
        return None
    ordered = tuple(ln for col in columns for ln in sorted(col, key=lambda ln: (ln.box.y0, ln.box.x0)))
    return OcrPage(page.width, page.height, ordered, page.engine)


def cell_order(page: OcrPage, below: dict[int, int] | None = None) -> OcrPage:
    """The page's lines in row order, each line followed at once by the lines that continue it.

    A narrow table cell wraps its value ("+1 (453)" over "812-9973", "921 Morrison" over
    "Forks"), and in row order the next cells of the first row come between the two halves. A
    line continues the one above it when it starts at the same x (within 3 px), overlaps it
    horizontally and follows it closer than 0.9 of the taller one's height: wrapped lines of one
    block, not the next row of a table or the next item of a menu, which are further apart; and
    not when both open with a number (an editor's line numbers, which a token at the end of a line
    would otherwise run into). ``below`` is :func:`continuations` of ``page`` when already known.
    """
    lines = page.lines
    below = continuations(page) if below is None else below
    if not below:
        return page
    ordered: list[OcrLine] = []
    done: set[int] = set()
    for i in range(len(lines)):
        k: int | None = i
        while k is not None and k not in done:  # a continuation was emitted with its head
            done.add(k)
            ordered.append(lines[k])
            k = below.get(k)
    return OcrPage(page.width, page.height, tuple(ordered), page.engine)


def continuations(page: OcrPage) -> dict[int, int]:
    """For each line that another continues (see :func:`cell_order`), the index of that line."""
    lines = page.lines
    by_top = sorted(range(len(lines)), key=lambda k: lines[k].box.y0)
    tops = [lines[k].box.y0 for k in by_top]
    below: dict[int, int] = {}
    taken: set[int] = set()
    for i, a in enumerate(lines):
        best: int | None = None
        for j in by_top[bisect_right(tops, a.box.y0) : bisect_right(tops, a.box.y1 + 1.2 * a.box.height)]:
            b = lines[j]
            if (j in taken or abs(b.box.x0 - a.box.x0) > 3
                    or b.box.y0 - a.box.y1 > 0.9 * max(a.box.height, b.box.height)
                    or min(a.box.x1, b.box.x1) <= max(a.box.x0, b.box.x0)
                    or (a.words[0].text.isdigit() and b.words[0].text.isdigit())):
                # (both opening with a number: an editor's line numbers, a numbered list)
                continue
            if best is None or b.box.y0 < lines[best].box.y0:
                best = j
        if best is not None:
            below[i] = best
            taken.add(best)
    return below


def _row_pitch(steps: Sequence[float], height: float) -> float | None:
    """The row pitch: the step between clean lines that the others are whole multiples of.

    Lines that hold a finding are left out of the grid, so on a log page most steps span
    several rows and their median is a multiple of the pitch. The median step and its halves,
    thirds and quarters that lie between 0.7 and 2.2 line heights are tried; the one that leaves
    the smallest fractional residue wins (the larger unless a smaller one fits clearly better)
    and is refined by least squares.
    None when no candidate fits: the lines are not on rows.
    """
    steps = [st for st in steps if st >= 0.5 * height]
    if not steps or height <= 0:
        return None
    median = statistics.median_low(steps)

    def residue(r: float) -> float:
        return sum(abs(st / r - round(st / r)) for st in steps) / len(steps)

    candidates = [median / k for k in (1, 2, 3, 4) if 0.7 * height <= median / k <= 2.2 * height]
    if not candidates:
        return None
    floor = min(residue(r) for r in candidates)
    if floor > 0.15:
        return None
    # half a pitch fits every whole step as well; only a clearly better fit makes it the pitch
    best = max(r for r in candidates if residue(r) <= floor + 0.05)
    ks = [max(1, round(st / best)) for st in steps]
    return sum(st * k for st, k in zip(steps, ks, strict=True)) / sum(k * k for k in ks)


def _last_separator(prefix: str) -> int | None:
    """Index of the ``=`` or ``:`` that ends a label (``KEY=``, ``key: "``), quotes after it allowed."""
    stripped = prefix.rstrip("\"'`")
    if stripped and stripped[-1] in "=:":
        return len(stripped) - 1
    return None


# Rough advance widths of glyph classes in proportional UI fonts, in ems: a character count puts
# an offset inside a word wrong by several glyphs when the context is "://" and "il".
_THIN = frozenset("il|!.,:;'`Ij")
_SEMI = frozenset("ftr()[]{}/\\-\"*")
_WIDE = frozenset("mwMW@%")


def _em(ch: str) -> float:
    if ch in _THIN:
        return 0.3
    if ch in _SEMI:
        return 0.4
    if ch in _WIDE:
        return 0.9
    if ch.isupper():
        return 0.68
    return 0.58 if ch.isdigit() else 0.55


_MEAN_EM = 0.55  # an average glyph of UI text, the one a character pitch stands for


def _ems(text: str) -> float:
    return sum(_em(c) for c in text)


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
        out.append(Fragment(line, pieces, counts[line], first_last[line][0]))
    return out


class Locator:
    """Maps findings on one page to padded boxes; built per page, cheap."""

    def __init__(
        self,
        page: OcrPage,
        pt: PageText,
        findings: Sequence[TextFinding],
        *,
        padding: float,
        image: np.ndarray | None = None,
    ) -> None:
        self.page = page
        self.image = image  # optional: lets monospace spans be anchored on their last inked cell
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
        self._grid = self._monospace_grid()
        self._column_grids: dict[int, _Grid | None] = {}

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
        own = self._own_pitch(fr.pieces[0][0])
        # On a monospaced page without context on the line, the page's grid (clean lines) before
        # the word's own ink: Tesseract's box of a long token word can be far off its glyphs.
        grid_pitch = self._grid.pitch if self._grid is not None else None
        pitch = self._advance_pitch(fr.line) or self._ink_pitch(tall_ctx) or grid_pitch or own
        if not 0.6 * own <= pitch <= 1.6 * own:
            pitch = own
        # Room for ascenders/descenders the context words may not have.
        top = top - pad - round(0.15 * lh)
        bottom = bottom + pad + round(0.25 * lh)
        # safety net: the glyphs themselves are always inside (OCR ink boxes are already loose)
        top = min(top, ink.y0 - 1)
        bottom = max(bottom, ink.y1 + 1)

        # Left edge: after the previous context glyph when the span starts a word, else at the
        # span's character offset inside the word (whose left edge is context, not secret).
        w0_idx, a, _ = fr.pieces[0]
        w0 = pt.words[w0_idx]
        if a > 0:
            x_start = w0.box.x0 + a * pitch
            if w0.box.x0 + a * own < x_start - 0.5 * pitch:  # context pitch overshoots: stay on the glyphs
                x_start = w0.box.x0 + a * own
            if self._grid is None:
                # proportional text: a context of narrow glyphs ("redis://default:") is much shorter
                # than its character count says; never start later than its glyph widths put it
                # (less half a glyph: the widths are a table's, not the font's). Only the context's
                # characters and the pitch enter, so the box does not move with the secret's glyphs.
                x_start = min(x_start, w0.box.x0 + (_ems(w0.text[:a]) / _MEAN_EM - 0.5) * pitch)
                x_start = min(x_start, self._label_after_gap(w0_idx, a, pitch))
        else:
            prev = self._previous_word(w0_idx)
            x_start = prev.box.x1 + 0.3 * pitch if prev is not None and prev.box.x1 <= w0.box.x0 else w0.box.x0
            x_start = min(x_start, w0.box.x0)
        x_span = math.floor(x_start if a > 0 else w0.box.x0) - pad  # the first glyph, not the gap before it
        x_start = math.floor(x_start) - pad
        # Right edge: the length-based estimate (with half a character of slack); ink only if longer.
        w_last_idx, _, b = fr.pieces[-1]
        w_last = pt.words[w_last_idx]
        est_x1 = x_start + pad + (fr.n_chars + 0.5) * pitch
        if b >= len(w_last.text):
            ink_x1 = w_last.box.x1
        else:
            # OCR's box of a word is not always on its glyphs: a word read with its neighbour's ink
            # is wider than its characters ("...34zs&libraries=places'" boxed from the "4GDR" before
            # it). The span's part then ends no earlier than the word's end less the rest at the
            # line's pitch, nor than its offset from the word's start at the wider pitch.
            own_last = w_last.box.width / max(len(w_last.text), 1)
            ink_x1 = max(w_last.box.x0 + b * max(own_last, pitch), w_last.box.x1 - (len(w_last.text) - b) * pitch)
        right = max(est_x1, ink_x1) + pad
        bucket = max(4, round(lh))
        width = math.ceil((right - x_start) / bucket) * bucket
        general = Box(int(x_start), int(top), int(x_start + width), int(bottom)).clip(self.page.width, self.page.height)
        mono = self._mono_box(fr, top, bottom, pad, x_start + pad)
        grid = self._grid_for(fr.line)
        if mono is not None and grid is not None and _agrees(mono[0], x_span, ink, grid.pitch, seen=mono[1]):
            return mono[0]
        return general

    def _own_pitch(self, wi: int) -> float:
        """Pixels per character from word ``wi`` to its line's end, spaces counted.

        Tesseract splits a line of tokens into words at the wrong glyph now and then, boxing a
        word wide and the next one narrow ("...1pHgF" 10 px a glyph, "ty15nul..." 4 px): over the
        rest of the line the error cancels out. One word alone: its own box.
        """
        pt, w = self.pt, self.pt.words[wi]
        last = wi
        while last + 1 < len(pt.words) and pt.word_line[last + 1] == pt.word_line[wi]:
            last += 1
        end = pt.words[last]
        if last == wi or end.box.x1 <= w.box.x0:
            return w.box.width / max(len(w.text), 1)
        chars = pt.word_start[last] + len(end.text) - pt.word_start[wi]
        return (end.box.x1 - w.box.x0) / chars

    def _mono_box(self, fr: Fragment, top: int, bottom: int, pad: int, x_est: float) -> tuple[Box, bool] | None:
        """On a monospaced page: a span that ends its line, boxed on the character grid to the row's end.

        Keys, tokens and passwords at the end of a command or an assignment are the common case on
        terminals and editors. Every edge comes from something that is the same whatever the hidden
        value is: the rows and the padding from the grid (clean lines), the right edge from the end
        of the free space on the row, the left edge from the context before the span -- the cell
        after ``KEY=`` inside a word, the first inked cell after the previous word otherwise. The
        span's own length as OCR read it is never used: Tesseract misreads the length of long
        random tokens by a glyph or two (an ``l`` read as ``Il``, a split, a dropped ``I``), and a
        box anchored on it moves with the secret. The flag says whether the start was seen in the
        pixels (a label's separator on the grid).
        """
        grid = self._grid_for(fr.line)
        if grid is None:
            return None
        pt = self.pt
        line_words = self._start_words([wi for wi, li in enumerate(pt.word_line) if li == fr.line])
        if fr.pieces[0][0] not in line_words:
            return None  # the span takes in an editor's line number: general geometry
        w_last, _, b = fr.pieces[-1]
        if len(pt.words[w_last].text) - b > 2:
            return None  # more than a closing quote or comma follows inside the word: general geometry
        before: OcrWord | None = None  # the context word before the span when OCR put it on another line
        if line_words[0] in self._secret_start:
            # "key:      value": with a wide gap OCR often reads the label as a line of its own; the
            # row's context is then the line just left of this one.
            left = self._left_neighbour(fr.line)
            if left is None or fr.pieces[0][0] != line_words[0] or fr.pieces[0][1] > 0:
                return None  # no context glyph on the row to place the grid by
            before = self.pt.words[left[-1]]
            x_first = self.pt.words[left[0]].box.x0
            on_page = grid.origin + round((x_first - grid.origin) / grid.pitch) * grid.pitch
            if abs(on_page - x_first) > 0.2 * grid.pitch:
                return None  # the label is not on the page's grid: another pane
        # The line's own grid: the page's phase where the line's first glyph sits on it (a terminal),
        # else that glyph itself (another pane, another column).
        x_first = pt.words[line_words[0]].box.x0 if before is None else x_first
        on_page = grid.origin + round((x_first - grid.origin) / grid.pitch) * grid.pitch
        grid = replace(grid, origin=on_page if abs(on_page - x_first) <= 0.2 * grid.pitch else x_first)
        # Padding from the page's line height, not from this line's ink (which is the secret's when
        # the line has no other word).
        pad = max(2, math.ceil(self.padding * grid.height)) if grid.height else pad
        lb = self.page.lines[fr.line].box
        if grid.row:
            k = round(((lb.y0 + lb.y1) / 2 - grid.row_origin) / grid.row)
            cy = grid.row_origin + k * grid.row
            half = grid.row / 2 + pad
            top, bottom = math.floor(cy - half), math.ceil(cy + half)
            band = (math.floor(cy - 0.42 * grid.row), math.ceil(cy + 0.42 * grid.row))
        else:
            band = (lb.y0, lb.y1)
        # Words after the span on its line that touch it (no blank cell between) are the rest of the
        # same token, split off by OCR and left out by the detector: they are boxed with it.
        tail = line_words[line_words.index(w_last) + 1 :]
        end = pt.words[w_last].box.x1
        for wi in tail:
            if not self._glued(grid, band, end, pt.words[wi].box.x0):
                return None  # something else follows on the line: keep the general geometry
            end = pt.words[wi].box.x1
        cell, seen = self._context_cell(fr, grid, band, before)
        if cell is None and before is not None:
            return None
        if cell is None:
            # No context glyph right before the span (another finding is): OCR's two estimates,
            # its offset inside its word and its offset from the line's first glyph, the earlier.
            column = fr.first_char - pt.line_start[fr.line]
            cell = min(
                round((x_est - grid.origin) / grid.pitch),
                round((x_first + column * grid.pitch - grid.origin) / grid.pitch),
            )
        x0 = math.floor(grid.origin + cell * grid.pitch) - pad
        x1 = self._row_right_limit(fr, grid.origin + cell * grid.pitch) - 1
        if x1 < end + pad:
            return None
        return Box(x0, int(top), x1, int(bottom)).clip(self.page.width, self.page.height), seen

    def _context_cell(
        self, fr: Fragment, grid: _Grid, band: tuple[int, int], before: OcrWord | None = None
    ) -> tuple[float | None, bool]:
        """The grid cell where a span starts, from the context before it only (or None), and
        whether that start was seen in the pixels (the label's separator found on the grid; the
        cell is then fractional, measured from the separator's centre).

        Inside a word (``KEY=value``): the cell of the word's first glyph -- context ink -- plus the
        number of context characters before the span. At a word start: the cell after the previous
        (context) word's last glyph -- ``before`` when OCR put it on a line of its own -- plus one
        per blank cell between them: none when OCR split a token at its ``=``, one for a space,
        more for aligned columns. The secret's first glyph only bounds that gap, and its bearing is
        allowed for, so every glyph gives the same count.
        """
        pt = self.pt
        w0_idx, a, _ = fr.pieces[0]
        w0 = pt.words[w0_idx]
        if a > 0:
            cell = round((w0.box.x0 - grid.origin) / grid.pitch) + a
            # OCR drops or doubles glyphs of the label too (``ACCESS_KEY`` read as ``ACCESSKEY``),
            # and how it reads the label depends on the secret after it: the separator's own cell,
            # found in the pixels, does not.
            sep = _last_separator(w0.text[:a])
            if sep is not None:
                found = self._separator_cell(grid, band, cell - (a - sep), w0.text[sep])
                if found is None:
                    # Tesseract may box the label's last glyphs with the word before ("AWSSECRET_ACCESS"
                    # / "KEY=\"codIZ..." boxed from the "c"): the separator lies up to the label's
                    # length further left. Only ever earlier: a box that starts early still covers.
                    found = self._separator_cell(grid, band, cell - (a - sep), w0.text[sep], left=a + 2)
                if found is not None:
                    # from the separator's own centre (half a cell to its cell's end), not from
                    # the origin: a pitch a hundredth off drifts a pixel over a long label
                    return (found + (a - sep - 0.5) * grid.pitch - grid.origin) / grid.pitch, True
            return cell, False
        prev = self._previous_word(w0_idx) or before
        if prev is None or self.image is None:
            return None, False
        # The context word's last cell, from its characters and from its ink's right edge (which
        # lies in the right half of that cell for every glyph a monospaced font has); the earlier.
        by_count = round((prev.box.x0 - grid.origin) / grid.pitch) + len(prev.text) - 1
        by_ink = math.floor((prev.box.x1 - grid.origin) / grid.pitch - 0.4)
        spaces = self._spaces_between(prev.box.x1, w0.box.x0, grid.pitch, band)
        if spaces is None:
            return None, False
        cell = min(by_count, by_ink) + 1 + spaces
        if cell > round((w0.box.x0 - grid.origin) / grid.pitch) + 1:
            return None, False  # the context says later than OCR's own start: not a grid this line is on
        return cell, False

    def _separator_cell(
        self, grid: _Grid, band: tuple[int, int], guess: int, char: str, *, left: int = 0
    ) -> float | None:
        """The centre (x, px) of the separator ``char`` (``=`` or ``:``) within two cells of ``guess``, or None.

        With ``left``, in the ``left`` cells before those two instead. The match depends on the
        label's pixels only, never on the secret after it (see :meth:`_separators`). The nearest
        match wins, the earlier one on a tie (a box that starts a cell early still covers the secret).
        """
        first, stop = (guess - 2 - left, guess - 2) if left else (guess - 2, guess + 3)
        hits = self._separators(grid, band, first, stop, char)
        return min(hits, key=lambda h: (abs(h[0] - guess), h[0]))[1] if hits else None

    def _separators(
        self, grid: _Grid, band: tuple[int, int], first: int, stop: int, char: str
    ) -> list[tuple[int, float]]:
        """Cells in ``first:stop`` of the row ``band`` that show ``=`` (two bars) or ``:`` (two
        dots), each with the glyph's centre in pixels.

        Found column by column rather than cell by cell, because the grid's phase is only known to
        a third of a cell (its origin is a glyph's ink, not its cell): a column of either glyph
        crosses exactly two short marks of one height, at the same rows as its neighbours; ``=`` is
        such a run of columns at least half a cell wide, clear of the baseline and of the cap
        height, not a short run out of a stem; ``:`` is a narrower run with blank columns on both
        sides. On both monospaced fonts at 11-16 px, light and dark, no letter or digit passes;
        ``<`` and ``;`` sometimes do at 11-13 px.
        """
        x0 = math.floor(grid.origin + (first - 0.5) * grid.pitch)
        ink = self._ink(x0, math.ceil(grid.origin + (stop + 0.5) * grid.pitch), band)
        if ink is None:
            return []
        height = ink.shape[0]
        short = max(2, round(0.2 * height))
        rows = ink.sum(axis=1)
        if not rows.any():
            return []
        baseline = int(np.flatnonzero(rows >= 0.4 * rows.max())[-1]) + 1  # below the densest band of ink
        top = int(np.flatnonzero(rows)[0])  # capitals, digits or ascenders

        def marks(col: np.ndarray) -> tuple[tuple[int, int], tuple[int, int]] | None:
            edges = np.flatnonzero(np.diff(np.concatenate(([0], col.astype(np.int8), [0]))))
            if len(edges) != 4 or edges[0] == 0 or edges[3] == height:
                return None
            (a0, a1), (b0, b1) = (int(edges[0]), int(edges[1])), (int(edges[2]), int(edges[3]))
            if max(a1 - a0, b1 - b0) > short or abs((a1 - a0) - (b1 - b0)) > 1:
                return None
            return (a0, a1), (b0, b1)

        cells: list[tuple[int, float]] = []
        x = 0
        while x < ink.shape[1]:
            m = marks(ink[:, x])
            if m is None:
                x += 1
                continue
            start = x
            while x + 1 < ink.shape[1] and (n := marks(ink[:, x + 1])) is not None and all(
                abs(p - q) <= 1 for p, q in zip((*m[0], *m[1]), (*n[0], *n[1]), strict=True)
            ):
                x += 1
            width = x - start + 1
            x += 1
            # a colon's dots have blank columns on both sides (a wide ``=`` may touch its neighbours)
            alone = char == "=" or (
                (start == 0 or not ink[:, start - 1].any()) and (x == ink.shape[1] or not ink[:, x].any())
            )
            # the arcs of ``c`` and ``C`` reach the baseline and the top bar of ``F`` the cap
            # height; the bars of ``=`` stay clear of both
            if char == "=" and (m[1][1] > baseline - 2 or m[0][0] < top + 2):
                continue
            if start > 0 and ink[m[0][0] : baseline, start - 1].all() and width < 0.8 * grid.pitch:
                # bars out of a stem that stands on the baseline (``F``, ``P``, ``f``) span part of
                # a cell; a full-width ``=`` may touch the stem of the ``N`` or ``H`` before it
                continue
            if not alone or (width >= 0.45 * grid.pitch) != (char == "="):
                continue
            centre = x0 + (start + x - 1) / 2
            # a glyph's centre sits half a cell plus up to a third of a cell (the origin glyph's
            # bearing) right of its cell's start
            cell = round((centre - grid.origin) / grid.pitch - 0.5 + 0.17)
            if first <= cell < stop:
                cells.append((cell, centre))
        return cells

    def _ink(self, x0: int, x1: int, band: tuple[int, int]) -> np.ndarray | None:
        """Which pixels of columns ``x0:x1`` of the row ``band`` differ from the row's background."""
        img = self.image
        if img is None:
            return None
        h, w = img.shape[:2]
        xa, xb = max(0, x0), min(w, x1)
        y0, y1 = max(0, band[0]), min(h, band[1])
        if xb <= xa or y1 <= y0:
            return None
        reach = max(64, 4 * (xb - xa))
        around = img[y0:y1, max(0, xa - reach) : min(w, xb + reach)]
        channels = 1 if img.ndim == 2 else img.shape[-1]
        bg = np.median(around.reshape(-1, channels), axis=0)  # the row's background: glyphs are sparse
        cols = img[y0:y1, xa:xb].astype(np.int16).reshape(y1 - y0, xb - xa, channels)
        return np.asarray(np.abs(cols - bg).max(axis=-1) > 48)

    def _glued(self, grid: _Grid, band: tuple[int, int], x_end: int, x_next: int) -> bool:
        """Whether glyphs ending at ``x_end`` and starting at ``x_next`` are neighbours (no space between)."""
        return self._spaces_between(x_end, x_next, grid.pitch, band) == 0

    def _spaces_between(self, x_end: int, x_next: int, pitch: float, band: tuple[int, int]) -> int | None:
        """How many blank cells lie between the glyph whose ink ends near ``x_end`` and the next one.

        The gap between two glyphs' ink is the blank cells plus the first one's right side bearing
        and the second one's left one. Monospaced glyphs sit centred in their cells, so a bearing
        is about half of what the glyph's ink leaves of the cell: a dot or a quote has bearings of
        0.4 of a cell, a W or an underscore none. Counting with them makes the answer the same for
        every glyph that may start a secret (a plain "gap / pitch" moves by a cell between
        ``:  .x`` and ``:  Wx``). None without an image or without ink on both sides.
        """
        # OCR boxes may be a pixel or two loose: look a cell into both glyphs
        xa, xb = math.floor(x_end - pitch), math.ceil(x_next + pitch)
        ink = self._ink(xa, xb, band) if xb - xa >= 3 else None
        if ink is None or ink.shape[1] < 3:
            return None
        inked = [bool(v) for v in ink.any(axis=0)]
        # the widest blank run with ink on both sides
        best: tuple[int, int] | None = None
        x = 0
        while x < len(inked):
            if inked[x]:
                x += 1
                continue
            start = x
            while x < len(inked) and not inked[x]:
                x += 1
            if start > 0 and x < len(inked) and (best is None or x - start > best[1] - best[0]):
                best = (start, x)
        if best is None:
            return None
        g0, g1 = best
        left = g0 - next((k for k in range(g0 - 1, -1, -1) if not inked[k]), -1) - 1  # ink run before the gap
        right = next((k for k in range(g1, len(inked)) if not inked[k]), len(inked)) - g1  # ink run after it
        bearings = max(0.0, (pitch - left) / 2) + max(0.0, (pitch - right) / 2)
        return max(0, round((g1 - g0 - bearings) / pitch))

    def _grid_for(self, line: int) -> _Grid | None:
        """The character grid of the text column ``line`` starts in, else the page's grid.

        An editor's code sits beside a file tree and tabs in a proportional font with another
        line spacing, so the page as a whole has no grid, or one whose row pitch mixes both; the
        lines that start where this one does (the code column, within a few pixels) have the
        right one. A terminal's column is most of the page.
        """
        words = self._start_words([wi for wi, li in enumerate(self.pt.word_line) if li == line])
        if not words:
            return self._grid
        if words[0] in self._secret_start:
            # a value OCR read apart from its label ("key:     value"): the label's column
            words = self._left_neighbour(line) or words
        x0 = self.pt.words[words[0]].box.x0
        if x0 not in self._column_grids:
            self._column_grids[x0] = self._monospace_grid(column=x0)
        return self._column_grids[x0] or self._grid

    def _start_words(self, words: list[int]) -> list[int]:
        """A line's words without an editor's line number before them (a number, then a wide gap)."""
        if len(words) >= 2:
            num, nxt = self.pt.words[words[0]], self.pt.words[words[1]]
            if num.text.isdigit() and nxt.box.x0 - num.box.x1 > 2.0 * num.box.width / len(num.text):
                return words[1:]
        return words

    def _monospace_grid(self, column: int | None = None) -> _Grid | None:
        """The page's character grid if its text is monospaced, measured on clean lines only.

        ``column``: only lines whose first word (after a line number) starts within a few pixels
        of that x, the grid of one text column.

        Terminals and editors put every glyph on a fixed grid. Lines that hold no finding are the
        same pixels whatever the hidden values are, so OCR reads them the same and the grid they
        give (pitch, left origin, row pitch) is identical for two screenshots that differ only in
        their secrets. Spans are then snapped to that grid, which absorbs the few pixels by which
        OCR's boxes on the *secret's* line move with the secret.
        """
        pt = self.pt
        by_line: dict[int, list[int]] = {}
        for wi, li in enumerate(pt.word_line):
            by_line.setdefault(li, []).append(wi)
        dirty = [self.page.lines[li].box for li, ws in by_line.items() if any(w in self._sensitive for w in ws)]

        def on_a_dirty_row(li: int) -> bool:
            # whether OCR reads an editor's line number beside a secret as part of the secret's
            # line or as a line of its own depends on the secret: leave the whole row out
            b = self.page.lines[li].box
            return any(min(b.y1, d.y1) - max(b.y0, d.y0) > 0.5 * min(b.height, d.height) for d in dirty)

        clean = [li for li, ws in by_line.items()
                 if not any(w in self._sensitive for w in ws) and not on_a_dirty_row(li)]
        by_line = {li: self._start_words(ws) for li, ws in by_line.items()}
        if column is not None:
            clean = [li for li in clean if abs(pt.words[by_line[li][0]].box.x0 - column) <= 6]
        samples: list[float] = []
        starts: list[tuple[float, int]] = []  # (x0 - line's first x0, characters between)
        origins: list[int] = []
        sampled_lines: set[int] = set()
        for li in clean:
            ws = by_line[li]
            first = pt.words[ws[0]]
            origins.append(first.box.x0)
            # Words with letters only: digits have one width even in proportional fonts (tables of
            # amounts and dates would otherwise pass for a terminal).
            glued = 0  # spaces OCR put inside a token (``eu- west`` for ``eu-west``): no cell
            for prev, w in zip(ws, ws[1:], strict=False):
                pw = pt.words[prev]
                if pt.words[w].box.x0 - pw.box.x1 < 0.45 * pw.box.width / max(len(pw.text), 1):
                    glued += 1
                    continue
                d = pt.word_start[w] - pt.word_start[ws[0]] - glued
                if d >= 4 and any(c.isalpha() for c in pt.words[w].text + first.text):
                    samples.append((pt.words[w].box.x0 - first.box.x0) / d)
                    starts.append((pt.words[w].box.x0 - first.box.x0, d))
                    sampled_lines.add(li)
            if len(first.text) >= 6 and len(ws) == 1 and sum(c.isalpha() for c in first.text) >= 4:
                samples.append((first.box.width + 1) / len(first.text))  # one long word spans its cells
                sampled_lines.add(li)
        if len(sampled_lines) < 3:
            return None
        if len(samples) < 3:
            return None
        med = statistics.median(samples)
        on_grid = [x for x in samples if abs(x - med) <= 0.04 * med]
        # proportional text: start offsets vary with the letters; a title bar in another font
        # adds a few outliers to a terminal, so ask for a clear majority, not all
        if med <= 0 or len(on_grid) < 3 or len(on_grid) < 0.6 * len(samples):
            return None
        pitch = statistics.median(on_grid)
        if starts:
            # Averaged over a long line, proportional text has a steady pitch too; what it does
            # not have is every word starting on a cell (a word 40 characters in is cells off).
            # The pitch is the one that puts the most word starts on a cell, refined on those.
            def on_cell(p: float) -> list[tuple[float, int]]:
                return [(dx, d) for dx, d in starts if abs(dx / p - d) <= 0.35]

            best = max((on_cell(pitch * (1 + k / 400)) for k in range(-16, 17)), key=len)
            if len(best) < 0.7 * len(starts):
                return None
            pitch = sum(dx * d for dx, d in best) / sum(d * d for _, d in best)
        origin = statistics.median_low(origins)
        centres = sorted((self.page.lines[li].box.y0 + self.page.lines[li].box.y1) / 2 for li in clean)
        # one centre per row: an editor's line number and its code are often two OCR lines
        height = statistics.median(self.page.lines[li].box.height for li in clean)
        rows_y = [c for i, c in enumerate(centres) if i == 0 or c - centres[i - 1] > 0.5 * height]
        steps = [b - a for a, b in zip(rows_y, rows_y[1:], strict=False)]
        row = _row_pitch(steps, height)
        # the rows' phase: where line centres fall modulo the row pitch (robust to a title bar)
        phase = 0.0
        if row:  # a circular mean: residues near 0 and near ``row`` are neighbours, not opposites
            ang = [2 * math.pi * (c % row) / row for c in centres]
            mean = math.atan2(sum(map(math.sin, ang)), sum(map(math.cos, ang)))
            phase = (mean % (2 * math.pi)) * row / (2 * math.pi)
        return _Grid(pitch=pitch, origin=origin, row=row, row_origin=phase, height=height)

    def _left_neighbour(self, line: int) -> list[int] | None:
        """The words of the nearest line left of ``line`` on its row, if it ends in a context word."""
        lb = self.page.lines[line].box
        best: int | None = None
        for li, other in enumerate(self.page.lines):
            ov = min(other.box.y1, lb.y1) - max(other.box.y0, lb.y0)
            if li != line and ov > 0.5 * min(other.box.height, lb.height) and other.box.x1 <= lb.x0:
                if best is None or other.box.x1 > self.page.lines[best].box.x1:
                    best = li
        if best is None:
            return None
        words = [wi for wi, li in enumerate(self.pt.word_line) if li == best]
        return words if words and words[-1] not in self._sensitive else None

    def _row_right_limit(self, fr: Fragment, x_from: float) -> int:
        """Where the free space right of a line-final span ends: the next text on its row, or the edge."""
        lb = self.page.lines[fr.line].box
        limit = self.page.width
        for li, line in enumerate(self.page.lines):
            if li == fr.line:
                continue
            ov = min(line.box.y1, lb.y1) - max(line.box.y0, lb.y0)
            if ov > 0.5 * min(line.box.height, lb.height) and line.box.x0 > x_from:
                limit = min(limit, line.box.x0)
        return limit

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

    def _label_after_gap(self, wi: int, a: int, pitch: float) -> float:
        """Where the value after a label inside word ``wi`` starts at the latest, measured from the
        word before it (inf when that says nothing).

        Tesseract boxes a word it reads badly from its middle now and then: "AccountKey=RIBS..."
        boxed from the value's fifth glyph, with the label's place left as a gap after the word
        before ("AccountName=...;"). When the label ends in a separator, the gap is wider than
        three glyphs and the word's box is short of its characters by a sixth (the label's widths,
        the value counted at the pitch: no glyph of it enters), the label is put right after that
        word. A label after a wide gap in a box of its full width (an editor's gutter before it)
        keeps its place.
        """
        w = self.pt.words[wi]
        prev = self._previous_word(wi)
        label = _ems(w.text[:a]) / _MEAN_EM
        if (prev is None or _last_separator(w.text[:a]) is None or w.box.x0 - prev.box.x1 <= 3 * pitch
                or w.box.width >= 0.85 * (label + len(w.text) - a) * pitch):
            return math.inf
        return prev.box.x1 + (0.5 + label) * pitch

    def _previous_word(self, wi: int) -> OcrWord | None:
        if wi > 0 and self.pt.word_line[wi - 1] == self.pt.word_line[wi] and (wi - 1) not in self._sensitive:
            return self.pt.words[wi - 1]
        return None
