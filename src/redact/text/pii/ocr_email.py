"""E-mail addresses as OCR reads them: a space inserted after a dot or around the ``@``, or the
``@`` itself read as another glyph.

Presidio's e-mail pattern needs the address unbroken; OCR of small UI text often splits it
(``priya. raman@contoso.net``), and the first half is then left in clear. This detector accepts
one inserted space around ``.``, ``_`` or ``-`` in the local part and around ``@`` and dots, and needs a
letters-only top-level domain so that plain prose does not match.

At 11-12 px Tesseract also reads ``@`` as ``fl``, ``©`` or ``®`` (``sadamsflexample.com``), which
leaves a plausible host name. Such a word counts as an address only with evidence: its domain
is the domain of an address read intact elsewhere in the same text (a log or an inbox lists many
addresses of a few domains), or a field name for an address or a user comes right before it
(``user=``, ``Email:``, ``From:``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match

_LOCAL = r"[A-Za-z0-9+%]+(?:(?:[._\-]| \.) ?[A-Za-z0-9+%]+)*"
_AT_MISREAD = r"(?:fl|f1|©|®|\(a\)|&)"
_FIELD = re.compile(r"(?i)(?:e-?mail|user(?:name)?|login|from|to|cc|reply-to|contact|owner)\s*[=:]\s*$")
_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?: ?\. ?[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)* ?\. ?[A-Za-z]{2,12}"


class OcrEmailDetector(Detector):
    name = "ocr_email"
    entity_type = "EMAIL_ADDRESS"

    def __init__(self) -> None:
        self._re = re.compile(rf"(?<![A-Za-z0-9._%+\-])(?:{_LOCAL}) ?@ ?(?P<domain>{_DOMAIN})(?![A-Za-z0-9\-])")
        self._word = re.compile(rf"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+{_AT_MISREAD}[A-Za-z0-9.\-]+"
                                r"\.[A-Za-z]{2,12}(?![A-Za-z0-9\-])")

    def find(self, text: str) -> Iterator[Match]:
        domains: set[str] = set()
        for m in self._re.finditer(text):
            domains.add(re.sub(r"\s", "", m.group("domain")).lower())
            yield Match(m.start(), m.end(), 0.9)
        for m in self._word.finditer(text):
            if "@" in m.group():
                continue
            field = _FIELD.search(text, max(0, m.start() - 24), m.start()) is not None
            for split in _domains_after_misread_at(m.group()):
                if field or split.lower() in domains:
                    yield Match(m.start(), m.end(), 0.85)
                    break


def _domains_after_misread_at(word: str) -> Iterator[str]:
    """Every domain the word leaves when one of its ``@`` look-alikes is taken for the ``@``."""
    for at in re.finditer(_AT_MISREAD, word):
        head, tail = word[: at.start()], word[at.end() :]
        if head and tail and re.fullmatch(_LOCAL, head) and re.fullmatch(_DOMAIN, tail):
            yield tail
