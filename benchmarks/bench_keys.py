"""Keystroke masking: streaming throughput and quality on the generator's sessions.

Run: ``python benchmarks/bench_keys.py [--sessions N] [--seed S] [--real-sessions N]``. Quality is
scored with the tests' regex fake scanner (all sessions) and with the real
``redact.text.TextAnalyzer`` (a subset). Throughput always uses the fake: Presidio's cost is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redact.eval.keygen import generate_sessions, score  # noqa: E402
from redact.keys import KeyMasker, KeyPolicy, mask_events, mask_key_log  # noqa: E402
from tests.keys._fake_scanner import FakeScanner  # noqa: E402


def _stream_rate(sessions, scanner, policy) -> float:
    events = [dict(e) for s in sessions for e in s.events]
    best = 0.0
    for _ in range(3):
        masker = KeyMasker(scanner=scanner, policy=policy)
        feed = masker.feed
        start = time.process_time()
        for ev in events:
            feed(ev)
        masker.flush()
        best = max(best, len(events) / (time.process_time() - start))
    return best


def _bulk_rate(sessions, scanner) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w") as fh:
            n = 0
            for s in sessions:
                for e in s.events:
                    fh.write(json.dumps(e) + "\n")
                    n += 1
        start = time.process_time()
        mask_key_log(src, Path(tmp) / "out.jsonl", scanner=scanner, policy=KeyPolicy())
        return n / (time.process_time() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--real-sessions", type=int, default=100, help="sessions scored with the real analyzer")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    sessions = generate_sessions(args.sessions, seed=args.seed)
    n_events = sum(len(s.events) for s in sessions)
    fake = FakeScanner()
    print(f"{len(sessions)} sessions, {n_events} events (seed {args.seed})")
    print(f"streaming KeyMasker, fake scanner, default policy: {_stream_rate(sessions, fake, KeyPolicy()):,.0f} events/s")
    print(f"streaming KeyMasker, no scanner:                   {_stream_rate(sessions, None, KeyPolicy()):,.0f} events/s")
    print(f"bulk mask_key_log (JSONL in/out, two passes):      {_bulk_rate(sessions, fake):,.0f} events/s")

    from redact import Policy
    from redact.text import TextAnalyzer

    policy = KeyPolicy(keep_length=True)  # one event per key, so that recall is counted per key
    real = TextAnalyzer(Policy())
    for scanner, name, subset in ((fake, "fake regex scanner", sessions),
                                  (real, "redact.text.TextAnalyzer (Presidio + detectors)", sessions[: args.real_sessions])):
        outs = [mask_events(s.events, scanner=scanner, policy=policy) for s in subset]
        sc = score(subset, outs)
        print(f"quality with {name}, {len(subset)} sessions:")
        print(f"  password keys masked:        {sc.password_masked}/{sc.password_keys} = {sc.password_recall:.4f}")
        print(f"  other sensitive keys masked: {sc.other_masked}/{sc.other_keys} = {sc.other_recall:.4f}")
        print(f"  sensitive runs fully masked: {sc.items_fully_masked}/{sc.items} = {sc.runs_fully_masked:.4f}")
        print(f"  false masks (clean keys):    {sc.false_masks}/{sc.clean_keys} = {sc.false_mask_rate:.4f}")


if __name__ == "__main__":
    main()
