"""Masking: turning decisions about text into masked events, and remembering found secrets.

* ``Fate`` is the decision attached to one input event (undecided, kept, or masked as an entity);
  a key_up shares the fate of its key_down, so it is masked exactly when its key_down is.
* ``span_events`` maps a finding's character span back to events: the keys that typed it, and
  keys typed and deleted inside it together with the keys that deleted them.
* ``Renderer`` writes masked events in place: by default a masked run becomes a constant number
  of placeholder key presses at a quantized time (length and timing hidden); with
  ``keep_length`` every masked key keeps its own event. Modifiers stay.
* ``SecretMemory`` holds keyed hashes (HMAC-SHA256 with a random per-session key, in memory only)
  of secrets found so far, so a repeat is masked wherever it is typed or pasted again.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable

from redact.keys._events import KEY_DOWN, KEY_UP, PASTE, KeyEvent
from redact.keys._policy import KeyPolicy
from redact.keys._reconstruct import MODIFIER_KEYS, TypedRun
from redact._memory import SecretMemory

__all__ = ["KEEP", "Fate", "MaskGroup", "Renderer", "SecretMemory", "span_events"]


class MaskGroup:
    """Masked events that hide behind one set of placeholders (one run or one finding)."""

    __slots__ = ("entity", "emitted", "t")

    def __init__(self, entity: str) -> None:
        self.entity = entity
        self.emitted = False
        self.t: float | None = None


class Fate:
    """What happens to one event. ``spans`` (paste events only) limits masking to parts of the text."""

    __slots__ = ("decided", "entity", "group", "spans")

    def __init__(self, decided: bool = False) -> None:
        self.decided = decided
        self.entity: str | None = None
        self.group: MaskGroup | None = None
        self.spans: list[tuple[int, int]] | None = None

    def mask(self, group: MaskGroup, spans: Iterable[tuple[int, int]] | None = None) -> None:
        """Mask this event as ``group.entity``; ``spans`` masks only parts of a paste's text."""
        if self.entity is None:
            self.entity = group.entity
            self.group = group
            self.spans = None if spans is None else list(spans)
        elif spans is None:
            self.spans = None  # the whole event
        elif self.spans is not None:
            self.spans.extend(spans)

    def __repr__(self) -> str:
        return f"<Fate decided={self.decided} entity={self.entity!r}>"


KEEP = Fate(decided=True)


def span_events(run: TypedRun, start: int, end: int) -> tuple[set[int], dict[int, list[tuple[int, int]]]]:
    """Events behind ``run.text[start:end]``: (event ids, paste id -> offsets inside the paste).

    Characters typed and deleted between the first and the last event of the span are included,
    with the keys that deleted them: a typo inside a password reveals part of it.
    """
    srcs = run.sources[start:end]
    if not srcs:
        return set(), {}
    ids = set(srcs)
    offsets: dict[int, list[int]] = {}
    for src, off in zip(srcs, run.offsets[start:end]):
        offsets.setdefault(src, []).append(off)
    lo, hi = min(ids), max(ids)
    for producer, deleter in run.deleted:
        if lo <= producer <= hi:
            ids.add(producer)
            ids.add(deleter)
    parts = {src: _ranges(offs) for src, offs in offsets.items()}
    return ids, parts


def _ranges(offsets: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for off in sorted(offsets):
        if out and out[-1][1] == off:
            out[-1] = (out[-1][0], off + 1)
        else:
            out.append((off, off + 1))
    return out


def masked_text(text: str, spans: list[tuple[int, int]] | None, placeholder: str) -> str:
    """``text`` with each span replaced by one placeholder (``None`` masks the whole text)."""
    if not spans:
        return placeholder
    out: list[str] = []
    pos = 0
    for s, e in sorted(spans):
        if e <= pos:
            continue
        s = max(s, pos)
        out.append(text[pos:s])
        out.append(placeholder)
        pos = e
    out.append(text[pos:])
    return "".join(out)


class Renderer:
    """Writes decided events out: kept events unchanged, masked ones replaced in place."""

    __slots__ = ("_policy", "_last_t", "_active_t", "masked_in", "emitted")

    def __init__(self, policy: KeyPolicy) -> None:
        self._policy = policy
        self._last_t = -math.inf
        self._active_t: float | None = None
        self.masked_in = 0
        self.emitted = 0

    def render(self, ev: KeyEvent, fate: Fate, out: list[KeyEvent]) -> None:
        policy = self._policy
        if fate.entity is None:
            if self._active_t is not None:
                if ev.key in MODIFIER_KEYS and (ev.type == KEY_DOWN or ev.type == KEY_UP):
                    # a shift inside a hidden password would tell where its capitals are
                    t = self._active_t
                    raw = dict(ev.raw) if ev.raw is not None else None
                    if raw is not None:
                        raw["t"] = t
                    ev = KeyEvent(t, ev.type, ev.key, ev.text, ev.app, ev.title, ev.focus, ev.secure_input, False, None, raw)
                else:
                    self._active_t = None
            out.append(ev)
            self._last_t = ev.t
            self.emitted += 1
            return
        self.masked_in += 1
        group = fate.group
        assert group is not None
        if policy.keep_timing:
            t = ev.t
        else:
            if group.t is None:
                q = policy.time_quantum
                group.t = max(math.floor(ev.t / q) * q, self._last_t)
            t = group.t
            self._active_t = t
        raw = ev.raw
        if raw is not None:
            drop = policy.drop_fields_when_masked
            raw = {k: v for k, v in raw.items() if k not in drop}
        entity = fate.entity
        etype = ev.type
        if etype == PASTE:
            text = masked_text(ev.text or "", fate.spans, policy.placeholder)
            out.append(KeyEvent(t, etype, ev.key, text, ev.app, ev.title, ev.focus, ev.secure_input, True, entity, raw))
            self.emitted += 1
        elif policy.keep_length or (etype != KEY_DOWN and etype != KEY_UP):
            out.append(
                KeyEvent(t, etype, policy.placeholder, None, ev.app, ev.title, ev.focus, ev.secure_input, True, entity, raw)
            )
            self.emitted += 1
        elif not group.emitted:
            group.emitted = True
            for _ in range(policy.placeholder_events):
                for kind in (KEY_DOWN, KEY_UP):
                    out.append(
                        KeyEvent(t, kind, policy.placeholder, None, ev.app, ev.title, ev.focus, ev.secure_input, True, entity, raw)
                    )
            self.emitted += 2 * policy.placeholder_events
        self._last_t = t


