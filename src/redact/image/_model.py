"""Typed objects of the image stage: boxes, OCR words and lines, located redactions.

OCR output is kept as lines of words with pixel boxes (in the coordinates of the *original*
image, whatever scaling the OCR stage applied) so that a text span can be mapped back to the
exact characters it covers. Word text is screen content and may be secret: it is excluded from
``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned pixel rectangle, ``x1``/``y1`` exclusive."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def area(self) -> int:
        return max(0, self.width) * max(0, self.height)

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1)
        )

    def clip(self, width: int, height: int) -> Box:
        return Box(
            max(0, min(self.x0, width)),
            max(0, min(self.y0, height)),
            max(0, min(self.x1, width)),
            max(0, min(self.y1, height)),
        )

    def to_list(self) -> list[int]:
        return [self.x0, self.y0, self.x1, self.y1]


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One OCR word: its text (never printed), its box and the engine's confidence (0-100)."""

    text: str = field(repr=False)
    box: Box
    conf: float


@dataclass(frozen=True, slots=True)
class OcrLine:
    """A line of words in reading order; ``box`` encloses them."""

    words: tuple[OcrWord, ...]
    box: Box


@dataclass(frozen=True, slots=True)
class OcrPage:
    """Everything OCR read on one image, lines in reading order."""

    width: int
    height: int
    lines: tuple[OcrLine, ...]
    engine: str = ""
