"""Session discovery and the mirror mapping (no worker processes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redact import InputError
from redact.batch import discover_sessions
from tests.batch._engines import make_frame
from tests.batch._tree import password_events, write_events


def test_sessions_are_folders_with_frames_or_a_key_log(tmp_path: Path) -> None:
    make_frame(tmp_path / "u1" / "s1" / "b.png", 0)
    make_frame(tmp_path / "u1" / "s1" / "a.JPG", 0)
    write_events(tmp_path / "u1" / "s2" / "events.jsonl", password_events())
    (tmp_path / "u1" / "notes").mkdir()
    (tmp_path / "u1" / "notes" / "readme.txt").write_text("not a session")
    make_frame(tmp_path / ".hidden" / "x.png", 0)
    sessions = discover_sessions(tmp_path)
    assert [s.rel for s in sessions] == ["u1/s1", "u1/s2"]
    assert sessions[0].frames == ("a.JPG", "b.png") and sessions[0].events is None
    assert sessions[1].frames == () and sessions[1].events == "events.jsonl"


def test_a_plain_folder_of_images_is_one_session_in_natural_order(tmp_path: Path) -> None:
    for n in (10, 2, 1):
        make_frame(tmp_path / f"shot-{n}.png", 0)
    (s,) = discover_sessions(tmp_path)
    assert s.rel == "." and s.frames == ("shot-1.png", "shot-2.png", "shot-10.png")
    assert s.output_dir(Path("/out")) == Path("/out")


def test_output_inside_the_input_is_not_a_session(tmp_path: Path) -> None:
    make_frame(tmp_path / "s" / "a.png", 0)
    make_frame(tmp_path / "redacted" / "s" / "a.png", 0)
    assert [s.rel for s in discover_sessions(tmp_path, exclude=tmp_path / "redacted")] == ["s"]


def test_mirror_path(tmp_path: Path) -> None:
    make_frame(tmp_path / "in" / "a" / "b" / "f.png", 0)
    (s,) = discover_sessions(tmp_path / "in")
    assert s.output_dir(tmp_path / "out") == tmp_path / "out" / "a" / "b"


def test_missing_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="R501"):
        discover_sessions(tmp_path / "nope")
