"""Every recording-context option, in one frozen, self-validating object.

``ContextPolicy`` is embedded in the global policy as ``policy.context`` and loaded from the
``[context]`` table of the TOML file through :meth:`ContextPolicy.from_dict`, which rejects
unknown keys::

    [context]
    default_deny = true                  # start from the default deny list (docs/context.md)
    skip_deny = ["banking.online_banking", "private_window"]   # default rules or kinds to leave out
    secure_fields = true                 # redact password elements whatever OCR reads
    title = "scrub"                      # scrub | drop | keep   (also: url, clipboard, labels)
    clipboard_max_chars = 20000          # longer clipboard text is withheld, not scanned

    [[context.deny]]                     # more rules: one of app | title | url | host, a regex
    app = "Signal"
    kind = "messaging"                   # reported as error_code "deny:messaging"; default "custom"
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from redact._errors import PolicyError
from redact.context._denylist import DEFAULT_DENY_RULES, FIELDS, DenyList, DenyRule

__all__ = ["ContextPolicy", "FieldMode"]


class FieldMode(enum.Enum):
    """What happens to one context string (title, URL, clipboard, element labels)."""

    SCRUB = "scrub"  # detectors and session memory replace what they find with <ENTITY_TYPE>
    DROP = "drop"  # the string is not kept at all
    KEEP = "keep"  # stored as recorded


@dataclass(frozen=True, slots=True)
class ContextPolicy:
    """Options for recorded context. All have safe defaults; see ``docs/context.md``.

    >>> p = ContextPolicy.from_dict({"deny": [{"app": "Signal"}], "clipboard": "drop"})
    >>> p.deny_list.match(app="Signal").kind, p.clipboard
    ('custom', <FieldMode.DROP: 'drop'>)
    """

    default_deny: bool = True
    deny: tuple[DenyRule, ...] = ()
    skip_deny: frozenset[str] = frozenset()
    secure_fields: bool = True
    title: FieldMode = FieldMode.SCRUB
    url: FieldMode = FieldMode.SCRUB
    clipboard: FieldMode = FieldMode.SCRUB
    labels: FieldMode = FieldMode.SCRUB
    clipboard_max_chars: int = 20_000
    _deny_list: DenyList | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        for name in ("default_deny", "secure_fields"):
            if not isinstance(getattr(self, name), bool):
                _bad(name, getattr(self, name), "true | false")
        for name in ("title", "url", "clipboard", "labels"):
            value = getattr(self, name)
            if isinstance(value, str):
                try:
                    set_(self, name, FieldMode(value))
                except ValueError:
                    _bad(name, value, " | ".join(m.value for m in FieldMode))
            elif not isinstance(value, FieldMode):
                _bad(name, value, " | ".join(m.value for m in FieldMode))
        limit = self.clipboard_max_chars
        if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= 10_000_000:
            _bad("clipboard_max_chars", limit, "an integer from 0 to 10000000")
        if isinstance(self.skip_deny, str) or not all(isinstance(s, str) for s in self.skip_deny):
            _bad("skip_deny", self.skip_deny, "a list of default rule names or kinds")
        set_(self, "skip_deny", frozenset(self.skip_deny))
        known = {r.name for r in DEFAULT_DENY_RULES} | {r.kind for r in DEFAULT_DENY_RULES}
        unknown = sorted(self.skip_deny - known)
        if unknown:
            raise PolicyError(
                f"[context] skip_deny names no default rule or kind: {unknown}; "
                "see docs/context.md for the default rule names",
                code="R251",
            )
        set_(self, "deny", tuple(self.deny))
        if not all(isinstance(r, DenyRule) for r in self.deny):
            _bad("deny", "...", "DenyRule objects (or [[context.deny]] tables in TOML)")
        names = [r.name for r in self.deny]
        if len(set(names)) != len(names):
            raise PolicyError("[context] deny rule names must be unique", code="R255")
        set_(self, "_deny_list", DenyList(self.rules()))

    def rules(self) -> tuple[DenyRule, ...]:
        """The effective deny rules: the defaults (unless turned off, minus skipped ones), then ``deny``."""
        base: tuple[DenyRule, ...] = ()
        if self.default_deny:
            skip = self.skip_deny
            base = tuple(r for r in DEFAULT_DENY_RULES if r.name not in skip and r.kind not in skip)
        return base + self.deny

    @property
    def deny_list(self) -> DenyList:
        """The compiled effective deny list."""
        assert self._deny_list is not None
        return self._deny_list

    def __getstate__(self) -> dict[str, Any]:  # the compiled list is rebuilt on unpickling
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_deny_list", DenyList(self.rules()))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ContextPolicy:
        """Build from a plain mapping (the ``[context]`` TOML table); unknown keys raise ``PolicyError``."""
        if not isinstance(data, Mapping):
            raise PolicyError(f"the [context] policy must be a table, not {type(data).__name__}", code="R250")
        known = {f.name for f in fields(cls) if f.init}
        unknown = sorted(set(data) - known)
        if unknown:
            raise PolicyError(
                f"unknown [context] option(s) {', '.join(map(repr, unknown))}; valid options: {', '.join(sorted(known))}",
                code="R250",
            )
        values = dict(data)
        if "deny" in values:
            values["deny"] = tuple(_rule(raw, i) for i, raw in enumerate(_list(values["deny"], "deny")))
        if "skip_deny" in values:
            values["skip_deny"] = frozenset(_list(values["skip_deny"], "skip_deny"))
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """A TOML/JSON-ready mapping that ``from_dict`` accepts back."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if not f.init:
                continue
            value = getattr(self, f.name)
            if isinstance(value, FieldMode):
                value = value.value
            elif isinstance(value, frozenset):
                value = sorted(value)
            elif f.name == "deny":
                value = [{r.field: r.pattern, "kind": r.kind, "name": r.name} for r in value]
            out[f.name] = value
        return out


def _list(value: Any, key: str) -> list[Any]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        _bad(key, "...", "a list")
    return list(value)


def _rule(raw: Any, i: int) -> DenyRule:
    """``{app|title|url|host = pattern, kind = "...", name = "..."}`` to a :class:`DenyRule`."""
    if not isinstance(raw, Mapping):
        raise PolicyError(f"[context] deny[{i}] must be a table such as {{ app = \"Signal\" }}", code="R256")
    bad = sorted(set(raw) - set(FIELDS) - {"kind", "name"})
    given = [f for f in FIELDS if f in raw]
    if bad or len(given) != 1:
        raise PolicyError(
            f"[context] deny[{i}] needs exactly one of {', '.join(FIELDS)} (a regular expression), "
            f"and optionally kind and name{f'; unknown keys {bad}' if bad else ''}",
            code="R256",
        )
    kind = raw.get("kind", "custom")
    name = raw.get("name", f"deny.{i}")
    if not isinstance(name, str) or not name:
        raise PolicyError(f"[context] deny[{i}].name must be a non-empty string", code="R256")
    return DenyRule(name, kind, given[0], raw[given[0]])


def _bad(name: str, value: object, valid: str) -> None:
    raise PolicyError(f"invalid [context] {name} = {value!r}; valid: {valid}", code="R250")
