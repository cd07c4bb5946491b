"""The work item: one session redacted end to end inside a worker process.

Workers import this module by name (a process pool child, a Dask worker), so the per-item
function and everything it needs live in the installed package. Engines (OCR, spaCy, Presidio)
are built once per process by the engine factory named in :class:`WorkerConfig` and kept in a
process-level cache: the pool initializer and the Dask worker plugin fill it ahead of the first
item, and a worker that restarts fills it again on first use.

One item is one session, processed in an order that lets the session memory help every output:

1. the key log is read once to collect secrets (typed passwords, found tokens) into the memory;
2. frames are redacted in order (``session.json`` time, else name), each remembering what it found
   and redacting what earlier frames and the key log taught;
3. the key log is masked with everything learnt, including secrets first seen on a frame;
4. the string fields of ``session.json`` (titles, URLs) are scanned and redacted.

Each frame's ``session.json`` entry is also its recording context (``redact.context``): a
deny-listed frame is blanked, secure fields are redacted, and the context scrubbed with the frame
is what ``session.json`` gets (see docs/context.md).

Outputs go to a staging folder inside the session's output folder and are renamed into place
only when the whole session succeeded; on any failure the staging folder is removed, so a failed
or interrupted session leaves no partial output.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redact._errors import BatchError, InputError, KeyLogError
from redact._policy import Policy
from redact.batch._layout import natural_key
from redact.batch._manifest import ErrorInfo, FrameRecord, SessionOutcome

if TYPE_CHECKING:
    from redact._memory import SecretMemory
    from redact.context._model import FrameContext
    from redact.context._scrub import ScrubbedContext
    from redact._redactor import Redactor
    from redact.keys._scanner import TextScanner

__all__ = [
    "DEFAULT_ENGINE_FACTORY",
    "STAGING_PREFIX",
    "Engines",
    "SessionTask",
    "WorkerConfig",
    "build_engines",
    "get_engines",
    "init_process",
    "policy_digest",
    "process_session",
]

#: The factory used unless a caller names another: real OCR and the full analyzer.
DEFAULT_ENGINE_FACTORY = "redact.batch._worker:build_engines"
#: Staging folders in a session's output folder start with this; stale ones are removed on the next run.
STAGING_PREFIX = ".redact-tmp-"


@dataclass(frozen=True, slots=True)
class Engines:
    """What a worker needs to process sessions: a redactor for frames and a scanner for text.

    ``scanner`` is anything with ``analyze(text)`` (normally ``redactor.analyzer``); ``None``
    leaves only the password, field and memory rules for key logs and context.
    """

    redactor: Redactor
    scanner: TextScanner | None


def build_engines(policy: Policy) -> Engines:
    """The default engine factory: Tesseract OCR and the full text analyzer, built once per process."""
    from redact._redactor import Redactor

    redactor = Redactor(policy)
    return Engines(redactor=redactor, scanner=redactor.analyzer)


def policy_digest(policy: Policy) -> str:
    """A short stable digest of every policy value, so a changed policy redoes finished sessions."""
    def plain(v: Any) -> Any:
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return {f.name: plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
        if isinstance(v, (frozenset, set)):
            return sorted(plain(x) for x in v)
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        if hasattr(v, "items"):
            return {str(k): plain(x) for k, x in sorted(v.items())}
        if hasattr(v, "value") and not isinstance(v, (int, float, str)):
            return plain(v.value)  # an Enum
        return v

    blob = json.dumps(plain(policy), sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def _policy_state(policy: Policy) -> dict[str, Any]:
    state = {f.name: getattr(policy, f.name) for f in dataclasses.fields(policy)}
    state["thresholds"] = dict(policy.thresholds)  # a mappingproxy does not pickle
    return state


def _rebuild_config(state: dict[str, Any], engine_factory: str, digest: str) -> WorkerConfig:
    return WorkerConfig(Policy(**state), engine_factory=engine_factory, digest=digest)


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """Everything a worker needs to build its engines: the policy and the engine factory.

    ``engine_factory`` is an import path ``"package.module:function"``; the function takes the
    policy and returns :class:`Engines`. It is the hook for tests and custom engines: the worker
    imports it by name, so it works across processes and machines without patching globals.
    """

    policy: Policy
    engine_factory: str = DEFAULT_ENGINE_FACTORY
    digest: str = ""

    def __post_init__(self) -> None:
        if ":" not in self.engine_factory:
            raise InputError(
                f"engine_factory {self.engine_factory!r} must be an import path 'package.module:function'",
                code="R502",
            )
        if not self.digest:
            object.__setattr__(self, "digest", policy_digest(self.policy))

    @property
    def cache_key(self) -> tuple[str, str]:
        return (self.engine_factory, self.digest)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_config, (_policy_state(self.policy), self.engine_factory, self.digest))


@dataclass(frozen=True, slots=True)
class SessionTask:
    """One work item: a session's input folder and files, its output folder, and the config."""

    rel: str
    source_dir: str
    output_dir: str
    frames: tuple[str, ...]
    events: str | None
    context: str | None
    config: WorkerConfig
    attempt: int = 1


