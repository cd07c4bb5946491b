import pytest

from redact._errors import KeyLogError
from redact.keys import KeyMasker, KeyPolicy, UnknownContext

from ._fake_scanner import FakeScanner
from ._helpers import Log


def feed_all(masker, events):
    return [[e for e in masker.feed(ev)] for ev in events]


def test_password_field_keys_are_masked_and_released_at_once():
    log = Log(focus={"role": "password"}).type("abc")
    m = KeyMasker(scanner=None, policy=KeyPolicy(keep_length=True))
    released = feed_all(m, log.events)
    assert all(len(r) == 1 and r[0].masked for r in released)


def test_undecided_run_is_held_until_enter_and_order_is_kept():
    log = Log(app="Slack", title="general").type("mail bob@example.com").press("Key.enter")
    m = KeyMasker(scanner=FakeScanner(), policy=KeyPolicy(keep_length=True, keep_timing=True))
    released = feed_all(m, log.events)
    assert all(not r for r in released[:-2])
    out = [e for r in released for e in r] + m.flush()
    assert [e.t for e in out] == [e["t"] for e in log.events]
    assert [e.masked for e in out][10:12] == [True, True]  # 'b' of bob
    assert m.held == 0


def test_hold_is_bounded_by_events():
    log = Log(app="Editor X").type("x" * 50)
    m = KeyMasker(scanner=None, policy=KeyPolicy(hold_max_events=10))
    for ev in log.events:
        m.feed(ev)
        assert m.held <= 10


def test_hold_is_bounded_by_seconds_and_tick():
    m = KeyMasker(scanner=None, policy=KeyPolicy(hold_max_seconds=5))
    assert m.feed({"t": 0, "type": "key_down", "key": "h"}) == []
    assert m.tick(3.0) == []
    assert len(m.tick(6.0)) == 1
    m.feed({"t": 7, "type": "key_down", "key": "i"})
    assert len(m.feed({"t": 20, "type": "key_up", "key": "i"})) == 2


def test_at_the_bound_unknown_context_policy_decides():
    def masked(mode):
        log = Log().type("Xq9$mZ2!kP")
        m = KeyMasker(scanner=None, policy=KeyPolicy(hold_max_events=10, unknown_context=mode, keep_length=True))
        out = [e for ev in log.events for e in m.feed(ev)]
        return sum(e.masked for e in out)

    assert masked(UnknownContext.MASK) > 0 and masked(UnknownContext.KEEP) == 0


def test_unknown_context_password_looking_run_ending_in_enter():
    log = Log().line("Xq9$mZ2!kP").line("hello there")
    for mode, expect in ((UnknownContext.MASK, 20), (UnknownContext.KEEP, 0)):
        m = KeyMasker(scanner=None, policy=KeyPolicy(unknown_context=mode, keep_length=True))
        out = [e for ev in log.events for e in m.feed(ev)] + m.flush()
        assert sum(e.masked for e in out) == expect


def test_email_followed_by_enter_is_masked():
    log = Log(app="Slack", title="x").line("bob@example.com")
    m = KeyMasker(scanner=FakeScanner(), policy=KeyPolicy(keep_length=True))
    out = [e for ev in log.events for e in m.feed(ev)] + m.flush()
    assert sum(e.masked for e in out) == 30 and m.stats.findings == {"EMAIL_ADDRESS": 1}


def test_sudo_prompt_then_commands():
    log = Log(app="gnome-terminal-server", title="bob@box: ~").line("sudo apt update").line("hunter2").line("ls -la")
    m = KeyMasker(scanner=None, policy=KeyPolicy(keep_length=True))
    out = [e for ev in log.events for e in m.feed(ev)] + m.flush()
    masked = [e["key"] for e, o in zip(log.events, out) if o.masked and e["type"] == "key_down"]
    assert masked == list("hunter2") and m.stats.reasons == {"terminal_prompt": 1}


def test_login_flow_without_focus_metadata():
    log = Log(app="Firefox", title="Sign in - Contoso").line("jdoe42", "Key.tab").line("hunter2")
    m = KeyMasker(scanner=None, policy=KeyPolicy(keep_length=True))
    out = [e for ev in log.events for e in m.feed(ev)] + m.flush()
    masked = [e["key"] for e, o in zip(log.events, out) if o.masked and e["type"] == "key_down"]
    assert masked == list("hunter2")


def test_malformed_event_raises_and_leaves_the_masker_usable():
    m = KeyMasker(scanner=None)
    with pytest.raises(KeyLogError):
        m.feed({"t": 0, "type": "key_down"})
    assert m.feed({"t": 0, "type": "click"})[0].type == "click"


def test_flush_releases_everything():
    m = KeyMasker(scanner=None)
    for ev in Log(app="Notes").type("draft").events:
        m.feed(ev)
    assert len(m.flush()) == 10 and m.held == 0


def test_window_titles_and_urls_on_key_events_are_scrubbed() -> None:
    """A title or URL on every key event leaks like any frame's context: it is scrubbed the same way."""
    from redact.keys import KeyMasker

    from ._fake_scanner import FakeScanner

    scanner = FakeScanner()
    masker = KeyMasker(scanner=scanner)
    out = []
    for i, ch in enumerate("hello"):
        out += masker.feed({"t": float(i), "type": "key_down", "key": ch, "app": "Firefox",
                            "title": "Inbox - jane.doe@corp.com", "url": "https://mail.example/?token=Zx81Q"})
    out += masker.flush()
    assert out
    for ev in out:
        written = ev.to_dict()
        assert "jane.doe" not in str(written) and "Zx81Q" not in str(written)
        assert written["title"] == "Inbox - <EMAIL_ADDRESS>"
    calls = scanner.calls
    masker.feed({"t": 9.0, "type": "key_down", "key": "x", "app": "Firefox", "title": "Inbox - jane.doe@corp.com"})
    assert scanner.calls - calls <= 1  # the same title is not analysed again on every key


def test_without_a_scanner_titles_pass_unchanged() -> None:
    from redact.keys import KeyMasker

    masker = KeyMasker(scanner=None)
    out = masker.feed({"t": 0.0, "type": "key_down", "key": "a", "app": "Firefox", "title": "Inbox - jane.doe@corp.com"})
    out += masker.flush()
    assert all(ev.to_dict()["title"] == "Inbox - jane.doe@corp.com" for ev in out)
