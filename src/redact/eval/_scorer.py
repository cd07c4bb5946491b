"""Black-box scoring of a redactor: original image + redacted output + truth -> per-value verdicts.

A sensitive value counts as redacted only when both hold:

1. **Pixels**: on every line fragment of the value, at least 90% of its glyph pixels are hidden,
   changed or flat in the output (:func:`redact.eval._truth.glyph_coverage`).
2. **OCR**: OCR of the output around the value (its boxes grown by one line height) does not
   give it back: after normalising both (lower case, OCR look-alikes folded, everything but
   letters and digits dropped) no substring of ``max(6, ceil(len / 2))`` characters of the value
   appears in what OCR read (the whole value when it is shorter than that).

A light blur changes pixels but stays readable, so the OCR check is what catches it. A
look-alike counts as over-redacted when at least half the glyph pixels of one of its fragments
changed. Nothing here knows which tool made the output, so any redactor can be scored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from redact.eval._truth import Truth, TruthItem, glyph_coverage
from redact.image._model import Box

if TYPE_CHECKING:
    from redact.eval.keygen import KeyScore
    from redact.image._ocr import OcrEngine

__all__ = ["ImageScore", "ItemScore", "Rate", "Scorer", "ToolScore", "leaks", "normalise"]

PIXEL_THRESHOLD = 0.9        # share of glyph pixels that must change on every fragment
LOOKALIKE_THRESHOLD = 0.5    # share of glyph pixels changed on a fragment that spoils a look-alike
CHANGED_DELTA = 24           # per-channel difference that counts a pixel as changed

_FOLD = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "5": "s", "$": "s", "8": "b", "2": "z"})
_DROP = re.compile(r"[^a-z0-9]")


def normalise(text: str) -> str:
    """Lower case, OCR look-alikes folded (0/o, 1/l/i, 5/s, 8/b, 2/z, rn/m), only letters and digits.

    >>> normalise("sk_live_1O5B") == normalise("SK LIVE lo58")
    True
    """
    return _DROP.sub("", text.lower().replace("rn", "m").translate(_FOLD))


def leaks(value: str, ocr_text: str) -> bool:
    """Whether ``ocr_text`` gives back ``value``: a shared run of ``max(6, ceil(len/2))`` characters.

    >>> leaks("hunter2hunter2", "password: hunter2hun")
    True
    >>> leaks("hunter2hunter2", "password: ████")
    False
    """
    v, t = normalise(value), normalise(ocr_text)
    if not v or not t:
        return False
    k = min(len(v), max(6, math.ceil(len(v) / 2)))
    return any(v[i : i + k] in t for i in range(len(v) - k + 1))


@dataclass(frozen=True, slots=True)
class ItemScore:
    """The verdict on one truth item (sensitive value or look-alike) of one image."""

    label: str
    sensitive: bool
    boxes: tuple[Box, ...]
    coverage: float            # lowest glyph coverage over the item's fragments (0-1)
    max_coverage: float        # highest glyph coverage over the fragments
    ocr_leak: bool             # OCR of the output gave the value back

    @property
    def redacted(self) -> bool:
        return self.coverage >= PIXEL_THRESHOLD and not self.ocr_leak

    @property
    def over_redacted(self) -> bool:
        return not self.sensitive and self.max_coverage >= LOOKALIKE_THRESHOLD

    @property
    def reason(self) -> str:
        """Why a sensitive value was missed: ``uncovered``, ``ocr_leak`` or ``""``."""
        if not self.sensitive or self.redacted:
            return ""
        return "uncovered" if self.coverage < PIXEL_THRESHOLD else "ocr_leak"


@dataclass(frozen=True, slots=True)
class ImageScore:
    """Every item of one image, the share of its pixels changed, and the tool's time on it."""

    name: str
    template: str
    width: int
    height: int
    items: tuple[ItemScore, ...]
    changed_area: float
    seconds: float | None = None
    error: str = ""            # set when the output was missing or unusable (scored as unchanged)

    @property
    def sensitive(self) -> tuple[ItemScore, ...]:
        return tuple(i for i in self.items if i.sensitive)

    @property
    def lookalikes(self) -> tuple[ItemScore, ...]:
        return tuple(i for i in self.items if not i.sensitive)

    @property
    def negative(self) -> bool:
        return not self.sensitive

    @property
    def zero_leak(self) -> bool:
        return all(i.redacted for i in self.sensitive)


@dataclass(frozen=True, slots=True)
class Rate:
    """``hit`` of ``total``; ``value`` is None when there is nothing to count."""

    hit: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        v = self.value
        return {"hit": self.hit, "total": self.total, "rate": None if v is None else round(v, 4)}


