"""Batch throughput: frames/s on the local pool with 1 and 2 workers, on a local Dask cluster, and
Presidio's image redactor run sequentially on the same frames, all in one run.

The bundled fixtures (fixtures/screens, 1080p and HiDPI screenshots) are copied into a temporary
tree of a few sessions. Each backend gets a fresh output folder, so nothing is resumed; the wall
time includes starting the workers and building their engines, as a real run would.

    .venv/bin/python benchmarks/bench_batch.py [--sessions 4] [--out benchmarks/results]
"""

from __future__ import annotations

import os

os.environ["OMP_THREAD_LIMIT"] = "1"

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from PIL import Image

from redact import Policy
from redact.batch import run_batch

ROOT = Path(__file__).resolve().parent.parent


def build_tree(fixtures: Path, dest: Path, sessions: int) -> int:
    frames = sorted(fixtures.glob("*.png"))
    for i in range(sessions):
        s = dest / f"user{i % 2}" / f"session-{i:02d}"
        s.mkdir(parents=True)
        for j, f in enumerate(frames):
            shutil.copyfile(f, s / f"frame-{j:03d}.png")
    return sessions * len(frames)


def timed_batch(src: Path, out: Path, **kw) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    summary = run_batch(src, out, policy=Policy(), progress=False, **kw)
    return time.perf_counter() - t0, summary


def presidio_sequential(src: Path, model: str) -> float:
    """Wall seconds for Presidio, built once, over every frame in one process (engine build included)."""
    from bench_image import build_presidio  # type: ignore[import-not-found]

    out = src.parent / "out-presidio"
    out.mkdir()
    t0 = time.perf_counter()
    engine = build_presidio(model)
    for i, path in enumerate(sorted(src.rglob("*.png"))):
        img = Image.open(path).convert("RGB")
        engine.redact(img, fill=(0, 0, 0)).save(out / f"{i:05d}.png")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=4)  # even: sessions are the unit of work
    ap.add_argument("--fixtures", type=Path, default=ROOT / "fixtures" / "screens")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = ap.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        base = Path(tmp)
        n = build_tree(args.fixtures, base / "in", args.sessions)
        rows: list[tuple[str, int, float, str]] = []
        for name, kw in [
            ("local pool", {"workers": 1}),
            ("local pool", {"workers": 2}),
            ("Dask LocalCluster", {"workers": 2, "dask": "local"}),
        ]:
            secs, summary = timed_batch(base / "in", base / f"out-{len(rows)}", **kw)
            assert summary.exit_code == 0, summary.format()  # type: ignore[attr-defined]
            rows.append((name, kw["workers"], secs, ""))
            print(f"{name} x{kw['workers']}: {n / secs:.2f} frames/s ({secs:.1f} s)", flush=True)
        secs = presidio_sequential(base / "in", Policy().nlp_model)
        rows.append(("Presidio ImageRedactorEngine, sequential", 1, secs, ""))
        print(f"presidio: {n / secs:.2f} frames/s ({secs:.1f} s)", flush=True)

    one = rows[0][2]
    local2, dask2 = rows[1][2], rows[2][2]
    lines = [
        f"{n} frames ({args.sessions} sessions of {n // args.sessions} fixture screenshots), {os.cpu_count()} cores; "
        "wall time includes worker start and engine build. "
        f"Load average (1 min) before/after: {load_before:.1f}/{os.getloadavg()[0]:.1f} "
        "(above the core count, other processes shared the cores and the figures understate scaling).",
        "",
        "| backend | workers | seconds | frames/s | vs 1 local worker |",
        "|---|---|---|---|---|",
    ]
    for name, w, secs, _ in rows:
        lines.append(f"| {name} | {w} | {secs:.1f} | {n / secs:.2f} | {one / secs:.2f}x |")
    lines.append("")
    lines.append(f"Dask overhead against the local pool (2 workers): {(dask2 - local2) / local2:+.1%} wall time.")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "batch.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
