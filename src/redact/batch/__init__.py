"""Batch ingest: redact recorded sessions in bulk into a mirror tree, resumable, locally or on Dask.

One work item is one session (a folder of frames with an optional ``events.jsonl`` and
``session.json``), so the session memory can carry a password typed in the key log to every frame
that shows it. Layout, manifests, faults and the Dask setup are described in ``docs/batch.md``.

>>> from redact import Policy
>>> from redact.batch import run_batch
>>> summary = run_batch("recordings/", "redacted/", policy=Policy(), workers=4)   # doctest: +SKIP
>>> print(summary.format())                                                     # doctest: +SKIP
"""

from redact.batch._command import add_batch_arguments, batch_command
from redact.batch._layout import Session, discover_sessions
from redact.batch._manifest import MANIFEST_FILE, ErrorInfo, FrameRecord, SessionOutcome
from redact.batch._runner import run_batch
from redact.batch._summary import SUMMARY_FILE, BatchSummary, SessionFailure
from redact.batch._worker import DEFAULT_ENGINE_FACTORY, Engines, build_engines

__all__ = [
    "BatchSummary",
    "DEFAULT_ENGINE_FACTORY",
    "Engines",
    "ErrorInfo",
    "FrameRecord",
    "MANIFEST_FILE",
    "SUMMARY_FILE",
    "Session",
    "SessionFailure",
    "SessionOutcome",
    "add_batch_arguments",
    "batch_command",
    "build_engines",
    "discover_sessions",
    "run_batch",
]
