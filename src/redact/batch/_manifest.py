"""Per-session manifests: what was done to each frame and event log, and whether the session is done.

A worker returns a :class:`SessionOutcome`; the runner writes it as ``redact.manifest.json`` in
the session's output folder, atomically, after the session's outputs are in place. The manifest
holds entity types, boxes, detectors, scores, counts and statuses; never a found value, never
text read from a frame. A re-run skips a session whose manifest says ``complete`` for the same
policy and whose outputs all exist.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redact._errors import RedactError

__all__ = [
    "MANIFEST_FILE",
    "MANIFEST_FORMAT",
    "ErrorInfo",
    "FrameRecord",
    "SessionOutcome",
    "is_complete",
    "read_manifest",
    "write_json_atomic",
]

MANIFEST_FILE = "redact.manifest.json"
MANIFEST_FORMAT = "redact.batch.session/1"


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """A failure described without values: its kind, exception type, code and (for our own errors) message.

    Only :class:`~redact.RedactError` messages are kept: they are written never to hold a value.
    Any other exception is reduced to its type name, since its message may quote input text.
    """

    kind: str  # "error" | "timeout" | "crash"
    type: str
    code: str | None = None
    message: str | None = None

    @classmethod
    def from_exception(cls, exc: BaseException, *, kind: str = "error") -> ErrorInfo:
        if isinstance(exc, RedactError):
            return cls(kind, type(exc).__name__, exc.code, str(exc))
        return cls(kind, type(exc).__name__)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "type": self.type, "code": self.code, "message": self.message}


@dataclass(frozen=True, slots=True)
class FrameRecord:
    """One frame's line in the manifest: ``result`` is ``ImageResult.to_dict()`` (no values)."""

    source: str
    output: str | None
    status: str  # "ok" | "blanked" | "failed"
    result: dict[str, Any] | None = None
    error: ErrorInfo | None = None

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.result.get("counts", {})) if self.result else {}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "output": self.output, "status": self.status}
        if self.result is not None:
            out.update({k: v for k, v in self.result.items() if k != "status"})
        if self.error is not None:
            out["error"] = self.error.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """What one work item did to one session. Picklable; safe to log."""

    rel: str
    status: str  # "complete" | "partial" (a frame failed) | "failed" (quarantined)
    frames: tuple[FrameRecord, ...] = ()
    events: dict[str, Any] | None = None  # counts from the key masker, or None without events.jsonl
    context: dict[str, Any] | None = None  # {"source", "output", "strings_redacted"} or None
    seconds: float = 0.0
    attempts: int = 1
    worker: str = ""
    error: ErrorInfo | None = None
    policy_digest: str = ""
    outputs: tuple[str, ...] = field(default=())  # file names written in the session's output folder

    @property
    def counts(self) -> dict[str, int]:
        """Findings per entity type over frames, events and context."""
        total: dict[str, int] = {}
        parts = [f.counts for f in self.frames]
        if self.events:
            parts.append(self.events.get("findings", {}))
        if self.context:
            parts.append(self.context.get("findings", {}))
        for part in parts:
            for k, v in part.items():
                total[k] = total.get(k, 0) + int(v)
        return dict(sorted(total.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MANIFEST_FORMAT,
            "session": self.rel,
            "status": self.status,
            "policy": self.policy_digest,
            "attempts": self.attempts,
            "worker": self.worker,
            "seconds": round(self.seconds, 3),
            "counts": self.counts,
            "error": self.error.to_dict() if self.error else None,
            "outputs": list(self.outputs),
            "frames": [f.to_dict() for f in self.frames],
            "events": self.events,
            "context": self.context,
        }


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as JSON to a temporary file next to ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """The session manifest in ``out_dir``, or ``None`` if missing or unreadable."""
    try:
        data = json.loads((out_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else None


def is_complete(out_dir: Path, policy_digest: str) -> bool:
    """Whether a previous run finished this session with the same policy and its outputs still exist."""
    data = read_manifest(out_dir)
    if data is None or data.get("status") != "complete" or data.get("policy") != policy_digest:
        return False
    outputs = data.get("outputs")
    if not isinstance(outputs, list):
        return False
    return all(isinstance(n, str) and (out_dir / n).is_file() for n in outputs)
