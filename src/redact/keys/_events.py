"""Key events: the typed objects a keystroke log is parsed into, and the parser.

A log is JSONL, one event per line, in the shape pynput-based recorders write::

    {"t": 12.031, "type": "key_down", "key": "a", "app": "Firefox",
     "title": "Sign in - Contoso", "focus": {"role": "password", "label": "Password"}}

The same events are accepted as Python mappings. Parsing validates the fields this package
reads and keeps the original mapping (``raw``) so that every field, known or not, is written back
untouched. Error messages name the line and the field, never a value: a malformed line may hold a
password.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from redact._errors import KeyLogError

__all__ = [
    "CLICK",
    "FOCUS_CHANGE",
    "KEY_DOWN",
    "KEY_UP",
    "PASTE",
    "Focus",
    "KeyEvent",
    "iter_events",
    "normalize_key",
    "parse_event",
    "parse_line",
]

KEY_DOWN = "key_down"
KEY_UP = "key_up"
CLICK = "click"
FOCUS_CHANGE = "focus_change"
PASTE = "paste"


@dataclass(frozen=True, slots=True)
class Focus:
    """What the recorder knows of the focused element: its role, its label, OS secure input."""

    role: str | None = None
    label: str | None = None
    secure: bool = False


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """One recorded event. ``key`` and ``text`` are what was typed or pasted: never printed.

    ``key`` is normalised to pynput form: a single character (``"a"``) or a named key
    (``"Key.enter"``). ``raw`` is the original mapping (all fields, in order), used to write the
    event back; events built in Python may leave it out.
    """

    t: float
    type: str
    key: str | None = field(default=None, repr=False)
    text: str | None = field(default=None, repr=False)
    app: str | None = None
    title: str | None = field(default=None, repr=False)
    focus: Focus | None = None
    secure_input: bool = False
    masked: bool = False
    entity_type: str | None = None
    raw: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form: the original fields in their order, with masked values replaced."""
        raw = self.raw
        if raw is not None and not self.masked:
            return dict(raw)
        out: dict[str, Any] = dict(raw) if raw is not None else {}
        out["t"] = self.t
        out["type"] = self.type
        if self.key is not None or "key" in out:
            out["key"] = self.key
        if self.text is not None or "text" in out:
            out["text"] = self.text
        if raw is None:
            if self.app is not None:
                out["app"] = self.app
            if self.title is not None:
                out["title"] = self.title
            if self.focus is not None:
                f: dict[str, Any] = {"role": self.focus.role, "label": self.focus.label}
                if self.focus.secure:
                    f["secure"] = True
                out["focus"] = f
            if self.secure_input:
                out["secure_input"] = True
        if self.masked:
            out["masked"] = True
            out["entity_type"] = self.entity_type
        return out


# --- key normalisation -------------------------------------------------------------------------

# Windows virtual-key codes of the numeric keypad, which pynput reports as ``<96>`` ... ``<111>``.
_NUMPAD = {f"<{96 + i}>": str(i) for i in range(10)}
_NUMPAD.update({"<106>": "*", "<107>": "+", "<109>": "-", "<110>": ".", "<111>": "/"})


def normalize_key(key: str) -> str:
    """Bring a recorder's key string to pynput form: ``"'a'"`` -> ``"a"``, ``"<97>"`` -> ``"1"``."""
    if len(key) == 3 and key[0] == key[2] == "'":
        return key[1]
    if key.startswith("<"):
        return _NUMPAD.get(key, key)
    return key


# --- parsing -------------------------------------------------------------------------------------


def _opt_str(obj: Mapping[str, Any], name: str, line: int | None) -> str | None:
    value = obj.get(name)
    if value is None or isinstance(value, str):
        return value
    raise KeyLogError(
        f"field {name!r} must be a string or null, not {type(value).__name__}; fix the recorder output",
        line=line,
    )


