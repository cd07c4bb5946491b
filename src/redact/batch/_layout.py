"""Finding sessions in an input tree and mapping them onto the mirror output tree.

A session is a folder that directly holds frames (``*.png``, ``*.jpg``, ``*.jpeg``, ``*.webp``)
or a key event log (``events.jsonl``); it may also hold ``session.json`` with per-frame context.
Subfolders are sessions of their own. A plain folder of images is one session. Hidden entries
(names starting with ``.``) are ignored, and so is the output tree when it lies inside the input.

Discovery only lists names; nothing is read or parsed here, so a broken ``session.json`` fails
its own session in a worker instead of the whole run.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from redact._errors import InputError

__all__ = ["CONTEXT_FILE", "EVENTS_FILE", "FRAME_SUFFIXES", "Session", "discover_sessions", "natural_key"]

#: Frame file extensions (lower-case); a frame is written back in its own format.
FRAME_SUFFIXES: frozenset[str] = frozenset({".png", ".jpg", ".jpeg", ".webp"})
EVENTS_FILE = "events.jsonl"
CONTEXT_FILE = "session.json"

_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key putting ``frame-2.png`` before ``frame-10.png``."""
    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold()) for p in _DIGITS.split(name) if p)


@dataclass(frozen=True, slots=True)
class Session:
    """One recorded session: where it is, what it holds, where its outputs go.

    ``rel`` is the folder relative to the input root in POSIX form (``"."`` for the root itself);
    ``frames`` are file names in natural order (``session.json`` may reorder them by time).
    """

    rel: str
    source: Path
    frames: tuple[str, ...]
    events: str | None = None
    context: str | None = None

    def output_dir(self, output_root: Path) -> Path:
        """The mirror of this session's folder under ``output_root``."""
        return output_root if self.rel == "." else output_root.joinpath(*self.rel.split("/"))


def discover_sessions(root: str | os.PathLike[str], *, exclude: str | os.PathLike[str] | None = None) -> list[Session]:
    """Every session under ``root``, in path order; ``exclude`` (the output tree) is skipped.

    >>> discover_sessions("recordings/")                    # doctest: +SKIP
    [Session(rel='alice/2024-06-01', ...), Session(rel='bob/2024-06-02', ...)]
    """
    base = Path(root)
    if not base.is_dir():
        raise InputError(f"batch input {base} is not a directory; give the folder holding the sessions", code="R501")
    skip = Path(exclude).resolve() if exclude is not None else None
    base_resolved = base.resolve()
    sessions: list[Session] = []
    for dirpath, dirnames, filenames in os.walk(base):
        here = Path(dirpath)
        dirnames[:] = sorted(
            (d for d in dirnames if not d.startswith(".") and (skip is None or (here / d).resolve() != skip)),
            key=natural_key,
        )
        names = [f for f in filenames if not f.startswith(".") and (here / f).is_file()]
        frames = tuple(sorted((f for f in names if Path(f).suffix.lower() in FRAME_SUFFIXES), key=natural_key))
        events = EVENTS_FILE if EVENTS_FILE in names else None
        if not frames and events is None:
            continue
        rel = here.resolve().relative_to(base_resolved).as_posix()
        sessions.append(
            Session(
                rel=rel,
                source=here,
                frames=frames,
                events=events,
                context=CONTEXT_FILE if CONTEXT_FILE in names else None,
            )
        )
    return sessions
