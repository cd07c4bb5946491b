"""Phone numbers by their written shape, whether or not the number is assigned.

Presidio's phone recognizer asks ``phonenumbers`` whether a number is valid, and rejects
unassigned area codes. On a screen or in typed text, "(556) 596-1733" is a phone number to
anyone reading it, and one misread digit can make a real number "invalid": the shape is enough.
Only punctuated shapes count (parentheses, separators, a leading ``+``), so that bare digit runs
such as order numbers, timestamps and ids are not taken for phones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match
from redact.text._ocr import LINE_BREAK

# A narrow table cell or a chat bubble wraps a number at a separator: "+1 (453)" / "812-9973",
# "623-458-" / "7810". One line break may stand for (or follow) a separator.
_SHAPES = (
    rf"\(\d{{3}}\)(?:[ \t]?|{LINE_BREAK})\d{{3}}(?:[-. \t]|-?{LINE_BREAK})\d{{4}}",  # (415) 555-0132
    rf"\d{{3}}[-.]{LINE_BREAK}?\d{{3}}[-.]{LINE_BREAK}?\d{{4}}",  # 415-555-0132, 415.555.0132
    # +1 415 555 0132, +44 20 7946 0958
    rf"\+\d{{1,3}}[ \t.-]?\(?\d{{1,4}}\)?(?:(?:[ \t.-]|[.-]?{LINE_BREAK})\d{{2,4}}){{2,4}}",
)


class PhoneShapeDetector(Detector):
    name = "phone_shape"
    entity_type = "PHONE_NUMBER"

    def __init__(self) -> None:
        self._re = re.compile(r"(?<![\w+/.-])(?:" + "|".join(_SHAPES) + r")(?![\w/-]|\.\d)")

    def find(self, text: str) -> Iterator[Match]:
        for m in self._re.finditer(text):
            yield Match(m.start(), m.end(), 0.6)
