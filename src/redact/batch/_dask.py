"""The Dask side: a worker plugin that builds the engines once per worker, and client setup.

Imported only when a run asks for Dask, so ``redact`` works without the ``dask`` extra. The
plugin runs on every worker that joins the cluster, including workers that restart after a crash,
and fills the same process-level cache the local pool uses.
"""

from __future__ import annotations

import os
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin

from redact._errors import BatchError
from redact.batch._worker import WorkerConfig, get_engines

__all__ = ["EnginePlugin", "connect"]


class EnginePlugin(WorkerPlugin):
    """Builds the engines for ``config`` when a worker starts (failures surface on the first item)."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        os.environ["OMP_THREAD_LIMIT"] = "1"
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
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        return Client(cluster), True
    return Client(target), True
