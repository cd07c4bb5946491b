"""Other secret-like keys assigned a value: ``API_TOKEN=…``, ``client_secret: …``, ``"apiKey": "…"``."""

from __future__ import annotations

from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match
from redact.text.secrets._assignment import find_assignments


class KeywordAssignmentDetector(Detector):
    name = "keyword_assignment"
    entity_type = "SECRET"

    def find(self, text: str) -> Iterator[Match]:
        for a in find_assignments(text):
            if not a.password:
                yield Match(a.start, a.end, 0.8)
