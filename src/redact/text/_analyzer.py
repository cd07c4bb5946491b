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

    @property
    def detectors(self) -> DetectorRegistry:
        return self._registry

    def analyze(self, text: str) -> list[TextFinding]:
        """Findings in ``text``, sorted by position, after thresholds, allow list and overlap rules."""
        from redact.text._presidio import run_analyzer

        with self._lock:
            raw = run_analyzer(self._engine, text, self.policy.entities)
        return self._finish(text, raw)

    def analyze_readings(self, texts: Sequence[str], ner: Sequence[bool]) -> list[list[TextFinding]]:
        """Findings in each of several readings of one page: the same lines in different orders.

        ``ner[i]`` says whether the statistical model reads ``texts[i]`` (it is the costliest
        detector; a reading whose order mixes panes gives it little). Work that depends on a line
        alone is shared between the readings and dropped afterwards.
        """
        from redact.text._presidio import run_analyzer

        if len(ner) != len(texts):
            raise ValueError("one ner flag per text")
        line_cache: dict[object, object] = {}
        raws: dict[int, list[TextFinding]] = {}
        with self._lock:
            # the readings the model reads first: the others take their lines' lemmas from them
            for i in sorted(range(len(texts)), key=lambda i: not ner[i]):
                raws[i] = run_analyzer(self._engine, texts[i], self.policy.entities, ner=ner[i], line_cache=line_cache)
        line_cache.clear()
        return [self._finish(t, raws[i]) for i, t in enumerate(texts)]

    def _finish(self, text: str, raw: Sequence[TextFinding]) -> list[TextFinding]:
        from redact.text._presidio import NER_RECOGNIZERS

        # The model's PERSON spans run over line ends and into dates ("Jane Doe - 2024"): keep the names in them.
        names = [
            TextFinding(f.entity_type, s, e, f.score, f.detector)
            for f in raw
            if f.detector in NER_RECOGNIZERS
            for s, e in name_spans(text, f.start, f.end)
        ]
        kept = [
            f
            for f in [f for f in raw if f.detector not in NER_RECOGNIZERS] + names
            if f.score >= self.policy.threshold(f.entity_type)
            and not self.policy.allows(text[f.start : f.end])
            and not _id_as_phone(text, f)
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


_NAME_WORD = r"[A-Z][a-zA-Z']*(?:-[A-Z]?[a-zA-Z']+)*\.?"
_NAME_RUN = re.compile(rf"[ \t]*({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})")
# Capitalised words that the model reads as a one-word name on a screen: months, days, UI words.
_NOT_A_NAME = frozenset("""
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august
september october november december mon tue tues wed thu thur thurs fri sat sun monday tuesday
wednesday thursday friday saturday sunday today yesterday tomorrow inbox sent drafts spam starred
search settings email phone name todo fixme note
""".split())


def name_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names inside a model PERSON span: its leading run of capitalised words on each line.

    The span's first line keeps a one-word name ("Smith"); a later line must hold two words or
    more ("Jane Doe"), since a lone capitalised word there is usually a heading the model ran into.
    Whatever follows a name on its line (" - 2024-05-23", "TRX1234") is dropped.

    >>> text = "Andrew Gould - 2024\nTRX9294494864"
    >>> [text[s:e] for s, e in name_spans(text, 0, len(text))]
    ['Andrew Gould']
    """
    out = []
    pos = start
    for i, part in enumerate(text[start:end].split("\n")):
        m = _NAME_RUN.match(part)
        if m is not None:
            words = m.group(1).split()
            while words and words[-1].rstrip(".").casefold() in _NOT_A_NAME:
                words.pop()  # "William Walters Jan 30": the month is not part of the name
            name = m.group(1)[: m.group(1).rfind(words[-1]) + len(words[-1])] if words else ""
            lone = len(words) == 1
            if name and plausible_name(name) and not (lone and (i > 0 or name.rstrip(".").casefold() in _NOT_A_NAME)):
                s = pos + m.start(1)
                out.append((s, s + len(name)))
        pos += len(part) + 1
    return out


def _id_as_phone(text: str, f: TextFinding) -> bool:
    """A bare digit run called a phone: too short for one (a routing number beside a "phone" label),
    or ten digits and more with no phone word near (Presidio's base score)."""
    from redact.text._filters import is_bare_number

    value = text[f.start : f.end]
    if f.entity_type != "PHONE_NUMBER" or not is_bare_number(value):
        return False
    return len(value.strip()) < 10 or f.score < 0.5


_COUNTRY_CODE = re.compile(r"\+\d{1,3}[ \t]?$")
_HONORIFIC = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Rev)\.?[ \t]+)$")
_SUFFIX = re.compile(r",?[ \t]+(?:Jr|Sr|II|III|IV|MD|DDS|DMD|DVM|PhD|Esq|CPA|RN|NP)\b\.?")


def _widen(text: str, f: TextFinding) -> TextFinding:
    """Take in what belongs to a value but its recognizer leaves out.

    A phone's ``+1`` prefix; a person's title before the name ("Dr.") and degree after it ("DDS").
    """
    start, end = f.start, f.end
    if f.entity_type == "PHONE_NUMBER" and start > 0:
        m = _COUNTRY_CODE.search(text, max(0, start - 5), start)
        if m is not None:
            start = m.start()
    elif f.entity_type == "PERSON":
        m = _HONORIFIC.search(text, max(0, start - 6), start)
        if m is not None:
            start = m.start()
        m = _SUFFIX.match(text, end)
        if m is not None:
            end = m.end()
    if (start, end) == (f.start, f.end):
        return f
    return TextFinding(f.entity_type, start, end, f.score, f.detector)


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