# --- the process-level engine cache --------------------------------------------------------------

_ENGINES: dict[tuple[str, str], Engines] = {}
_ENGINES_LOCK = threading.Lock()


def _load_factory(path: str) -> Callable[[Policy], Engines]:
    module, _, name = path.partition(":")
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError) as exc:
        raise BatchError(
            f"engine factory {path!r} cannot be imported ({type(exc).__name__}); it must be importable "
            "on every worker as 'package.module:function'",
            code="R510",
        ) from None


def get_engines(config: WorkerConfig) -> Engines:
    """This process's engines for ``config``, built on first use and reused by every later item."""
    key = config.cache_key
    engines = _ENGINES.get(key)
    if engines is not None:
        return engines
    with _ENGINES_LOCK:
        engines = _ENGINES.get(key)
        if engines is None:
            factory = _load_factory(config.engine_factory)
            try:
                engines = factory(config.policy)
            except Exception as exc:
                info = ErrorInfo.from_exception(exc)
                raise BatchError(
                    f"engine factory {config.engine_factory!r} failed ({info.message or info.type}); "
                    "check that Tesseract, spaCy and the policy's model are installed on the worker",
                    code="R510",
                ) from None
            _ENGINES[key] = engines
    return engines


def init_process(config: WorkerConfig) -> None:
    """Process pool initializer: single-threaded Tesseract, Ctrl-C left to the parent, engines warm.

    A factory failure is not raised here (that would break the pool over and over); the first
    item raises it instead and the runner stops the run.
    """
    import signal

    os.environ["OMP_THREAD_LIMIT"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        get_engines(config)
    except BatchError:
        pass


# --- one session ---------------------------------------------------------------------------------


def process_session(task: SessionTask) -> SessionOutcome:
    """Redact one session into its output folder; raise if it cannot be completed.

    Frames that are not readable images fail alone (recorded, no output, session ``partial``);
    anything else that goes wrong fails the item and leaves no output.
    """
    t0 = time.perf_counter()
    engines = get_engines(task.config)
    policy = task.config.policy
    src, out = Path(task.source_dir), Path(task.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        memory = _new_memory()
        contexts = _read_context(src / task.context) if task.context else {}
        frames = _ordered(task.frames, contexts)
        events_path = src / task.events if task.events else None
        keys_policy = policy.keys
        deny = policy.context.deny_list
        if events_path is not None and keys_policy.remember_secrets:
            _collect_secrets(events_path, engines.scanner, keys_policy, memory, deny)

        records: list[FrameRecord] = []
        written: list[str] = []
        scrubbed: dict[str, ScrubbedContext] = {}
        for name in frames:
            try:
                context = _frame_context(contexts.get(name))
                result = engines.redactor.redact_image(src / name, memory=memory, context=context)
            except InputError as exc:
                records.append(FrameRecord(name, None, "failed", error=ErrorInfo.from_exception(exc)))
                continue
            if result.context is not None:
                scrubbed[name] = result.context
            result.save(staging / name)
            written.append(name)
            records.append(FrameRecord(name, name, result.status.value, result=result.to_dict()))

        events_info = None
        if events_path is not None:
            events_info = _mask_events(
                events_path, staging / events_path.name, engines.scanner, keys_policy, memory, deny
            )
            written.append(events_path.name)
        context_info = None
        if task.context:
            context_info = _redact_context(
                src / task.context, staging / task.context, contexts, engines.scanner, memory, scrubbed, policy
            )
            written.append(task.context)

        for name in written:  # promote: each rename is atomic; the staging folder goes last
            os.replace(staging / name, out / name)
        staging.rmdir()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    failed = any(r.status == "failed" for r in records)
    return SessionOutcome(
        rel=task.rel,
        status="partial" if failed else "complete",
        frames=tuple(records),
        events=events_info,
        context=context_info,
        seconds=time.perf_counter() - t0,
        attempts=task.attempt,
        worker=f"{socket.gethostname()}:{os.getpid()}",
        policy_digest=task.config.digest,
        outputs=tuple(written),
    )


def _new_memory() -> SecretMemory:
    from redact._memory import SecretMemory

    return SecretMemory()


def _frame_context(entry: dict[str, Any] | None) -> FrameContext | None:
    """A frame's ``session.json`` entry as its recording context (``None`` when it has none)."""
    from redact.context._model import FrameContext

    if entry is None or not any(k in entry for k in _CONTEXT_KEYS):
        return None
    return FrameContext.from_dict(entry)


#: The keys of a ``session.json`` frame entry that are its recording context (docs/context.md).
_CONTEXT_KEYS = ("app", "title", "url", "focus", "elements", "clipboard", "secure_input")


def _ordered(frames: tuple[str, ...], contexts: dict[str, dict[str, Any]]) -> list[str]:
    """Frames by ``t`` from ``session.json`` where given, the rest after them by name."""
    def key(name: str) -> tuple[int, float, tuple[Any, ...]]:
        t = contexts.get(name, {}).get("t")
        timed = isinstance(t, int | float) and not isinstance(t, bool)
        return (0 if timed else 1, float(t) if timed else 0.0, natural_key(name))

    return sorted(frames, key=key)


def _read_context(path: Path) -> dict[str, dict[str, Any]]:
    """``session.json`` as {frame file: context}; see docs/batch.md for the format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not readable JSON ({type(exc).__name__}); see docs/batch.md", code="R503") from None
    entries = data.get("frames") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(f"{path}: needs a 'frames' list of objects with a 'file' key", code="R503")
    out: dict[str, dict[str, Any]] = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise InputError(f"{path}: frames[{i}] needs a 'file' string", code="R503")
        out[entry["file"]] = entry
    return out


def _iter_key_events(path: Path, policy: Any) -> Iterator[Any]:
    """Parsed events of a key log; malformed lines are skipped (counted by the caller) or stop the item."""
    from redact.keys._events import iter_events
    from redact.keys._policy import OnMalformed

    with path.open("rb") as fh:
        for item in iter_events(fh):
            if isinstance(item, KeyLogError):
                if policy.on_malformed is OnMalformed.STOP:
                    raise KeyLogError(f"in {path}: {item}; on_malformed = 'stop'", line=item.line) from None
                yield None
                continue
            yield item


def _collect_secrets(
    path: Path, scanner: TextScanner | None, policy: Any, memory: SecretMemory, deny: Any
) -> None:
    from redact.keys._stream import KeyMasker

    masker = KeyMasker(scanner=scanner, policy=policy, memory=memory, deny=deny)
    for ev in _iter_key_events(path, policy):
        if ev is not None:
            masker.feed(ev)
    masker.flush()


def _mask_events(
    source: Path, target: Path, scanner: TextScanner | None, policy: Any, memory: SecretMemory, deny: Any
) -> dict[str, Any]:
    from redact.keys._stream import KeyMasker

    masker = KeyMasker(scanner=scanner, policy=policy, memory=memory, deny=deny)
    malformed = 0
    with target.open("w", encoding="utf-8", newline="\n") as fh:
        for ev in _iter_key_events(source, policy):
            if ev is None:
                malformed += 1
                continue
            for safe in masker.feed(ev):
                fh.write(json.dumps(safe.to_dict(), ensure_ascii=False) + "\n")
        for safe in masker.flush():
            fh.write(json.dumps(safe.to_dict(), ensure_ascii=False) + "\n")
    os.chmod(target, 0o600)
    stats = masker.stats.to_dict()
    return {"source": source.name, "output": target.name, "malformed_lines": malformed, **stats}


def _redact_context(
    source: Path,
    target: Path,
    contexts: dict[str, dict[str, Any]],
    scanner: TextScanner | None,
    memory: SecretMemory,
    scrubbed: dict[str, ScrubbedContext],
    policy: Policy,
) -> dict[str, Any]:
    """Every string value of each frame's context (but its file name) scanned and redacted.

    The recording-context keys of a frame get the context scrubbed with the frame (deny-listed:
    withheld), passed once more through the memory, which now holds the whole session's secrets;
    a frame that failed gets its context scrubbed here. Other keys are scanned string by string.
    """
    from redact.context._scrub import redact_context

    data = json.loads(source.read_text(encoding="utf-8"))
    findings: dict[str, int] = {}

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return _redact_string(value, scanner, memory, findings)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    def context_value(key: str, value: Any, ctx: dict[str, Any]) -> Any:
        value = ctx.get(key, value)
        if key in ("title", "url", "clipboard") and isinstance(value, str):
            return _redact_string(value, None, memory, findings)
        return value

    frames = []
    for entry in data["frames"]:
        name = entry.get("file")
        done = scrubbed.get(name) if isinstance(name, str) else None
        if done is None:
            try:
                ctx = _frame_context(entry)
            except InputError:
                ctx = None  # malformed: its frame failed; every string is scanned below
            if ctx is not None:
                done = redact_context(ctx, policy=policy.context, analyze=_analyze(scanner), memory=memory)
        if done is None:
            frames.append({k: (v if k == "file" else clean(v)) for k, v in entry.items()})
            continue
        for entity, n in done.entity_counts.items():
            findings[entity] = findings.get(entity, 0) + n
        ctx_out = done.to_dict()
        frames.append(
            {
                k: (v if k == "file" else context_value(k, v, ctx_out) if k in _CONTEXT_KEYS else clean(v))
                for k, v in entry.items()
            }
        )
    data = {k: (frames if k == "frames" else clean(v)) for k, v in data.items()}
    with target.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    return {"source": source.name, "output": target.name, "frames": len(contexts), "findings": findings}


def _analyze(scanner: TextScanner | None) -> Callable[[str], Any] | None:
    return None if scanner is None else scanner.analyze


def _redact_string(
    text: str, scanner: TextScanner | None, memory: SecretMemory, findings: dict[str, int]
) -> str:
    spans = [(f.start, f.end, f.entity_type) for f in (scanner.analyze(text) if scanner is not None else ())]
    spans += memory.find(text)
    if not spans:
        return text
    merged: list[tuple[int, int, str]] = []
    for start, end, entity in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
            continue
        merged.append((start, end, entity))
    parts, pos = [], 0
    for start, end, entity in merged:
        parts.append(text[pos:start])
        parts.append(f"<{entity}>")
        findings[entity] = findings.get(entity, 0) + 1
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
