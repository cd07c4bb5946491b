import json

import pytest

from redact._errors import InputError, KeyLogError
from redact.keys import KeyPolicy, mask_key_log

from ._fake_scanner import FakeScanner
from ._helpers import Log

PW = {"app": "Firefox", "title": "Sign in", "focus": {"role": "password"}}


def write_log(path, events, bad_lines=()):
    lines = [json.dumps(e) for e in events]
    for at, text in bad_lines:
        lines.insert(at, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_file_to_file_keeps_order_and_unmasked_fields(tmp_path):
    log = Log(app="Slack", title="chat").line("hi there").at(**PW).line("s3cretPW!")
    log.events[0]["recorder_meta"] = {"v": 2}
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_log(src, log.events)
    report = mask_key_log(src, dst, scanner=FakeScanner(), policy=KeyPolicy())
    out = read(dst)
    assert out[:18] == log.events[:18]  # the chat line and its Enter, untouched
    assert "s3cret" not in dst.read_text() and report.events_in == len(log.events)
    assert report.runs_masked == 1 and not list(tmp_path.glob(".*.tmp"))
    assert "s3cret" not in json.dumps(report.to_dict())


def test_malformed_lines_are_skipped_and_reported(tmp_path):
    log = Log(app="Slack").line("ok")
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_log(src, log.events, bad_lines=[(1, '{"t": 1, "type": "key_down", "key": "hunter2"'), (3, "[]")])
    report = mask_key_log(src, dst, scanner=None)
    assert [m.line for m in report.malformed] == [2, 4]
    assert "hunter2" not in json.dumps(report.to_dict())
    assert len(read(dst)) == len(log.events)


def test_stop_policy_raises_naming_file_and_line_and_leaves_no_output(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_log(src, Log().line("ok").events, bad_lines=[(2, "nope")])
    with pytest.raises(KeyLogError) as info:
        mask_key_log(src, dst, scanner=None, policy=KeyPolicy(on_malformed="stop"))
    assert info.value.line == 3 and "in.jsonl" in str(info.value)
    assert not dst.exists() and list(tmp_path.iterdir()) == [src]


def test_directories_are_mirrored(tmp_path):
    src = tmp_path / "logs"
    (src / "day1").mkdir(parents=True)
    write_log(src / "a.jsonl", Log(**PW).line("pw1pw1").events)
    write_log(src / "day1" / "b.jsonl", Log(app="Slack").line("mail me at bob@example.com").events)
    (src / "notes.txt").write_text("not a log")
    report = mask_key_log(src, tmp_path / "out", scanner=FakeScanner())
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")) == ["a.jsonl", "day1", "day1/b.jsonl"]
    assert len(report.files) == 2 and report.events_masked > 0


def test_in_place(tmp_path):
    src = tmp_path / "in.jsonl"
    write_log(src, Log(**PW).line("pw1pw1").events)
    mask_key_log(src, src, scanner=None)
    assert "pw1" not in src.read_text()


def test_bad_paths(tmp_path):
    with pytest.raises(InputError):
        mask_key_log(tmp_path / "missing.jsonl", tmp_path / "o.jsonl", scanner=None)
    (tmp_path / "f.jsonl").write_text("")
    (tmp_path / "d").mkdir()
    with pytest.raises(InputError):
        mask_key_log(tmp_path / "f.jsonl", tmp_path / "d", scanner=None)
    with pytest.raises(InputError):
        mask_key_log(tmp_path / "d", tmp_path / "f.jsonl", scanner=None)
