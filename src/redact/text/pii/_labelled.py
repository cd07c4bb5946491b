"""Shared shape for PII that is only recognisable by its label ("MRN: 0012-3345").

Identifiers such as medical record or member numbers have no format of their own: a bare
``A1234567`` is as likely a SKU as a member id. What makes them personal data on a screen is the
label beside them, so these detectors match *label, separator, value* and report the value only.

Forms often put the label above its field, and OCR reads a row of such fields label by label,
then value by value ("Date of birth / Insurance ID / 1957-06-29 / GDY357978146"). So a label
standing alone on its line also claims the first of the next few lines that holds nothing but a
value of the right shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from redact.text._detector import Detector
from redact.text._model import Match

# Between a label and its value screens put a colon, '#', 'No.', tabs or a few spaces (form rows).
_SEP = r"(?:\s*(?:no\.?|number|num|#|id)?[ \t]*[:#=\-]?(?:[ \t]{0,12}|[ \t]*\n[ \t]*))"
# A label alone on its line (with its "No."/"#"/":"), the rest of that line empty.
_ALONE = r"(?:[ \t]*(?:no\.?|number|num|#|id)?[ \t]*[:#]?[ \t]*(?=\n))"
# A word qualifying a field label; function words and verbs make the line a sentence ("Join the group").
_QUALIFIER = r"(?!(?:the|a|an|to|of|your|my|our|their|for|with|in|on|and|or|join|leave|new|create|add|view)\b)[a-z]+"
_GLUED = re.compile(r"[A-Za-z]{2,}-")
_ISO_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")

#: How many lines below a lone label its value may be (one per form column read before it).
LINES_BELOW = 3


def values_below(text: str, end: int, value: re.Pattern[str], *, lines: int = LINES_BELOW) -> Iterator[re.Match[str]]:
    """Lines after offset ``end`` (a lone label's end) that hold only a ``value``, nearest first."""
    pos = end
    for _ in range(lines):
        nl = text.find("\n", pos)
        if nl < 0:
            return
        line_end = text.find("\n", nl + 1)
        line_end = len(text) if line_end < 0 else line_end
        m = value.fullmatch(text, nl + 1, line_end)
        if m is not None:
            yield m
        pos = nl + 1


class LabelledValueDetector(Detector):
    """Matches ``<label><separator><value>``; subclasses give labels and the value shape."""

    labels: Sequence[str] = ()
    value: str = r"[A-Z0-9][A-Z0-9\-]{4,19}"
    score: float = 0.85
    #: the value must contain at least this many digits (ids are mostly numeric)
    min_digits: int = 3
    #: a value written right after its label with only a hyphen ("MRN-5598595") keeps the label:
    #: the prefix is part of the identifier as printed
    glued_prefix: bool = True

    def __init__(self) -> None:
        label_alt = "|".join(sorted(self.labels, key=len, reverse=True))
        self._re = re.compile(
            rf"(?i:\b(?:{label_alt}))\b{_SEP}(?P<v>{self.value})(?![A-Za-z0-9])",
        )
        # up to two qualifying words before the label: "Insurance member ID", "Primary policy no."
        self._alone = re.compile(rf"(?im:^[ \t]*(?:{_QUALIFIER}[ \t]+){{0,2}}(?:{label_alt})\b{_ALONE})")
        self._line_value = re.compile(rf"[ \t]*(?P<v>{self.value})[ \t]*")

    def accept(self, value: str) -> bool:
        """Whether ``value`` may be this detector's value (digits, and not a date)."""
        return sum(ch.isdigit() for ch in value) >= self.min_digits and not _ISO_DATE.fullmatch(value)

    def find(self, text: str) -> Iterator[Match]:
        taken: list[tuple[int, int]] = []
        for m in self._re.finditer(text):
            if not self.accept(m.group("v")):
                continue
            start = m.start("v")
            if self.glued_prefix and _GLUED.fullmatch(text, m.start(), start):
                start = m.start()  # "MRN-5598595": one token, all of it the identifier
            taken.append((start, m.end("v")))
            yield Match(start, m.end("v"), self.score)
        for label in self._alone.finditer(text):
            for v in values_below(text, label.end(), self._line_value):
                if self.accept(v.group("v")):
                    if not any(s < v.end("v") and v.start("v") < e for s, e in taken):
                        taken.append(v.span("v"))
                        yield Match(v.start("v"), v.end("v"), self.score)
                    break
