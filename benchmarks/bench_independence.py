"""How often do two terminal screenshots that differ only in a same-length secret come out byte-identical?

Real Tesseract, real detectors, the default policy. For each pair the script renders the same
terminal twice with different random secrets of one family at a line end, redacts both, and
compares the whole output images; it also reports how far the boxes moved when they differ, and
on how many screens the secret's whole ink box lies inside the redaction boxes (stricter than
bench_image.py's 90% of glyph pixels changed): a box that moved off a glyph would be a leak,
however identical. ``--mixed`` adds runs where each pair is drawn in one of several themes, sizes
and monospaced fonts, in the terminal and in an editor (a ``.env`` file beside a file tree, with a
line-number gutter).

    .venv/bin/python benchmarks/bench_independence.py [--pairs 30] [--mixed]
"""

from __future__ import annotations

import os

os.environ["OMP_THREAD_LIMIT"] = "1"

import argparse
import random
import string
from pathlib import Path

import numpy as np

from redact import Box, Policy, Redactor
from redact.eval.render import RenderedScreen, Segment, render_screen

A62 = string.ascii_letters + string.digits
B32 = string.ascii_uppercase + "234567"
FAMILIES = {
    "AWS access key (AKIA + 16)": ("$ export AWS_ACCESS_KEY_ID=", lambda r: "AKIA" + "".join(r.choice(B32) for _ in range(16))),
    "Stripe secret key (sk_live_ + 24)": ("$ export STRIPE_KEY=", lambda r: "sk_live_" + "".join(r.choice(A62) for _ in range(24))),
    "GitHub token (ghp_ + 36)": ("GITHUB_TOKEN=", lambda r: "ghp_" + "".join(r.choice(A62) for _ in range(36))),
}
CONTEXT = ["$ git status --short", " M src/app/settings.py", "?? deploy/staging.yaml", "$ source venv/bin/activate"]
TAIL = ["$ make deploy ENV=staging", "building wheel for app (pyproject.toml) ... done"]


#: (theme, px, font) of one pair; the default run uses the first only, ``--mixed`` draws from all
VARIANTS: tuple[tuple[str, int, str | None], ...] = (
    ("dark", 14, None),
    ("light", 12, "dejavu-sans-mono"),
    ("dark", 13, "liberation-mono"),
    ("light", 15, "liberation-mono"),
    ("dark", 16, "dejavu-sans-mono"),
)


EDITOR = ["# settings for the staging stack", "DEBUG=false", "LOG_LEVEL=info"]
EDITOR_TAIL = ["REGION=eu-west-1", "WORKERS=4"]


def screen(prefix: str, secret: str, variant: tuple[str, int, str | None] = VARIANTS[0],
           layout: str = "terminal") -> RenderedScreen:
    theme, size, font = variant
    if layout == "ide":
        lines = [*EDITOR, [prefix.removeprefix("$ export "), Segment(secret, "secret")], *EDITOR_TAIL]
        return render_screen("ide", lines, theme=theme, size=size, font=font, width=1100, height=300)
    lines = [*CONTEXT, [prefix, Segment(secret, "secret")], *TAIL]
    return render_screen("terminal", lines, theme=theme, size=size, font=font, width=760 * size // 14, height=210 * size // 14)


def covered(sc: RenderedScreen, boxes: list[Box]) -> bool:
    """Whether every pixel of the secret's ink box is inside some redaction box."""
    mask = np.zeros(sc.image.shape[:2], dtype=bool)
    for b in boxes:
        mask[b.y0 : b.y1, b.x0 : b.x1] = True
    return all(mask[t.y0 : t.y1, t.x0 : t.x1].all() for sp in sc.spans for t in sp.boxes)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=30)
    ap.add_argument("--mixed", action="store_true", help="also run every family with each pair in one of several themes, sizes and monospace fonts")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "independence.md")
    args = ap.parse_args()
    redactor = Redactor(Policy())
    rows = ["| family | pairs | byte-identical | max left-edge shift (px) | secret covered |", "|---|---|---|---|---|"]
    runs = [("terminal", False), ("terminal", True), ("ide", True)] if args.mixed else [("terminal", False)]
    for (layout, mixed), (name, (prefix, make)) in [(r, f) for r in runs for f in FAMILIES.items()]:
        rng = random.Random(name + " mixed" * mixed + " ide" * (layout == "ide"))
        same, shift, cov = 0, 0, 0
        for _ in range(args.pairs):
            variant = rng.choice(VARIANTS) if mixed else VARIANTS[0]
            sa, sb = screen(prefix, make(rng), variant, layout), screen(prefix, make(rng), variant, layout)
            a, b = redactor.redact_image(sa.image), redactor.redact_image(sb.image)
            cov += covered(sa, [bx for f in a.findings for bx in f.boxes])
            cov += covered(sb, [bx for f in b.findings for bx in f.boxes])
            if np.array_equal(a.image, b.image):
                same += 1
                continue
            xa = sorted(bx.x0 for f in a.findings for bx in f.boxes)
            xb = sorted(bx.x0 for f in b.findings for bx in f.boxes)
            if len(xa) == len(xb):
                shift = max(shift, *(abs(p - q) for p, q in zip(xa, xb, strict=True)))
        label = name + (", mixed fonts and sizes" if mixed else "") + (", editor" if layout == "ide" else "")
        rows.append(f"| {label} | {args.pairs} | {same} ({same / args.pairs:.0%}) | {shift} | {cov}/{2 * args.pairs} |")
        print(rows[-1], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(rows) + "\n")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
