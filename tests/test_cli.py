"""The command line: exit codes, messages on stderr, files written only on success."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from redact import cli
from redact.eval.render import Segment, render_screen


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "redact.cli", *args], input=stdin, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.ocr
def test_image_command_writes_output_and_manifest(tmp_path: Path) -> None:
    screen = render_screen("form", [["Email\t", Segment("lukas.becker@contoso.net", "email")]], width=900, height=220,
                           size=16)
    src = tmp_path / "in.png"
    Image.fromarray(screen.image).save(src)
    proc = _run("image", str(src), str(tmp_path / "out.png"), "--style", "fill", "--manifest", str(tmp_path / "m.json"))
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((tmp_path / "m.json").read_text())
    assert manifest["status"] == "ok" and manifest["counts"].get("EMAIL_ADDRESS") == 1
    assert "lukas" not in (tmp_path / "m.json").read_text() and "lukas" not in proc.stderr
    assert Image.open(tmp_path / "out.png").size == (900, 220)


def test_text_command_reads_stdin() -> None:
    proc = _run("text", stdin="ping amara.obi@example.com now\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "ping <EMAIL_ADDRESS> now\n"


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["image", "missing.png", "out.png"], 3, "no such file"),
        (["image", "{bad}", "out.png"], 3, "not an image"),
        (["image", "{good}", "out.png", "--policy", "{badpolicy}"], 4, "unknown policy keys"),
        (["keys", "missing.jsonl", "out.jsonl"], 3, "does not exist"),
        ([], 2, ""),
    ],
)
def test_errors_map_to_exit_codes(tmp_path: Path, args: list[str], code: int, needle: str) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"garbage")
    good = tmp_path / "good.png"
    Image.new("RGB", (10, 10)).save(good)
    badpolicy = tmp_path / "p.toml"
    badpolicy.write_text("colour = 'red'\n")
    subs = {"{bad}": str(bad), "{good}": str(good), "{badpolicy}": str(badpolicy)}
    argv = [subs.get(a, a) for a in args]
    argv = [str(tmp_path / a) if a.endswith(("out.png", "out.jsonl", "missing.png", "missing.jsonl")) else a
            for a in argv]
    assert cli.main(argv) == code
    assert not (tmp_path / "out.png").exists()


def test_keys_command_masks_a_password(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = [{"t": 1.0, "type": "focus_change", "app": "Firefox", "title": "Sign in - Contoso"}]
    t = 2.0
    for ch in "Tr0ub4dor&3":
        events.append({"t": t, "type": "key_down", "key": ch, "focus": {"role": "password"}, "app": "Firefox"})
        events.append({"t": t + 0.05, "type": "key_up", "key": ch, "focus": {"role": "password"}, "app": "Firefox"})
        t += 0.2
    events.append({"t": t, "type": "key_down", "key": "Key.enter", "app": "Firefox"})
    src = tmp_path / "log.jsonl"
    src.write_text("\n".join(json.dumps(e) for e in events) + "\n")
    assert cli.main(["keys", str(src), str(tmp_path / "masked.jsonl"), "--report", str(tmp_path / "r.json")]) == 0
    out = (tmp_path / "masked.jsonl").read_text()
    assert "Tr0ub4dor" not in out and '"masked": true' in out
    assert "Tr0ub4dor" not in (tmp_path / "r.json").read_text()


def test_keys_command_uses_the_policy_deny_list(tmp_path: Path) -> None:
    """A [context] deny rule from the policy file reaches the key masker: text typed there is masked."""
    events = [{"t": 1.0, "type": "focus_change", "app": "Signal", "title": "Chat"}]
    for i, ch in enumerate("see you at noon"):
        key = "Key.space" if ch == " " else ch
        events.append({"t": 2.0 + i * 0.2, "type": "key_down", "key": key, "app": "Signal", "title": "Chat"})
    src = tmp_path / "log.jsonl"
    src.write_text("\n".join(json.dumps(e) for e in events) + "\n")
    plain = tmp_path / "plain.jsonl"
    assert cli.main(["keys", str(src), str(plain)]) == 0
    assert '"masked": true' not in plain.read_text()  # ordinary chat: nothing sensitive typed
    policy = tmp_path / "p.toml"
    policy.write_text('[[context.deny]]\napp = "^Signal$"\nkind = "messaging"\n')
    denied = tmp_path / "denied.jsonl"
    assert cli.main(["keys", str(src), str(denied), "--policy", str(policy)]) == 0
    assert '"masked": true' in denied.read_text() and "noon" not in denied.read_text()
