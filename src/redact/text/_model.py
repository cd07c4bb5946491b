"""Typed objects of the text stage: what a detector returns and what the analyzer reports.

A ``Match`` is a detector's raw answer (character span + score); a ``TextFinding`` is the
analyzer's final, de-duplicated decision with the entity type and the detector's name.
Neither holds the matched text: callers slice the source string themselves, so a finding can be
logged, printed or serialised without leaking the value.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Match:
    """A span ``[start, end)`` of the scanned text that a detector believes is sensitive."""

    start: int
    end: int
    score: float

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} outside [0, 1]")


@dataclass(frozen=True, slots=True)
class TextFinding:
    """One sensitive span found in a text, after thresholds, allow list and de-duplication."""

    entity_type: str
    start: int
    end: int = field(repr=False)  # with ``start`` it gives the exact length: kept out of reprs
    score: float
    detector: str

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: where the finding starts and a length *bucket*, never text or exact length."""
        return {
            "entity_type": self.entity_type,
            "start": self.start,
            "length_bucket": length_bucket(self.end - self.start),
            "score": round(self.score, 3),
            "detector": self.detector,
        }


def length_bucket(n: int) -> str:
    """A power-of-two range such as ``"16-31"``: enough to judge a finding, not to narrow a guess."""
    if n < 8:
        return "1-7"
    lo = 1 << (n.bit_length() - 1)
    return f"{lo}-{2 * lo - 1}"
