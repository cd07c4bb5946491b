"""Small frames and redactors for the context tests: a plain image and a scripted (fake) OCR."""

from __future__ import annotations

import numpy as np

from redact import Box, Policy, Redactor
from redact.image._ocr import FakeOcrEngine
from redact.text._analyzer import TextAnalyzer

W, H = 400, 120
FIELD = Box(100, 40, 300, 70)  # where the password field is drawn


def frame() -> np.ndarray:
    """A light frame with a dark 'password field' full of bullet-like marks inside FIELD."""
    rgb = np.full((H, W, 3), 240, np.uint8)
    rgb[FIELD.y0 : FIELD.y1, FIELD.x0 : FIELD.x1] = 255
    rgb[FIELD.y0 + 10 : FIELD.y1 - 10, FIELD.x0 + 8 : FIELD.x1 - 8 : 6] = 30
    return rgb


def redactor(
    analyzer: TextAnalyzer, words: list[tuple[str, Box]] | None = None, policy: Policy | None = None
) -> tuple[Redactor, FakeOcrEngine]:
    """A redactor over fake OCR reading ``words`` (one line); the analyzer is shared across policies."""
    ocr = FakeOcrEngine([words] if words else [])
    return Redactor(policy if policy is not None else Policy(style="fill"), ocr=ocr, analyzer=analyzer), ocr