@dataclass(frozen=True, slots=True)
class ToolScore:
    """All image verdicts of one tool (and its keystroke score, when it masks key logs)."""

    tool: str
    images: tuple[ImageScore, ...]
    keys: KeyScore | None = field(default=None)

    def _items(self, sensitive: bool) -> list[ItemScore]:
        return [i for im in self.images for i in im.items if i.sensitive is sensitive]

    @property
    def recall(self) -> Rate:
        s = self._items(True)
        return Rate(sum(i.redacted for i in s), len(s))

    @property
    def over_redaction(self) -> Rate:
        a = self._items(False)
        return Rate(sum(i.over_redacted for i in a), len(a))

    @property
    def zero_leak(self) -> Rate:
        pos = [im for im in self.images if not im.negative]
        return Rate(sum(im.zero_leak for im in pos), len(pos))

    @property
    def negative_changed_area(self) -> float | None:
        neg = [im.changed_area for im in self.images if im.negative]
        return float(np.mean(neg)) if neg else None

    @property
    def seconds_per_image(self) -> float | None:
        t = [im.seconds for im in self.images if im.seconds is not None]
        return float(np.mean(t)) if t else None

    def by(self, key: str) -> dict[str, dict[str, Rate]]:
        """Recall and over-redaction grouped by ``"type"``, ``"template"`` or ``"image"``."""
        groups: dict[str, dict[str, list[int]]] = {}
        for im in self.images:
            for it in im.items:
                k = it.label if key == "type" else im.template if key == "template" else im.name
                g = groups.setdefault(k, {"recall": [0, 0], "over_redaction": [0, 0]})
                slot = g["recall"] if it.sensitive else g["over_redaction"]
                slot[0] += it.redacted if it.sensitive else it.over_redacted
                slot[1] += 1
        return {k: {m: Rate(*v) for m, v in g.items()} for k, g in sorted(groups.items())}

    def per_type(self) -> dict[str, Rate]:
        """Recall per entity type (sensitive types only)."""
        return {k: g["recall"] for k, g in self.by("type").items() if g["recall"].total}

    def lookalike_types(self) -> dict[str, Rate]:
        """Over-redaction per look-alike type."""
        return {k: g["over_redaction"] for k, g in self.by("type").items() if g["over_redaction"].total}

    def to_dict(self) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        keys = None
        if self.keys is not None:
            k = self.keys
            keys = {"password_recall": r(k.password_recall), "other_recall": r(k.other_recall),
                    "key_recall": r((k.password_masked + k.other_masked) / max(1, k.password_keys + k.other_keys)),
                    "runs_fully_masked": r(k.runs_fully_masked), "false_mask_rate": r(k.false_mask_rate),
                    "sensitive_keys": k.password_keys + k.other_keys, "clean_keys": k.clean_keys, "runs": k.items}
        return {
            "tool": self.tool,
            "recall": r(self.recall.value),
            "over_redaction": r(self.over_redaction.value),
            "zero_leak_rate": r(self.zero_leak.value),
            "seconds_per_image": r(self.seconds_per_image),
            "negative_changed_area": r(self.negative_changed_area),
            "counts": {"values": self.recall.to_dict(), "lookalikes": self.over_redaction.to_dict(),
                       "images": self.zero_leak.to_dict()},
            "per_type": {k: v.to_dict() for k, v in self.per_type().items()},
            "lookalike_types": {k: v.to_dict() for k, v in self.lookalike_types().items()},
            "per_template": {k: {m: v.to_dict() for m, v in g.items()} for k, g in self.by("template").items()},
            "per_image": [
                {"image": im.name, "template": im.template, "seconds": r(im.seconds), "error": im.error or None,
                 "changed_area": r(im.changed_area), "zero_leak": im.zero_leak if not im.negative else None,
                 "recall": Rate(sum(i.redacted for i in im.sensitive), len(im.sensitive)).to_dict(),
                 "over_redaction": Rate(sum(i.over_redacted for i in im.lookalikes), len(im.lookalikes)).to_dict()}
                for im in self.images
            ],
            "keys": keys,
        }


class Scorer:
    """Scores outputs against truth; builds one OCR engine on first need and reuses it.

    >>> scorer = Scorer()                                                 # doctest: +SKIP
    >>> s = scorer.score_image("a.png", original, redacted, truth)       # doctest: +SKIP
    >>> s.zero_leak                                                       # doctest: +SKIP
    True
    """

    def __init__(self, *, ocr: OcrEngine | None = None) -> None:
        self._ocr = ocr

    @property
    def ocr(self) -> OcrEngine:
        if self._ocr is None:
            from redact.image._ocr import make_ocr_engine

            self._ocr = make_ocr_engine()
        return self._ocr

    def score_image(
        self,
        name: str,
        original: np.ndarray,
        redacted: np.ndarray,
        truth: Truth,
        *,
        seconds: float | None = None,
        error: str = "",
    ) -> ImageScore:
        """Verdicts for every truth item; ``original`` and ``redacted`` are H x W x 3 uint8 RGB."""
        if original.shape != redacted.shape:
            raise ValueError(f"{name}: output is {redacted.shape[1]}x{redacted.shape[0]}, "
                             f"original {original.shape[1]}x{original.shape[0]}")
        cov = [[glyph_coverage(original, redacted, b) for b in it.boxes] for it in truth.items]
        candidates = [i for i, it in enumerate(truth.items) if it.sensitive and cov[i] and min(cov[i]) >= PIXEL_THRESHOLD]
        leaked: set[int] = set()
        if candidates:
            words = [(w.text, w.box) for ln in self.ocr.read(np.ascontiguousarray(redacted)).lines for w in ln.words]
            leaked = {i for i in candidates if leaks(truth.items[i].value, _text_near(words, truth.items[i]))}
        items = tuple(
            ItemScore(it.label, it.sensitive, it.boxes, min(c, default=1.0), max(c, default=1.0), i in leaked)
            for i, (it, c) in enumerate(zip(truth.items, cov, strict=True))
        )
        changed = np.abs(original.astype(np.int16) - redacted.astype(np.int16)).max(axis=-1) > CHANGED_DELTA
        h, w = original.shape[:2]
        return ImageScore(name, truth.template, w, h, items, float(changed.mean()), seconds, error)


def _text_near(words: Sequence[tuple[str, Box]], item: TruthItem) -> str:
    """The OCR words overlapping the item's boxes grown by one line height, in reading order."""
    grown = [Box(b.x0 - b.height, b.y0 - b.height // 2, b.x1 + b.height, b.y1 + b.height // 2) for b in item.boxes]
    near = [t for t, wb in words if any(_overlap(wb, g) for g in grown)]
    return " ".join(near)


def _overlap(a: Box, b: Box) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1

