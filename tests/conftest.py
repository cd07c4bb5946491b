"""Shared fixtures: one real analyzer per test session (spaCy loads once), fake OCR from render truth."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from redact import Box, Policy  # noqa: E402
from redact.image._ocr import FakeOcrEngine  # noqa: E402
from redact.text._analyzer import TextAnalyzer  # noqa: E402


@pytest.fixture(scope="session")
def analyzer() -> TextAnalyzer:
    return TextAnalyzer(Policy())


def fake_ocr_from_words(words: Sequence[tuple[str, Box]]) -> FakeOcrEngine:
    """A fake OCR engine that 'reads' exactly the words a renderer drew, grouped into lines."""
    rows: list[list[tuple[str, Box]]] = []
    for text, box in sorted(words, key=lambda w: (w[1].y0 + w[1].y1) / 2):
        cy = (box.y0 + box.y1) / 2
        for row in rows:
            top = min(b.y0 for _, b in row)
            bottom = max(b.y1 for _, b in row)
            if top <= cy <= bottom:
                row.append((text, box))
                break
        else:
            rows.append([(text, box)])
    return FakeOcrEngine([sorted(row, key=lambda w: w[1].x0) for row in rows])
