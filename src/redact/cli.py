"""The ``redact`` command. Each subcommand parses options, builds the policy, calls the public API.

Exit codes: 0 success; 1 an image was blanked because a stage failed (fail closed); 2 usage;
3 bad input; 4 invalid policy; 5 an engine is missing or failed; 6 a batch had failed items.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from redact._errors import BatchError, EngineError, InputError, KeyLogError, PolicyError, RedactError
from redact._policy import Policy

_EXIT = {InputError: 3, KeyLogError: 3, PolicyError: 4, EngineError: 5, BatchError: 6}
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except RedactError as exc:
        print(f"redact: {exc}", file=sys.stderr)
        for kind, code in _EXIT.items():
            if isinstance(exc, kind):
                return code
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="redact", description="Redact PII and secrets from screenshots and text.")
    sub = p.add_subparsers(dest="command")

    img = sub.add_parser("image", help="redact one screenshot into a fresh file")
    img.add_argument("input", type=Path)
    img.add_argument("output", type=Path)
    _policy_args(img)
    img.add_argument("--manifest", type=Path, help="write the findings (no values) as JSON here")
    img.set_defaults(func=_cmd_image)

    txt = sub.add_parser("text", help="redact standard input to standard output")
    _policy_args(txt)
    txt.add_argument("--json", action="store_true", help="print the result as JSON (text and findings)")
    txt.set_defaults(func=_cmd_text)

    keys = sub.add_parser("keys", help="mask passwords and sensitive text in key event logs (JSONL)")
    keys.add_argument("input", type=Path, help="a .jsonl log, or a directory of them")
    keys.add_argument("output", type=Path, help="a file (for a file) or a directory (for a directory)")
    _policy_args(keys)
    keys.add_argument("--report", type=Path, help="write the masking report (counts only) as JSON here")
    keys.set_defaults(func=_cmd_keys)

    batch = sub.add_parser("batch", help="redact a tree of recorded sessions (frames, key logs) into a mirror tree")
    from redact.batch._command import add_batch_arguments

    add_batch_arguments(batch)
    _policy_args(batch)
    batch.set_defaults(func=_cmd_batch)

    ev = sub.add_parser("eval", help="score a redactor on fixtures with ground truth and write a report")
    ev.add_argument("fixtures", type=Path, nargs="?", default=Path("fixtures/eval"))
    ev.add_argument("--tool", default="redact", help="redact (default), presidio, or a directory of outputs")
    ev.add_argument("--compare", help="a second tool to put side by side")
    ev.add_argument("--out", type=Path, required=True, help="the report directory")
    ev.add_argument("--no-progress", action="store_true")
    ev.set_defaults(func=_cmd_eval)

    demo = sub.add_parser("demo", help="redact every screenshot in a folder and print a summary table")
    demo.add_argument("input", type=Path, nargs="?", default=Path("fixtures/screens"))
    demo.add_argument("output", type=Path, nargs="?", default=Path("out"))
    _policy_args(demo)
    demo.set_defaults(func=_cmd_demo)
    return p


def _policy_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--policy", type=Path, help="a policy TOML file")
    p.add_argument("--style", choices=["blur", "fill", "pixelate"], help="override the policy's style")


def _policy(args: argparse.Namespace) -> Policy:
    policy = Policy.from_toml(args.policy) if args.policy else Policy()
    if getattr(args, "style", None):
        policy = policy.replace(style=args.style)
    return policy


def _cmd_image(args: argparse.Namespace) -> int:
    from redact._redactor import Redactor

    redactor = Redactor(_policy(args))
    result = redactor.redact_file(args.input, args.output, manifest=args.manifest)
    counts = ", ".join(f"{k}={v}" for k, v in sorted(result.entity_counts.items())) or "nothing found"
    print(f"{args.output}: {result.status.value}; {counts}; {result.timings.total:.2f}s", file=sys.stderr)
    return 0 if result.status.value == "ok" else 1


def _cmd_text(args: argparse.Namespace) -> int:
    from redact._redactor import Redactor

    text = sys.stdin.read()
    result = Redactor(_policy(args)).redact_text(text)
    sys.stdout.write(result.to_json() + "\n" if args.json else result.text)
    return 0


def _cmd_keys(args: argparse.Namespace) -> int:
    from redact.keys import mask_key_log
    from redact.text import TextAnalyzer

    policy = _policy(args)
    report = mask_key_log(
        args.input, args.output, scanner=TextAnalyzer(policy), policy=policy.keys, deny=policy.context.deny_list
    )
    if args.report:
        args.report.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
    print(
        f"{args.output}: {report.events_in} events, {report.events_masked} masked in {report.runs_masked} runs, "
        f"{len(report.malformed)} malformed lines skipped",
        file=sys.stderr,
    )
    return 0


def _cmd_batch(args: argparse.Namespace) -> int:
    from redact.batch._command import batch_command

    return batch_command(args, _policy(args))


def _cmd_eval(args: argparse.Namespace) -> int:
    from redact.eval._run import run_eval

    report = run_eval(args.fixtures, tool=args.tool, compare=args.compare, out=args.out,
                      progress=not args.no_progress and sys.stderr.isatty())
    primary = report.to_dict()
    print(f"recall {primary.get('recall') or 0:.1%}, over-redaction {primary.get('over_redaction') or 0:.1%}, "
          f"zero-leak {primary.get('zero_leak_rate') or 0:.1%}; report in {args.out}/", file=sys.stderr)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from redact._redactor import Redactor, write_manifest
    from redact.eval._truth import coverage_of, load_truth

    if not args.input.is_dir():
        raise InputError(f"{args.input}: not a directory of screenshots", code="R130")
    images = sorted(p for p in args.input.iterdir() if p.suffix.lower() in _IMAGE_SUFFIXES)
    if not images:
        raise InputError(f"{args.input}: no screenshots found", code="R131")
    args.output.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    redactor = Redactor(_policy(args))
    print(f"engines loaded in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    rows = []
    for path in images:
        out = args.output / (path.stem + ".redacted.png")
        result = redactor.redact_file(path, out, manifest=args.output / (path.stem + ".json"))
        truth = load_truth(path)
        cov = coverage_of(truth, result) if truth is not None else None
        rows.append(
            (
                path.name,
                f"{result.width}x{result.height}",
                result.status.value,
                str(len(result.findings)),
                "-" if cov is None else f"{cov[0]}/{cov[1]}",
                f"{result.timings.ocr:.2f}",
                f"{result.timings.total:.2f}",
            )
        )
    _print_table(("image", "size", "status", "findings", "truth covered", "ocr s", "total s"), rows)
    total_cov = [r[4] for r in rows if r[4] != "-"]
    if total_cov:
        hit = sum(int(c.split("/")[0]) for c in total_cov)
        tot = sum(int(c.split("/")[1]) for c in total_cov)
        print(f"\nsensitive values covered: {hit}/{tot} ({100 * hit / max(tot, 1):.1f}%); outputs in {args.output}/")
    return 0 if all(r[2] == "ok" for r in rows) else 1


def _print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    print(line)
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(r, widths, strict=True)))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
