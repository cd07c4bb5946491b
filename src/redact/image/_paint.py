"""Painting redactions so that the output does not depend on what was hidden.

Every style starts by replacing the box with an opaque, content-independent base: a colour taken
from the ring of pixels just *outside* the box (background and neighbouring, non-secret text),
never from inside it. Decoration comes after and is a function of the box geometry only:

* ``fill``: the policy's solid colour;
* ``blur``: the ring colour with soft, smeared "text-like" bands, smoothed -- it looks like blurred
  text, but nothing of the original glyphs is in it, so deblurring has nothing to recover;
* ``pixelate``: the ring colour with a mosaic whose tile shades come from a generator seeded by the
  box geometry -- the look of pixelation with none of Depix's signal.

Two images that differ only inside the boxes therefore come out byte-identical.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import cv2
import numpy as np

from redact._policy import Style
from redact.image._model import Box


def paint(
    rgb: np.ndarray,
    boxes: Sequence[Box],
    *,
    style: Style,
    fill_color: tuple[int, int, int],
) -> np.ndarray:
    """Return a copy of ``rgb`` with every box redacted in ``style``.

    Ring colours are all sampled from the *input* before any box is painted, so the result does
    not depend on the order of the boxes either.
    """
    out = rgb.copy()
    h, w = rgb.shape[:2]
    boxes = [b.clip(w, h) for b in boxes]
    boxes = merge_overlapping([b for b in boxes if b.area > 0])
    mask = np.zeros((h, w), dtype=bool)
    for b in boxes:
        mask[b.y0 : b.y1, b.x0 : b.x1] = True
    colours = [_ring_colour(rgb, mask, b) for b in boxes]
    for b, bg in zip(boxes, colours, strict=True):
        if style is Style.FILL:
            out[b.y0 : b.y1, b.x0 : b.x1] = fill_color
        elif style is Style.BLUR:
            out[b.y0 : b.y1, b.x0 : b.x1] = _blur_look(b, bg)
        else:
            out[b.y0 : b.y1, b.x0 : b.x1] = _mosaic_look(b, bg)
    return out


def merge_overlapping(boxes: Sequence[Box]) -> list[Box]:
    """Replace every group of overlapping boxes on one line by their bounding box, in a canonical order.

    Two findings often cover the same pixels (an e-mail found by two detectors, a key inside an
    assignment); painted separately, the inner box would sample its colour from inside the outer
    one. One box per group paints once, and the result does not depend on the boxes' order.
    Boxes of neighbouring lines that only touch through their padding stay apart: their union
    would cover unrelated text between them.
    """
    merged = sorted(set(boxes), key=lambda b: (b.y0, b.x0, b.y1, b.x1))
    changed = True
    while changed:
        changed = False
        out: list[Box] = []
        for b in merged:
            for i, o in enumerate(out):
                v_overlap = min(b.y1, o.y1) - max(b.y0, o.y0)
                # same text line (mostly overlapping rows) and touching columns
                if b.x0 < o.x1 and o.x0 < b.x1 and v_overlap > 0.5 * min(b.height, o.height):
                    out[i] = o.union(b)
                    changed = True
                    break
            else:
                out.append(b)
        merged = sorted(set(out), key=lambda b: (b.y0, b.x0, b.y1, b.x1))
    return merged


def blank(rgb: np.ndarray, *, fill_color: tuple[int, int, int]) -> np.ndarray:
    """The fail-closed result: every pixel replaced."""
    out = np.empty_like(rgb)
    out[:] = fill_color
    return out


def _ring_colour(rgb: np.ndarray, mask: np.ndarray, b: Box) -> np.ndarray:
    """Median colour of a ring just outside ``b``, excluding pixels inside any redaction box."""
    h, w = rgb.shape[:2]
    r = max(2, b.height // 4)
    y0, y1, x0, x1 = max(0, b.y0 - r), min(h, b.y1 + r), max(0, b.x0 - r), min(w, b.x1 + r)
    patch = rgb[y0:y1, x0:x1]
    keep = ~mask[y0:y1, x0:x1]
    pixels = patch[keep]
    if pixels.size == 0:
        return np.array([127, 127, 127], dtype=np.uint8)
    return np.median(pixels, axis=0).astype(np.uint8)


def _ink_colour(bg: np.ndarray) -> np.ndarray:
    """A faint text-like tone: a little darker on light backgrounds, a little lighter on dark ones.

    Faint on purpose: a strong band could match the shade of grey UI text (secondary labels,
    timestamps) and leave those glyph pixels at their old value; a faint one changes every glyph
    pixel of any text readable against the background.
    """
    lum = 0.299 * bg[0] + 0.587 * bg[1] + 0.114 * bg[2]
    target = np.zeros(3) if lum > 127 else np.full(3, 255.0)
    return (0.82 * bg + 0.18 * target).astype(np.float32)


def _blur_look(b: Box, bg: np.ndarray) -> np.ndarray:
    hh, ww = b.height, b.width
    canvas = np.empty((hh, ww, 3), dtype=np.float32)
    canvas[:] = bg.astype(np.float32)
    ink = _ink_colour(bg)
    # One soft band per ~text line, inset from the edges, as blurred text would leave.
    band_h = max(1, round(hh * 0.38))
    y = (hh - band_h) // 2
    inset = max(1, min(ww // 6, hh // 3))
    if ww - 2 * inset > 0:
        canvas[y : y + band_h, inset : ww - inset] = ink
    sigma = max(1.0, hh / 5.0)
    smooth = cv2.GaussianBlur(canvas, (0, 0), sigmaX=sigma, sigmaY=sigma, borderType=cv2.BORDER_REPLICATE)
    return np.clip(np.rint(smooth), 0, 255).astype(np.uint8)


def _mosaic_look(b: Box, bg: np.ndarray) -> np.ndarray:
    hh, ww = b.height, b.width
    tile = max(3, hh // 3)
    seed = zlib.crc32(f"{b.x0},{b.y0},{b.x1},{b.y1}".encode())
    rng = np.random.default_rng(seed)
    ty, tx = -(-hh // tile), -(-ww // tile)
    mix = rng.uniform(0.0, 0.45, size=(ty, tx, 1)).astype(np.float32)
    ink = _ink_colour(bg)
    tiles = bg.astype(np.float32) * (1 - mix) + ink * mix
    big = np.repeat(np.repeat(tiles, tile, axis=0), tile, axis=1)[:hh, :ww]
    return np.clip(np.rint(big), 0, 255).astype(np.uint8)
