"""Detectors built from the policy's custom patterns."""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact._policy import CustomPattern
from redact.text._detector import Detector
from redact.text._model import Match


class RegexDetector(Detector):
    """A user's regular expression; a named group ``value`` narrows the span if present."""

    def __init__(self, pattern: CustomPattern) -> None:
        self.name = f"custom_{pattern.name}"
        self.entity_type = pattern.entity_type
        self._re = re.compile(pattern.regex)
        self._score = pattern.score
        self._group = "value" if "value" in self._re.groupindex else 0

    def find(self, text: str) -> Iterator[Match]:
        for m in self._re.finditer(text):
            start, end = m.span(self._group)
            if end > start:
                yield Match(start, end, self._score)
