"""Test engines for batch runs, imported by name in worker processes (``ENGINE_FACTORY``).

Frames are small PNGs whose top-left 8x8 block encodes what the scripted OCR "reads" (red
channel: a script number) and how the frame behaves (green channel: 0 normal, 1 the redactor
raises, 2 the worker process dies, 3 the redactor hangs). Everything is decided by the pixels,
so the same frame behaves the same in any process, on the local pool and on Dask.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from redact import Box, Policy, Redactor
from redact.batch import Engines
from redact.image._model import OcrLine, OcrPage, OcrWord
from tests.keys._fake_scanner import FakeScanner

ENGINE_FACTORY = "tests.batch._engines:fake_engines"

PASSWORD = "Tr0ub4dor&3x!"
EMAIL = "jane.doe@example.com"
TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"
LEAK = "hunter2-leaked-in-message"  # appears only in an exception message: must never be written

SCRIPTS: dict[int, list[str]] = {
    0: ["hello", "world"],
    1: ["mail", EMAIL],
    2: ["token", TOKEN],
    3: ["shown:", PASSWORD],
}
OK, RAISE, DIE, HANG = 0, 1, 2, 3
_STEP = 40
WIDTH, HEIGHT = 640, 64


def _boxes(words: list[str]) -> list[tuple[str, Box]]:
    out, x = [], 20
    for w in words:
        width = 8 * len(w)
        out.append((w, Box(x, 24, x + width, 40)))
        x += width + 12
    return out


def _code(rgb: np.ndarray) -> tuple[int, int]:
    r, g = (int(round(float(rgb[:8, :8, c].mean()) / _STEP)) for c in (0, 1))
    return r, g


def make_frame(path: Path, script: int, behavior: int = OK) -> Path:
    """Write a frame that reads as ``SCRIPTS[script]``; dark bars stand for the glyphs."""
    arr = np.full((HEIGHT, WIDTH, 3), 250, np.uint8)
    arr[:8, :8] = (script * _STEP, behavior * _STEP, 0)
    for _, b in _boxes(SCRIPTS[script]):
        arr[b.y0 + 3 : b.y1 - 3, b.x0 : b.x1 : 2] = 20
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(arr).save(path)
    return path


class ScriptedOcr:
    name = "scripted"

    def read(self, image: np.ndarray) -> OcrPage:
        script, _ = _code(image)
        words = tuple(OcrWord(text=t, box=b, conf=95.0) for t, b in _boxes(SCRIPTS.get(script, [])))
        lines = (OcrLine(words=words, box=words[0].box.union(words[-1].box)),) if words else ()
        return OcrPage(width=image.shape[1], height=image.shape[0], lines=lines, engine=self.name)


class MisbehavingRedactor:
    """A real Redactor over the scripted OCR that raises, dies or hangs when the frame says so."""

    def __init__(self, policy: Policy) -> None:
        self._inner = Redactor(policy, ocr=ScriptedOcr(), analyzer=FakeScanner())  # type: ignore[arg-type]

    def redact_image(self, image: Any, **kwargs: Any) -> Any:
        with Image.open(image) as img:
            _, behavior = _code(np.asarray(img.convert("RGB")))
        if behavior == RAISE:
            raise RuntimeError(f"scripted failure near {LEAK}")
        if behavior == DIE:
            os._exit(3)
        if behavior == HANG:
            time.sleep(600)
        return self._inner.redact_image(image, **kwargs)


def fake_engines(policy: Policy) -> Engines:
    return Engines(redactor=MisbehavingRedactor(policy), scanner=FakeScanner())  # type: ignore[arg-type]
