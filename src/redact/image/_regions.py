"""Screenshot preprocessing: find text lines with OpenCV, normalise each, OCR, map boxes back.

Screenshots are not documents. Tesseract's page layout analysis expects dark text on a light,
uniform page; on a screen it misses text in chat bubbles and on dark panels, and 11-14 px UI
text is below the size its recogniser reads well. So the default strategy does its own layout:

1. Text-line regions: morphological gradient -> threshold -> long straight edges (borders,
   panel and bubble edges) removed -> horizontal closing -> connected components -> neighbouring
   components on the same row merged.
2. Per region: light-on-dark is decided locally (a page can mix both), the crop is inverted if
   needed and contrast-stretched, its x-height is measured and the crop resized so that the
   x-height is ``target_xheight`` px: small text is upscaled (cubic) and HiDPI text shrunk; the
   width is further multiplied by ``squash`` (< 1 narrows glyphs a little, which shortens the
   LSTM's input and so its cost, with no measured loss of recall at 0.85).
3. Each prepared region is read as a single line (PSM 7) or block (PSM 6), or all regions are
   stacked into one mosaic image and read at once (for the subprocess engine, where each call
   costs a process start), and every box is mapped back to the original pixel coordinates.
   Byte-identical prepared regions (repeated labels, badges) are read once.

The OCR call itself is a callback ``(grey image, page segmentation mode) -> Tesseract TSV`` so
that this module stays free of any OCR library and can be tested with OpenCV alone.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from redact.image._model import Box, OcrLine, OcrWord

__all__ = [
    "STRATEGIES",
    "OcrCache",
    "PreparedRegion",
    "TextRegion",
    "assemble_lines",
    "find_text_regions",
    "merge_split_words",
    "prepare_region",
    "run_strategy",
    "to_gray",
]

#: ``regions``: per-line OCR of OpenCV-found regions (default, best measured recall and speed);
#: ``regions-mosaic``: the same regions stacked into one image, one OCR call;
#: ``page``: the whole grey screenshot, Tesseract's own layout (PSM 3);
#: ``page-upscaled``: the same at 2x cubic.
STRATEGIES: tuple[str, ...] = ("regions", "regions-mosaic", "page", "page-upscaled")

PSM_AUTO, PSM_BLOCK, PSM_LINE = 3, 6, 7

Recognise = Callable[[np.ndarray, int], str]

_GRAD_THRESHOLD = 40  # grey levels; below it an edge is a panel shade, not a glyph
_HLINE_MIN_LEN = 40  # px; a horizontal straight edge this long is a border, not text
# Vertical: input fields are only ~30 px tall. A HiDPI glyph stem may be removed too, which
# only thins the detection map: the region is still found from the rest of the word.
_VLINE_MIN_LEN = 20
_JOIN_GAP = 9  # px; horizontal closing joins glyphs and words, not columns
_HIDPI_LINE = 26  # px; median text-line height from which a capture is treated as HiDPI
_BORDER = 8  # px of background added around a prepared region (Tesseract wants a margin)


@dataclass(frozen=True, slots=True)
class TextRegion:
    """A line-ish area of the screenshot that holds text, in original pixel coordinates."""

    box: Box


@dataclass(frozen=True, slots=True)
class PreparedRegion:
    """A region ready for Tesseract: dark text on white, resized, with a white margin.

    A point ``(u, v)`` of ``image`` maps back to ``(dx + u / xscale, dy + v / scale)``;
    ``xscale`` differs from ``scale`` only when the region was narrowed (``squash``).
    """

    region: TextRegion
    image: np.ndarray
    scale: float
    dx: float
    dy: float
    inverted: bool
    xheight: float
    xscale: float


class OcrCache:
    """What Tesseract read in prepared regions, kept across the frames of one recording (opt-in).

    Consecutive frames of a recording repeat most of their text lines pixel for pixel (a window
    that did not change, a chat history above a new message). A region whose prepared image is
    byte-identical to one read before gets the same Tesseract output without running Tesseract,
    which is deterministic, so the redacted frames are the same as without a cache; only the CPU
    differs. Keys are 128-bit digests of the prepared pixels (with the engine's settings), so the
    cache keeps no pixels, but the values are what OCR read: screen text, secrets included. Keep
    one per recording, like its :class:`~redact.SecretMemory`, and drop it (or :meth:`clear` it)
    when the recording is done. At most ``max_regions`` entries are kept (least recently used
    out). Safe to share between threads.
    """

    def __init__(self, max_regions: int = 4096, *, namespace: str = "") -> None:
        if max_regions < 1:
            raise ValueError(f"max_regions must be >= 1, got {max_regions}")
        self.max_regions = max_regions
        self._namespace = namespace.encode()
        self._entries: OrderedDict[bytes, str] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __repr__(self) -> str:  # never the text
        return f"<OcrCache regions={len(self._entries)} hits={self.hits} misses={self.misses}>"

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def namespace(self) -> str:
        """The engine and settings this cache's entries were read with."""
        return self._namespace.decode()

    def key(self, image: np.ndarray, psm: int) -> bytes:
        h = hashlib.blake2b(self._namespace, digest_size=16)
        h.update(f"{image.shape}|{image.dtype}|{psm}|".encode())
        h.update(np.ascontiguousarray(image).data)
        return h.digest()

    def get(self, key: bytes) -> str | None:
        with self._lock:
            tsv = self._entries.get(key)
            if tsv is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return tsv

    def put(self, key: bytes, tsv: str) -> None:
        with self._lock:
            self._entries[key] = tsv
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_regions:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def to_gray(rgb: np.ndarray) -> np.ndarray:
    """RGB (or grey) uint8 -> grey uint8, luminance weights."""
    if rgb.ndim == 2:
        return rgb
    return cv2.cvtColor(np.ascontiguousarray(rgb[:, :, :3]), cv2.COLOR_RGB2GRAY)


def _straight_edges(gray: np.ndarray) -> np.ndarray:
    """Mask of long horizontal/vertical edges: borders, separators, panel and bubble sides.

    An edge pixel belongs to a border when the step across it is strong and the pixels along it
    stay constant for ``_HLINE_MIN_LEN`` px (``_VLINE_MIN_LEN`` vertically); glyph edges do not,
    so text is left alone (a test on the plain gradient would also cut bold words). Computed
    with uint8 OpenCV operations (half the time of the int16 NumPy equivalent).
    """
    h, w = gray.shape
    d_y = cv2.absdiff(gray[1:, :], gray[:-1, :])  # step between rows y and y+1
    d_x = cv2.absdiff(gray[:, 1:], gray[:, :-1])  # step between columns x and x+1
    # horizontal edges: a step between rows y and y+1, constant along x in both rows
    step_y, flat_x = cv2.compare(d_y, 20, cv2.CMP_GT), cv2.compare(d_x, 6, cv2.CMP_LT)
    hz = cv2.bitwise_and(cv2.bitwise_and(step_y[:, :-1], flat_x[:-1, :]), flat_x[1:, :])
    hz = cv2.morphologyEx(hz, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (_HLINE_MIN_LEN, 1)))
    step_x, flat_y = cv2.compare(d_x, 20, cv2.CMP_GT), cv2.compare(d_y, 6, cv2.CMP_LT)
    vt = cv2.bitwise_and(cv2.bitwise_and(step_x[:-1, :], flat_y[:, :-1]), flat_y[:, 1:])
    vt = cv2.morphologyEx(vt, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, _VLINE_MIN_LEN)))
    mask = np.zeros((h, w), np.uint8)
    mask[:-1, :-1] |= hz
    mask[1:, :-1] |= hz
    mask[:-1, :-1] |= vt
    mask[:-1, 1:] |= vt
    # Generous dilation: it also eats most of a rounded corner, whose arc would otherwise glue
    # the bubble or input outline to the text inside it.
    return cv2.dilate(mask, np.ones((7, 7), np.uint8))


