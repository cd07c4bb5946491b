"""The ``redact batch`` subcommand's arguments and body, for ``redact.cli`` to wire in.

It only parses options and calls :func:`run_batch`; errors propagate to the CLI's single mapping
of exceptions to exit codes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from redact._policy import Policy
from redact.batch._runner import run_batch

__all__ = ["add_batch_arguments", "batch_command"]


def add_batch_arguments(p: argparse.ArgumentParser) -> None:
    """``INPUT OUTPUT [--workers N] [--dask ADDRESS|local] [--force] [--timeout S] [--no-progress]``."""
    p.add_argument("input", type=Path, help="the tree of recorded sessions")
    p.add_argument("output", type=Path, help="the mirror tree to write (created; never the input)")
    p.add_argument("--workers", type=int, help="local worker processes (default: one per core)")
    p.add_argument("--dask", metavar="ADDRESS|local", help="run on a Dask scheduler (tcp://host:8786) or 'local'")
    p.add_argument("--force", action="store_true", help="redo sessions a previous run completed")
    p.add_argument("--timeout", type=float, help="seconds allowed per frame (default: 2x the policy's timeout)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def batch_command(args: argparse.Namespace, policy: Policy) -> int:
    """Run the batch and print its summary; return 0, 6 (an item failed) or 130 (interrupted)."""
    summary = run_batch(
        args.input,
        args.output,
        policy=policy,
        workers=args.workers,
        dask=args.dask,
        force=args.force,
        timeout=args.timeout,
        progress=not args.no_progress and sys.stderr.isatty(),
    )
    print(summary.format(), file=sys.stderr)
    return summary.exit_code