def _parse_focus(value: Any, line: int | None) -> Focus | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise KeyLogError(
            f"field 'focus' must be an object or null, not {type(value).__name__}", line=line
        )
    role = value.get("role")
    label = value.get("label")
    if role is not None and not isinstance(role, str):
        raise KeyLogError(f"field 'focus.role' must be a string, not {type(role).__name__}", line=line)
    if label is not None and not isinstance(label, str):
        raise KeyLogError(f"field 'focus.label' must be a string, not {type(label).__name__}", line=line)
    return Focus(role=role, label=label, secure=value.get("secure") is True)


def parse_event(obj: Mapping[str, Any] | KeyEvent, *, line: int | None = None) -> KeyEvent:
    """Validate one event given as a mapping (a decoded JSON object) and return a ``KeyEvent``.

    Unknown fields and unknown event types are kept as they are. Raises ``KeyLogError`` naming
    ``line`` and the bad field when a field this package relies on is missing or of the wrong type.

    >>> parse_event({"t": 1.5, "type": "key_down", "key": "'a'"}).key
    'a'
    """
    if isinstance(obj, KeyEvent):
        return obj
    if not isinstance(obj, Mapping):
        raise KeyLogError(f"an event must be a JSON object, not {type(obj).__name__}", line=line)
    etype = obj.get("type")
    if not isinstance(etype, str) or not etype:
        raise KeyLogError("field 'type' is missing or not a string; every event needs a type", line=line)
    t = obj.get("t")
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t):
        raise KeyLogError("field 't' is missing or not a finite number (seconds)", line=line)
    key = obj.get("key")
    text = obj.get("text")
    if etype == KEY_DOWN or etype == KEY_UP:
        if not isinstance(key, str) or not key:
            raise KeyLogError(f"a {etype} event needs 'key' as a non-empty string", line=line)
        key = normalize_key(key)
    elif key is not None and not isinstance(key, str):
        raise KeyLogError(f"field 'key' must be a string, not {type(key).__name__}", line=line)
    if etype == PASTE:
        if not isinstance(text, str):
            raise KeyLogError("a paste event needs 'text' as a string", line=line)
    elif text is not None and not isinstance(text, str):
        raise KeyLogError(f"field 'text' must be a string, not {type(text).__name__}", line=line)
    focus = obj.get("focus")
    return KeyEvent(
        float(t),
        etype,
        key,
        text,
        _opt_str(obj, "app", line),
        _opt_str(obj, "title", line),
        _parse_focus(focus, line) if focus is not None else None,
        obj.get("secure_input") is True,
        obj.get("masked") is True,
        _opt_str(obj, "entity_type", line),
        dict(obj),
    )


def parse_line(text: str | bytes, *, line: int | None = None) -> KeyEvent:
    """Parse one JSONL line; ``KeyLogError`` names ``line`` if it is not a valid event.

    >>> parse_line('{"t": 0, "type": "click", "x": 5, "y": 9}', line=1).type
    'click'
    """
    try:
        obj = json.loads(text)
    except UnicodeDecodeError:
        raise KeyLogError("not valid UTF-8; re-encode the log as UTF-8", line=line) from None
    except json.JSONDecodeError as exc:
        # ``exc.msg`` describes the syntax error only; the line's content is never quoted.
        raise KeyLogError(
            f"not valid JSON ({exc.msg} at column {exc.colno}); each line must hold one JSON object",
            line=line,
        ) from None
    return parse_event(obj, line=line)


def iter_events(lines: Iterable[str | bytes], *, start: int = 1) -> Iterator[KeyEvent | KeyLogError]:
    """Parse lines lazily, yielding an event per line or the ``KeyLogError`` for a bad line.

    Blank lines are skipped. Errors are yielded, not raised, so the caller's policy decides
    whether a bad line is skipped or stops the run.
    """
    for number, text in enumerate(lines, start):
        if not text.strip():
            continue
        try:
            yield parse_line(text, line=number)
        except KeyLogError as exc:
            yield exc

