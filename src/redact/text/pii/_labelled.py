"""Shared shape for PII that is only recognisable by its label ("MRN: 0012-3345").

Identifiers such as medical record or member numbers have no format of their own: a bare
``A1234567`` is as likely a SKU as a member id. What makes them personal data on a screen is the
label beside them, so these detectors match *label, separator, value* and report the value only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from redact.text._detector import Detector
from redact.text._model import Match

# Between a label and its value screens put a colon, '#', 'No.', tabs or a few spaces (form rows).
_SEP = r"(?:\s*(?:no\.?|number|num|#|id)?[ \t]*[:#=\-]?(?:[ \t]{0,12}|[ \t]*\n[ \t]*))"


class LabelledValueDetector(Detector):
    """Matches ``<label><separator><value>``; subclasses give labels and the value shape."""

    labels: Sequence[str] = ()
    value: str = r"[A-Z0-9][A-Z0-9\-]{4,19}"
    score: float = 0.85
    #: the value must contain at least this many digits (ids are mostly numeric)
    min_digits: int = 3

    def __init__(self) -> None:
        label_alt = "|".join(sorted(self.labels, key=len, reverse=True))
        self._re = re.compile(
            rf"(?i:\b(?:{label_alt}))\b{_SEP}(?P<v>{self.value})(?![A-Za-z0-9])",
        )

    def find(self, text: str) -> Iterator[Match]:
        for m in self._re.finditer(text):
            value = m.group("v")
            if sum(ch.isdigit() for ch in value) < self.min_digits:
                continue
            yield Match(m.start("v"), m.end("v"), self.score)
