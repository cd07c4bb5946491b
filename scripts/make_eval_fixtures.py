"""Regenerate the evaluation fixtures in fixtures/eval/ (seeded, deterministic for one Chromium).

Renders every page template in Debian's headless Chromium (apt-get install chromium
chromium-driver; pip install selenium) and writes NAME.png + NAME.truth.json, then the keystroke
sessions under keys/. The output is committed, so tests and `redact eval` need no browser.

    .venv/bin/python scripts/make_eval_fixtures.py [--out fixtures/eval] [--only TEMPLATE ...]

``--seed`` draws the same pages with other values, viewports and font sizes (the committed set
is seed 1000); a set with a seed nobody tuned on is a held-out measurement:

    .venv/bin/python scripts/make_eval_fixtures.py --seed 7000 --out /tmp/eval-7000
"""

from __future__ import annotations

import argparse
from pathlib import Path

from redact.eval.fixtures_gen import generate, pages_for, write_key_fixtures

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "fixtures" / "eval")
    ap.add_argument("--only", nargs="*", default=None, help="render only these templates")
    ap.add_argument("--seed", type=int, default=1000, help="values, viewports and font sizes (committed: 1000)")
    args = ap.parse_args()
    pages = tuple(p for p in pages_for(args.seed) if args.only is None or p.template in args.only)
    generate(args.out, pages=pages)
    if args.only is None and args.seed == 1000:
        keys = write_key_fixtures(args.out / "keys")
        print(f"keys/: {len(keys)} sessions")


if __name__ == "__main__":
    main()
