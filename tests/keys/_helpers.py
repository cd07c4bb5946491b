"""Small builders of key events for the keys tests."""

from __future__ import annotations

from typing import Any


class Log:
    """Appends pynput-shaped events with a running clock."""

    def __init__(self, **where: Any) -> None:
        self.t = 0.0
        self.events: list[dict[str, Any]] = []
        self.where = where

    def at(self, **where: Any) -> Log:
        self.where = where
        return self

    def add(self, type_: str, **fields: Any) -> Log:
        self.events.append({"t": round(self.t, 3), "type": type_, **self.where, **fields})
        self.t += 0.1
        return self

    def press(self, key: str) -> Log:
        return self.add("key_down", key=key).add("key_up", key=key)

    def type(self, text: str) -> Log:
        for ch in text:
            self.press("Key.space" if ch == " " else ch)
        return self

    def line(self, text: str, end: str = "Key.enter") -> Log:
        return self.type(text).press(end)

    def combo(self, mod: str, key: str) -> Log:
        return self.add("key_down", key=mod).press(key).add("key_up", key=mod)


def masked_keys(out: list[Any]) -> list[bool]:
    return [bool(e.masked) for e in out]
