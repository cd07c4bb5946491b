"""Text analysis: every detector and Presidio recognizer over one string, then policy rules.

The analyzer is the single entry point the image, keystroke and text paths share. It is built
once from a policy (loading spaCy and Presidio takes about a second) and is safe to share across
threads: calls into the spaCy pipeline are serialised by a lock, the rest is stateless.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from redact.text._detector import Detector, DetectorRegistry
from redact.text._model import TextFinding

if TYPE_CHECKING:
    from redact._policy import Policy


def default_detectors(policy: Policy) -> list[Detector]:
    """Every redact detector the policy enables, specific ones first."""
    from redact.text._custom import RegexDetector
    from redact.text.pii import default_pii_detectors
    from redact.text.secrets import default_detectors as secret_detectors

    dets: list[Detector] = [RegexDetector(p) for p in policy.custom_patterns]
    dets += secret_detectors()
    dets += default_pii_detectors()
    return [d for d in dets if d.entity_type in policy.entities]


class TextAnalyzer:
    """Finds sensitive spans in text according to a policy.

    >>> analyzer = TextAnalyzer(Policy())          # doctest: +SKIP
    >>> [f.entity_type for f in analyzer.analyze("mail jane@corp.com")]  # doctest: +SKIP
    ['EMAIL_ADDRESS']
    """

    def __init__(self, policy: Policy, *, detectors: Sequence[Detector] | None = None) -> None:
        from redact.text._presidio import build_analyzer

        self.policy = policy
        self._registry = DetectorRegistry(default_detectors(policy) if detectors is None else detectors)
        self._priority = {d.name: i for i, d in enumerate(self._registry)}
        self._engine = build_analyzer(policy.nlp_model, list(self._registry))
        self._lock = threading.Lock()
        self._allow = frozenset(v.strip().casefold() for v in policy.allow_list)

    @property
    def detectors(self) -> DetectorRegistry:
        return self._registry

    def analyze(self, text: str) -> list[TextFinding]:
        """Findings in ``text``, sorted by position, after thresholds, allow list and overlap rules."""
        from redact.text._presidio import run_analyzer

        with self._lock:
            raw = run_analyzer(self._engine, text, self.policy.entities)
        kept = [
            f
            for f in raw
            if f.score >= self.policy.threshold(f.entity_type)
            and text[f.start : f.end].strip().casefold() not in self._allow
            and (f.detector != "SpacyRecognizer" or plausible_name(text[f.start : f.end]))
        ]
        return resolve_overlaps([_widen(text, f) for f in kept], self._priority)


_NAME = re.compile(r"[A-Z][a-zA-Z'\-]*\.?(?:[ \t]+[A-Z][a-zA-Z'\-]*\.?){0,3}")


def plausible_name(span: str) -> bool:
    """Whether a spaCy PERSON span looks like a name: one to four capitalised words on one line.

    The statistical model reads screen text as prose and tags command lines, paths and code
    ("git config user.email ...") as people; those spans would blur whole lines for nothing.
    """
    s = span.strip()
    if not _NAME.fullmatch(s):
        return False
    return any(c.islower() for c in s) or " " in s  # a lone all-caps token is an acronym (AKIA, SSN)


_COUNTRY_CODE = re.compile(r"\+\d{1,3}[ \t]?$")


def _widen(text: str, f: TextFinding) -> TextFinding:
    """Take in what belongs to a value but its recognizer leaves out: a phone's ``+1`` prefix."""
    if f.entity_type == "PHONE_NUMBER" and f.start > 0:
        m = _COUNTRY_CODE.search(text, max(0, f.start - 5), f.start)
        if m is not None:
            return TextFinding(f.entity_type, m.start(), f.end, f.score, f.detector)
    return f


def resolve_overlaps(findings: Sequence[TextFinding], priority: dict[str, int]) -> list[TextFinding]:
    """Drop a finding that lies inside a stronger one; keep partial overlaps (their union is redacted).

    Strength: higher score, then the detector registered earlier (specific before generic), then
    the longer span. A specific detector therefore wins over a generic one on the same span.
    """
    order = sorted(
        findings,
        key=lambda f: (-f.score, priority.get(f.detector, len(priority)), -(f.end - f.start), f.start),
    )
    kept: list[TextFinding] = []
    for f in order:
        if any(k.start <= f.start and f.end <= k.end for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))
