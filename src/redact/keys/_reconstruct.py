"""Typed-text reconstruction: from key events back to the text of each run, char by char.

Per focus context (a click, a focus change or new app/title/field metadata starts a new one),
the keys are replayed into a line buffer with a cursor: shift and caps lock, backspace and delete
(also by word), arrows, home and end, select-all then typing, readline edits in terminals and
pasted text. Enter, Tab and Esc close a run. Every character of a closed run is mapped back to the
event that produced it, and every deleted character to the event that produced it and the one
that deleted it, so a decision about the text becomes a decision about events.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from redact.keys._context import Context, ContextKind, classify
from redact.keys._events import CLICK, FOCUS_CHANGE, KEY_DOWN, KEY_UP, PASTE, Focus, KeyEvent

__all__ = ["KeyKind", "Reconstructor", "TypedRun", "base_key", "reconstruct"]


class KeyKind(enum.Enum):
    """What an event did to the typed text; the masker holds back CHAR, EDIT and PASTE events."""

    CHAR = "char"
    EDIT = "edit"
    PASTE = "paste"
    BOUNDARY = "boundary"
    MODIFIER = "modifier"
    KEY_UP = "key_up"
    NEUTRAL = "neutral"  # shortcuts, function keys, clicks, focus changes, unknown event types


@dataclass(frozen=True, slots=True)
class TypedRun:
    """The text typed in one run and where each character came from. ``text`` is never printed.

    ``sources[i]`` is the id of the event that produced ``text[i]`` (a key_down or a paste) and
    ``offsets[i]`` its position inside that event's text. ``deleted`` holds (producer, deleter)
    pairs of characters typed and removed. ``events`` is every event that edited the run.
    """

    text: str = field(repr=False)
    sources: tuple[int, ...]
    offsets: tuple[int, ...]
    deleted: tuple[tuple[int, int], ...]
    events: tuple[int, ...]
    boundary: str  # enter | tab | esc | click | focus | context | bound | end
    context: Context
    t_start: float
    t_end: float


_SHIFTED = dict(zip("`1234567890-=[]\\;',./", '~!@#$%^&*()_+{}|:"<>?'))
_UNSHIFTED = {v: k for k, v in _SHIFTED.items()}
_SHIFT = frozenset({"Key.shift", "Key.shift_l", "Key.shift_r"})
_CTRL = frozenset({"Key.ctrl", "Key.ctrl_l", "Key.ctrl_r"})
_ALT = frozenset({"Key.alt", "Key.alt_l", "Key.alt_r"})
_CMD = frozenset({"Key.cmd", "Key.cmd_l", "Key.cmd_r"})
_ALTGR = "Key.alt_gr"
MODIFIER_KEYS = _SHIFT | _CTRL | _ALT | _CMD | {_ALTGR, "Key.caps_lock", "Key.fn"}
_BOUNDARIES = {"Key.enter": "enter", "Key.tab": "tab", "Key.esc": "esc"}


def base_key(key: str) -> str:
    """The physical key behind a character, so ``key_up 'a'`` matches ``key_down 'A'``."""
    if len(key) == 1:
        return _UNSHIFTED.get(key, key.lower())
    return key


class _Buffer:
    __slots__ = ("chars", "srcs", "offs", "cursor", "all_selected", "deleted", "events", "t0", "t1")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.srcs: list[int] = []
        self.offs: list[int] = []
        self.cursor = 0
        self.all_selected = False
        self.deleted: list[tuple[int, int]] = []
        self.events: list[int] = []
        self.t0 = 0.0
        self.t1 = 0.0

    def _remove(self, lo: int, hi: int, by: int) -> None:
        if lo >= hi:
            return
        self.deleted.extend((src, by) for src in self.srcs[lo:hi])
        del self.chars[lo:hi], self.srcs[lo:hi], self.offs[lo:hi]
        if self.cursor > hi:
            self.cursor -= hi - lo
        elif self.cursor > lo:
            self.cursor = lo

    def _clear_selection(self, by: int) -> None:
        if self.all_selected:
            self.all_selected = False
            self._remove(0, len(self.chars), by)

    def insert(self, text: str, src: int) -> None:
        self._clear_selection(src)
        c = self.cursor
        n = len(text)
        self.chars[c:c] = text
        self.srcs[c:c] = [src] * n
        self.offs[c:c] = range(n)
        self.cursor = c + n

    def backspace(self, by: int, unit: str) -> None:
        if self.all_selected:
            self._clear_selection(by)
            return
        c = self.cursor
        lo = c - 1 if unit == "char" else (self._word_start(c) if unit == "word" else 0)
        self._remove(max(lo, 0), c, by)

    def delete_forward(self, by: int, unit: str) -> None:
        if self.all_selected:
            self._clear_selection(by)
            return
        c = self.cursor
        hi = c + 1 if unit == "char" else (self._word_end(c) if unit == "word" else len(self.chars))
        self._remove(c, min(hi, len(self.chars)), by)

    def move(self, where: str) -> None:
        self.all_selected = False
        c, n = self.cursor, len(self.chars)
        if where == "left":
            self.cursor = max(c - 1, 0)
        elif where == "right":
            self.cursor = min(c + 1, n)
        elif where == "word_left":
            self.cursor = self._word_start(c)
        elif where == "word_right":
            self.cursor = self._word_end(c)
        elif where == "home":
            self.cursor = 0
        else:
            self.cursor = n

    def _word_start(self, c: int) -> int:
        chars = self.chars
        while c > 0 and chars[c - 1].isspace():
            c -= 1
        while c > 0 and not chars[c - 1].isspace():
            c -= 1
        return c

    def _word_end(self, c: int) -> int:
        chars, n = self.chars, len(self.chars)
        while c < n and chars[c].isspace():
            c += 1
        while c < n and not chars[c].isspace():
            c += 1
        return c


_MOVES = {
    "Key.left": "left",
    "Key.right": "right",
    "Key.home": "home",
    "Key.end": "end",
    "Key.up": "home",
    "Key.down": "end",
    "Key.page_up": "home",
    "Key.page_down": "end",
}


class Reconstructor:
    """Replays events one at a time; ``step`` returns what the event did and any run it closed.

    Event ids are chosen by the caller (the masker uses a running counter); the reconstructor
    only stores them.
    """

    __slots__ = ("shift", "ctrl", "alt", "cmd", "altgr", "caps", "_buf", "_ctx", "_ctx_key", "_base", "_fresh")

    def __init__(self) -> None:
        self.shift = self.ctrl = self.alt = self.cmd = self.altgr = self.caps = False
        self._buf = _Buffer()
        self._ctx: Context | None = None
        self._ctx_key: tuple[object, ...] | None = None
        self._base: tuple[str | None, str | None, Focus | None] = (None, None, None)
        self._fresh = False

    @property
    def context(self) -> Context | None:
        """The context of the open run (``None`` before the first typed key)."""
        return self._ctx

    @property
    def open_events(self) -> int:
        return len(self._buf.events)

    def step(self, eid: int, ev: KeyEvent) -> tuple[KeyKind, tuple[TypedRun, ...]]:
        etype = ev.type
        if etype == KEY_UP:
            key = ev.key or ""
            if key in MODIFIER_KEYS:
                self._modifier(key, False)
                return KeyKind.MODIFIER, ()
            return KeyKind.KEY_UP, ()
        if etype == KEY_DOWN:
            key = ev.key or ""
            if key in MODIFIER_KEYS:
                self._modifier(key, True)
                return KeyKind.MODIFIER, ()
            closed = self._enter_context(ev)
            return self._key_down(eid, ev, key, closed)
        if etype == PASTE:
            closed = self._enter_context(ev)
            buf = self._touch(eid, ev.t)
            buf.insert(ev.text or "", eid)
            return KeyKind.PASTE, closed
        if etype == CLICK or etype == FOCUS_CHANGE:
            run = self.close("click" if etype == CLICK else "focus")
            if etype == FOCUS_CHANGE:
                self._base = (ev.app, ev.title, ev.focus)
            else:
                self._base = (self._base[0], self._base[1], None)
            self._fresh = True
            return KeyKind.NEUTRAL, (run,) if run is not None else ()
        return KeyKind.NEUTRAL, ()

    def close(self, boundary: str) -> TypedRun | None:
        """Close the open run (if anything was typed in it) and start an empty one."""
        buf = self._buf
        ctx = self._ctx
        if ctx is None or (not buf.events and boundary not in _BOUNDARY_NAMES):
            return None
        self._buf = _Buffer()
        return TypedRun(
            "".join(buf.chars),
            tuple(buf.srcs),
            tuple(buf.offs),
            tuple(buf.deleted),
            tuple(buf.events),
            boundary,
            ctx,
            buf.t0,
            buf.t1,
        )

    # -- internals --------------------------------------------------------------------------

    def _modifier(self, key: str, down: bool) -> None:
        if key in _SHIFT:
            self.shift = down
        elif key in _CTRL:
            self.ctrl = down
        elif key in _ALT:
            self.alt = down
        elif key in _CMD:
            self.cmd = down
        elif key == _ALTGR:
            self.altgr = down
        elif key == "Key.caps_lock" and down:
            self.caps = not self.caps

    def _enter_context(self, ev: KeyEvent) -> tuple[TypedRun, ...]:
        app = ev.app if ev.app is not None else self._base[0]
        title = ev.title if ev.title is not None else self._base[1]
        focus = ev.focus if ev.focus is not None else self._base[2]
        secure = ev.secure_input or (focus.secure if focus else False)
        key = (app, title, focus.role if focus else None, focus.label if focus else None, secure)
        if key == self._ctx_key and not self._fresh:
            return ()
        closed = self.close("context")
        self._fresh = False
        self._ctx_key = key
        self._ctx = classify(*key)
        return (closed,) if closed is not None else ()

    def _touch(self, eid: int, t: float) -> _Buffer:
        buf = self._buf
        if not buf.events:
            buf.t0 = t
        buf.t1 = t
        buf.events.append(eid)
        return buf

    def _key_down(self, eid: int, ev: KeyEvent, key: str, closed: tuple[TypedRun, ...]) -> tuple[KeyKind, tuple[TypedRun, ...]]:
        if len(key) == 1 or not key.startswith(("Key.", "<")):
            if self.ctrl or self.cmd or (self.alt and not self.altgr and key.isascii()):
                return self._shortcut(eid, ev, key.lower(), closed)
            if len(key) == 1:
                if key.isalpha():
                    if key.islower() and (self.shift ^ self.caps):
                        key = key.upper()
                elif self.shift:
                    key = _SHIFTED.get(key, key)
            self._touch(eid, ev.t).insert(key, eid)
            return KeyKind.CHAR, closed
        if key == "Key.space":
            self._touch(eid, ev.t).insert(" ", eid)
            return KeyKind.CHAR, closed
        boundary = _BOUNDARIES.get(key)
        if boundary is not None:
            run = self.close(boundary)
            return KeyKind.BOUNDARY, closed + (run,) if run is not None else closed
        if key == "Key.backspace":
            unit = "line" if self.cmd else ("word" if self.ctrl or self.alt else "char")
            self._touch(eid, ev.t).backspace(eid, unit)
            return KeyKind.EDIT, closed
        if key == "Key.delete":
            unit = "word" if self.ctrl or self.alt else "char"
            self._touch(eid, ev.t).delete_forward(eid, unit)
            return KeyKind.EDIT, closed
        move = _MOVES.get(key)
        if move is not None:
            if move in ("left", "right"):
                if self.cmd:
                    move = "home" if move == "left" else "end"
                elif self.ctrl or self.alt:
                    move = "word_" + move
            self._touch(eid, ev.t).move(move)
            return KeyKind.EDIT, closed
        return KeyKind.NEUTRAL, closed

    def _shortcut(self, eid: int, ev: KeyEvent, key: str, closed: tuple[TypedRun, ...]) -> tuple[KeyKind, tuple[TypedRun, ...]]:
        buf = self._buf
        if key == "a" and not self.alt:
            buf.all_selected = True
        elif key == "x" and buf.all_selected:
            self._touch(eid, ev.t).backspace(eid, "char")
            return KeyKind.EDIT, closed
        elif self.ctrl and self._ctx is not None and self._ctx.kind is ContextKind.TERMINAL:
            # readline editing keys in terminals
            if key == "u":
                self._touch(eid, ev.t).backspace(eid, "line")
                return KeyKind.EDIT, closed
            if key == "w":
                self._touch(eid, ev.t).backspace(eid, "word")
                return KeyKind.EDIT, closed
            if key == "h":
                self._touch(eid, ev.t).backspace(eid, "char")
                return KeyKind.EDIT, closed
            if key == "k":
                self._touch(eid, ev.t).delete_forward(eid, "line")
                return KeyKind.EDIT, closed
            if key == "c":  # interrupt: the line is abandoned
                run = self.close("esc")
                return KeyKind.BOUNDARY, closed + (run,) if run is not None else closed
        return KeyKind.NEUTRAL, closed


_BOUNDARY_NAMES = frozenset(_BOUNDARIES.values())


def reconstruct(events: Iterable[KeyEvent]) -> list[TypedRun]:
    """Every run typed in ``events``, in order; event ids are positions in ``events``.

    >>> from redact.keys._events import parse_event
    >>> evs = [parse_event({"t": i, "type": "key_down", "key": k}) for i, k in enumerate("hi")]
    >>> [r.text for r in reconstruct(evs)]
    ['hi']
    """
    rec = Reconstructor()
    runs: list[TypedRun] = []
    for eid, ev in enumerate(events):
        runs.extend(rec.step(eid, ev)[1])
    run = rec.close("end")
    if run is not None:
        runs.append(run)
    return runs
