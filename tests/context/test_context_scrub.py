"""Scrubbing titles, URLs, clipboard text and labels: detectors, URL structure, session memory."""

from __future__ import annotations

import json

import pytest

from redact import ContextPolicy, FrameContext, SecretMemory, UiElement
from redact.context import WITHHELD, redact_context
from redact.context._url import url_spans
from redact.text._analyzer import TextAnalyzer

EMAIL = "jane.doe@corp-mail.com"
TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/inbox?q=salary+review&page=2", "https://x.example/inbox?q=<QUERY_VALUE>&page=<QUERY_VALUE>"),
        ("https://x.example/u/jane%40corp.com/settings", "https://x.example/u/<EMAIL_ADDRESS>/settings"),
        ("https://x.example/orders/1234567/items", "https://x.example/orders/<URL_ID>/items"),
        (
            "https://x.example/doc/3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b",
            "https://x.example/doc/<URL_ID>",
        ),
        ("https://x.example/reset/aB3xQ9zLm2Np8Rt5Vw7Yk1/confirm", "https://x.example/reset/<URL_TOKEN>/confirm"),
        ("https://bob:s3cret@db.example:8443/admin", "https://<URL_CREDENTIALS>@db.example:8443/admin"),
        ("https://app.example/cb#access_token=abc.def&state=xyz", "https://app.example/cb#access_token=<QUERY_VALUE>&state=<QUERY_VALUE>"),
        ("https://app.example/#/mail/98765432", "https://app.example/#/mail/<URL_ID>"),
        ("https://docs.python.org/3/library/re.html#re.sub", "https://docs.python.org/3/library/re.html#<URL_FRAGMENT>"),
        ("https://github.com/org/repo/pull/123", "https://github.com/org/repo/pull/123"),
        ("https://en.wikipedia.org/wiki/Main_Page", "https://en.wikipedia.org/wiki/Main_Page"),
    ],
)
def test_url_structure_rules(url: str, expected: str) -> None:
    assert redact_context(FrameContext(url=url)).url == expected
    assert all(0 <= s < e <= len(url) for s, e, _ in url_spans(url))


def test_title_url_clipboard_and_labels_are_scrubbed_by_the_detectors(analyzer: TextAnalyzer) -> None:
    ctx = FrameContext(
        app="Thunderbird",
        title=f"Inbox (3) - {EMAIL} - Mail",
        url=f"https://mail.example/compose?to={EMAIL}",
        clipboard=f"export GITHUB_TOKEN={TOKEN}",
        elements=(UiElement("listitem", label=f"From {EMAIL}: lunch?"), UiElement("button", label="Reply")),
    )
    out = redact_context(ctx, analyze=analyzer.analyze)
    assert out.app == "Thunderbird"
    assert out.title == "Inbox (3) - <EMAIL_ADDRESS> - Mail"
    assert out.url == "https://mail.example/compose?to=<EMAIL_ADDRESS>"  # the detector's type wins over QUERY_VALUE
    assert out.clipboard is not None and TOKEN not in out.clipboard and "<GITHUB_TOKEN>" in out.clipboard
    assert [e.label for e in out.elements] == ["From <EMAIL_ADDRESS>: lunch?", "Reply"]
    assert {(f.field, f.entity_type) for f in out.findings} >= {
        ("title", "EMAIL_ADDRESS"),
        ("url", "EMAIL_ADDRESS"),
        ("clipboard", "GITHUB_TOKEN"),
        ("label", "EMAIL_ADDRESS"),
    }
    blob = json.dumps(out.to_dict()) + json.dumps(out.summary()) + repr(out)
    assert EMAIL not in blob and TOKEN not in blob
    assert "Inbox" not in json.dumps(out.summary()) and "Inbox" not in repr(out)


def test_secrets_found_in_the_context_are_remembered_and_found_again(analyzer: TextAnalyzer) -> None:
    memory = SecretMemory()
    redact_context(FrameContext(clipboard=f"token {TOKEN}"), analyze=analyzer.analyze, memory=memory)
    assert len(memory) == 1
    # later, a title the detectors would miss (the token cut into a sentence) is caught by the memory
    out = redact_context(FrameContext(title=f"notes: {TOKEN}."), analyze=None, memory=memory)
    assert out.title == "notes: <GITHUB_TOKEN>."


def test_a_remembered_password_is_redacted_in_title_url_path_query_and_clipboard() -> None:
    memory = SecretMemory()
    memory.remember("Tr0ub4dor&3x", "PASSWORD")
    ctx = FrameContext(
        title="reset Tr0ub4dor&3x - Portal",
        url="https://portal.example/pw/Tr0ub4dor%263x/ok",
        clipboard="Tr0ub4dor&3x",
    )
    out = redact_context(ctx, memory=memory)
    assert out.title == "reset <PASSWORD> - Portal"
    assert out.url == "https://portal.example/pw/<PASSWORD>/ok"
    assert out.clipboard == "<PASSWORD>"


def test_field_modes_keep_drop_and_the_clipboard_limit() -> None:
    ctx = FrameContext(title="Inbox - jane@x.example", url="https://x.example/?a=1", clipboard="x" * 50)
    keep = redact_context(ctx, policy=ContextPolicy(title="keep", url="drop"))
    assert keep.title == "Inbox - jane@x.example" and keep.url is None
    limited = redact_context(ctx, policy=ContextPolicy(clipboard_max_chars=10))
    assert limited.clipboard == WITHHELD
    assert [(f.field, f.entity_type) for f in limited.findings if f.field == "clipboard"] == [("clipboard", "WITHHELD")]


def test_a_deny_listed_context_is_withheld_whole() -> None:
    ctx = FrameContext(
        app="Firefox",
        title="Embarrassing search - Mozilla Firefox Private Browsing",
        url="https://search.example/?q=embarrassing",
        clipboard="anything",
        focus=UiElement("textbox", label="Search embarrassing"),
    )
    out = redact_context(ctx)
    assert out.denied == "private_window"
    assert (out.app, out.title, out.url, out.clipboard) == ("Firefox", WITHHELD, WITHHELD, WITHHELD)
    assert out.focus is not None and out.focus.label == WITHHELD
    assert "embarrassing" not in json.dumps(out.to_dict()).lower()
