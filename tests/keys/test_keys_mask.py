import json

from redact.keys import KeyMasker, KeyPolicy, SecretMemory, mask_events

from ._fake_scanner import FakeScanner
from ._helpers import Log

PW = {"app": "Firefox", "title": "Sign in - Contoso", "focus": {"role": "password", "label": "Password"}}


def run(log, **policy):
    return mask_events(log.events, scanner=FakeScanner(), policy=KeyPolicy(**policy))


def test_masked_events_keep_their_place_with_placeholder_and_entity():
    log = Log(**PW).type("hunter2").press("Key.enter")
    out = run(log, keep_length=True)
    assert len(out) == len(log.events)
    for ev in out[:-2]:
        d = ev.to_dict()
        assert d["masked"] is True and d["entity_type"] == "PASSWORD" and d["key"] == "<masked>"
        assert d["app"] == "Firefox" and d["focus"]["role"] == "password"
    assert out[-2].key == "Key.enter" and not out[-2].masked


def test_key_up_of_a_masked_key_is_masked_even_after_the_run_ends():
    log = Log(**PW).add("key_down", key="x").add("key_down", key="Key.enter").add("key_up", key="x").add("key_up", key="Key.enter")
    out = run(log, keep_length=True)
    assert [e.masked for e in out] == [True, False, True, False]


def test_typos_and_backspaces_inside_an_email_are_masked():
    log = Log(app="Slack", title="general").type("mail bob@exq").press("Key.backspace").type("ample.com now").press("Key.enter")
    out = run(log, keep_length=True)
    typed = "".join(e["key"][-1] if e["key"] != "Key.space" else " " for e, o in zip(log.events, out) if e["type"] == "key_down" and not o.masked)
    assert "bob" not in typed and "q" not in typed and typed.startswith("mail ") and "now" in typed


def test_modifiers_stay():
    log = Log(**PW).add("key_down", key="Key.shift").press("H").add("key_up", key="Key.shift").type("i1").press("Key.enter")
    out = run(log)
    assert [e.key for e in out if not e.masked][:2] == ["Key.shift", "Key.shift"]


def test_default_hides_length_and_timing():
    def masked(pw, t0):
        log = Log(**PW)
        log.t = t0
        return [e.to_dict() for e in run(log.type(pw).press("Key.enter")) if e.masked]

    short, long_ = masked("abc", 10.2), masked("a much longer password 123", 10.7)
    assert short == long_  # same events, same quantized time
    assert len(short) == 2 and short[0]["t"] == 10.0


def test_constant_number_of_placeholder_events():
    log = Log(**PW).type("abcdef").press("Key.enter")
    out = run(log, placeholder_events=4)
    assert sum(e.masked for e in out) == 8


def test_keep_timing_keeps_original_times():
    log = Log(**PW).type("ab").press("Key.enter")
    out = run(log, keep_length=True, keep_timing=True)
    assert [e.t for e in out] == [e["t"] for e in log.events]


def test_fields_that_leak_the_key_are_dropped_from_masked_events():
    log = Log(**PW).add("key_down", key="a", vk=65, scan_code=30, note="kept").press("Key.enter")
    d = run(log, keep_length=True)[0].to_dict()
    assert "vk" not in d and "scan_code" not in d and d["note"] == "kept"


def test_pasted_secret_is_masked_in_the_paste_text_only():
    token = "ghp_" + "a1B2" * 9
    log = Log(app="Slack", title="dev").type("key: ").add("paste", text=f"use {token} now").press("Key.enter")
    out = run(log)
    paste = next(e for e in out if e.type == "paste")
    assert paste.masked and paste.entity_type == "GITHUB_TOKEN" and paste.text == "use <masked> now"
    assert token not in json.dumps([e.to_dict() for e in out])


def test_repeat_of_a_password_is_masked_in_chat():
    log = Log(**PW).line("Tr0ub4dor&3").at(app="Slack", title="random").line("the pw is Tr0ub4dor&3 ok")
    out = run(log, keep_length=True, lookback=False)
    chat = [(e["key"], o.masked) for e, o in zip(log.events, out) if e.get("app") == "Slack" and e["type"] == "key_down"]
    assert [k for k, m in chat if m] == list("Tr0ub4dor&3")


def test_token_typed_before_its_use_as_password_is_masked_by_lookback():
    log = Log(app="Notes", title="todo").line("wifi Tr0ub4dor&3").at(**PW).line("Tr0ub4dor&3")
    with_lb = run(log, keep_length=True)
    without = run(log, keep_length=True, lookback=False)
    assert sum(o.masked for o in with_lb[:34]) > 0 and sum(o.masked for o in without[:34]) == 0


def test_secret_memory_stores_only_keyed_hashes():
    a, b = SecretMemory(), SecretMemory()
    a.remember("hunter2!", "PASSWORD")
    b.remember("hunter2!", "PASSWORD")
    assert a.find("x hunter2!") == [(2, 10, "PASSWORD")] and a.find("hunter2!x") == []
    assert a._by_len != b._by_len  # different per-session keys
    assert "hunter2" not in repr(a) and b"hunter2" not in b"".join(k for d in a._by_len.values() for k in d)


def test_masker_output_json_never_contains_the_password():
    log = Log(**PW).line("Sup3r$ecret")
    m = KeyMasker(scanner=None)
    out = [e for ev in log.events for e in m.feed(ev)] + m.flush()
    assert "Sup3r" not in json.dumps([e.to_dict() for e in out]) and "Sup3r" not in repr(out)
