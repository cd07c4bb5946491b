"""Secret detection on text: per-family recall (clean and OCR-damaged), false positives, speed.

Run: ``python benchmarks/bench_secrets_text.py [--n 50]``. A sample counts as found when the union
of all detectors' spans covers every non-space character of every planted span (what the image
path needs); the negative corpus counts every finding as a false positive, per whitespace token.
"""

from __future__ import annotations

import argparse
import random
import time

from redact.eval.secretgen import FAMILIES, damage, negative_corpus, samples
from redact.text.secrets import default_detectors


def covered(text: str, spans, findings) -> bool:
    for a, b in spans:
        for i in range(a, b):
            if not text[i].isspace() and not any(s <= i < e for s, e in findings):
                return False
    return True


def scan(detectors, text):
    return [(m.start, m.end, d.name) for d in detectors for m in d.find(text)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=50, help="samples per family")
    ap.add_argument("--misses", action="store_true", help="print missed samples")
    args = ap.parse_args()
    dets = default_detectors()
    rng = random.Random(7)
    print(f"{'family':34} {'clean':>7} {'damaged':>8}")
    tot_c = tot_d = 0
    for fam in FAMILIES:
        ok_c = ok_d = 0
        for s in samples(fam, args.n, seed=1):
            f = [(a, b) for a, b, _ in scan(dets, s.text)]
            ok_c += covered(s.text, s.spans, f)
            d = damage(s, rng)
            fd = [(a, b) for a, b, _ in scan(dets, d.text)]
            hit = covered(d.text, d.spans, fd)
            ok_d += hit
            if args.misses and not hit:
                print("   MISS", repr(d.text[:300]), d.spans)
        tot_c += ok_c
        tot_d += ok_d
        print(f"{fam:34} {ok_c / args.n:7.1%} {ok_d / args.n:8.1%}")
    n_all = args.n * len(FAMILIES)
    print(f"{'ALL':34} {tot_c / n_all:7.1%} {tot_d / n_all:8.1%}")

    lines = negative_corpus(5000, seed=3)
    text = "\n".join(lines)
    tokens = len(text.split())
    fps = scan(dets, text)
    print(f"\nnegative corpus: {len(lines)} lines, {tokens} tokens, {len(fps)} findings, "
          f"FP rate {len(fps) / tokens:.3%} per token")
    by_det: dict[str, int] = {}
    for a, b, name in fps:
        by_det[name] = by_det.get(name, 0) + 1
        if args.misses:
            print("   FP", name, repr(text[max(0, a - 30):b + 10]))
    if by_det:
        print("  by detector:", ", ".join(f"{k}={v}" for k, v in sorted(by_det.items())))

    mixed = lines[:900] + [s.text for fam in FAMILIES for s in samples(fam, 2, seed=9)][:100]
    chunk = "\n".join(mixed[:1000])
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        scan(dets, chunk)
        best = min(best, time.perf_counter() - t0)
    print(f"speed: {best * 1000:.1f} ms per 1,000 lines (one string, all {len(dets)} detectors, best of 5)")
    # Worst cases: long token-like runs that almost match (backtracking traps for OCR-tolerant
    # patterns with optional breaks). These must stay linear.
    traps = {
        "eyJ runs without dots": ("eyJ" + "a" * 60 + " ") * 40 + "\n" + "eyJhbGciOi " * 200,
        "long base64 lines": ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" * 3 + "\n") * 60,
        "prefix storms": "sk_live_ ghp_ xoxb- AKIA glpat- hf_ npm_ " * 300,
    }
    for name, trap in traps.items():
        t0 = time.perf_counter()
        for d in dets:
            list(d.find(trap))
        print(f"worst case '{name}' ({len(trap):,} chars): {(time.perf_counter() - t0) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
