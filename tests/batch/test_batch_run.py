"""A batch over the local process pool: mirror output, manifests, context, session memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from redact import Policy
from redact.batch import MANIFEST_FILE, SUMMARY_FILE, BatchSummary, run_batch
from tests.batch._engines import EMAIL, ENGINE_FACTORY, PASSWORD, TOKEN, make_frame
from tests.batch._tree import digest_tree, standard_tree

POLICY = Policy(style="fill")


def run(src: Path, out: Path, **kw: Any) -> BatchSummary:
    kw.setdefault("workers", 2)
    return run_batch(src, out, policy=POLICY, engine_factory=ENGINE_FACTORY, progress=False, **kw)


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BatchSummary, dict[str, str]]:
    base = tmp_path_factory.mktemp("batch")
    src = standard_tree(base / "in")
    before = digest_tree(src)
    summary = run(src, base / "out")
    return src, base / "out", summary, before


def manifest(out: Path, rel: str) -> dict[str, Any]:
    return json.loads((out / rel / MANIFEST_FILE).read_text())  # type: ignore[no-any-return]


def test_outputs_mirror_the_input_in_each_frames_format(done) -> None:  # type: ignore[no-untyped-def]
    src, out, summary, _ = done
    assert summary.exit_code == 0 and summary.ok
    assert (summary.sessions_total, summary.sessions_done, summary.frames_done) == (3, 3, 6)
    for frame, fmt in [("alice/s1/frame-1.jpg", "JPEG"), ("alice/s1/frame-10.png", "PNG"), ("bob/s2/only.webp", "WEBP")]:
        with Image.open(out / frame) as img:
            assert img.format == fmt and img.size == (640, 64)
    assert sorted(p.name for p in (out / "alice" / "s1").iterdir()) == sorted(
        ["events.jsonl", "session.json", MANIFEST_FILE, "frame-1.jpg", "frame-2.png", "frame-3.png", "frame-10.png"]
    )
    assert (out / "carol" / "a.png").is_file() and (out / SUMMARY_FILE).is_file()
    assert not list(out.rglob(".redact-tmp-*"))


def test_originals_are_never_modified(done) -> None:  # type: ignore[no-untyped-def]
    src, _, _, before = done
    assert digest_tree(src) == before


def test_found_values_are_painted_over(done) -> None:  # type: ignore[no-untyped-def]
    src, out, _, _ = done
    a = np.asarray(Image.open(src / "alice/s1/frame-2.png").convert("RGB"))
    b = np.asarray(Image.open(out / "alice/s1/frame-2.png").convert("RGB"))
    (finding,) = manifest(out, "alice/s1")["frames"][2]["findings"]
    x0, y0, x1, y1 = finding["boxes"][0]
    assert finding["entity_type"] == "EMAIL_ADDRESS"
    assert (b[y0:y1, x0:x1] == 0).all() and not (a[y0:y1, x0:x1] == 0).all()


def test_manifests_and_summary_hold_no_values(done) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = done
    texts = [p.read_text() for p in out.rglob("*.json")] + [(out / "alice/s1/events.jsonl").read_text()]
    for text in texts:
        for value in (EMAIL, TOKEN, PASSWORD):
            assert value not in text
    m = manifest(out, "alice/s1")
    assert m["status"] == "complete" and m["counts"]["GITHUB_TOKEN"] == 1
    frame = next(f for f in m["frames"] if f["source"] == "frame-10.png")
    assert set(frame["findings"][0]) == {"entity_type", "score", "detector", "boxes"}
    summary = json.loads((out / SUMMARY_FILE).read_text())
    assert summary["ok"] and summary["counts"]["EMAIL_ADDRESS"] >= 2


def test_frames_follow_the_context_times_then_names(done) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = done
    order = [f["source"] for f in manifest(out, "alice/s1")["frames"]]
    assert order == ["frame-10.png", "frame-1.jpg", "frame-2.png", "frame-3.png"]


def test_a_password_typed_in_the_key_log_is_redacted_on_a_later_frame(done) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = done
    frames = {f["source"]: f for f in manifest(out, "alice/s1")["frames"]}
    assert [(x["entity_type"], x["detector"]) for x in frames["frame-3.png"]["findings"]] == [
        ("PASSWORD", "session_memory")
    ]
    assert manifest(out, "carol")["frames"][0]["findings"] == []  # same frame, no key log: nothing known
    events = [json.loads(line) for line in (out / "alice/s1/events.jsonl").read_text().splitlines()]
    typed = [e for e in events if e["type"] == "key_down" and e["key"] != "Key.enter"]
    assert typed and all(e.get("masked") for e in typed)


def test_context_strings_are_redacted_with_the_session_memory(done) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = done
    ctx = json.loads((out / "alice/s1/session.json").read_text())
    by_file = {f["file"]: f for f in ctx["frames"]}
    assert by_file["frame-10.png"]["title"] == "mail <EMAIL_ADDRESS>"
    assert by_file["frame-1.jpg"]["url"] == "https://x.test/?p=<PASSWORD>"


def test_resume_skips_finished_sessions_and_force_redoes_them(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    make_frame(src / "s1" / "a.png", 1)
    make_frame(src / "s2" / "a.png", 2)
    first = run(src, out, workers=1)
    assert first.sessions_done == 2
    stamp = (out / "s1" / "a.png").stat().st_mtime_ns

    again = run(src, out, workers=1)
    assert (again.sessions_skipped, again.sessions_done, again.exit_code) == (2, 0, 0)
    assert (out / "s1" / "a.png").stat().st_mtime_ns == stamp

    (out / "s2" / "a.png").unlink()  # an output went missing: that session is redone
    third = run(src, out, workers=1)
    assert (third.sessions_skipped, third.sessions_done) == (1, 1) and (out / "s2" / "a.png").is_file()

    forced = run(src, out, workers=1, force=True)
    assert (forced.sessions_skipped, forced.sessions_done) == (0, 2)
    assert (out / "s1" / "a.png").stat().st_mtime_ns != stamp


def test_a_changed_policy_redoes_finished_sessions(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    make_frame(src / "a.png", 1)
    assert run(src, out, workers=1).sessions_done == 1
    other = run_batch(src, out, policy=Policy(style="blur"), engine_factory=ENGINE_FACTORY, progress=False, workers=1)
    assert other.sessions_done == 1 and other.sessions_skipped == 0


def test_output_must_not_be_the_input(tmp_path: Path) -> None:
    from redact import InputError

    make_frame(tmp_path / "a.png", 0)
    with pytest.raises(InputError, match="R507"):
        run(tmp_path, tmp_path)
