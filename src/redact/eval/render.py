"""Deterministic UI screenshots with exact ground truth, for tests and benchmarks.

OCR accuracy on screenshots cannot be judged on scanned documents or on a handful of real
captures whose truth someone typed by hand: we need many screens, in the layouts the product
sees (terminal, form, chat, IDE, settings page), light and dark, small and HiDPI, where the
position of every word and of every sensitive value is known to the pixel. This module draws
such screens with PIL and real TrueType fonts and reports, from the font metrics of the text it
actually drew, the box of every word and of every fragment of every marked span.

Everything is a pure function of its arguments (``seed`` included): the same call returns the
same pixels, so benchmark numbers and test expectations are reproducible.

Example::

    screen = render_screen("terminal", ["$ export AWS_KEY=", Segment("AKIAIOSFODNN7EXAMPLE", "aws")])
    screen.image.shape          # (1080, 1920, 3)
    screen.spans[0].boxes       # one Box per line fragment of the marked value
"""

from __future__ import annotations

import math
import random
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from redact._errors import InputError
from redact.image._model import Box

__all__ = [
    "FONTS",
    "LAYOUTS",
    "THEMES",
    "RenderedScreen",
    "RenderedSpan",
    "Segment",
    "demo_lines",
    "render_screen",
]

LAYOUTS: tuple[str, ...] = ("terminal", "form", "chat", "ide", "settings")
THEMES: tuple[str, ...] = ("light", "dark")
#: Font names accepted by ``render_screen`` -> file names searched under the font directories.
FONTS: dict[str, str] = {
    "dejavu-sans-mono": "DejaVuSansMono.ttf",
    "dejavu-sans": "DejaVuSans.ttf",
    "dejavu-sans-bold": "DejaVuSans-Bold.ttf",
    "liberation-sans": "LiberationSans-Regular.ttf",
    "liberation-mono": "LiberationMono-Regular.ttf",
}
_FONT_DIRS: tuple[str, ...] = ("/usr/share/fonts/truetype", "/usr/share/fonts", "/usr/local/share/fonts")
_DEFAULT_FONT: dict[str, str] = {
    "terminal": "dejavu-sans-mono",
    "ide": "dejavu-sans-mono",
    "form": "dejavu-sans",
    "chat": "dejavu-sans",
    "settings": "liberation-sans",
}

