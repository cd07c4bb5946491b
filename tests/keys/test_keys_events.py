import json

import pytest

from redact._errors import KeyLogError
from redact.keys import Focus, KeyEvent, iter_events, parse_event, parse_line


def test_parse_full_event_keeps_every_field():
    raw = {"t": 12.031, "type": "key_down", "key": "a", "app": "Firefox", "title": "Sign in",
           "focus": {"role": "password", "label": "Password"}, "vk": 65, "extra": {"x": [1, 2]}}
    ev = parse_line(json.dumps(raw), line=3)
    assert ev.key == "a" and ev.app == "Firefox" and ev.focus == Focus("password", "Password")
    assert ev.to_dict() == raw


@pytest.mark.parametrize(("given", "key"), [("'a'", "a"), ("<97>", "1"), ("<110>", "."), ("Key.enter", "Key.enter"), ("<65>", "<65>")])
def test_keys_are_normalised_to_pynput_form(given, key):
    assert parse_event({"t": 0, "type": "key_down", "key": given}).key == key


def test_python_objects_and_events_are_accepted():
    ev = parse_event({"t": 1, "type": "paste", "text": "hello"})
    assert parse_event(ev) is ev
    assert ev.text == "hello"


def test_unknown_event_types_pass_through():
    ev = parse_event({"t": 1, "type": "scroll", "dx": 0, "dy": -3})
    assert ev.to_dict() == {"t": 1, "type": "scroll", "dx": 0, "dy": -3}


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('{"t": 1, "type": "key_down"}', "'key'"),
        ('{"type": "key_down", "key": "a"}', "'t'"),
        ('{"t": "x", "type": "key_down", "key": "a"}', "'t'"),
        ('{"t": 1, "key": "a"}', "'type'"),
        ('{"t": 1, "type": "paste"}', "'text'"),
        ('{"t": 1, "type": "key_down", "key": "a", "focus": "pw"}', "'focus'"),
        ('{"t": 1, "type": "key_down", "key": "a", "app": 5}', "'app'"),
        ('[1, 2]', "JSON object"),
        ('{"t": 1, "type": "key_down", "key": "hunter2"', "not valid JSON"),
    ],
)
def test_malformed_lines_name_the_line_and_field_not_the_value(line, field):
    with pytest.raises(KeyLogError) as info:
        parse_line(line, line=42)
    msg = str(info.value)
    assert info.value.line == 42 and "line 42" in msg and field in msg
    assert "hunter2" not in msg and "pw" not in msg.replace("password", "")


def test_invalid_utf8_is_a_malformed_line():
    with pytest.raises(KeyLogError, match="UTF-8"):
        parse_line(b'{"t": 1, "type": "paste", "text": "\xff"}', line=1)


def test_iter_events_yields_errors_and_skips_blank_lines():
    items = list(iter_events(['{"t": 0, "type": "click"}', "", "garbage", '{"t": 1, "type": "click"}']))
    assert [type(i) for i in items] == [KeyEvent, KeyLogError, KeyEvent]
    assert items[1].line == 3


def test_repr_hides_typed_values():
    ev = parse_event({"t": 0, "type": "paste", "text": "s3cr3t-value", "title": "mail of bob@x.org"})
    ev2 = parse_event({"t": 0, "type": "key_down", "key": "q"})
    assert "s3cr3t" not in repr(ev) and "bob@x.org" not in repr(ev) and "'q'" not in repr(ev2)


def test_event_built_in_python_serialises_without_raw():
    ev = KeyEvent(1.0, "key_down", "a", app="Term", focus=Focus("text", "Name"))
    assert ev.to_dict() == {"t": 1.0, "type": "key_down", "key": "a", "app": "Term", "focus": {"role": "text", "label": "Name"}}
