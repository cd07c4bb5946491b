"""Ground truth for fixture screenshots, and the coverage check the demo and tests share.

Format (``NAME.truth.json`` beside ``NAME.png``)::

    {
      "width": 1920, "height": 1080,
      "template": "webmail",                       # optional: the page template it came from
      "items": [
        {"label": "EMAIL_ADDRESS", "sensitive": true, "value": "jane@example.com",
         "boxes": [[x0, y0, x1, y1], ...]}          # one box per line fragment, glyph extents
      ]
    }

``sensitive: false`` marks a look-alike (a UUID, a SHA, a version) that should stay readable.
Values in fixtures are fake (generated), so storing them is safe; the scorer needs them to check
that OCR of the output does not give them back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from redact._results import ImageResult
from redact.image._model import Box


@dataclass(frozen=True, slots=True)
class TruthItem:
    label: str
    sensitive: bool
    boxes: tuple[Box, ...]
    value: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Truth:
    width: int
    height: int
    items: tuple[TruthItem, ...]
    template: str = ""  # the page template a generated fixture came from ("" when not recorded)


def truth_path(image: Path) -> Path:
    return image.with_name(image.stem + ".truth.json")


def load_truth(image: Path) -> Truth | None:
    """The truth beside ``image``, or None if there is none."""
    p = truth_path(image)
    if not p.is_file():
        return None
    raw = json.loads(p.read_text(encoding="utf-8"))
    items = tuple(
        TruthItem(
            label=str(it["label"]),
            sensitive=bool(it.get("sensitive", True)),
            boxes=tuple(Box(*map(int, b)) for b in it["boxes"]),
            value=str(it.get("value", "")),
        )
        for it in raw["items"]
    )
    return Truth(int(raw["width"]), int(raw["height"]), items, str(raw.get("template", "")))


def save_truth(truth: Truth, image: Path) -> None:
    data: dict[str, object] = {"width": truth.width, "height": truth.height}
    if truth.template:
        data["template"] = truth.template
    data["items"] = [
        {"label": it.label, "sensitive": it.sensitive, "value": it.value, "boxes": [b.to_list() for b in it.boxes]}
        for it in truth.items
    ]
    truth_path(image).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def redaction_mask(result: ImageResult) -> np.ndarray:
    """Boolean mask of every pixel inside a redaction box of ``result``."""
    mask = np.zeros((result.height, result.width), dtype=bool)
    for f in result.findings:
        for b in f.boxes:
            mask[b.y0 : b.y1, b.x0 : b.x1] = True
    if result.status.value == "blanked":
        mask[:] = True
    return mask


def box_covered(mask: np.ndarray, box: Box, *, min_fraction: float = 0.9) -> bool:
    """Whether at least ``min_fraction`` of ``box`` lies under the mask."""
    b = box.clip(mask.shape[1], mask.shape[0])
    if b.area == 0:
        return True
    return float(mask[b.y0 : b.y1, b.x0 : b.x1].mean()) >= min_fraction


def coverage_of(truth: Truth, result: ImageResult) -> tuple[int, int]:
    """(sensitive items whose every fragment is covered, sensitive items)."""
    mask = redaction_mask(result)
    sensitive = [it for it in truth.items if it.sensitive]
    hit = sum(all(box_covered(mask, b) for b in it.boxes) for it in sensitive)
    return hit, len(sensitive)


def glyph_coverage(original: np.ndarray, redacted: np.ndarray, box: Box) -> float:
    """Fraction of the glyph pixels inside ``box`` that the redaction hid.

    A glyph pixel is hidden when the redaction changed it, or when the output is flat around it
    (no contrast within two pixels): a fill that happens to have the text's colour (white over
    white text on a coloured chat bubble) leaves those pixels as they were, yet no stroke can be
    told from its background any more.

    Glyph pixels are those that differ from the box's dominant (background) colour by at least
    half the box's contrast in the original: the body of each stroke, not its faint anti-aliased
    rim, whose changed value could coincide with a smooth redaction's shade by chance. Tool-agnostic: it needs only the two images, so it scores any redactor, and it
    does not reward a fill that happens to equal the background.
    """
    h, w = original.shape[:2]
    b = box.clip(w, h)
    if b.area == 0:
        return 1.0
    orig = original[b.y0 : b.y1, b.x0 : b.x1].astype(np.int16)
    red = redacted[b.y0 : b.y1, b.x0 : b.x1].astype(np.int16)
    bg = np.median(orig.reshape(-1, orig.shape[-1]), axis=0)
    diff = np.abs(orig - bg).max(axis=-1)
    ink = diff > max(40.0, 0.5 * float(diff.max()))
    if not ink.any():
        return 1.0
    changed = np.abs(orig - red).max(axis=-1) > 24
    # flat in the output: no contrast left within a few pixels, so no stroke edge to read
    kernel = np.ones((5, 5), np.uint8)
    out = red.astype(np.uint8)
    spread = (cv2.dilate(out, kernel).astype(np.int16) - cv2.erode(out, kernel).astype(np.int16))
    flat = (spread.reshape(out.shape[0], out.shape[1], -1).max(axis=-1)) <= 24
    return float(((changed | flat) & ink).sum() / ink.sum())


def covered_by_pixels(original: np.ndarray, redacted: np.ndarray, item: TruthItem, *, min_fraction: float = 0.9) -> bool:
    """Whether every line fragment of ``item`` had at least ``min_fraction`` of its glyph pixels hidden."""
    return all(glyph_coverage(original, redacted, b) >= min_fraction for b in item.boxes)
