"""The run summary: what a batch run did, in counts only.

Written as ``redact-summary.json`` at the top of the output tree and returned by ``run_batch``.
It names sessions by their relative folder and failures by exception type and code; it holds no
found value and no text read from a frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redact.batch._manifest import ErrorInfo, SessionOutcome

__all__ = ["SUMMARY_FILE", "BatchSummary", "SessionFailure"]

SUMMARY_FILE = "redact-summary.json"


@dataclass(frozen=True, slots=True)
class SessionFailure:
    """A session that did not complete: quarantined (``failed``) or with failed frames (``partial``)."""

    session: str
    status: str
    attempts: int
    error: ErrorInfo | None
    failed_frames: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "session": self.session,
            "status": self.status,
            "attempts": self.attempts,
            "error": self.error.to_dict() if self.error else None,
            "failed_frames": list(self.failed_frames),
        }


@dataclass(slots=True)
class BatchSummary:
    """Totals of one run. ``ok`` is true when nothing failed and the run was not interrupted.

    >>> summary = run_batch("in/", "out/", policy=Policy())     # doctest: +SKIP
    >>> summary.ok, summary.frames_done, summary.counts         # doctest: +SKIP
    (True, 120, {'EMAIL_ADDRESS': 31, 'PASSWORD': 4})
    """

    sessions_total: int = 0
    sessions_done: int = 0
    sessions_skipped: int = 0
    frames_done: int = 0
    frames_blanked: int = 0
    frames_failed: int = 0
    events_masked: int = 0
    retries: int = 0
    pool_restarts: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[SessionFailure] = field(default_factory=list)
    seconds: float = 0.0
    backend: str = ""
    workers: int = 0
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.failures and not self.interrupted

    @property
    def exit_code(self) -> int:
        """0: all done; 6: a session or frame failed (the CLI's batch code); 130: interrupted (Ctrl-C)."""
        if self.interrupted:
            return 130
        return 0 if not self.failures else 6

    @property
    def frames_per_second(self) -> float:
        return self.frames_done / self.seconds if self.seconds > 0 else 0.0

    def add(self, outcome: SessionOutcome) -> None:
        """Fold one finished session in (complete, partial or quarantined)."""
        if outcome.status != "failed":
            self.sessions_done += 1
        for fr in outcome.frames:
            if fr.status == "failed":
                self.frames_failed += 1
            else:
                self.frames_done += 1
                self.frames_blanked += fr.status == "blanked"
        if outcome.events:
            self.events_masked += int(outcome.events.get("events_masked", 0))
        for k, v in outcome.counts.items():
            self.counts[k] = self.counts.get(k, 0) + v
        if outcome.status != "complete":
            self.failures.append(
                SessionFailure(
                    outcome.rel,
                    outcome.status,
                    outcome.attempts,
                    outcome.error,
                    tuple(f.source for f in outcome.frames if f.status == "failed"),
                )
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "interrupted": self.interrupted,
            "backend": self.backend,
            "workers": self.workers,
            "seconds": round(self.seconds, 3),
            "frames_per_second": round(self.frames_per_second, 3),
            "sessions": {
                "total": self.sessions_total,
                "done": self.sessions_done,
                "skipped": self.sessions_skipped,
                "failed": len(self.failures),
            },
            "frames": {"done": self.frames_done, "blanked": self.frames_blanked, "failed": self.frames_failed},
            "events_masked": self.events_masked,
            "retries": self.retries,
            "pool_restarts": self.pool_restarts,
            "counts": dict(sorted(self.counts.items())),
            "failures": [f.to_dict() for f in self.failures],
        }

    def format(self) -> str:
        """A few human lines for the end of a command run."""
        lines = [
            f"{self.sessions_done} sessions done, {self.sessions_skipped} skipped, {len(self.failures)} failed "
            f"of {self.sessions_total}; {self.frames_done} frames ({self.frames_blanked} blanked, "
            f"{self.frames_failed} failed) in {self.seconds:.1f} s ({self.frames_per_second:.2f} frames/s) "
            f"on {self.backend} with {self.workers} workers",
        ]
        if self.counts:
            lines.append("found: " + ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items())))
        for f in self.failures:
            why = f" ({f.error.kind}: {f.error.type}{' ' + f.error.code if f.error.code else ''})" if f.error else ""
            frames = f", failed frames: {', '.join(f.failed_frames)}" if f.failed_frames else ""
            lines.append(f"FAILED {f.session}: {f.status} after {f.attempts} attempt(s){why}{frames}")
        if self.interrupted:
            lines.append("interrupted: run the same command again to resume")
        return "\n".join(lines)
