"""Tiny crops of committed eval fixtures, with their truth shifted into the crop."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from redact.eval._truth import Truth, TruthItem, load_truth, save_truth
from redact.image._model import Box

EVAL = Path(__file__).resolve().parents[2] / "fixtures" / "eval"

# A code-review header line at 16 px: a name and an e-mail (sensitive), a short SHA and a timestamp.
REVIEW = ("code_review-light-16px-1280x800.png", (250, 100, 1100, 145))
# A negative page: look-alikes only.
NEGATIVE = ("neg_api_docs-light-13px-1440x900.png", (220, 120, 1000, 330))


def crop(spec: tuple[str, tuple[int, int, int, int]]) -> tuple[np.ndarray, Truth]:
    name, (x0, y0, x1, y1) = spec
    path = EVAL / name
    truth = load_truth(path)
    assert truth is not None
    rgb = np.asarray(Image.open(path).convert("RGB"))[y0:y1, x0:x1].copy()
    items = tuple(
        TruthItem(it.label, it.sensitive, tuple(Box(b.x0 - x0, b.y0 - y0, b.x1 - x0, b.y1 - y0) for b in it.boxes), it.value)
        for it in truth.items
        if all(b.x0 >= x0 and b.y0 >= y0 and b.x1 <= x1 and b.y1 <= y1 for b in it.boxes)
    )
    return rgb, Truth(x1 - x0, y1 - y0, items, truth.template)


def fill(rgb: np.ndarray, truth: Truth, *, pad: int = 4) -> np.ndarray:
    """What a perfect redactor does: an opaque box over every sensitive fragment, with a margin."""
    out = rgb.copy()
    for it in truth.items:
        if it.sensitive:
            for b in it.boxes:
                out[max(0, b.y0 - pad) : b.y1 + pad, max(0, b.x0 - pad) : b.x1 + pad] = (0, 0, 0)
    return out


def light_blur(rgb: np.ndarray, truth: Truth, *, radius: float = 1.2) -> np.ndarray:
    """A blur that changes nearly every glyph pixel but leaves the text readable to OCR."""
    img = Image.fromarray(rgb)
    for it in truth.items:
        if it.sensitive:
            for b in it.boxes:
                img.paste(img.crop((b.x0, b.y0, b.x1, b.y1)).filter(ImageFilter.GaussianBlur(radius)), (b.x0, b.y0))
    return np.asarray(img)


def write(dirpath: Path, name: str, rgb: np.ndarray, truth: Truth | None = None) -> Path:
    dirpath.mkdir(parents=True, exist_ok=True)
    p = dirpath / name
    Image.fromarray(rgb).save(p)
    if truth is not None:
        save_truth(truth, p)
    return p
