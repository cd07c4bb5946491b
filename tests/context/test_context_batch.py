"""A batch session with per-frame context in session.json: blanked, secure fields, scrubbed context written."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from redact import Policy
from redact.batch import MANIFEST_FILE, run_batch
from redact.context import WITHHELD
from tests.batch._engines import EMAIL, ENGINE_FACTORY, PASSWORD, make_frame
from tests.batch._tree import password_events, write_events

FIELD = [300, 20, 420, 44]


def test_session_json_context_drives_the_frames_and_is_written_scrubbed(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for name in ("a.png", "b.png", "c.png", "d.png"):
        make_frame(src / "s" / name, 0)  # OCR reads "hello world": nothing to find on the pixels
    write_events(src / "s" / "events.jsonl", password_events())
    frames = [
        {"file": "a.png", "t": 1, "app": "KeePassXC", "title": "Passwords.kdbx - KeePassXC", "note": f"by {EMAIL}"},
        {"file": "b.png", "t": 2, "app": "Firefox", "title": "Sign in", "focus": {"role": "password", "bounds": FIELD}},
        {"file": "c.png", "t": 3, "app": "Firefox", "title": f"Inbox - {EMAIL}", "url": f"https://x.test/p/{PASSWORD}?s=1",
         "clipboard": PASSWORD},
        {"file": "d.png", "t": 4, "app": "Firefox", "title": 7},  # malformed context: that frame fails closed
    ]
    (src / "s" / "session.json").write_text(json.dumps({"frames": frames}), encoding="utf-8")
    summary = run_batch(src, out, policy=Policy(style="fill"), engine_factory=ENGINE_FACTORY, workers=1, progress=False)
    assert summary.sessions_done == 1

    manifest = json.loads((out / "s" / MANIFEST_FILE).read_text())
    by = {f["source"]: f for f in manifest["frames"]}
    assert (by["a.png"]["status"], by["a.png"]["error_code"]) == ("blanked", "deny:password_manager")
    assert by["a.png"]["context"]["denied"] == "password_manager"
    assert (np.asarray(Image.open(out / "s" / "a.png").convert("RGB")) == 0).all()
    assert [(f["entity_type"], f["detector"], f["boxes"]) for f in by["b.png"]["findings"]] == [
        ("PASSWORD", "secure_field", [FIELD])
    ]
    assert by["d.png"]["status"] == "failed" and by["d.png"]["error"]["code"] == "R141"

    written = json.loads((out / "s" / "session.json").read_text())
    ctx = {f["file"]: f for f in written["frames"]}
    assert ctx["a.png"]["title"] == WITHHELD and ctx["a.png"]["app"] == "KeePassXC"
    assert ctx["a.png"]["note"] == "by <EMAIL_ADDRESS>"  # other keys: scanned as before
    assert ctx["b.png"]["focus"] == {"role": "password", "bounds": FIELD, "label": None}
    assert ctx["c.png"]["title"] == "Inbox - <EMAIL_ADDRESS>"
    assert ctx["c.png"]["url"] == "https://x.test/p/<PASSWORD>?s=<QUERY_VALUE>"
    assert ctx["c.png"]["clipboard"] == "<PASSWORD>"
    assert set(ctx["c.png"]) == {"file", "t", "app", "title", "url", "clipboard"}  # no keys added
    everything = "".join(p.read_text(errors="ignore") for p in (out / "s").iterdir() if p.suffix in (".json", ".jsonl"))
    assert EMAIL not in everything and PASSWORD not in everything and "Passwords.kdbx" not in everything
