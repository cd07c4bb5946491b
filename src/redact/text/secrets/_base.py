"""The pattern-driven base most secret detectors share.

A subclass lists compiled ``patterns`` (the secret is the named group ``s``, or the whole match),
a ``score``, and optionally a ``context`` regex that must appear near the match, then adds a
``validate`` hook when the format has a structural check. Everything else (OCR fragment
handling, placeholder and mask filters, de-duplication within the detector) lives here once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from redact.text._detector import Detector
from redact.text._filters import is_masked, is_placeholder, is_word_like
from redact.text._model import Match
from redact.text._ocr import extend_fragments

__all__ = ["TokenDetector", "boundary_after", "boundary_before"]

#: Lookarounds for token edges (OCR may have read ``-``/``_`` as ``—``).
boundary_before = r"(?<![A-Za-z0-9_\-—])"
boundary_after = r"(?![A-Za-z0-9_\-—])"

_BREAK = re.compile(r"\s+")


class TokenDetector(Detector):
    """Finds tokens by pattern, with optional context, extension and validation."""

    patterns: ClassVar[tuple[re.Pattern[str], ...]] = ()
    score: ClassVar[float] = 0.95
    #: If set, must match within ``window`` characters before (or ``after`` characters after).
    context: ClassVar[re.Pattern[str] | None] = None
    window: ClassVar[int] = 80
    after: ClassVar[int] = 0
    #: Variable-length tokens: absorb following OCR fragments that look random.
    variable: ClassVar[bool] = False
    #: At most this many whitespace breaks inside one value (OCR splits and wraps).
    max_breaks: ClassVar[int] = 4
    #: For prefix-less formats: reject a split value when a later fragment reads like a word.
    guard_fragments: ClassVar[bool] = False

    def validate(self, value: str) -> bool:
        """Structural check on the matched value (whitespace included); override per format."""
        return True

    def accept(self, text: str, start: int, end: int) -> bool:
        """Final say on a candidate; defaults to :meth:`validate` on the value."""
        return self.validate(text[start:end])

    def find(self, text: str) -> Iterator[Match]:
        taken: list[tuple[int, int]] = []
        windows = self._windows(text)
        for pattern in self.patterns:
            has_group = "s" in pattern.groupindex
            for m in (m for ws, we in windows for m in pattern.finditer(text, ws, we)):
                start, end = m.span("s") if has_group else m.span()
                if start < 0 or start == end:
                    continue
                if self.variable:
                    end = extend_fragments(text, end, start=start)
                value = text[start:end]
                if len(_BREAK.findall(value)) > self.max_breaks:
                    continue
                if self.guard_fragments and _has_word_fragment(value):
                    continue
                if is_masked(value) or is_placeholder(value):
                    continue
                if self.context is not None and not self._in_context(text, start, end):
                    continue
                if not self.accept(text, start, end):
                    continue
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                yield Match(start, end, self.score)

    def _windows(self, text: str) -> list[tuple[int, int]]:
        """Where to run the patterns: everywhere, or (for before-context only) just after each keyword."""
        if self.context is None or self.after:
            return [(0, len(text))]
        out: list[tuple[int, int]] = []
        for c in self.context.finditer(text):
            ws, we = c.end(), min(len(text), c.end() + self.window + 400)
            if out and ws <= out[-1][1]:
                out[-1] = (out[-1][0], we)
            else:
                out.append((ws, we))
        return out

    def _in_context(self, text: str, start: int, end: int) -> bool:
        assert self.context is not None
        if self.context.search(text, max(0, start - self.window), start):
            return True
        return bool(self.after) and bool(self.context.search(text, end, end + self.after))


def _has_word_fragment(value: str) -> bool:
    return any(len(f) >= 5 and is_word_like(f) for f in _BREAK.split(value)[1:])
