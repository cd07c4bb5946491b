"""The one thing the keystroke masker needs from text detection: ``analyze(text) -> findings``.

``redact.text.TextAnalyzer`` (Presidio entities and the secret detectors) satisfies it; so does
any small object with the same method, which keeps this package free of the heavy engines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from redact.text._model import TextFinding

__all__ = ["TextScanner"]


@runtime_checkable
class TextScanner(Protocol):
    """Finds sensitive spans in a text; findings carry positions and types, never the text."""

    def analyze(self, text: str) -> Sequence[TextFinding]: ...
