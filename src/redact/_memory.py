"""Session memory: keyed hashes of the secrets seen in one recorded session.

A password typed in the key log often reappears later on screen, in a window title or pasted
into a chat. The memory lets every later frame and event of the same session redact it without
keeping the value: only HMAC-SHA256 digests under a random key made for this object are stored,
in memory only, and they die with the object.

Values are folded before hashing so that the OCR reading of a secret matches the typed one:
letters are lower-cased and OCR look-alikes map to one character (``O``/``0``, ``l``/``I``/``1``/``|``,
``S``/``5``, ``B``/``8``). Folding is one character for one character, so spans found on the folded
text are spans of the original.
"""

from __future__ import annotations

import hmac
import secrets

__all__ = ["SecretMemory", "fold"]

_FOLD = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "i": "1", "|": "1", "L": "1",
                       "s": "5", "S": "5", "B": "8", "b": "8", "Z": "2", "z": "2", "g": "9", "q": "9"})


def fold(text: str) -> str:
    """Map OCR look-alikes to one character and lower-case the rest; length is preserved."""
    return text.translate(_FOLD).lower()


_OPENERS = frozenset(" \t\n\r=:\"'`(<[{,;")
_CLOSERS = frozenset(" \t\n\r\"'`)>]},;.!?")


class SecretMemory:
    """Keyed hashes of the secrets found in a session, to mask their repeats.

    Only HMAC-SHA256 digests under a random key made for this object are stored; the key and the
    digests live in memory only and die with the object. Lookups try the substrings of a text
    that start and end at token boundaries, one length per remembered length.

    >>> mem = SecretMemory(); mem.remember("hunter2!", "PASSWORD")
    >>> mem.find("my pw is hunter2!")
    [(9, 17, 'PASSWORD')]
    """

    __slots__ = ("_key", "_by_len")

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)
        self._by_len: dict[int, dict[bytes, str]] = {}

    def _digest(self, value: str) -> bytes:
        return hmac.digest(self._key, fold(value).encode("utf-8", "surrogatepass"), "sha256")

    def remember(self, value: str, entity: str) -> None:
        value = value.strip()
        if value:
            self._by_len.setdefault(len(value), {}).setdefault(self._digest(value), entity)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Spans of ``text`` equal to a remembered secret, with the entity it was found as."""
        by_len = self._by_len
        if not by_len or not text:
            return []
        n = len(text)
        found: list[tuple[int, int, str]] = []
        starts = [i for i in range(n) if i == 0 or text[i - 1] in _OPENERS]
        for length, digests in by_len.items():
            for i in starts:
                j = i + length
                if j > n:
                    break
                if j == n or text[j] in _CLOSERS:
                    entity = digests.get(self._digest(text[i:j]))
                    if entity is not None:
                        found.append((i, j, entity))
        return found

    def __len__(self) -> int:
        return sum(len(d) for d in self._by_len.values())

    def __repr__(self) -> str:
        return f"<SecretMemory secrets={len(self)}>"
