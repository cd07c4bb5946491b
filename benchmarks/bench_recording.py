"""CPU per frame of a screen recording with and without the opt-in OCR cache (``Redactor.ocr_cache``).

Consecutive frames of a recording repeat most of their text lines pixel for pixel. The cache
skips Tesseract on a region whose prepared pixels were read before in the same recording; the
output frames must stay byte-identical to the ones redacted without it (checked here).

The recordings are synthetic, drawn with ``redact.eval.render`` at 1920x1080, 20 frames each:

* ``typing``: a settings form where one field's value grows by a character per frame;
* ``chat``: a conversation that gains a message every other frame;
* ``scroll``: a terminal whose output scrolls up by one line per frame (every line moves);
* ``idle``: the same frame repeated (a screen nobody touches).

Both runs are warm and in one process, on one core (OMP_THREAD_LIMIT=1); CPU is process time.

    .venv/bin/python benchmarks/bench_recording.py [--frames 20] [--out benchmarks/results]
"""

from __future__ import annotations

import os

os.environ["OMP_THREAD_LIMIT"] = "1"

import argparse  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from redact import Policy, Redactor  # noqa: E402
from redact.eval.render import Segment, demo_lines, render_screen  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _typing(i: int) -> np.ndarray:
    value = "correct horse battery staple and more words"[: 6 + i]
    lines = list(demo_lines("settings", seed=5, count=10))
    lines[4] = ["Password\t", Segment(value, "password")]
    return render_screen("settings", lines, theme="light", size=13, seed=5).image


def _chat(i: int) -> np.ndarray:
    lines = demo_lines("chat", seed=6, count=40)
    return render_screen("chat", lines[: 8 + i // 2], theme="dark", size=14, seed=6).image


def _scroll(i: int) -> np.ndarray:
    lines = demo_lines("terminal", seed=7, count=120)
    return render_screen("terminal", lines[i : i + 60], theme="dark", size=13, seed=7).image


def _idle(i: int) -> np.ndarray:
    return render_screen("ide", demo_lines("ide", seed=8, count=60), theme="light", size=14, seed=8).image


RECORDINGS: dict[str, Callable[[int], np.ndarray]] = {"typing": _typing, "chat": _chat, "scroll": _scroll, "idle": _idle}


def run(redactor: Redactor, frames: Sequence[np.ndarray], cached: bool) -> tuple[float, float, list[bytes], int, int]:
    """CPU s per frame (total, OCR), output bytes, cache hits and misses."""
    cache = redactor.ocr_cache() if cached else None
    ocr_cpu = 0.0
    read = redactor._ocr.read

    def timed_read(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal ocr_cpu
        c = time.process_time()
        try:
            return read(*args, **kwargs)
        finally:
            ocr_cpu += time.process_time() - c

    redactor._ocr.read = timed_read  # type: ignore[method-assign]
    try:
        outs = []
        c = time.process_time()
        for f in frames:
            outs.append(np.asarray(redactor.redact_image(f, ocr_cache=cache).image).tobytes())
        total = time.process_time() - c
    finally:
        del redactor._ocr.read  # back to the class's method
    hits, misses = (cache.hits, cache.misses) if cache is not None else (0, 0)
    return total / len(frames), ocr_cpu / len(frames), outs, hits, misses


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=20)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = ap.parse_args()
    redactor = Redactor(Policy())
    redactor.redact_image(_idle(0))  # warm
    rows = [
        "| recording | frames | CPU s/frame, no cache (OCR) | CPU s/frame, cache (OCR) | OCR saved | regions from cache | output identical |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, make in RECORDINGS.items():
        frames = [make(i) for i in range(args.frames)]
        t0, o0, out0, _, _ = run(redactor, frames, cached=False)
        t1, o1, out1, hits, misses = run(redactor, frames, cached=True)
        same = out0 == out1
        rows.append(
            f"| {name} | {len(frames)} | {t0:.2f} ({o0:.2f}) | {t1:.2f} ({o1:.2f}) | {1 - o1 / max(o0, 1e-9):.0%} | "
            f"{hits / max(hits + misses, 1):.0%} | {'yes' if same else 'NO'} |"
        )
        print(rows[-1], flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "recording.md").write_text("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
