"""Faults: an item that raises, hangs or kills its worker is retried once, then quarantined."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from redact import Policy
from redact.batch import MANIFEST_FILE, SUMMARY_FILE, run_batch
from tests.batch._engines import DIE, ENGINE_FACTORY, HANG, LEAK, RAISE, make_frame

ROOT = Path(__file__).resolve().parents[2]


def test_bad_items_are_quarantined_and_the_rest_completes(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for name in ("good1", "good2", "good3"):
        make_frame(src / name / "f.png", 1)
    make_frame(src / "raises" / "f.png", 0, RAISE)
    make_frame(src / "raises" / "g.png", 1)
    make_frame(src / "dies" / "f.png", 0, DIE)
    make_frame(src / "hangs" / "f.png", 0, HANG)
    out.mkdir()
    make_frame(out / "raises" / "g.png", 1)  # a previous run's output: withheld now that the item fails

    caplog.set_level(logging.WARNING, logger="redact.batch")
    summary = run_batch(
        src, out, policy=Policy(style="fill"), engine_factory=ENGINE_FACTORY, progress=False,
        workers=2, timeout=1.0, startup_grace=4.0,
    )

    assert summary.exit_code == 6 and not summary.ok
    assert summary.sessions_done == 3
    failed = {f.session: f for f in summary.failures}
    assert set(failed) == {"raises", "dies", "hangs"}
    assert {k: (f.attempts, f.error.kind if f.error else None) for k, f in failed.items()} == {
        "raises": (2, "error"), "dies": (2, "crash"), "hangs": (2, "timeout"),
    }
    for name in ("raises", "dies", "hangs"):
        assert sorted(p.name for p in (out / name).iterdir()) == [MANIFEST_FILE]  # outputs withheld
        m = json.loads((out / name / MANIFEST_FILE).read_text())
        assert m["status"] == "failed" and all(f["output"] is None for f in m["frames"])
    for name in ("good1", "good2", "good3"):
        assert (out / name / "f.png").is_file()
    written = " ".join(p.read_text() for p in out.rglob("*.json")) + caplog.text
    assert LEAK not in written and "RuntimeError" in written

    again = run_batch(src, out, policy=Policy(style="fill"), engine_factory=ENGINE_FACTORY, progress=False,
                      workers=1, retries=0, timeout=1.0, startup_grace=4.0)
    assert again.sessions_skipped == 3  # the failed ones are tried again, the good ones resumed


def test_an_engine_factory_that_cannot_be_imported_stops_the_run(tmp_path: Path) -> None:
    from redact import BatchError

    make_frame(tmp_path / "in" / "f.png", 0)
    with pytest.raises(BatchError, match="R510"):
        run_batch(tmp_path / "in", tmp_path / "out", engine_factory="tests.batch.nowhere:factory", progress=False,
                  workers=1)


_SCRIPT = """
import sys
from redact import Policy
from redact.batch import run_batch
from tests.batch._engines import ENGINE_FACTORY
if __name__ == "__main__":
    s = run_batch(sys.argv[1], sys.argv[2], policy=Policy(), engine_factory=ENGINE_FACTORY, progress=False, workers=1)
    sys.exit(s.exit_code)
"""


def test_ctrl_c_stops_cleanly_and_the_next_run_resumes(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    make_frame(src / "a" / "f.png", 1)
    make_frame(src / "b" / "f.png", 0, HANG)
    script = tmp_path / "run.py"
    script.write_text(_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(script), str(src), str(out)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while not (out / "a" / MANIFEST_FILE).exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # b is now running (and hanging)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
    assert json.loads((out / SUMMARY_FILE).read_text())["interrupted"] is True
    assert not list(out.rglob(".redact-tmp-*"))
    assert not (out / "b" / "f.png").exists()

    make_frame(src / "b" / "f.png", 0)  # fixed; the next run resumes
    summary = run_batch(src, out, engine_factory=ENGINE_FACTORY, progress=False, workers=1)
    assert (summary.sessions_skipped, summary.sessions_done, summary.exit_code) == (1, 1, 0)


def test_a_pool_found_broken_at_submit_is_rebuilt_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker can die between the loop's wait and its next submit; the executor then refuses
    the submit before the futures in flight report it. That item never ran: it is requeued, not
    charged, and the run completes (this raced and aborted the whole batch now and then)."""
    from concurrent.futures.process import BrokenProcessPool

    from redact.batch import _runner

    src, out = tmp_path / "in", tmp_path / "out"
    for name in ("a", "b", "c"):
        make_frame(src / name / "f.png", 1)
    real_submit = _runner._LocalPool.submit
    calls = {"n": 0}

    def flaky_submit(self, task):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise BrokenProcessPool("a worker died after the last wait")
        return real_submit(self, task)

    monkeypatch.setattr(_runner._LocalPool, "submit", flaky_submit)
    summary = run_batch(src, out, policy=Policy(style="fill"), engine_factory=ENGINE_FACTORY, progress=False,
                        workers=2, timeout=5.0, startup_grace=10.0)
    assert summary.ok and summary.sessions_done == 3 and not summary.failures
    assert summary.pool_restarts >= 1
    for name in ("a", "b", "c"):
        assert (out / name / "f.png").is_file()