def find_text_regions(gray: np.ndarray, *, min_height: int = 5, max_height: int = 200) -> list[TextRegion]:
    """Line-ish text regions of a grey screenshot, top to bottom, in its pixel coordinates.

    HiDPI captures (text lines >= ``_HIDPI_LINE`` px tall) are searched at half size: the
    thresholds are tuned for 1x UI text, and at 2x a glyph stem is as long as a 1x input-field
    side and would be mistaken for a border. The boxes are scaled back to full size.

    Example::

        regions = find_text_regions(to_gray(rgb))
    """
    boxes = _find_boxes(gray, min_height, max_height)
    heights = sorted(b[3] - b[1] for b in boxes)
    if heights and heights[len(heights) // 2] >= _HIDPI_LINE:
        half = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
        boxes = [[2 * v for v in b] for b in _find_boxes(half, min_height, max_height // 2)]
    H, W = gray.shape
    out = [TextRegion(Box(*b).clip(W, H)) for b in boxes if (b[2] - b[0]) * (b[3] - b[1]) >= 30]
    out.sort(key=lambda r: (r.box.y0, r.box.x0))
    return out


def _find_boxes(gray: np.ndarray, min_height: int, max_height: int) -> list[list[int]]:
    grad = cv2.morphologyEx(gray, cv2.MORPH_GRADIENT, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    bw = (grad >= _GRAD_THRESHOLD).astype(np.uint8)
    bw[_straight_edges(gray) > 0] = 0
    closed = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (_JOIN_GAP, 1)))
    n, stats = _components(closed)
    boxes: list[list[int]] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if h < min_height or h > max_height or w < 3:
            continue
        if area < 0.12 * w * h and w > 4 * h:  # an outline, not glyphs
            continue
        boxes.append([x, y, x + w, y + h])
    return _merge_rows(boxes)


def _components(binary: np.ndarray) -> tuple[int, np.ndarray]:
    """Number of 8-connected components (background included) and their stats rows.

    16-bit labels give the same components and stats as 32-bit ones at well under half the CPU
    (a screenshot has tens to hundreds of them); OpenCV refuses to overflow them, and a page
    with more than 65534 components is labelled with 32-bit labels instead.
    """
    try:
        n, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:
        n, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8, ltype=cv2.CV_32S)
    return n, stats


def _merge_rows(boxes: list[list[int]]) -> list[list[int]]:
    """Join components on the same row whose gap is under one line height (words, punctuation)."""
    boxes = sorted(boxes, key=lambda b: b[0])
    changed = True
    while changed:
        changed = False
        out: list[list[int]] = []
        for b in boxes:
            for o in out:
                hb, ho = b[3] - b[1], o[3] - o[1]
                overlap = min(b[3], o[3]) - max(b[1], o[1])
                gap = max(b[0], o[0]) - min(b[2], o[2])
                small = min(hb, ho)
                if overlap >= 0.6 * small and gap <= 0.9 * max(hb, ho) and max(hb, ho) <= 2.2 * small:
                    o[:] = [min(o[0], b[0]), min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3])]
                    changed = True
                    break
                if overlap >= 0.8 * small and gap <= 0.5 * small and small < 0.5 * max(hb, ho):
                    # a lone dot, dash or comma beside a word: absorb it
                    o[:] = [min(o[0], b[0]), min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3])]
                    changed = True
                    break
            else:
                out.append(list(b))
        boxes = out
    return boxes


