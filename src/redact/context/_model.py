"""What a recorder knows about a frame besides its pixels: app, window title, URL, UI elements, clipboard.

The JSON form is one object per frame, the same in ``session.json`` (see ``docs/context.md``)::

    {"app": "Firefox", "title": "Inbox - jane@corp.com", "url": "https://mail.example/?tok=...",
     "focus": {"role": "password", "bounds": [412, 300, 640, 324], "label": "Password"},
     "elements": [{"role": "button", "bounds": [660, 300, 720, 324], "label": "Sign in"}],
     "clipboard": "...", "secure_input": false}

Every key is optional; unknown keys are ignored here (the batch runner keeps them, scrubbed).
Bounds are ``[x0, y0, x1, y1]`` in the frame's own pixels (``x1``/``y1`` exclusive). Titles, URLs,
labels and clipboard text may hold secrets: they are kept out of ``repr`` and errors never quote them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from redact._errors import InputError
from redact.image._model import Box

__all__ = ["FrameContext", "UiElement", "is_secure_role"]

_SECURE_ROLE = re.compile(r"password|secure|passcode", re.I)


def is_secure_role(role: str | None) -> bool:
    """True for a role that holds a password (``password``, ``AXSecureTextField``, ``passcode``).

    >>> is_secure_role("AXSecureTextField"), is_secure_role("textbox")
    (True, False)
    """
    return bool(role) and bool(_SECURE_ROLE.search(role))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class UiElement:
    """One UI element the recorder saw: its role, where it is on the frame, its label.

    ``secure`` is the platform's own "this is a secure text field" flag where it has one. An
    element counts as a secure field (:attr:`is_secure`) by that flag, by a password role, or by a
    label naming a password, so a field stays secure after a "show password" toggle makes it a
    plain text field.
    """

    role: str
    bounds: Box | None = None
    label: str | None = field(default=None, repr=False)
    secure: bool = False

    @property
    def is_secure(self) -> bool:
        from redact.keys._context import is_password_label

        return self.secure or is_secure_role(self.role) or is_password_label(self.label)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str = "element") -> UiElement:
        """Parse ``{"role", "bounds", "label", "secure"}``; ``where`` names it in errors."""
        if not isinstance(data, Mapping):
            raise InputError(f"context {where} must be an object, not {type(data).__name__}", code="R140")
        role = data.get("role")
        if role is None:
            role = ""
        if not isinstance(role, str):
            raise InputError(f"context {where}.role must be a string, not {type(role).__name__}", code="R141")
        secure = data.get("secure", False)
        if not isinstance(secure, bool):
            raise InputError(f"context {where}.secure must be true or false", code="R141")
        return cls(
            role=role,
            bounds=_bounds(data.get("bounds"), f"{where}.bounds"),
            label=_opt_str(data, "label", where),
            secure=secure,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": self.role, "bounds": None if self.bounds is None else self.bounds.to_list()}
        out["label"] = self.label
        if self.secure:
            out["secure"] = True
        return out


@dataclass(frozen=True, slots=True)
class FrameContext:
    """The recorder's context for one frame (every part optional).

    ``focus`` is the focused element; ``elements`` any other elements with roles and bounds (an
    accessibility tree, flattened). ``secure_input`` is the OS reporting secure text entry (macOS
    secure input): the focused element is then a password field whatever its role says.

    >>> ctx = FrameContext.from_dict({"app": "KeePassXC", "title": "vault.kdbx"})
    >>> ctx.app, ctx
    ('KeePassXC', FrameContext(app='KeePassXC', focus=None, elements=(), secure_input=False))
    """

    app: str | None = None
    title: str | None = field(default=None, repr=False)
    url: str | None = field(default=None, repr=False)
    focus: UiElement | None = None
    elements: tuple[UiElement, ...] = ()
    clipboard: str | None = field(default=None, repr=False)
    secure_input: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "elements", tuple(self.elements))

    @property
    def secure_elements(self) -> tuple[UiElement, ...]:
        """The elements that hold a password: secure ones, and the focused one under secure input."""
        out = [e for e in self.elements if e.is_secure]
        focus = self.focus
        if focus is not None and (focus.is_secure or self.secure_input) and focus not in out:
            out.insert(0, focus)
        return tuple(out)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FrameContext:
        """Parse the JSON form; raise :class:`InputError` naming the bad key (never its value).

        Unknown keys (``file``, ``t``, a recorder's own fields) are ignored.
        """
        if not isinstance(data, Mapping):
            raise InputError(f"a frame context must be an object, not {type(data).__name__}", code="R140")
        focus = data.get("focus")
        elements = data.get("elements")
        if elements is None:
            elements = []
        if not isinstance(elements, list | tuple):
            raise InputError(f"context elements must be a list, not {type(elements).__name__}", code="R141")
        secure_input = data.get("secure_input", False)
        if not isinstance(secure_input, bool):
            raise InputError("context secure_input must be true or false", code="R141")
        return cls(
            app=_opt_str(data, "app", "context"),
            title=_opt_str(data, "title", "context"),
            url=_opt_str(data, "url", "context"),
            focus=None if focus is None else UiElement.from_dict(focus, where="focus"),
            elements=tuple(UiElement.from_dict(e, where=f"elements[{i}]") for i, e in enumerate(elements)),
            clipboard=_opt_str(data, "clipboard", "context"),
            secure_input=secure_input,
        )


def _opt_str(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InputError(f"{where}.{key} must be a string or null, not {type(value).__name__}", code="R141")


def _bounds(value: Any, where: str) -> Box | None:
    """``[x0, y0, x1, y1]`` to a :class:`Box`; fractional pixels round outwards."""
    if value is None:
        return None
    if (
        not isinstance(value, list | tuple)
        or len(value) != 4
        or not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in value)
    ):
        raise InputError(f"context {where} must be [x0, y0, x1, y1] numbers in frame pixels", code="R142")
    x0, y0, x1, y1 = value
    if x1 < x0 or y1 < y0:
        raise InputError(f"context {where} has x1 < x0 or y1 < y0; give [x0, y0, x1, y1]", code="R142")
    return Box(math.floor(x0), math.floor(y0), math.ceil(x1), math.ceil(y1))
