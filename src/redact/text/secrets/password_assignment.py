"""Password-like keys assigned a value: ``DB_PASSWORD=hunter2hunter2``, ``password: "…"``, ``pwd => …``."""

from __future__ import annotations

from collections.abc import Iterator

from redact.text._detector import Detector
from redact.text._model import Match
from redact.text.secrets._assignment import find_assignments


class PasswordAssignmentDetector(Detector):
    name = "password_assignment"
    entity_type = "PASSWORD"

    def find(self, text: str) -> Iterator[Match]:
        for a in find_assignments(text):
            if a.password:
                yield Match(a.start, a.end, 0.85)
