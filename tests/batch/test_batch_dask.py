"""The same per-item function on a Dask LocalCluster (in-process workers, no network) as on the local pool."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from redact import Policy
from redact.batch import MANIFEST_FILE, run_batch
from tests.batch._engines import ENGINE_FACTORY
from tests.batch._tree import digest_tree, standard_tree

distributed = pytest.importorskip("distributed")


def _comparable(m: dict[str, Any]) -> dict[str, Any]:
    frames = [{k: v for k, v in f.items() if k != "timings"} for f in m["frames"]]
    return {"status": m["status"], "counts": m["counts"], "outputs": m["outputs"], "frames": frames}


def test_dask_gives_the_same_outputs_as_the_local_pool(tmp_path: Path) -> None:
    src = standard_tree(tmp_path / "in")
    policy = Policy(style="fill")
    local = run_batch(src, tmp_path / "local", policy=policy, engine_factory=ENGINE_FACTORY, progress=False, workers=2)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        remote = run_batch(src, tmp_path / "dask", policy=policy, engine_factory=ENGINE_FACTORY, progress=False,
                           dask=client)
    assert remote.backend == "dask" and remote.exit_code == local.exit_code == 0
    a, b = digest_tree(tmp_path / "local"), digest_tree(tmp_path / "dask")
    images = [k for k in a if k.endswith((".png", ".jpg", ".webp"))]
    assert images and all(a[k] == b[k] for k in images)
    for rel in ("alice/s1", "bob/s2", "carol"):
        ma = json.loads((tmp_path / "local" / rel / MANIFEST_FILE).read_text())
        mb = json.loads((tmp_path / "dask" / rel / MANIFEST_FILE).read_text())
        assert _comparable(ma) == _comparable(mb)
    assert (tmp_path / "local/alice/s1/session.json").read_text() == (tmp_path / "dask/alice/s1/session.json").read_text()


def _malloc_trim() -> str | None:
    import os

    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


def _worker_settings() -> tuple[bool, float]:
    import dask
    from dask.utils import parse_timedelta

    return dask.config.get("distributed.worker.profile.enabled"), parse_timedelta(dask.config.get("distributed.admin.tick.interval"))


def test_local_cluster_workers_keep_adaptive_malloc() -> None:
    # Dask's nanny fixes glibc's trim threshold in every worker, which slows Tesseract by a fifth;
    # the local cluster redact starts must not inherit it.
    import dask

    from redact.batch._dask import connect

    assert dask.config.get("distributed.nanny.pre-spawn-environ").get("MALLOC_TRIM_THRESHOLD_") is not None
    client, owned = connect("local", workers=1)
    try:
        assert owned
        assert set(client.run(_malloc_trim).values()) == {None}
        # nor the statistical profiler and the 20 ms watchdog, which take the GIL from the task
        assert set(client.run(_worker_settings).values()) == {(False, 1.0)}
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    assert dask.config.get("distributed.nanny.pre-spawn-environ").get("MALLOC_TRIM_THRESHOLD_") is not None


def test_engine_plugin_warns_when_the_worker_fixes_malloc_trim(monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    from redact.batch._dask import EnginePlugin
    from redact.batch._worker import WorkerConfig

    plugin = EnginePlugin(WorkerConfig(Policy(style="fill"), engine_factory=ENGINE_FACTORY))
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with caplog.at_level("WARNING", logger="redact.batch"):
        plugin.setup(worker=None)
    assert not caplog.records
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    with caplog.at_level("WARNING", logger="redact.batch"):
        plugin.setup(worker=None)
    assert any("MALLOC_TRIM_THRESHOLD_" in r.getMessage() for r in caplog.records)

