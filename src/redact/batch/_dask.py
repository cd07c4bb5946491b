"""The Dask side: a worker plugin that builds the engines once per worker, and client setup.

Imported only when a run asks for Dask, so ``redact`` works without the ``dask`` extra. The
plugin runs on every worker that joins the cluster, including workers that restart after a crash,
and fills the same process-level cache the local pool uses.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin

from redact._errors import BatchError
from redact.batch._worker import WorkerConfig, get_engines

__all__ = ["EnginePlugin", "connect"]

log = logging.getLogger("redact.batch")

#: Dask's nanny sets this in every worker it spawns so that freed memory goes back to the OS at
#: once. It also fixes glibc's otherwise adaptive malloc thresholds, and Tesseract and OpenCV,
#: which allocate and free large buffers for every region, then run 20-25% slower (measured per
#: session: 7.2 s with it, 5.9 s without, 6.0 s in a plain process). Setting it to None in the
#: Dask config unsets it (``distributed.nanny._get_env_variables``).
_MALLOC_TRIM = "MALLOC_TRIM_THRESHOLD_"

#: Dask settings for workers that run redact, applied to the cluster ``--dask local`` starts
#: (docs/batch.md gives the same as a YAML file for other clusters). Besides the malloc variable:
#: the statistical profiler samples the running task's stack every 10 ms and the event loop's
#: watchdog and system monitor wake up every 20 and 500 ms; each takes the GIL from a task that is
#: mostly Python (spaCy, Presidio, the detectors). With all four a 7-frame session took 5.0 s in
#: a worker against 5.1 s in a plain process; with the malloc fix alone 6.1 s.
WORKER_CONFIG: dict[str, Any] = {
    f"distributed.nanny.pre-spawn-environ.{_MALLOC_TRIM}": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "10s",
}


class EnginePlugin(WorkerPlugin):
    """Builds the engines for ``config`` when a worker starts (failures surface on the first item)."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        os.environ["OMP_THREAD_LIMIT"] = "1"
        if _MALLOC_TRIM in os.environ:
            log.warning(
                "this Dask worker runs with %s set, which slows Tesseract down by about a fifth; "
                "set distributed.nanny.pre-spawn-environ.%s to null in the workers' Dask config (docs/batch.md)",
                _MALLOC_TRIM,
                _MALLOC_TRIM,
            )
        try:
            get_engines(self.config)
        except BatchError:
            pass


def connect(target: str | Client, *, workers: int | None) -> tuple[Client, bool]:
    """A client for ``target`` ("local", a scheduler address, or a Client); and whether we own it."""
    if isinstance(target, Client):
        return target, False
    if target == "local":
        os.environ["OMP_THREAD_LIMIT"] = "1"  # inherited by the worker processes
        with dask.config.set(WORKER_CONFIG):  # read once per nanny, so restarts keep it
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
        return Client(cluster), True
    return Client(target), True
