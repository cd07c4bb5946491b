"""The OCR interface the image stage depends on, a fake for tests, and the engine factory.

The redactor needs one thing from OCR: an RGB screenshot in, lines of words with boxes in the
screenshot's own pixels out (``OcrPage``). Keeping that behind a two-member ``Protocol`` lets
tests run the whole image path in milliseconds with ``FakeOcrEngine`` and lets a different OCR
(a neural one, say) drop in without touching the redactor. Engines load lazily: importing this
module does not import tesserocr, pytesseract or OpenCV.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from redact._errors import EngineError, OcrError
from redact.image._model import Box, OcrLine, OcrPage, OcrWord

__all__ = ["ENGINES", "FakeOcrEngine", "OcrEngine", "make_ocr_engine"]

#: Names ``make_ocr_engine`` accepts.
ENGINES: tuple[str, ...] = ("auto", "tesserocr", "pytesseract")


@runtime_checkable
class OcrEngine(Protocol):
    """Anything that reads text with positions from a screenshot.

    ``read`` takes an H x W x 3 uint8 RGB array and returns every line it read, boxes in that
    array's pixel coordinates. It raises ``OcrError`` when it cannot read the image at all (an
    empty page is a valid answer, not an error). Implementations must be safe to call from
    several threads at once: one engine is shared by a redactor's workers.
    """

    name: str

    def read(self, image: np.ndarray) -> OcrPage: ...


class FakeOcrEngine:
    """A scripted OCR engine: returns the words it was given, or fails on demand.

    It ships in the library (not only in the tests) so that code using ``redact`` can test its
    own image handling without Tesseract. ``lines`` is a list of lines, each a list of
    ``(text, Box)`` words; ``fail`` makes every ``read`` raise ``OcrError`` (or the given
    exception), to exercise fail-closed paths. ``calls`` counts reads.

    Example::

        engine = FakeOcrEngine([[("Password:", Box(10, 10, 80, 24)), ("hunter2", Box(86, 10, 140, 24))]])
        page = engine.read(np.zeros((100, 200, 3), np.uint8))
        page.lines[0].words[1].box   # Box(x0=86, y0=10, x1=140, y1=24)
    """

    name = "fake"

    def __init__(
        self,
        lines: Sequence[Sequence[tuple[str, Box]]] = (),
        *,
        conf: float = 95.0,
        fail: bool | BaseException = False,
    ) -> None:
        built: list[OcrLine] = []
        for words in lines:
            ws = tuple(OcrWord(text=t, box=b, conf=conf) for t, b in words if t)
            if not ws:
                continue
            box = ws[0].box
            for w in ws[1:]:
                box = box.union(w.box)
            built.append(OcrLine(words=ws, box=box))
        self._lines = tuple(built)
        self._fail = fail
        self.calls = 0

    def read(self, image: np.ndarray) -> OcrPage:
        """Return the scripted lines on a page the size of ``image`` (or raise if told to)."""
        self.calls += 1
        if self._fail is not False:
            if isinstance(self._fail, BaseException):
                raise self._fail
            raise OcrError("fake OCR engine told to fail")
        if not isinstance(image, np.ndarray) or image.ndim < 2:
            raise OcrError("OCR input must be an H x W x 3 uint8 numpy array", code="R311")
        h, w = image.shape[:2]
        return OcrPage(width=w, height=h, lines=self._lines, engine=self.name)


def make_ocr_engine(
    name: str = "auto",
    *,
    tessdata: str | None = None,
    strategy: str | None = None,
) -> OcrEngine:
    """Build an OCR engine by name; slow (loads the model), so build once and reuse.

    ``"auto"`` tries tesserocr (in-process, warm model, fastest) and falls back to pytesseract
    when tesserocr cannot be imported or initialised; ``"tesserocr"`` and ``"pytesseract"``
    ask for one explicitly. ``tessdata`` overrides the model directory; ``strategy`` overrides
    the preprocessing strategy (``"regions"`` by default; see ``_regions.STRATEGIES``).
    A missing engine raises ``EngineError`` that says how to install it.

    Example::

        engine = make_ocr_engine()            # tesserocr if it loads, else pytesseract
        page = engine.read(rgb_array)
    """
    if name not in ENGINES:
        raise EngineError(f"unknown OCR engine {name!r}; valid: {', '.join(ENGINES)}", code="R302")
    from redact.image._tesseract import PytesseractEngine, TesseractSettings, TesserocrEngine

    settings = TesseractSettings() if strategy is None else TesseractSettings(strategy=strategy)
    if name == "tesserocr":
        return TesserocrEngine(tessdata=tessdata, settings=settings)
    if name == "pytesseract":
        return PytesseractEngine(tessdata=tessdata, settings=settings)
    try:
        return TesserocrEngine(tessdata=tessdata, settings=settings)
    except EngineError as first:
        try:
            return PytesseractEngine(tessdata=tessdata, settings=settings)
        except EngineError as second:
            raise EngineError(
                f"no OCR engine is usable: tesserocr: {first}; pytesseract: {second}", code="R301"
            ) from second
