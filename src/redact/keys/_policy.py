"""Every keystroke-masking option, in one frozen, self-validating object.

``KeyPolicy`` is embedded in the global policy as ``policy.keys`` and loaded from the ``[keys]``
table of the TOML file through ``KeyPolicy.from_dict``, which rejects unknown keys so that a typo
in a config file fails loudly instead of silently keeping a default.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from redact._errors import PolicyError

__all__ = ["KeyPolicy", "OnMalformed", "UnknownContext"]


class UnknownContext(enum.Enum):
    """What to do with a password-looking run typed where nothing says what the field is."""

    MASK = "mask"
    KEEP = "keep"


class OnMalformed(enum.Enum):
    """What a bulk run does with a line that is not a valid event."""

    SKIP = "skip"  # drop the line from the output, report its number and the reason, go on
    STOP = "stop"  # raise ``KeyLogError``; no partial output file is left behind


_DEFAULT_DROP = ("vk", "vk_code", "scan_code", "scancode", "keycode", "key_code", "char", "unicode", "code")


@dataclass(frozen=True, slots=True)
class KeyPolicy:
    """Options of the keystroke masker. All have safe defaults; see ``docs/keys.md``.

    >>> KeyPolicy.from_dict({"unknown_context": "keep", "keep_length": True}).keep_length
    True
    """

    unknown_context: UnknownContext = UnknownContext.MASK
    keep_length: bool = False
    keep_timing: bool = False
    placeholder: str = "<masked>"
    placeholder_events: int = 1
    time_quantum: float = 1.0
    hold_max_events: int = 512
    hold_max_seconds: float = 60.0
    on_malformed: OnMalformed = OnMalformed.SKIP
    remember_secrets: bool = True
    lookback: bool = True
    min_secret_length: int = 4
    prompt_timeout: float = 300.0
    min_score: float = 0.0
    ignore_entities: frozenset[str] = frozenset()
    drop_fields_when_masked: tuple[str, ...] = _DEFAULT_DROP

    def __post_init__(self) -> None:
        for name, enum_type in (("unknown_context", UnknownContext), ("on_malformed", OnMalformed)):
            value = getattr(self, name)
            if isinstance(value, str):
                try:
                    object.__setattr__(self, name, enum_type(value))
                except ValueError:
                    _bad(name, value, " | ".join(m.value for m in enum_type))
            elif not isinstance(value, enum_type):
                _bad(name, value, " | ".join(m.value for m in enum_type))
        for name in ("keep_length", "keep_timing", "remember_secrets", "lookback"):
            if not isinstance(getattr(self, name), bool):
                _bad(name, getattr(self, name), "true | false")
        if not isinstance(self.placeholder, str) or not self.placeholder.strip():
            _bad("placeholder", self.placeholder, "a non-empty string such as '<masked>'")
        _int_range(self, "placeholder_events", 1, 64)
        _int_range(self, "hold_max_events", 1, 1_000_000)
        _int_range(self, "min_secret_length", 1, 1024)
        _positive(self, "time_quantum")
        _positive(self, "hold_max_seconds")
        _positive(self, "prompt_timeout")
        if isinstance(self.min_score, bool) or not isinstance(self.min_score, (int, float)) or not (
            0.0 <= self.min_score <= 1.0
        ):
            _bad("min_score", self.min_score, "a number in [0, 1]")
        for name in ("ignore_entities", "drop_fields_when_masked"):
            value = getattr(self, name)
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                _bad(name, value, "a list of strings")
        object.__setattr__(self, "ignore_entities", frozenset(self.ignore_entities))
        object.__setattr__(self, "drop_fields_when_masked", tuple(self.drop_fields_when_masked))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> KeyPolicy:
        """Build from a plain mapping (a TOML table); unknown keys raise ``PolicyError``."""
        if not isinstance(data, Mapping):
            raise PolicyError(f"the [keys] policy must be a table, not {type(data).__name__}", code="R210")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise PolicyError(
                f"unknown [keys] option(s) {', '.join(map(repr, unknown))}; valid options: {', '.join(sorted(known))}",
                code="R211",
            )
        return cls(**dict(data))

    def to_dict(self) -> dict[str, Any]:
        """A TOML/JSON-ready mapping that ``from_dict`` accepts back."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, enum.Enum):
                value = value.value
            elif isinstance(value, frozenset):
                value = sorted(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out


def _bad(name: str, value: object, valid: str) -> None:
    raise PolicyError(f"invalid [keys] {name} = {value!r}; valid: {valid}", code="R212")


def _int_range(policy: KeyPolicy, name: str, lo: int, hi: int) -> None:
    value = getattr(policy, name)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        _bad(name, value, f"an integer from {lo} to {hi}")


def _positive(policy: KeyPolicy, name: str) -> None:
    value = getattr(policy, name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        _bad(name, value, "a positive number of seconds")
    object.__setattr__(policy, name, float(value))