Color = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a line; ``label`` set means the text is sensitive and its boxes are reported."""

    text: str = field(repr=False)
    label: str | None = None


#: One input line: plain text, or a sequence of plain strings and ``Segment`` objects.
#: In ``form`` and ``settings`` a tab separates the label cell from the value cell.
Line = str | Sequence[str | Segment]


@dataclass(frozen=True, slots=True)
class RenderedSpan:
    """Where a marked ``Segment`` ended up: one box per drawn line fragment (wrapping splits it)."""

    label: str
    text: str = field(repr=False)
    boxes: tuple[Box, ...]


@dataclass(frozen=True, slots=True)
class RenderedScreen:
    """An RGB screenshot and its truth: every drawn word and every marked span, in image pixels."""

    image: np.ndarray = field(repr=False)
    spans: tuple[RenderedSpan, ...]
    words: tuple[tuple[str, Box], ...] = field(repr=False)
    layout: str = ""
    theme: str = ""
    scale: int = 1


# --------------------------------------------------------------------------------------------
# Fonts and text drawing with truth


@lru_cache(maxsize=8)
def _font_path(name: str) -> str:
    if name not in FONTS:
        raise InputError(f"unknown font {name!r}; valid fonts: {', '.join(sorted(FONTS))}")
    for root in _FONT_DIRS:
        hits = sorted(Path(root).rglob(FONTS[name])) if Path(root).is_dir() else []
        if hits:
            return str(hits[0])
    raise InputError(
        f"font file {FONTS[name]} not found under {', '.join(_FONT_DIRS)}; "
        "install it with: apt-get install fonts-dejavu-core fonts-liberation2"
    )


@lru_cache(maxsize=64)
def _font(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_font_path(name), px)


# A run is one character range of a line with the id of the span it belongs to (-1: unmarked).
_Run = tuple[str, int]


class _Canvas:
    """A PIL image plus the truth collected while drawing on it."""

    def __init__(self, width: int, height: int, bg: Color, scale: int) -> None:
        self.width = width
        self.height = height
        self.s = scale
        self.img = Image.new("RGB", (width, height), bg)
        self.draw = ImageDraw.Draw(self.img)
        self.words: list[tuple[str, Box]] = []
        self.span_boxes: dict[int, list[Box]] = {}

    def px(self, v: float) -> int:
        """Logical pixels -> image pixels."""
        return int(round(v * self.s))

    def rect(self, box: tuple[float, float, float, float], fill: Color, *,
             outline: Color | None = None, radius: float = 0) -> None:
        x0, y0, x1, y1 = (self.px(v) for v in box)
        if radius:
            self.draw.rounded_rectangle((x0, y0, x1, y1), radius=self.px(radius), fill=fill,
                                        outline=outline, width=max(1, self.s))
        else:
            self.draw.rectangle((x0, y0, x1, y1), fill=fill, outline=outline, width=max(1, self.s))

    def fits(self, y_px: int, line_px: int) -> bool:
        return y_px + line_px <= self.height

    def text(self, x: int, y: int, runs: Sequence[_Run], font: ImageFont.FreeTypeFont,
             fill: Color | Sequence[tuple[int, Color]]) -> int:
        """Draw ``runs`` at image pixel (x, y) and record word and span boxes; returns the advance.

        ``fill`` is one colour or a list of (start offset, colour) pieces, so that an IDE line can
        colour its key and value differently while the truth is computed on the same string.
        """
        s = "".join(t for t, _ in runs)
        ids = [sid for t, sid in runs for _ in t]
        pieces = [(0, fill)] if isinstance(fill[0], int) else list(fill)  # type: ignore[index]
        for k, (start, color) in enumerate(pieces):
            end = pieces[k + 1][0] if k + 1 < len(pieces) else len(s)
            if start < end:
                px = x + int(round(font.getlength(s[:start])))
                self.draw.text((px, y), s[start:end], font=font, fill=color)  # type: ignore[arg-type]
        # Truth: words (whitespace tokens) and marked span fragments, from the same metrics.
        for i, j in _token_ranges(s):
            box = self._ink(x, y, s, i, j, font)
            if box is not None:
                self.words.append((s[i:j], box))
        for sid in sorted(set(ids) - {-1}):
            idx = [k for k, v in enumerate(ids) if v == sid]
            i, j = idx[0], idx[-1] + 1
            while i < j and s[i].isspace():
                i += 1
            while j > i and s[j - 1].isspace():
                j -= 1
            box = self._ink(x, y, s, i, j, font) if i < j else None
            if box is not None:
                self.span_boxes.setdefault(sid, []).append(box)
        return int(round(font.getlength(s)))

    def _ink(self, x: int, y: int, s: str, i: int, j: int,
             font: ImageFont.FreeTypeFont) -> Box | None:
        left = x + font.getlength(s[:i])
        l, t, r, b = font.getbbox(s[i:j])
        if r <= l or b <= t:
            return None
        box = Box(math.floor(left + l), y + int(t), math.ceil(left + r), y + int(math.ceil(b)))
        box = box.clip(self.width, self.height)
        return box if box.area > 0 else None  # drawn entirely off the canvas


def _token_ranges(s: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(s):
        if s[i].isspace():
            i += 1
            continue
        j = i
        while j < len(s) and not s[j].isspace():
            j += 1
        out.append((i, j))
        i = j
    return out


def _to_runs(line: Line, next_id: list[int], spans: dict[int, tuple[str, str]]) -> list[_Run]:
    if isinstance(line, str):
        return [(line, -1)] if line else []
    runs: list[_Run] = []
    for part in line:
        if isinstance(part, Segment):
            if part.label is None:
                runs.append((part.text, -1))
            else:
                sid = next_id[0]
                next_id[0] += 1
                spans[sid] = (part.label, part.text)
                runs.append((part.text, sid))
        else:
            runs.append((part, -1))
    return [r for r in runs if r[0]]


def _split_runs(runs: Sequence[_Run], sep: str) -> list[list[_Run]]:
    """Split runs into cells at ``sep`` (the tab between a label and its value)."""
    cells: list[list[_Run]] = [[]]
    for text, sid in runs:
        parts = text.split(sep)
        for k, p in enumerate(parts):
            if k:
                cells.append([])
            if p:
                cells[-1].append((p, sid))
    return cells


def _slice_runs(runs: Sequence[_Run], i: int, j: int) -> list[_Run]:
    out: list[_Run] = []
    pos = 0
    for text, sid in runs:
        a, b = max(i, pos), min(j, pos + len(text))
        if a < b:
            out.append((text[a - pos:b - pos], sid))
        pos += len(text)
    return out


def _wrap(runs: Sequence[_Run], font: ImageFont.FreeTypeFont, max_w: int) -> list[list[_Run]]:
    """Greedy word wrap; a token wider than ``max_w`` is broken between characters (as UIs do)."""
    s = "".join(t for t, _ in runs)
    out: list[list[_Run]] = []
    i = 0
    while i < len(s):
        while i < len(s) and s[i] == " " and out:
            i += 1
        if i >= len(s):
            break
        if font.getlength(s[i:]) <= max_w:
            out.append(_slice_runs(runs, i, len(s)))
            break
        best_space, best_char = -1, i + 1
        for j in range(i + 1, len(s) + 1):
            if font.getlength(s[i:j]) > max_w:
                break
            best_char = j
            if j < len(s) and s[j] == " ":
                best_space = j
        end = best_space if best_space > i else best_char
        out.append(_slice_runs(runs, i, end))
        i = end
    return out


# --------------------------------------------------------------------------------------------
# Layouts


@dataclass(frozen=True, slots=True)
class _Style:
    bg: Color
    fg: Color
    muted: Color
    chrome: Color
    panel: Color
    accent: Color
    border: Color


_STYLES: dict[str, _Style] = {
    "light": _Style((255, 255, 255), (33, 37, 41), (108, 117, 125), (236, 238, 241),
                    (246, 247, 249), (37, 99, 235), (206, 212, 218)),
    "dark": _Style((30, 30, 30), (212, 212, 212), (133, 133, 133), (45, 45, 48),
                   (37, 37, 38), (96, 165, 250), (70, 70, 74)),
}


def _jitter(rng: random.Random, c: Color, amount: int = 6) -> Color:
    return tuple(max(0, min(255, v + rng.randint(-amount, amount))) for v in c)  # type: ignore[return-value]


def _title_bar(cv: _Canvas, st: _Style, font_name: str, size: int, title: str) -> int:
    h = 30
    cv.rect((0, 0, cv.width / cv.s, h), st.chrome)
    for k, col in enumerate([(255, 95, 86), (255, 189, 46), (39, 201, 63)]):
        x = 14 + 20 * k
        cv.draw.ellipse((cv.px(x), cv.px(10), cv.px(x + 11), cv.px(21)), fill=col)
    f = _font(font_name, cv.px(size))
    w = f.getlength(title)
    cv.text(int((cv.width - w) / 2), cv.px(h / 2) - cv.px(size) // 2 - cv.s, [(title, -1)], f, st.muted)
    return cv.px(h)


def _layout_terminal(cv: _Canvas, st: _Style, lines: list[list[_Run]], font_name: str, size: int,
                     rng: random.Random) -> None:
    y = _title_bar(cv, st, "dejavu-sans", 13, "user@build-01: ~/project") + cv.px(8)
    f = _font(font_name, cv.px(size))
    lh = cv.px(size * 1.35)
    x0 = cv.px(10)
    prompt = (22, 163, 74) if st.bg[0] > 128 else (78, 201, 176)
    for runs in lines:
        text = "".join(t for t, _ in runs)
        for frag in _wrap(runs, f, cv.width - 2 * x0) or [[]]:
            if not cv.fits(y, lh):
                return
            if frag:
                ftxt = "".join(t for t, _ in frag)
                if text.startswith("$ ") and ftxt.startswith("$ "):
                    cv.text(x0, y, frag, f, [(0, prompt), (2, st.fg)])
                else:
                    cv.text(x0, y, frag, f, st.fg if rng.random() < 0.8 else st.muted)
            y += lh


def _layout_form(cv: _Canvas, st: _Style, lines: list[list[_Run]], font_name: str, size: int,
                 rng: random.Random) -> None:
    page = (243, 244, 246) if st.bg[0] > 128 else (17, 24, 39)
    card = (255, 255, 255) if st.bg[0] > 128 else (31, 41, 55)
    field_bg = (255, 255, 255) if st.bg[0] > 128 else (17, 24, 39)
    cv.rect((0, 0, cv.width / cv.s, cv.height / cv.s), page)
    W, H = cv.width / cv.s, cv.height / cv.s
    cx0, cy0 = max(20, W * 0.12 + rng.randint(-10, 10)), 40
    cx1, cy1 = W - cx0, H - 30
    cv.rect((cx0, cy0, cx1, cy1), card, outline=st.border, radius=8)
    title_f = _font("dejavu-sans-bold", cv.px(size + 5))
    cv.text(cv.px(cx0 + 24), cv.px(cy0 + 18), [("Account settings", -1)], title_f, st.fg)
    f = _font(font_name, cv.px(size))
    row = size * 2.7
    y = cy0 + 18 + (size + 5) * 2.2
    label_x, value_x = cx0 + 24, cx0 + 24 + max(170, size * 14)
    field_w = min(cx1 - value_x - 24, 720)
    for runs in lines:
        cells = _split_runs(runs, "\t")
        label, value = (cells[0], cells[1]) if len(cells) > 1 else ([], cells[0])
        if not cv.fits(cv.px(y + row), 0):
            return
        ty = cv.px(y + (row - size * 1.2) / 2) - cv.s
        if label:
            cv.text(cv.px(label_x), ty, label, f, st.muted)
        cv.rect((value_x, y + 4, value_x + field_w, y + row - 4), field_bg, outline=st.border,
                radius=4)
        if value:
            frag = _wrap(value, f, cv.px(field_w - 20))[0]
            cv.text(cv.px(value_x + 10), ty, frag, f, st.fg)
        y += row + 6


def _layout_chat(cv: _Canvas, st: _Style, lines: list[list[_Run]], font_name: str, size: int,
                 rng: random.Random, messages: Sequence[int] | None = None) -> None:
    """Chat bubbles on a random side; ``messages`` says how many consecutive lines each bubble holds.

    A pasted key, config snippet or list of codes is one chat message whose lines wrap inside one
    bubble, not one bubble per line. A message taller than the space left shows the lines that
    fit whole (a scrolled view cuts at the bottom); one with no line fitting ends the page. With
    ``messages=None`` every line is its own message, so the random stream (side, gap) and the
    pixels are the same as before messages existed.
    """
    light = st.bg[0] > 128
    side_bg = (241, 245, 249) if light else (30, 41, 59)
    cv.rect((0, 0, cv.width / cv.s, cv.height / cv.s), (255, 255, 255) if light else (15, 23, 42))
    side_w = 240
    cv.rect((0, 0, side_w, cv.height / cv.s), side_bg)
    f = _font(font_name, cv.px(size))
    y = 20
    for name in ("# general", "# deploys", "# support", "Alice Martin", "Bob Okafor", "Chen Wei"):
        if cv.fits(cv.px(y + size * 2), 0):
            cv.text(cv.px(20), cv.px(y), [(name, -1)], f, st.muted if light else (148, 163, 184))
        y += size * 2.2
    mine_bg = _jitter(rng, (37, 99, 235), 10)
    theirs_bg = (229, 231, 235) if light else (51, 65, 85)
    theirs_fg = (17, 24, 39) if light else (226, 232, 240)
    pad, lh = 10, size * 1.4
    area_x0, area_x1 = side_w + 24, cv.width / cv.s - 24
    max_w = min(560, (area_x1 - area_x0) * 0.7)
    y = 24
    for group in _message_groups(lines, messages):
        mine = rng.random() < 0.45
        frags: list[list[_Run]] = []
        cut = False
        for runs in group:
            line_frags = _wrap(runs, f, cv.px(max_w - 2 * pad)) or [[]]
            h = (len(frags) + len(line_frags)) * lh + 2 * pad - (lh - size * 1.2)
            if not cv.fits(cv.px(y + h), 0):
                cut = True
                break
            frags += line_frags
        if not frags:
            return
        w = max(f.getlength("".join(t for t, _ in fr)) for fr in frags) / cv.s + 2 * pad
        h = len(frags) * lh + 2 * pad - (lh - size * 1.2)
        x = area_x1 - w if mine else area_x0
        cv.rect((x, y, x + w, y + h), mine_bg if mine else theirs_bg, radius=12)
        ty = y + pad
        for fr in frags:
            if fr:
                cv.text(cv.px(x + pad), cv.px(ty), fr, f, (255, 255, 255) if mine else theirs_fg)
            ty += lh
        if cut:
            return  # the message was cut at the bottom of the page
        y += h + 10 + (size if rng.random() < 0.3 else 0)


def _message_groups(lines: list[list[_Run]], messages: Sequence[int] | None) -> list[list[list[_Run]]]:
    """Consecutive lines grouped by the counts in ``messages``; lines past the counts are one each."""
    counts = list(messages or [])
    groups: list[list[list[_Run]]] = []
    k = 0
    for c in counts:
        groups.append(lines[k:k + c])
        k += c
    groups += [[runs] for runs in lines[k:]]
    return groups


def _layout_ide(cv: _Canvas, st: _Style, lines: list[list[_Run]], font_name: str, size: int,
                rng: random.Random) -> None:
    light = st.bg[0] > 128
    side_bg = (243, 243, 243) if light else (37, 37, 38)
    tab_bg = (236, 236, 236) if light else (45, 45, 45)
    key_c = (0, 16, 128) if light else (156, 220, 254)
    val_c = (163, 21, 21) if light else (206, 145, 120)
    cmt_c = (0, 128, 0) if light else (106, 153, 85)
    side_w = 250
    cv.rect((0, 0, side_w, cv.height / cv.s), side_bg)
    cv.rect((side_w, 0, cv.width / cv.s, 34), tab_bg)
    uf = _font("dejavu-sans", cv.px(13))
    cv.text(cv.px(side_w + 14), cv.px(10), [("settings.env", -1)], uf, st.fg)
    cv.text(cv.px(side_w + 154), cv.px(10), [("docker-compose.yml", -1)], uf, st.muted)
    y = 14
    for name in ("EXPLORER", "src", "app.py", "config.py", "settings.env", "README.md"):
        cv.text(cv.px(16 if name in ("EXPLORER", "src") else 30), cv.px(y), [(name, -1)], uf, st.muted)
        y += 24
    f = _font(font_name, cv.px(size))
    lh = cv.px(size * 1.45)
    y_px = cv.px(46)
    gutter_x, code_x = cv.px(side_w + 12), cv.px(side_w + 64)
    n = 1
    for runs in lines:
        text = "".join(t for t, _ in runs)
        for frag in _wrap(runs, f, cv.width - code_x - cv.px(20)) or [[]]:
            if not cv.fits(y_px, lh):
                return
            num = str(n)
            cv.text(gutter_x + int(f.getlength("9" * (3 - len(num)))), y_px, [(num, -1)], f, st.muted)
            if frag:
                ft = "".join(t for t, _ in frag)
                if ft.lstrip().startswith("#"):
                    fill: Color | list[tuple[int, Color]] = cmt_c
                else:
                    cut = min([p for p in (ft.find("="), ft.find(":")) if p >= 0], default=-1)
                    fill = [(0, key_c), (cut, st.fg), (cut + 1, val_c)] if cut > 0 else st.fg
                cv.text(code_x, y_px, frag, f, fill)
            y_px += lh
            n += 1
        del text


def _layout_settings(cv: _Canvas, st: _Style, lines: list[list[_Run]], font_name: str, size: int,
                     rng: random.Random) -> None:
    light = st.bg[0] > 128
    cv.rect((0, 0, cv.width / cv.s, cv.height / cv.s), (249, 250, 251) if light else (17, 24, 39))
    nav_w = 230
    # The navigation is dark in both themes: the point is a page that mixes polarities.
    cv.rect((0, 0, nav_w, cv.height / cv.s), (31, 41, 55) if light else (3, 7, 18))
    uf = _font(font_name, cv.px(size))
    y = 24
    for name in ("Profile", "Security", "Billing", "API keys", "Integrations", "Notifications"):
        if cv.fits(cv.px(y + size * 1.5), 0):
            cv.text(cv.px(24), cv.px(y), [(name, -1)], uf, (229, 231, 235))
        y += size * 2.4
    panels: list[tuple[Color, Color, Color]] = (
        [((255, 255, 255), st.fg, st.muted), ((254, 243, 199), (66, 32, 6), (120, 53, 15)),
         ((219, 234, 254), (23, 37, 84), (30, 64, 175))]
        if light else
        [((31, 41, 55), (229, 231, 235), (156, 163, 175)), ((229, 231, 235), (17, 24, 39), (75, 85, 99)),
         ((6, 78, 59), (209, 250, 229), (167, 243, 208))]
    )
    titles = ("Personal information", "Billing", "Developer")
    n_panels = min(3, max(1, len(lines)))
    per = math.ceil(len(lines) / n_panels) if lines else 0
    W = cv.width / cv.s
    x0, x1 = nav_w + 32, min(W - 32, nav_w + 32 + 1100)
    y = 28.0
    tf = _font("dejavu-sans-bold", cv.px(size + 2))
    row = size * 2.1
    for p in range(n_panels):
        chunk = lines[p * per:(p + 1) * per]
        bg, fg, muted = panels[p % len(panels)]
        h = 20 + (size + 2) * 2 + len(chunk) * row + 10
        if not cv.fits(cv.px(y + h), 0):
            return
        cv.rect((x0, y, x1, y + h), bg, radius=6)
        cv.text(cv.px(x0 + 20), cv.px(y + 16), [(titles[p % 3], -1)], tf, fg)
        ry = y + 20 + (size + 2) * 2
        for runs in chunk:
            cells = _split_runs(runs, "\t")
            label, value = (cells[0], cells[1]) if len(cells) > 1 else ([], cells[0])
            if label:
                cv.text(cv.px(x0 + 20), cv.px(ry), label, uf, muted)
            if value:
                frag = _wrap(value, uf, cv.px(x1 - x0 - 320))[0]
                cv.text(cv.px(x0 + 280), cv.px(ry), frag, uf, fg)
            ry += row
        y += h + 24


_LAYOUT_FUNCS = {
    "terminal": _layout_terminal,
    "form": _layout_form,
    "chat": _layout_chat,
    "ide": _layout_ide,
    "settings": _layout_settings,
}


def render_screen(
    layout: str,
    lines: Sequence[Line],
    *,
    theme: str = "light",
    font: str | None = None,
    size: int = 14,
    scale: int = 1,
    width: int = 1920,
    height: int = 1080,
    seed: int = 0,
    messages: Sequence[int] | None = None,
) -> RenderedScreen:
    """Draw ``lines`` in a UI ``layout`` and return the image with word and span truth.

    ``width``/``height`` are the image size in pixels; ``scale=2`` draws a HiDPI capture (every
    metric, font sizes included, doubled, so the same image shows half as much). ``size`` is the
    logical font size in pixels (11-16 is typical for UIs). Lines that do not fit are dropped,
    and only what was drawn appears in the truth.

    ``messages`` (chat only) groups consecutive lines into one message: ``[1, 5, 1]`` draws the
    first line alone, the next five in one bubble, then the last alone; lines not counted are one
    message each (the default for every line). Other layouts draw lines one under another, so
    they ignore it.

    Example::

        s = render_screen("form", ["Email\\t", Segment("jane@example.com", "email")], theme="dark")
    """
    if layout not in _LAYOUT_FUNCS:
        raise InputError(f"unknown layout {layout!r}; valid layouts: {', '.join(LAYOUTS)}")
    if theme not in _STYLES:
        raise InputError(f"unknown theme {theme!r}; valid themes: {', '.join(THEMES)}")
    if scale not in (1, 2, 3):
        raise InputError(f"scale must be 1, 2 or 3, got {scale}")
    if not 6 <= size <= 48:
        raise InputError(f"font size must be between 6 and 48 px, got {size}")
    if width < 64 or height < 64:
        raise InputError(f"canvas {width}x{height} is too small; use at least 64x64")
    if messages is not None and (any(c < 1 for c in messages) or sum(messages) > len(lines)):
        raise InputError(f"messages {list(messages)} must be positive line counts adding up to at most "
                         f"{len(lines)} (the number of lines)")
    font_name = font or _DEFAULT_FONT[layout]
    _font_path(font_name)
    rng = random.Random(f"{layout}/{theme}/{seed}")
    st = _STYLES[theme]
    cv = _Canvas(width, height, st.bg, scale)
    next_id = [0]
    span_meta: dict[int, tuple[str, str]] = {}
    runs = [_to_runs(line, next_id, span_meta) for line in lines]
    if layout == "chat":
        _layout_chat(cv, st, runs, font_name, size, rng, messages)
    else:
        _LAYOUT_FUNCS[layout](cv, st, runs, font_name, size, rng)
    spans = tuple(
        RenderedSpan(label=span_meta[sid][0], text=span_meta[sid][1], boxes=tuple(cv.span_boxes[sid]))
        for sid in sorted(span_meta)
        if sid in cv.span_boxes
    )
    return RenderedScreen(
        image=np.asarray(cv.img, dtype=np.uint8).copy(),
        spans=spans,
        words=tuple(cv.words),
        layout=layout,
        theme=theme,
        scale=scale,
    )


# --------------------------------------------------------------------------------------------
# Demo content: plausible screens with planted secrets, for benchmarks and tests

_FIRST = ("Jane", "Omar", "Priya", "Lukas", "Sofia", "Mateo", "Aiko", "Grace", "Tomasz", "Amara")
_LAST = ("Doe", "Haddad", "Raman", "Becker", "Rossi", "Garcia", "Tanaka", "Hopper", "Nowak", "Obi")
_DOMAINS = ("example.com", "acme-corp.io", "mail.example.org", "contoso.net")
_STREETS = ("Maple Avenue", "Station Road", "Rue de Rivoli", "Elm Street", "Harbour Lane")


def _tok(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _secrets(rng: random.Random) -> dict[str, str]:
    a62 = string.ascii_letters + string.digits
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    return {
        "name": f"{first} {last}",
        "email": f"{first.lower()}.{last.lower()}@{rng.choice(_DOMAINS)}",
        "phone": f"+1 ({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
        "aws": rng.choice(["AKIAIOSFODNN7EXAMPLE", "AKIA" + _tok(rng, string.ascii_uppercase + "234567", 16)]),
        "aws_secret": _tok(rng, a62 + "/+", 40),
        "stripe": "sk_live_" + _tok(rng, a62, 24),
        "github": "ghp_" + _tok(rng, a62, 36),
        "b64": _tok(rng, a62 + "+/", 44) + "==",
        "ip": f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        "password": rng.choice(["hunter2hunter2", "Tr0ub4dor&3", "correct-horse-42", "Winter2024!"]),
        "address": f"{rng.randint(1, 999)} {rng.choice(_STREETS)}",
        "card": " ".join(_tok(rng, string.digits, 4) for _ in range(4)),
        "iban": "DE" + _tok(rng, string.digits, 20),
    }


_FILLER = (
    "Build finished in 42.7s with 0 warnings",
    "Deploying service api-gateway to staging-eu-west-1",
    "Reviewed the pull request and left two comments",
    "Meeting moved to Thursday at 3pm in room 4B",
    "Cache hit ratio 97.3% over the last 24 hours",
    "Remember to rotate the credentials after the audit",
    "The quarterly report is attached, see page 7",
    "Retrying connection (attempt 3 of 5) ...",
)


def demo_lines(layout: str, *, seed: int = 0, count: int = 24) -> list[Line]:
    """Plausible content for ``layout`` with planted PII and secrets marked as ``Segment``s.

    Random tokens (keys, base64) are drawn from the seed, so OCR cannot lean on a dictionary;
    the fixed ``AKIAIOSFODNN7EXAMPLE`` appears too because it is what people test with.

    Example::

        screen = render_screen("chat", demo_lines("chat", seed=3), theme="dark", size=13)
    """
    if layout not in _LAYOUT_FUNCS:
        raise InputError(f"unknown layout {layout!r}; valid layouts: {', '.join(LAYOUTS)}")
    rng = random.Random(f"demo/{layout}/{seed}")
    out: list[Line] = []
    while len(out) < count:
        v = _secrets(rng)
        S = lambda key: Segment(v[key], key)  # noqa: E731 - short local helper
        if layout == "terminal":
            block: list[Line] = [
                ["$ export AWS_ACCESS_KEY_ID=", S("aws")],
                ["$ export AWS_SECRET_ACCESS_KEY=", S("aws_secret")],
                ["$ curl -H 'Authorization: Bearer ", S("stripe"), "' https://api.example.com/v1/charges"],
                ["$ ssh deploy@", S("ip"), " -p 2222"],
                rng.choice(_FILLER),
                ["$ git config user.email ", S("email")],
                ["Warning: token ", S("github"), " expires in 7 days"],
            ]
        elif layout in ("form", "settings"):
            block = [
                ["Full name\t", S("name")],
                ["Email address\t", S("email")],
                ["Phone\t", S("phone")],
                ["Street address\t", S("address")],
                ["Password\t", S("password")],
                ["Card number\t", S("card")],
                ["IBAN\t", S("iban")],
                ["API key\t", S("stripe")],
                ["Access key ID\t", S("aws")],
                ["Language\tEnglish (United Kingdom)"],
            ]
        elif layout == "chat":
            block = [
                ["hey, can you send me the staging key?"],
                ["sure: ", S("stripe"), " (rotate it after)"],
                ["also my new number is ", S("phone")],
                [rng.choice(_FILLER)],
                ["mail ", S("email"), " if the deploy breaks"],
                ["the base64 blob was ", S("b64")],
                ["thanks! AWS key is ", S("aws"), " right?"],
            ]
        else:  # ide
            block = [
                "# production settings - do not commit",
                ["AWS_ACCESS_KEY_ID=", S("aws")],
                ["AWS_SECRET_ACCESS_KEY=", S("aws_secret")],
                ["STRIPE_API_KEY=", S("stripe")],
                ["GITHUB_TOKEN=", S("github")],
                ["ADMIN_EMAIL=", S("email")],
                ["DATABASE_URL=postgres://app:", S("password"), "@", S("ip"), ":5432/app"],
                ["SESSION_SECRET=", S("b64")],
                "LOG_LEVEL=info",
                "",
            ]
        out.extend(block)
    return out[:count]
