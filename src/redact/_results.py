"""What a redaction call returns: the redacted output, findings without values, timings, status.

Results are safe to print, log and serialise: findings carry entity types, scores, detector
names and pixel boxes (or a start offset and a length bucket for text), never the text, a
substring of it or its exact length. The redacted image itself is kept out of ``repr``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image

from redact.image._model import Box
from redact.text._model import TextFinding

if TYPE_CHECKING:
    from redact.context._scrub import ScrubbedContext


class Status(StrEnum):
    """``ok``: redacted as the policy says. ``blanked``: the whole image was filled, because a stage
    failed or the recording context is deny-listed (``error_code`` says which)."""

    OK = "ok"
    BLANKED = "blanked"


@dataclass(frozen=True, slots=True)
class ImageFinding:
    """One sensitive item on an image: its type, score, detector and one box per line it spans."""

    entity_type: str
    score: float
    detector: str
    boxes: tuple[Box, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_type": self.entity_type,
            "score": round(self.score, 3),
            "detector": self.detector,
            "boxes": [b.to_list() for b in self.boxes],
        }


@dataclass(frozen=True, slots=True)
class Timings:
    """Seconds spent per stage of one call."""

    load: float = 0.0
    ocr: float = 0.0
    analyze: float = 0.0
    locate: float = 0.0
    paint: float = 0.0
    total: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return {k: round(getattr(self, k), 4) for k in ("load", "ocr", "analyze", "locate", "paint", "total")}


@dataclass(frozen=True, slots=True)
class ImageResult:
    """The redacted image (same kind, size and mode as the input) and what was done to it."""

    image: Image.Image | np.ndarray = field(repr=False)
    findings: tuple[ImageFinding, ...]
    timings: Timings
    status: Status
    width: int
    height: int
    ocr_engine: str = ""
    error_code: str | None = None  # set when status is BLANKED: the failure's code, or "deny:<kind>"
    mode: str = "RGB"  # the input's mode; "BGR"/"BGRA" for arrays given in OpenCV order
    context: ScrubbedContext | None = None  # the scrubbed recording context, when one was given

    @property
    def entity_counts(self) -> dict[str, int]:
        return dict(Counter(f.entity_type for f in self.findings))

    def to_dict(self) -> dict[str, Any]:
        """The manifest form of this result: JSON-ready, with no raw value.

        With a recording context, ``"context"`` holds its summary (deny kind, secure fields,
        findings), never its strings: the scrubbed strings are in ``result.context.to_dict()``.
        """
        out = {
            "status": self.status.value,
            "error_code": self.error_code,
            "width": self.width,
            "height": self.height,
            "ocr_engine": self.ocr_engine,
            "timings": self.timings.to_dict(),
            "counts": self.entity_counts,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.context is not None:
            out["context"] = self.context.summary()
        return out

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), **kwargs)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the redacted image to ``path`` as a fresh file (format from the extension)."""
        from redact.image._io import write_image

        img = self.image if isinstance(self.image, Image.Image) else _array_to_pil(self.image, self.mode)
        write_image(img, path)


@dataclass(frozen=True, slots=True)
class TextResult:
    """Redacted text (one ``<ENTITY_TYPE>`` placeholder per finding) and the findings' spans."""

    text: str = field(repr=False)
    findings: tuple[TextFinding, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "findings": [f.to_dict() for f in self.findings]}

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), **kwargs)


def _array_to_pil(arr: np.ndarray, mode: str) -> Image.Image:
    if arr.ndim == 2:
        return Image.fromarray(arr, "L")
    if mode.startswith("BGR"):
        arr = np.ascontiguousarray(np.dstack([arr[:, :, 2::-1], arr[:, :, 3:]]))
    return Image.fromarray(arr, "RGBA" if arr.shape[2] == 4 else "RGB")
