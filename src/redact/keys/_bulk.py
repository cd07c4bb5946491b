"""Bulk masking: a key log file, or a directory of ``.jsonl`` logs, through the streaming masker.

Each file is one session: one ``KeyMasker``, one memory of found secrets. With
``policy.lookback`` (default) a file is read twice: the first pass only collects the secrets, so
the second can also mask a token typed *before* it was used as a password. Output keeps the event
order and every field of unmasked events; it is written to a temporary file next to the target
and renamed into place, so a crash never leaves a half-written log. A malformed line is dropped
and reported, or stops the run, as ``policy.on_malformed`` says; the other lines are never lost.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redact._errors import InputError, KeyLogError
from redact.keys._events import KeyEvent, iter_events, parse_event
from redact.keys._mask import SecretMemory
from redact.keys._policy import KeyPolicy, OnMalformed
from redact.keys._scanner import TextScanner
from redact.keys._stream import KeyMasker, MaskStats

if TYPE_CHECKING:
    from redact.context._denylist import DenyList

__all__ = ["FileReport", "KeyLogReport", "MalformedLine", "mask_events", "mask_key_log"]


@dataclass(frozen=True, slots=True)
class MalformedLine:
    """A line that was not a valid event: where it is and why (never its content)."""

    path: str
    line: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class FileReport:
    """What happened to one log file. Counts and reasons only."""

    source: str
    output: str
    stats: MaskStats
    malformed: tuple[MalformedLine, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "output": self.output,
            **self.stats.to_dict(),
            "malformed": [{"line": m.line, "reason": m.reason} for m in self.malformed],
        }


@dataclass(frozen=True, slots=True)
class KeyLogReport:
    """The outcome of ``mask_key_log``: one ``FileReport`` per log, and totals."""

    files: tuple[FileReport, ...]

    @property
    def events_in(self) -> int:
        return sum(f.stats.events_in for f in self.files)

    @property
    def events_out(self) -> int:
        return sum(f.stats.events_out for f in self.files)

    @property
    def events_masked(self) -> int:
        return sum(f.stats.events_masked for f in self.files)

    @property
    def runs_masked(self) -> int:
        return sum(f.stats.runs_masked for f in self.files)

    @property
    def malformed(self) -> tuple[MalformedLine, ...]:
        return tuple(m for f in self.files for m in f.malformed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": [f.to_dict() for f in self.files],
            "events_in": self.events_in,
            "events_out": self.events_out,
            "events_masked": self.events_masked,
            "runs_masked": self.runs_masked,
            "malformed_lines": len(self.malformed),
        }


def mask_events(
    events: Iterable[KeyEvent | Mapping[str, Any]],
    *,
    scanner: TextScanner | None,
    policy: KeyPolicy | None = None,
    deny: DenyList | None = None,
) -> list[KeyEvent]:
    """Mask one session held in memory; malformed events raise ``KeyLogError`` naming their index.

    ``deny`` is the deny list (``policy.context.deny_list``); ``None`` uses the default one.

    >>> out = mask_events([{"t": 0, "type": "key_down", "key": "a", "focus": {"role": "password"}}], scanner=None)
    >>> out[0].masked
    True
    """
    policy = policy if policy is not None else KeyPolicy()
    parsed = [parse_event(e, line=i) for i, e in enumerate(events, 1)]
    memory = _collect(parsed, scanner, policy, deny) if policy.lookback else None
    masker = KeyMasker(scanner=scanner, policy=policy, memory=memory, deny=deny)
    out: list[KeyEvent] = []
    for ev in parsed:
        out.extend(masker.feed(ev))
    out.extend(masker.flush())
    return out


def mask_key_log(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    *,
    scanner: TextScanner | None,
    policy: KeyPolicy | None = None,
    deny: DenyList | None = None,
) -> KeyLogReport:
    """Mask a key log file into ``dst``, or every ``.jsonl`` under a directory into a mirror tree.

    ``src`` and ``dst`` are both files or both directories (``dst`` is created); ``dst`` may
    equal ``src`` to mask in place. Raises ``InputError`` for a bad path and, with
    ``on_malformed = "stop"``, ``KeyLogError`` naming the file and line. ``deny`` is the deny
    list (``policy.context.deny_list``); ``None`` uses the default one.

    >>> report = mask_key_log("session.jsonl", "masked.jsonl", scanner=analyzer)  # doctest: +SKIP
    """
    policy = policy if policy is not None else KeyPolicy()
    source, target = Path(src), Path(dst)
    if source.is_dir():
        if target.exists() and not target.is_dir():
            raise InputError(f"input {source} is a directory but output {target} is a file; give a directory")
        pairs = [(p, target / p.relative_to(source)) for p in sorted(source.rglob("*.jsonl")) if p.is_file()]
    elif source.is_file():
        if target.is_dir():
            raise InputError(f"input {source} is a file but output {target} is a directory; give a file path")
        pairs = [(source, target)]
    else:
        raise InputError(f"input {source} does not exist or is not a file or directory")
    return KeyLogReport(tuple(_mask_file(s, d, scanner, policy, deny) for s, d in pairs))


def _lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        yield from fh


def _collect(
    events: Iterable[KeyEvent], scanner: TextScanner | None, policy: KeyPolicy, deny: DenyList | None
) -> SecretMemory:
    """First pass of the look-back: run a masker for its memory, discard the output."""
    masker = KeyMasker(scanner=scanner, policy=policy, deny=deny)
    for ev in events:
        masker.feed(ev)
    masker.flush()
    return masker.memory


def _mask_file(
    source: Path, target: Path, scanner: TextScanner | None, policy: KeyPolicy, deny: DenyList | None
) -> FileReport:
    try:
        memory = None
        if policy.lookback:
            memory = _collect(
                (e for e in iter_events(_lines(source)) if isinstance(e, KeyEvent)), scanner, policy, deny
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        masker = KeyMasker(scanner=scanner, policy=policy, memory=memory, deny=deny)
        malformed: list[MalformedLine] = []
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(f"cannot read {source} or write next to {target}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            write = out.write
            dumps = json.dumps
            for item in iter_events(_lines(source)):
                if isinstance(item, KeyLogError):
                    if policy.on_malformed is OnMalformed.STOP:
                        raise KeyLogError(
                            f"in {source}: {item}; stopped because on_malformed = 'stop' "
                            "(set it to 'skip' to drop bad lines and go on)",
                            line=item.line,
                        ) from None
                    malformed.append(MalformedLine(str(source), item.line, str(item)))
                    continue
                for ev in masker.feed(item):
                    write(dumps(ev.to_dict(), ensure_ascii=False))
                    write("\n")
            for ev in masker.flush():
                write(dumps(ev.to_dict(), ensure_ascii=False))
                write("\n")
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    return FileReport(str(source), str(target), masker.stats, tuple(malformed))
