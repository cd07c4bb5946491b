"""The runner: one loop that drives sessions through any ``concurrent.futures`` executor.

Backends: a local ``ProcessPoolExecutor`` (forkserver, else spawn; one process per core by
default) or a Dask cluster through ``Client.get_executor()``. The loop is the same for both:

* a bounded number of items in flight (as many as workers on the local pool, so the time since
  submission is the time the item has run; twice the worker threads on Dask);
* a finished item's manifest is written at once, so an interrupted run resumes where it stopped;
* an item that raises or overruns its timeout is retried once, then quarantined: recorded as
  failed, its outputs removed (never copied through unredacted);
* an item that kills its worker process breaks a local pool: every item then in flight is
  suspect, the pool is rebuilt, and suspects run one at a time, so the culprit is found, retried
  and quarantined while the rest completes;
* on the local pool a timeout kills the worker processes (Tesseract cannot be interrupted
  otherwise) and the innocent items in flight are resubmitted without counting an attempt;
* Ctrl-C cancels what is queued, stops the workers, removes staging folders and returns a
  summary marked interrupted; the next run resumes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redact._errors import BatchError, InputError
from redact._policy import Policy
from redact.batch._layout import Session, discover_sessions
from redact.batch._manifest import MANIFEST_FILE, ErrorInfo, FrameRecord, SessionOutcome, is_complete, write_json_atomic
from redact.batch._summary import SUMMARY_FILE, BatchSummary
from redact.batch._worker import (
    DEFAULT_ENGINE_FACTORY,
    STAGING_PREFIX,
    SessionTask,
    WorkerConfig,
    init_process,
    process_session,
)

__all__ = ["run_batch"]

log = logging.getLogger("redact.batch")

#: Pool breaks in a row, with no item finished in between, after which the run stops (workers cannot start).
MAX_BREAKS_IN_A_ROW = 5


def run_batch(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    policy: Policy | None = None,
    workers: int | None = None,
    dask: Any = None,
    force: bool = False,
    timeout: float | None = None,
    retries: int = 1,
    progress: bool = True,
    engine_factory: str = DEFAULT_ENGINE_FACTORY,
    startup_grace: float = 60.0,
) -> BatchSummary:
    """Redact every session under ``input`` into the mirror tree ``output``; return the summary.

    ``workers``: local processes (default: one per core) or, with ``dask="local"``, local Dask
    workers. ``dask``: ``None`` for the local process pool, ``"local"`` for a local Dask cluster,
    a scheduler address (``"tcp://host:8786"``) or a ``distributed.Client``. ``force`` redoes
    sessions a previous run completed. ``timeout``: seconds per frame; a session of n frames may
    take ``n * timeout`` seconds (default: twice the policy's ``timeout_seconds``), plus
    ``startup_grace`` while workers start and build their engines, before its attempt is abandoned. ``retries``: further attempts before an item is quarantined.
    ``engine_factory``: import path of the function building each worker's engines (a hook for
    tests and custom engines). Raises ``InputError`` for bad paths and ``BatchError`` when the
    engines cannot be built; item failures are reported in the summary, never raised.

    >>> summary = run_batch("recordings/", "redacted/", policy=Policy(), workers=2)   # doctest: +SKIP
    >>> summary.exit_code                                                           # doctest: +SKIP
    0
    """
    t0 = time.perf_counter()
    policy = policy if policy is not None else Policy()
    src, dst = Path(input), Path(output)
    _check_paths(src, dst)
    config = WorkerConfig(policy, engine_factory=engine_factory)
    per_frame = timeout if timeout is not None else 2 * policy.timeout_seconds
    if per_frame <= 0:
        raise InputError(f"timeout must be positive seconds per frame, got {timeout}", code="R504")
    if workers is not None and workers < 1:
        raise InputError(f"workers must be at least 1, got {workers}", code="R505")

    sessions = discover_sessions(src, exclude=dst)
    summary = BatchSummary(sessions_total=len(sessions))
    todo: list[Session] = []
    for s in sessions:
        if not force and is_complete(s.output_dir(dst), config.digest):
            summary.sessions_skipped += 1
        else:
            todo.append(s)
    dst.mkdir(parents=True, exist_ok=True)

    backend = _make_backend(dask, workers, config) if todo else None
    summary.backend = backend.name if backend else "none"
    summary.workers = backend.workers if backend else 0
    loop = _Loop(backend, config, dst, per_frame, retries, summary, startup_grace) if backend else None
    try:
        if loop is not None:
            loop.run(todo, progress=progress)
    except KeyboardInterrupt:
        summary.interrupted = True
        log.warning("interrupted; finished sessions are recorded and the next run resumes")
    finally:
        if loop is not None:
            loop.abandon()
        if backend is not None:
            backend.close()
        summary.seconds = time.perf_counter() - t0
        write_json_atomic(dst / SUMMARY_FILE, summary.to_dict())
    return summary


def _check_paths(src: Path, dst: Path) -> None:
    if not src.is_dir():
        raise InputError(f"batch input {src} is not a directory; give the folder holding the sessions", code="R501")
    if dst.exists() and not dst.is_dir():
        raise InputError(f"batch output {dst} exists and is not a directory", code="R506")
    if dst.resolve() == src.resolve():
        raise InputError(
            f"batch output {dst} is the input folder; originals are never modified, give another folder",
            code="R507",
        )


# --- backends -------------------------------------------------------------------------------------


class _LocalPool:
    """A process pool that can be killed and rebuilt; workers ignore Ctrl-C (the parent handles it)."""

    can_kill = True
    breaks = True

    def __init__(self, workers: int | None, config: WorkerConfig) -> None:
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.workers = workers or os.cpu_count() or 1
        self.max_in_flight = self.workers
        self.name = "local"
        self._config = config
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=self._ctx, initializer=init_process, initargs=(self._config,)
        )

    def submit(self, task: SessionTask) -> Future[SessionOutcome]:
        return self._pool.submit(process_session, task)

    def kill(self) -> None:
        """Stop the worker processes this pool started, at once (their items are lost)."""
        procs = list((getattr(self._pool, "_processes", None) or {}).values())
        for p in procs:
            if p.is_alive():
                p.kill()
        self._pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            p.join(timeout=5)

    def restart(self) -> None:
        self.kill()
        self._pool = self._start()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _DaskPool:
    """A Dask cluster behind ``Client.get_executor()``; running items cannot be killed."""

    can_kill = False
    breaks = False

    def __init__(self, target: Any, workers: int | None, config: WorkerConfig) -> None:
        try:
            from redact.batch._dask import EnginePlugin, connect
        except ImportError:
            raise BatchError("Dask is not installed; run: pip install 'redact[dask]'", code="R511") from None
        self._client, self._own = connect(target, workers=workers)
        self._client.register_plugin(EnginePlugin(config), name=f"redact-engines-{config.digest}")
        self._executor = self._client.get_executor(pure=False)  # pure=False: a retry is a new task
        threads = sum(self._client.nthreads().values()) or 1
        self.workers = threads
        self.max_in_flight = 2 * threads
        self.name = "dask-local" if target == "local" else "dask"

    def submit(self, task: SessionTask) -> Future[SessionOutcome]:
        return self._executor.submit(process_session, task)

    def kill(self) -> None:
        pass

    def restart(self) -> None:
        pass

    def close(self) -> None:
        try:
            self._executor.shutdown(wait=False)
        finally:
            if self._own:
                cluster = getattr(self._client, "cluster", None)
                self._client.close()
                if cluster is not None:
                    cluster.close()


def _make_backend(dask: Any, workers: int | None, config: WorkerConfig) -> _LocalPool | _DaskPool:
    if dask is None or dask is False:
        return _LocalPool(workers, config)
    return _DaskPool(dask, workers, config)


# --- the loop -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    session: Session
    attempts: int = 0
    suspect: bool = False
    started: float = 0.0
    deadline: float = 0.0
    errors: list[ErrorInfo] = field(default_factory=list)


class _Loop:
    def __init__(
        self,
        backend: _LocalPool | _DaskPool,
        config: WorkerConfig,
        dst: Path,
        per_frame: float,
        retries: int,
        summary: BatchSummary,
        startup_grace: float,
    ) -> None:
        self.startup_grace = startup_grace
        self.breaks_in_a_row = 0
        self.backend = backend
        self.config = config
        self.dst = dst
        self.per_frame = per_frame
        self.retries = max(0, retries)
        self.summary = summary
        self.pending: deque[_Item] = deque()
        self.suspects: deque[_Item] = deque()
        self.in_flight: dict[Future[SessionOutcome], _Item] = {}
        self.warm = False
        self.bar: Any = None

    # -- driving

    def run(self, sessions: list[Session], *, progress: bool) -> None:
        self.pending.extend(_Item(s) for s in sessions)
        for s in sessions:
            _remove_staging(s.output_dir(self.dst))
        self.bar = _progress(sum(max(len(s.frames), 1) for s in sessions), enabled=progress)
        try:
            while self.pending or self.suspects or self.in_flight:
                self._fill()
                done, _ = wait(list(self.in_flight), timeout=self._wait_seconds(), return_when=FIRST_COMPLETED)
                broken = [f for f in done if isinstance(f.exception(), BrokenProcessPool)]
                if broken:
                    self._on_broken_pool()
                    continue
                for fut in done:
                    self._on_done(fut, self.in_flight.pop(fut))
                self._check_deadlines()
        finally:
            if self.bar is not None:
                self.bar.close()

    def _fill(self) -> None:
        if self.suspects and self.backend.breaks:
            if not self.in_flight:  # suspects run alone, so a crash names its item
                item = self.suspects.popleft()
                if not self._submit(item):
                    self.suspects.appendleft(item)
            return
        while self.pending and len(self.in_flight) < self.backend.max_in_flight:
            item = self.pending.popleft()
            if not self._submit(item):
                self.pending.appendleft(item)
                return

    def _submit(self, item: _Item) -> bool:
        """Start ``item``; False when the pool turned out broken (the item did not run: requeue it).

        A worker can die between the last wait and this submit; the executor then refuses new
        work before the futures in flight say so. The pool is settled and rebuilt here, and the
        item goes back to its queue without an attempt counted.
        """
        s = item.session
        task = SessionTask(
            rel=s.rel,
            source_dir=str(s.source),
            output_dir=str(s.output_dir(self.dst)),
            frames=s.frames,
            events=s.events,
            context=s.context,
            config=self.config,
            attempt=item.attempts + 1,
        )
        now = time.monotonic()
        item.started = now
        budget = self.per_frame * max(len(s.frames), 1) + (0.0 if self.warm else self.startup_grace)
        item.deadline = now + budget
        try:
            fut = self.backend.submit(task)
        except BrokenProcessPool:
            self._on_broken_pool()
            return False
        self.in_flight[fut] = item
        return True

    def _wait_seconds(self) -> float:
        if not self.in_flight:
            return 0.0
        nearest = min(i.deadline for i in self.in_flight.values())
        return max(0.05, min(1.0, nearest - time.monotonic()))

    # -- outcomes

    def _on_done(self, fut: Future[SessionOutcome], item: _Item) -> None:
        exc = fut.exception()
        if exc is None:
            self.warm = True
            self.breaks_in_a_row = 0
            self._record(fut.result())
            return
        if isinstance(exc, BatchError) and exc.code == "R510":
            raise exc  # the engines cannot be built: no item can succeed
        self.warm = True
        self._charge(item, ErrorInfo.from_exception(exc, kind="crash" if _is_crash(exc) else "error"))

    def _on_broken_pool(self) -> None:
        """A worker died: settle every item in flight, then rebuild the pool."""
        wait(list(self.in_flight))
        lost: list[_Item] = []
        for fut, item in list(self.in_flight.items()):
            if isinstance(fut.exception(), BrokenProcessPool):
                lost.append(item)
            else:
                self._on_done(fut, item)
        self.in_flight.clear()
        if len(lost) == 1:
            item = lost[0]
            item.suspect = True
            self._charge(item, ErrorInfo("crash", "BrokenProcessPool", "R520", "the worker process died"))
        else:
            for item in lost:
                item.suspect = True
                self.suspects.append(item)
        for item in lost:
            _remove_staging(item.session.output_dir(self.dst))
        self.summary.pool_restarts += 1
        self.breaks_in_a_row += 1
        if self.breaks_in_a_row >= MAX_BREAKS_IN_A_ROW and self.summary.sessions_done == 0:
            raise BatchError(
                f"worker processes died {self.breaks_in_a_row} times in a row before any session finished; "
                "check that workers can start and import redact (run one session with workers=1 to see why)",
                code="R512",
            )
        log.warning("a worker process died; %d item(s) in flight will be rerun one at a time", len(lost))
        self.backend.restart()
        self.warm = False

    def _check_deadlines(self) -> None:
        now = time.monotonic()
        late = [(f, i) for f, i in self.in_flight.items() if now > i.deadline]
        if not late:
            return
        for fut, item in late:
            del self.in_flight[fut]
            fut.cancel()
            secs = now - item.started
            self._charge(item, ErrorInfo("timeout", "TimeoutError", "R521", f"no result after {secs:.0f} s"))
        if self.backend.can_kill:
            victims = list(self.in_flight.values())
            self.in_flight.clear()
            self.backend.restart()  # kills the overrunning process (and the innocent ones)
            self.summary.pool_restarts += 1
            self.warm = False
            for item in victims:
                self.pending.appendleft(item)  # not their fault: no attempt counted
            for _, item in late:
                _remove_staging(item.session.output_dir(self.dst))
            for item in victims:
                _remove_staging(item.session.output_dir(self.dst))

    def _charge(self, item: _Item, error: ErrorInfo) -> None:
        item.attempts += 1
        item.errors.append(error)
        rel = item.session.rel
        if item.attempts <= self.retries:
            self.summary.retries += 1
            log.warning("session %s failed (%s %s); retrying", rel, error.kind, error.type)
            (self.suspects if item.suspect and self.backend.breaks else self.pending).appendleft(item)
            return
        log.error("session %s failed %d time(s) (%s %s); quarantined, outputs withheld",
                  rel, item.attempts, error.kind, error.type)
        self._quarantine(item, error)

    def _quarantine(self, item: _Item, error: ErrorInfo) -> None:
        s = item.session
        out = s.output_dir(self.dst)
        for name in (*s.frames, s.events, s.context):
            if name:
                (out / name).unlink(missing_ok=True)
        _remove_staging(out)
        outcome = SessionOutcome(
            rel=s.rel,
            status="failed",
            frames=tuple(FrameRecord(n, None, "failed") for n in s.frames),
            attempts=item.attempts,
            error=error,
            policy_digest=self.config.digest,
        )
        self._record(outcome)

    def _record(self, outcome: SessionOutcome) -> None:
        session_dir = self.dst if outcome.rel == "." else self.dst.joinpath(*outcome.rel.split("/"))
        write_json_atomic(session_dir / MANIFEST_FILE, outcome.to_dict())
        self.summary.add(outcome)
        if self.bar is not None:
            self.bar.update(max(len(outcome.frames), 1))
            failed = len(self.summary.failures)
            if failed:
                self.bar.set_postfix(failed=failed, refresh=False)

    def abandon(self) -> None:
        """After an interruption or an abort: stop the workers and clear the staging of unfinished items."""
        unfinished = [*self.in_flight.values(), *self.pending, *self.suspects]
        if self.in_flight:
            for fut in self.in_flight:
                fut.cancel()
            self.backend.kill()
        self.in_flight.clear()
        for item in unfinished:
            _remove_staging(item.session.output_dir(self.dst))


def _is_crash(exc: BaseException) -> bool:
    return type(exc).__name__ in {"KilledWorker", "BrokenProcessPool", "CommClosedError"}


def _remove_staging(out_dir: Path) -> None:
    for p in _staging_dirs(out_dir):
        shutil.rmtree(p, ignore_errors=True)


def _staging_dirs(out_dir: Path) -> Iterator[Path]:
    try:
        yield from (p for p in out_dir.iterdir() if p.is_dir() and p.name.startswith(STAGING_PREFIX))
    except OSError:
        return


def _progress(total: int, *, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="frame", dynamic_ncols=True, smoothing=0.1)
