"""The keystroke path with context: deny-listed windows masked, password fields, secrets carried to frames."""

from __future__ import annotations

import json

from redact import Box, FrameContext, SecretMemory
from redact.context import WITHHELD, DenyList, redact_context
from redact.keys import KeyMasker, mask_events
from redact.keys._stream import DENY_LISTED
from redact.text._analyzer import TextAnalyzer
from tests.keys._helpers import Log

from ._frames import frame, redactor

PASSWORD = "Tr0ub4dor&3x"


def _run(events: list[dict[str, object]], **kw: object) -> tuple[list[dict[str, object]], KeyMasker]:
    masker = KeyMasker(scanner=None, **kw)  # type: ignore[arg-type]
    out = [e for ev in events for e in masker.feed(ev)] + masker.flush()
    return [e.to_dict() for e in out], masker


def test_keys_typed_in_a_deny_listed_window_are_masked_and_its_title_withheld() -> None:
    log = Log(app="Firefox", title="Chase Online Banking - Transfers")
    log.add("focus_change").add("click", x=5, y=5).line("250 to savings")
    log.at(app="Code", title="notes.md - Visual Studio Code").add("focus_change").line("hello there")
    out, masker = _run(log.events)
    bank = [e for e in out if e["app"] == "Firefox"]
    typed = [e for e in bank if e["type"] in ("key_down", "key_up") and e["key"] != "Key.enter"]
    assert typed and all(e.get("masked") and e["entity_type"] == DENY_LISTED for e in typed)
    assert all(e["title"] == WITHHELD for e in bank)  # clicks and focus changes too
    assert "Chase" not in json.dumps(out) and "savings" not in json.dumps(out)
    code = [e for e in out if e["app"] == "Code" and e["type"] == "key_down"]
    assert not any(e.get("masked") for e in code) and code[0]["title"] == "notes.md - Visual Studio Code"
    assert masker.stats.reasons["deny:banking"] == 1


def test_a_url_on_the_events_is_matched_and_withheld() -> None:
    log = Log(app="Firefox", title="Dashboard", url="https://secure.chase.com/web/auth/dashboard")
    log.add("focus_change").line("memo text")
    out, _ = _run(log.events)
    assert all(e["url"] == WITHHELD for e in out)
    assert all(e.get("masked") for e in out if e["type"] == "key_down" and e["key"] != "Key.enter")


def test_private_windows_and_password_managers_are_masked_even_for_plain_text() -> None:
    for where in ({"app": "Firefox", "title": "Mozilla Firefox Private Browsing"}, {"app": "1Password", "title": "Search"}):
        out, _ = _run(Log(**where).add("focus_change").line("plain words here").events)
        assert all(e.get("masked") for e in out if e["type"] == "key_down" and e["key"] != "Key.enter")


def test_an_empty_deny_list_turns_deny_masking_off() -> None:
    log = Log(app="Firefox", title="Chase Online Banking").add("focus_change").line("plain words here")
    out, _ = _run(log.events, deny=DenyList(()))
    assert not any(e.get("masked") for e in out)
    assert mask_events(log.events, scanner=None, deny=DenyList(()))[1].masked is False
    assert mask_events(log.events, scanner=None)[1].masked is True


def test_keys_typed_while_a_password_field_has_focus_are_masked() -> None:
    log = Log(app="Firefox", title="Sign in - Example", focus={"role": "password", "label": "Password"})
    out, _ = _run(log.add("focus_change").line(PASSWORD).events)
    assert all(e.get("masked") for e in out if e["type"] == "key_down" and e["key"] != "Key.enter")


def test_a_password_typed_in_the_key_log_is_redacted_in_later_titles_urls_clipboard_and_frames(
    analyzer: TextAnalyzer,
) -> None:
    memory = SecretMemory()
    log = Log(app="Firefox", title="Sign in - Example", focus={"role": "password", "label": "Password"})
    _run(log.add("focus_change").line(PASSWORD).events, memory=memory)
    assert len(memory) == 1
    ctx = FrameContext(
        app="Notes",
        title=f"todo: rotate {PASSWORD} - Notes",
        url=f"https://wiki.example/pages/{PASSWORD}/edit",
        clipboard=PASSWORD,
    )
    scrubbed = redact_context(ctx, memory=memory)
    assert scrubbed.title == "todo: rotate <PASSWORD> - Notes"
    assert scrubbed.url == "https://wiki.example/pages/<PASSWORD>/edit"
    assert scrubbed.clipboard == "<PASSWORD>"
    r, _ = redactor(analyzer, [("pw", Box(10, 10, 30, 24)), (PASSWORD, Box(40, 10, 160, 24))])
    result = r.redact_image(frame(), memory=memory, context=ctx)
    assert [(f.entity_type, f.detector) for f in result.findings] == [("PASSWORD", "session_memory")]
    assert result.context is not None and PASSWORD not in json.dumps(result.context.to_dict())