def _xheight(dark_text: np.ndarray) -> float:
    """Height of the densest band of ink rows: the x-height (cap height for all-caps lines)."""
    thr, _ = cv2.threshold(dark_text, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    ink = (dark_text < thr).sum(axis=1).astype(np.float64)
    if ink.max() <= 0:
        return float(dark_text.shape[0])
    return float(max(1, int((ink >= 0.4 * ink.max()).sum())))


def prepare_region(
    gray: np.ndarray, region: TextRegion, *, target_xheight: float = 20.0, squash: float = 0.85
) -> PreparedRegion:
    """Crop, make dark-on-light, stretch contrast and resize one region for Tesseract.

    Light-on-dark is decided from the crop's own border (its background), so one page can hold
    dark panels and light ones; a global decision breaks such pages (field notes: recall 0.79).
    """
    H, W = gray.shape
    b = region.box
    pad = max(2, int(round(0.2 * b.height)))
    x0, y0, x1, y1 = max(0, b.x0 - pad), max(0, b.y0 - pad), min(W, b.x1 + pad), min(H, b.y1 + pad)
    crop = gray[y0:y1, x0:x1]
    # Background = the most common grey level inside the region itself (not its padded border,
    # which may be the page outside a chat bubble); text = what differs from it.
    inner = gray[b.y0:b.y1, b.x0:b.x1]
    bg = float(np.argmax(np.bincount(inner.ravel(), minlength=256)))
    diff = inner.astype(np.int16) - int(bg)
    light_ink = int((diff > 40).sum())
    dark_ink = int((diff < -40).sum())
    inverted = light_ink > dark_ink
    if inverted:
        crop = 255 - crop
        bg = 255 - bg
    lo = float(np.percentile(crop, 1)) if crop.size > 100 else float(crop.min())
    # Stretch: background to white, darkest ink to black. Low-contrast muted labels gain most.
    span = max(1.0, bg - lo)
    crop = np.clip((crop.astype(np.float32) - lo) * (255.0 / span), 0, 255).astype(np.uint8)
    xh = _xheight(crop)
    scale = float(np.clip(target_xheight / xh, 0.5, 4.0))
    if 0.9 <= scale <= 1.12:
        scale = 1.0
    xscale = scale * squash
    if scale != 1.0 or xscale != 1.0:
        interp = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
        crop = cv2.resize(crop, None, fx=xscale, fy=scale, interpolation=interp)
    img = cv2.copyMakeBorder(crop, _BORDER, _BORDER, _BORDER, _BORDER, cv2.BORDER_CONSTANT, value=255)
    return PreparedRegion(
        region=region, image=img, scale=scale,
        dx=x0 - _BORDER / xscale, dy=y0 - _BORDER / scale, inverted=inverted, xheight=xh, xscale=xscale,
    )


def _psm_for(p: PreparedRegion) -> int:
    # More than ~2 text lines tall: a block; otherwise a single line (no layout analysis).
    return PSM_BLOCK if p.region.box.height * p.scale > 5.5 * max(p.xheight * p.scale, 1) else PSM_LINE


# --------------------------------------------------------------------------------------------
# Strategies


def run_strategy(
    rgb: np.ndarray,
    recognise: Recognise,
    *,
    strategy: str = "regions",
    target_xheight: float = 20.0,
    squash: float = 0.85,
    mosaic: bool = False,
    cache: OcrCache | None = None,
) -> list[OcrLine]:
    """OCR a screenshot with ``strategy``; every box in the result is in ``rgb``'s pixels.

    ``mosaic=True`` turns ``regions`` into ``regions-mosaic`` (one OCR call per image).
    ``cache`` (``regions`` only) reuses what an earlier frame's identical regions read.
    """
    from redact.image._tesseract import parse_tsv  # local: _tesseract imports this module

    gray = to_gray(rgb)
    H, W = gray.shape
    if strategy == "page":
        return assemble_lines(parse_tsv(recognise(gray, PSM_AUTO)))
    if strategy == "page-upscaled":
        big = cv2.resize(gray, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
        return assemble_lines(parse_tsv(recognise(big, PSM_AUTO), scale=2.0))
    prepared = [prepare_region(gray, r, target_xheight=target_xheight, squash=squash)
                for r in find_text_regions(gray)]
    if strategy == "regions-mosaic" or mosaic:
        lines = _read_mosaic(prepared, recognise, parse_tsv)
    else:
        lines = []
        # Identical prepared crops (a repeated label, badge or message) are read once: Tesseract
        # is deterministic, and the words are mapped back with each region's own offsets.
        done: dict[tuple[bytes, tuple[int, int], int], str] = {}
        for p in prepared:
            psm = _psm_for(p)
            key = (p.image.tobytes(), p.image.shape, psm)
            tsv = done.get(key)
            if tsv is None:
                ckey = cache.key(p.image, psm) if cache is not None else b""
                tsv = cache.get(ckey) if cache is not None else None
                if tsv is None:
                    tsv = recognise(p.image, psm)
                    if cache is not None:
                        cache.put(ckey, tsv)
                done[key] = tsv
            lines.extend(parse_tsv(tsv, scale=p.scale, xscale=p.xscale, dx=p.dx, dy=p.dy,
                                   keep=_grow(p.region.box, 2, W, H)))
    return assemble_lines(lines)


def _grow(b: Box, d: int, W: int, H: int) -> Box:
    return Box(b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d).clip(W, H)


def _read_mosaic(prepared: Sequence[PreparedRegion], recognise: Recognise,
                 parse: Callable[..., list[OcrLine]]) -> list[OcrLine]:
    """Stack all prepared regions into one white image, OCR once, map words back per band."""
    if not prepared:
        return []
    gap = 12
    width = max(p.image.shape[1] for p in prepared)
    height = sum(p.image.shape[0] + gap for p in prepared)
    canvas = np.full((height, width), 255, np.uint8)
    bands: list[tuple[int, int, PreparedRegion]] = []
    y = 0
    for p in prepared:
        h, w = p.image.shape
        canvas[y:y + h, :w] = p.image
        bands.append((y, y + h, p))
        y += h + gap
    starts = [b[0] for b in bands]
    out: list[OcrLine] = []
    for line in parse(recognise(canvas, PSM_BLOCK)):
        per_band: dict[int, list[OcrWord]] = {}
        for w in line.words:
            cy = (w.box.y0 + w.box.y1) / 2
            k = max(0, int(np.searchsorted(starts, cy, side="right")) - 1)
            y0, _, p = bands[k]
            box = Box(
                int(p.dx + w.box.x0 / p.xscale), int(p.dy + (w.box.y0 - y0) / p.scale),
                int(np.ceil(p.dx + w.box.x1 / p.xscale)), int(np.ceil(p.dy + (w.box.y1 - y0) / p.scale)),
            )
            per_band.setdefault(k, []).append(OcrWord(text=w.text, box=box, conf=w.conf))
        for words in per_band.values():
            out.append(_make_line(words))
    return out


def _make_line(words: Sequence[OcrWord]) -> OcrLine:
    words = sorted(words, key=lambda w: w.box.x0)
    box = words[0].box
    for w in words[1:]:
        box = box.union(w.box)
    return OcrLine(words=tuple(words), box=box)


def _pitch(words: Sequence[OcrWord]) -> float:
    """Median width per character of the longer words: the line's character pitch in px."""
    pitches = sorted(w.box.width / len(w.text) for w in words if len(w.text) >= 3)
    return pitches[len(pitches) // 2] if pitches else 0.0


def merge_split_words(line: OcrLine) -> OcrLine:
    """Re-join words Tesseract split inside one token (``ghp_8fY yXpGM4`` -> ``ghp_8fYyXpGM4``).

    Tesseract's LSTM emits a space wherever a glyph's side bearings leave a gap (``i``, ``j``,
    ``l`` in monospaced fonts), which cuts keys and tokens into pieces that no pattern matches.
    Measured on rendered screens (in units of character pitch), true spaces leave gaps of
    >= 0.32 in proportional and >= 0.87 in monospaced text; gaps inside a token range from
    overlapping to 0.95. Telling monospaced lines apart from the pitch of a few words proved
    unreliable (card numbers, short chat lines), so only gaps under 0.25 pitch are merged: about
    a third of the splits, and never two real words.
    """
    words = sorted(line.words, key=lambda w: w.box.x0)
    if len(words) < 2:
        return line
    pitch = _pitch(words)
    if pitch <= 0:
        return line
    limit = 0.25 * pitch
    out = [words[0]]
    for w in words[1:]:
        prev = out[-1]
        if w.box.x0 - prev.box.x1 < limit:
            out[-1] = OcrWord(text=prev.text + w.text, box=prev.box.union(w.box), conf=min(prev.conf, w.conf))
        else:
            out.append(w)
    return OcrLine(words=tuple(out), box=line.box) if len(out) != len(words) else line


def assemble_lines(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Join line pieces read from separate regions of one text row; return reading order.

    Pieces join when they share most of their height and the gap is under ~2 line heights, so
    a value split from its trailing words rejoins while a form's label and value column (far
    apart) stay separate lines, as Tesseract would report them.
    """
    pieces = sorted(lines, key=lambda ln: ln.box.x0)
    rows: list[list[OcrLine]] = []
    for ln in pieces:
        for row in rows:
            last = row[-1]
            small = min(ln.box.height, last.box.height)
            overlap = min(ln.box.y1, last.box.y1) - max(ln.box.y0, last.box.y0)
            gap = ln.box.x0 - last.box.x1
            if overlap >= 0.6 * small and -small <= gap <= 2.0 * max(ln.box.height, last.box.height):
                row.append(ln)
                break
        else:
            rows.append([ln])
    joined = [merge_split_words(_make_line([w for ln in row for w in ln.words])) for row in rows]
    # Reading order: rows of overlapping lines top to bottom, left to right within a row.
    joined.sort(key=lambda ln: (ln.box.y0 + ln.box.y1) / 2)
    ordered: list[OcrLine] = []
    band: list[OcrLine] = []
    for ln in joined:
        if band and (ln.box.y0 + ln.box.y1) / 2 > min(b.box.y1 for b in band):
            ordered.extend(sorted(band, key=lambda b: b.box.x0))
            band = []
        band.append(ln)
    ordered.extend(sorted(band, key=lambda b: b.box.x0))
    return ordered
