"""Person names in form rows ("Name  Jane Doe", "Cardholder: OMAR HADDAD").

spaCy's small English model reads prose; on a form row a name stands next to a label with no
sentence around it and the model often misses it. The label is a stronger signal than the
model here, so this detector reports one to four capitalised words after a name label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match

_LABELS = (
    r"(?:full\s*|first\s*|last\s*|middle\s*|legal\s*|display\s*|customer\s*|patient\s*|employee\s*|"
    r"account\s*holder(?:'s)?\s*|card\s*holder(?:'s)?\s*|contact\s*|user\s*|emergency\s*contact\s*)?name"
    r"|card\s*holder|account\s*holder|patient|employee|customer|contact|recipient|beneficiary|"
    r"signed\s*by|assigned\s*to|prepared\s*by|attn|guarantor|spouse|applicant"
)
# OCR sometimes drops the space between first and last name: "AikoHopper".
_FUSED = r"[A-Z][a-z]+[A-Z][a-z]+"
# Words of form labels: a "name" made of them is the label of the next field in the row.
_FORM_WORDS = frozenset("""
id no number name email e-mail address phone mobile date birth code type status role title department
team account card iban routing ssn social security policy member group plan start end time off
""".split())
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?|[A-Z]{2,}|[A-Z]\.)"


class LabelledPersonDetector(Detector):
    name = "labelled_person"
    entity_type = "PERSON"

    def __init__(self) -> None:
        self._re = re.compile(
            rf"(?i:\b(?:{_LABELS}))\b[ \t]*[:\-]?(?:[ \t]{{1,12}}|[ \t]*\n[ \t]*)(?P<n>{_NAME_WORD}(?:[ \t]{_NAME_WORD}){{1,3}}|{_FUSED})\b"
        )

    def find(self, text: str) -> Iterator[Match]:
        for m in self._re.finditer(text):
            if any(w.casefold().rstrip(".") in _FORM_WORDS for w in m.group("n").split()):
                continue  # the next field's label ("Legal name / Employee ID"), not a name
            yield Match(m.start("n"), m.end("n"), 0.8)
