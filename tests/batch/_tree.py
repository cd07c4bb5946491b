"""Builders of small session trees for the batch tests."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.batch._engines import DIE, HANG, OK, PASSWORD, RAISE, make_frame
from tests.keys._helpers import Log

__all__ = ["DIE", "HANG", "OK", "RAISE", "digest_tree", "password_events", "write_events"]


def password_events() -> list[dict[str, object]]:
    """The user types PASSWORD into a password field, then Enter."""
    log = Log(app="Firefox", title="Sign in - Contoso", focus={"role": "password", "label": "Password"})
    log.add("focus_change")
    return log.line(PASSWORD).events


def write_events(path: Path, events: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return path


def digest_tree(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``root``."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def standard_tree(root: Path) -> Path:
    """Three sessions (nested folders, a JPEG and a WebP, a key log, a context file)."""
    make_frame(root / "alice" / "s1" / "frame-2.png", 1)
    make_frame(root / "alice" / "s1" / "frame-10.png", 2)
    make_frame(root / "alice" / "s1" / "frame-1.jpg", 0)
    write_events(root / "alice" / "s1" / "events.jsonl", password_events())
    make_frame(root / "alice" / "s1" / "frame-3.png", 3)  # shows the typed password
    make_frame(root / "bob" / "s2" / "only.webp", 1)
    make_frame(root / "carol" / "a.png", 3)  # the same text without a key log: nothing to recall
    (root / "alice" / "s1" / "session.json").write_text(
        json.dumps(
            {
                "frames": [
                    {"file": "frame-10.png", "t": 1.0, "app": "Chrome", "title": f"mail jane.doe@example.com"},
                    {"file": "frame-1.jpg", "t": 2.0, "app": "Chrome", "url": "https://x.test/?p=" + PASSWORD},
                ]
            }
        ),
        encoding="utf-8",
    )
    return root


__all__ += ["standard_tree", "OK"]
