"""Compare OCR configurations on rendered 1920x1080 screenshots with exact truth.

For each configuration and each screen (terminal, form, chat, IDE, settings; light and dark;
11-16 px fonts; one HiDPI 2x capture) it reports:

* word recall: truth words read with exactly the right text at the right place;
* secret exact: marked sensitive values (keys, tokens, emails, phones...) read character for
  character (spaces ignored, since the text stage has to cope with dropped spaces anyway);
* secret cover: marked values whose pixels are >= 90 % covered by OCR word boxes (what the
  redactor can paint, whatever the text);
* CPU ms per image, warm (one untimed call first), median of 3, ``OMP_THREAD_LIMIT=1``,
  counting the tesseract subprocess for pytesseract.

Run::

    python benchmarks/bench_ocr.py                 # all configurations (several minutes)
    python benchmarks/bench_ocr.py --quick         # one timed call per image
    python benchmarks/bench_ocr.py --configs tesserocr-regions,pytesseract-page
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import numpy as np  # noqa: E402

from redact.eval.render import RenderedScreen, demo_lines, render_screen  # noqa: E402
from redact.image._model import Box, OcrPage  # noqa: E402
from redact.image._ocr import OcrEngine  # noqa: E402
from redact.image._tesseract import (  # noqa: E402
    ASCII_WHITELIST,
    PytesseractEngine,
    TesseractSettings,
    TesserocrEngine,
)


@dataclass(frozen=True, slots=True)
class ScreenSpec:
    """One benchmark screen: layout, theme, font, size in px and HiDPI scale."""

    layout: str
    theme: str
    font: str
    size: int
    scale: int = 1
    seed: int = 0

    @property
    def label(self) -> str:
        hi = " 2x" if self.scale > 1 else ""
        return f"{self.layout}/{self.theme}/{self.size}px{hi}"


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec("form", "light", "dejavu-sans", 14, seed=1),
    ScreenSpec("terminal", "dark", "dejavu-sans-mono", 13, seed=2),
    ScreenSpec("chat", "light", "dejavu-sans", 13, seed=3),
    ScreenSpec("chat", "dark", "liberation-sans", 15, seed=4),
    ScreenSpec("ide", "dark", "dejavu-sans-mono", 12, seed=5),
    ScreenSpec("ide", "light", "liberation-mono", 14, seed=6),
    ScreenSpec("settings", "light", "liberation-sans", 11, seed=7),
    ScreenSpec("settings", "dark", "dejavu-sans", 16, seed=8),
    ScreenSpec("terminal", "light", "liberation-mono", 16, seed=9),
    ScreenSpec("form", "light", "liberation-sans", 13, scale=2, seed=10),
)


def build_screen(spec: ScreenSpec) -> RenderedScreen:
    """Render one benchmark screen with enough demo lines to fill it."""
    return render_screen(
        spec.layout, demo_lines(spec.layout, seed=spec.seed, count=60), theme=spec.theme,
        font=spec.font, size=spec.size, scale=spec.scale, seed=spec.seed,
    )


# --------------------------------------------------------------------------------------------
# Scoring


def _overlap(a: Box, b: Box) -> int:
    return max(0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0, min(a.y1, b.y1) - max(a.y0, b.y0))


@dataclass(frozen=True, slots=True)
class Score:
    """Recall figures of one page against its truth."""

    word_recall: float
    secret_exact: float
    secret_cover: float


def score(page: OcrPage, truth: RenderedScreen) -> Score:
    """Word recall, exact secret reads and secret pixel cover of ``page`` against ``truth``."""
    words = [w for ln in page.lines for w in ln.words]
    hit = 0
    for text, box in truth.words:
        for w in words:
            if w.text == text and _overlap(w.box, box) >= 0.5 * min(w.box.area, box.area):
                hit += 1
                break
    exact = cover = 0
    mask = np.zeros((truth.image.shape[0], truth.image.shape[1]), bool)
    for w in words:
        b = w.box
        mask[max(0, b.y0 - 2):b.y1 + 2, max(0, b.x0 - 2):b.x1 + 2] = True
    for span in truth.spans:
        read: list[str] = []
        covered = total = 0
        for fb in span.boxes:
            read += [w.text for w in sorted(words, key=lambda w: (w.box.y0 // 8, w.box.x0))
                     if _overlap(w.box, fb) >= 0.5 * max(1, w.box.area)]
            covered += int(mask[fb.y0:fb.y1, fb.x0:fb.x1].sum())
            total += fb.area
        if "".join(read).replace(" ", "") == span.text.replace(" ", ""):
            exact += 1
        if total and covered >= 0.9 * total:
            cover += 1
    n_spans = max(1, len(truth.spans))
    return Score(hit / max(1, len(truth.words)), exact / n_spans, cover / n_spans)


# --------------------------------------------------------------------------------------------
# Configurations


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


CONFIGS: dict[str, Callable[[], OcrEngine]] = {
    "pytesseract-page": lambda: PytesseractEngine(settings=TesseractSettings(strategy="page")),
    "pytesseract-regions-mosaic": lambda: PytesseractEngine(settings=TesseractSettings()),
    "tesserocr-page": lambda: TesserocrEngine(settings=TesseractSettings(strategy="page")),
    "tesserocr-page-upscaled": lambda: TesserocrEngine(settings=TesseractSettings(strategy="page-upscaled")),
    "tesserocr-regions": lambda: TesserocrEngine(),  # default: x-height 20 px, squash 0.85
    "tesserocr-regions-x20-nosquash": lambda: TesserocrEngine(
        settings=TesseractSettings(target_xheight=20, squash=1.0)),  # the default before 2026-11
    "tesserocr-regions-mosaic": lambda: TesserocrEngine(settings=TesseractSettings(strategy="regions-mosaic")),
    "tesserocr-regions-x12": lambda: TesserocrEngine(settings=TesseractSettings(target_xheight=12, squash=1.0)),
    "tesserocr-regions-x14": lambda: TesserocrEngine(settings=TesseractSettings(target_xheight=14, squash=1.0)),
    "tesserocr-regions-x16": lambda: TesserocrEngine(settings=TesseractSettings(target_xheight=16, squash=1.0)),
    "tesserocr-regions-x18": lambda: TesserocrEngine(settings=TesseractSettings(target_xheight=18, squash=1.0)),
    "tesserocr-regions-x16-sq85": lambda: TesserocrEngine(settings=TesseractSettings(target_xheight=16, squash=0.85)),
    "tesserocr-regions-x16-sq75": lambda: TesserocrEngine(settings=TesseractSettings(target_xheight=16, squash=0.75)),
    "tesserocr-regions-x14-sq85": lambda: TesserocrEngine(settings=TesseractSettings(target_xheight=14, squash=0.85)),
    "tesserocr-regions-x24": lambda: TesserocrEngine(settings=TesseractSettings(target_xheight=24, squash=1.0)),
    "tesserocr-regions-ascii": lambda: TesserocrEngine(settings=TesseractSettings(whitelist=ASCII_WHITELIST)),
    "tesserocr-regions-nodict": lambda: TesserocrEngine(settings=TesseractSettings(dictionaries=False)),
}


def run(config_names: Sequence[str], *, repeats: int, screens: Sequence[ScreenSpec] = SCREENS,
        verbose: bool = False) -> list[tuple[str, float, float, float, float, float, float]]:
    """Measure each configuration on every screen; returns one summary row per configuration."""
    rendered = [(s, build_screen(s)) for s in screens]
    rows = []
    for name in config_names:
        engine = CONFIGS[name]()
        ms: list[float] = []
        scores: list[Score] = []
        for spec, screen in rendered:
            engine.read(screen.image)  # warm-up: model pages, caches
            times = []
            page = None
            for _ in range(repeats):
                t0 = _cpu()
                page = engine.read(screen.image)
                times.append((_cpu() - t0) * 1000)
            assert page is not None
            sc = score(page, screen)
            ms.append(statistics.median(times))
            scores.append(sc)
            if verbose:
                print(f"  {name:28s} {spec.label:24s} {ms[-1]:7.0f} ms  words {sc.word_recall:.3f}  "
                      f"secrets exact {sc.secret_exact:.2f} cover {sc.secret_cover:.2f}", file=sys.stderr)
        rows.append((
            name, min(ms), statistics.median(ms), max(ms),
            statistics.fmean(s.word_recall for s in scores),
            statistics.fmean(s.secret_exact for s in scores),
            statistics.fmean(s.secret_cover for s in scores),
        ))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options, run the benchmark, print a Markdown table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated; known: " + ", ".join(CONFIGS))
    ap.add_argument("--quick", action="store_true", help="one timed call per image instead of 3")
    ap.add_argument("-v", "--verbose", action="store_true", help="print per-screen figures to stderr")
    args = ap.parse_args(argv)
    names = [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = [c for c in names if c not in CONFIGS]
    if unknown:
        ap.error(f"unknown configuration(s) {', '.join(unknown)}; known: {', '.join(CONFIGS)}")
    print(f"{len(SCREENS)} screens: " + ", ".join(s.label for s in SCREENS))
    print(f"OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT')}, CPU ms warm, median of "
          f"{1 if args.quick else 3} per image\n")
    print("| configuration | CPU ms min / median / max | word recall | secrets exact | secrets covered |")
    print("|---|---|---|---|---|")
    for name, lo, med, hi, wr, se, sc in run(names, repeats=1 if args.quick else 3, verbose=args.verbose):
        print(f"| {name} | {lo:.0f} / {med:.0f} / {hi:.0f} | {wr:.3f} | {se:.3f} | {sc:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
