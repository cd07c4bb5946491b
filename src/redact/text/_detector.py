"""The one interface every detector implements, and the registry that collects them.

A detector knows one family of sensitive values (AWS keys, JWTs, passwords in assignments ...).
It holds patterns and context rules only: no I/O, no global state, no knowledge of Presidio. The
analyzer adapter (``redact.text._presidio``) wraps every registered detector into a Presidio
recognizer, so the image, text and keystroke paths all use the same detectors without glue.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator

from redact._errors import PolicyError
from redact.text._model import Match


class Detector(ABC):
    """Base class: subclasses set ``name`` and ``entity_type`` and implement ``find``.

    ``name`` is the stable, unique registry key (``"aws_access_key"``); ``entity_type`` is what
    reports and policies use (``"AWS_ACCESS_KEY"``). ``find`` must be pure and thread-safe:
    engines are built once and shared across threads.
    """

    name: str = ""
    entity_type: str = ""

    @abstractmethod
    def find(self, text: str) -> Iterator[Match]:
        """Yield every span of ``text`` this detector considers sensitive."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name!r} entity_type={self.entity_type!r}>"


class DetectorRegistry:
    """An ordered name -> detector map that refuses duplicates loudly."""

    def __init__(self, detectors: Iterable[Detector] = ()) -> None:
        self._by_name: dict[str, Detector] = {}
        for det in detectors:
            self.add(det)

    def add(self, detector: Detector) -> None:
        """Register ``detector``; a second detector with the same name is a configuration bug."""
        if not detector.name or not detector.entity_type:
            raise PolicyError(
                f"detector {type(detector).__name__} must set both 'name' and 'entity_type'",
                code="R201",
            )
        if detector.name in self._by_name:
            raise PolicyError(
                f"a detector named {detector.name!r} is already registered; names must be unique",
                code="R202",
            )
        self._by_name[detector.name] = detector

    def __iter__(self) -> Iterator[Detector]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def get(self, name: str) -> Detector:
        try:
            return self._by_name[name]
        except KeyError:
            raise PolicyError(
                f"no detector named {name!r}; known: {', '.join(sorted(self._by_name))}",
                code="R203",
            ) from None

    @property
    def entity_types(self) -> frozenset[str]:
        return frozenset(d.entity_type for d in self._by_name.values())
