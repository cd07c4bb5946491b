"""CPU seconds per screenshot (per stage for redact) and planted-value recall: redact vs Presidio's image redactor.

Both run in this one process, warm (engines built once, one untimed call first), on one core
(OMP_THREAD_LIMIT=1), with the same spaCy pipeline, on the same images: the bundled fixtures in
fixtures/screens (1080p and HiDPI screenshots with truth). Recall is tool-agnostic: a planted value
counts as redacted when at least 90% of its glyph pixels changed, on every line it spans.

    .venv/bin/python benchmarks/bench_image.py [--repeat 3] [--out benchmarks/results]
"""

from __future__ import annotations

import os

os.environ["OMP_THREAD_LIMIT"] = "1"

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

import numpy as np
from PIL import Image

from redact import Policy, Redactor
from redact.eval._truth import covered_by_pixels, load_truth

ROOT = Path(__file__).resolve().parent.parent


def build_presidio(model: str):  # type: ignore[no-untyped-def]
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_image_redactor import ImageAnalyzerEngine, ImageRedactorEngine

    nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    return ImageRedactorEngine(image_analyzer_engine=ImageAnalyzerEngine(analyzer_engine=analyzer))


def _cpu() -> float:
    """CPU seconds of this process and its finished children (pytesseract runs tesseract as one)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


class StageClock:
    """CPU seconds per stage, from wrappers around the redactor's OCR, analysis and paint calls.

    The stage times in ``ImageResult.timings`` are wall-clock (what a caller waits); on a shared
    machine those include waiting for a core, so the benchmark measures CPU per stage itself.
    "other" is the rest of a call: loading, page text, locating boxes, output conversion.
    """

    def __init__(self, redactor: Redactor) -> None:
        from redact.image import _pipeline

        self.seconds: dict[str, float] = {"ocr": 0.0, "analyze": 0.0, "paint": 0.0}
        ocr, analyzer = redactor._ocr, redactor.analyzer
        ocr.read = self._wrap("ocr", ocr.read)  # type: ignore[method-assign]
        analyzer.analyze = self._wrap("analyze", analyzer.analyze)  # type: ignore[method-assign]
        if hasattr(analyzer, "analyze_readings"):
            analyzer.analyze_readings = self._wrap("analyze", analyzer.analyze_readings)  # type: ignore[method-assign]
        _pipeline.paint = self._wrap("paint", _pipeline.paint)  # type: ignore[attr-defined]

    def _wrap(self, stage: str, fn):  # type: ignore[no-untyped-def]
        def timed_call(*args, **kwargs):  # type: ignore[no-untyped-def]
            cpu = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[stage] += time.process_time() - cpu

        return timed_call

    def reset(self) -> None:
        for k in self.seconds:
            self.seconds[k] = 0.0


def timed(fn, repeat: int):  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(repeat):
        cpu = _cpu()
        out = fn()
        times.append(_cpu() - cpu)
    return statistics.median(times), statistics.mean(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--fixtures", type=Path, default=ROOT / "fixtures" / "screens")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = ap.parse_args()
    images = sorted(args.fixtures.glob("*.png"))
    policy = Policy()
    redactor = Redactor(policy)
    clock = StageClock(redactor)
    presidio = build_presidio(policy.nlp_model)

    rows = []
    stage_sums: dict[str, list[float]] = {}
    for path in images:
        truth = load_truth(path)
        pil = Image.open(path).convert("RGB")
        rgb = np.asarray(pil)
        redactor.redact_image(rgb)  # warm
        clock.reset()
        t_ours, mean, res = timed(lambda: redactor.redact_image(rgb), args.repeat)
        stages = {k: v / args.repeat for k, v in clock.seconds.items()}
        stages["other"] = max(0.0, mean - sum(stages.values()))
        stages["total"] = mean
        for k, v in stages.items():
            stage_sums.setdefault(k, []).append(v)
        presidio.redact(pil, fill=(0, 0, 0))  # warm
        t_theirs, _, theirs = timed(lambda: presidio.redact(pil, fill=(0, 0, 0)), args.repeat)
        ours_arr, theirs_arr = np.asarray(res.image), np.asarray(theirs.convert("RGB"))
        items = [it for it in truth.items if it.sensitive] if truth else []
        hit_ours = sum(covered_by_pixels(rgb, ours_arr, it) for it in items)
        hit_theirs = sum(covered_by_pixels(rgb, theirs_arr, it) for it in items)
        rows.append(
            {
                "image": path.name,
                "size": f"{rgb.shape[1]}x{rgb.shape[0]}",
                "values": len(items),
                "redact_recall": hit_ours / max(len(items), 1),
                "presidio_recall": hit_theirs / max(len(items), 1),
                "redact_cpu_s": t_ours,
                "presidio_cpu_s": t_theirs,
                "ratio": t_theirs / max(t_ours, 1e-9),
            }
        )
        print(f"{path.name}: redact {t_ours:.2f}s recall {hit_ours}/{len(items)} | "
              f"presidio {t_theirs:.2f}s recall {hit_theirs}/{len(items)}", flush=True)

    tot_vals = sum(r["values"] for r in rows)
    summary = {
        "images": len(rows),
        "values": tot_vals,
        "redact_recall": sum(r["redact_recall"] * r["values"] for r in rows) / max(tot_vals, 1),
        "presidio_recall": sum(r["presidio_recall"] * r["values"] for r in rows) / max(tot_vals, 1),
        "redact_cpu_s_per_image": statistics.mean(r["redact_cpu_s"] for r in rows),
        "presidio_cpu_s_per_image": statistics.mean(r["presidio_cpu_s"] for r in rows),
        "redact_stage_s_mean": {k: statistics.mean(v) for k, v in stage_sums.items()},
    }
    summary["speedup"] = summary["presidio_cpu_s_per_image"] / summary["redact_cpu_s_per_image"]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "image.json").write_text(json.dumps({"summary": summary, "rows": rows}, indent=2) + "\n")
    lines = [
        "| image | size | planted values | redact recall | Presidio recall | redact CPU s | Presidio CPU s | speed-up |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['image']} | {r['size']} | {r['values']} | {r['redact_recall']:.1%} | {r['presidio_recall']:.1%} | "
            f"{r['redact_cpu_s']:.2f} | {r['presidio_cpu_s']:.2f} | {r['ratio']:.1f}x |"
        )
    lines.append(
        f"| **all** | | {tot_vals} | **{summary['redact_recall']:.1%}** | **{summary['presidio_recall']:.1%}** | "
        f"**{summary['redact_cpu_s_per_image']:.2f}** | **{summary['presidio_cpu_s_per_image']:.2f}** | "
        f"**{summary['speedup']:.1f}x** |"
    )
    st = summary["redact_stage_s_mean"]
    lines.append("")
    lines.append("redact mean CPU seconds per image and stage: " + ", ".join(f"{k} {v:.3f}" for k, v in st.items()))
    (args.out / "image.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
