"""Per-family recall of secrets on screenshots: generator samples drawn into UIs, redacted end to end.

Each sample from :mod:`redact.eval.secretgen` is rendered (terminal, IDE and chat; monospace and
proportional fonts; 11-16 px; light and dark) and redacted by the default ``Redactor`` with real
Tesseract. A sample counts as redacted when at least 90% of the glyph pixels of every fragment
of the secret changed.

    .venv/bin/python benchmarks/bench_secrets_screens.py [--n 12] [--misses]
"""

from __future__ import annotations

import os

os.environ["OMP_THREAD_LIMIT"] = "1"

import argparse
from pathlib import Path

import numpy as np

from redact import Policy, Redactor
from redact.eval._truth import TruthItem, covered_by_pixels
from redact.eval.secret_screens import render_sample, variants_for
from redact.eval.secretgen import FAMILIES, samples


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=12, help="samples per family")
    ap.add_argument("--misses", action="store_true", help="print which variant missed")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "secrets_screens.md")
    args = ap.parse_args()
    redactor = Redactor(Policy())
    rows = ["| family | screenshots | redacted |", "|---|---|---|"]
    total = hit_total = 0
    for family in FAMILIES:
        hit = 0
        for i, (s, variant) in enumerate(zip(samples(family, args.n, seed=7), variants_for(args.n), strict=True)):
            screen = render_sample(s, variant, seed=i)
            out = np.asarray(redactor.redact_image(screen.image).image)
            ok = all(covered_by_pixels(screen.image, out, TruthItem(sp.label, True, sp.boxes)) for sp in screen.spans)
            hit += ok
            if not ok and args.misses:
                print(f"  miss {family} {variant}")
        total += args.n
        hit_total += hit
        rows.append(f"| {family} | {args.n} | {hit / args.n:.0%} |")
        print(rows[-1], flush=True)
    rows.append(f"| **all** | {total} | **{hit_total / total:.1%}** |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(rows) + "\n")
    print(rows[-1])


if __name__ == "__main__":
    main()
