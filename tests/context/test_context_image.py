"""The image path with a recording context: deny-listed frames, secure fields, scrubbed context."""

from __future__ import annotations

import json

import numpy as np
import pytest

from redact import Box, ContextPolicy, FrameContext, InputError, Policy, SecretMemory, Status, UiElement
from redact.context import WITHHELD
from redact.text._analyzer import TextAnalyzer

from ._frames import FIELD, H, W, frame, redactor

EMAIL = "jane.doe@corp-mail.com"
TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"
SHOWN = "Tr0ub4dor&3x"


@pytest.mark.parametrize(
    ("ctx", "code"),
    [
        (FrameContext(app="KeePassXC", title="Passwords.kdbx"), "deny:password_manager"),
        (FrameContext(app="Firefox", title="Mozilla Firefox Private Browsing"), "deny:private_window"),
        (FrameContext(app="Firefox", title="Dashboard", url="https://secure.chase.com/web/auth"), "deny:banking"),
    ],
)
def test_a_deny_listed_frame_is_blanked_whole_without_ocr(analyzer: TextAnalyzer, ctx: FrameContext, code: str) -> None:
    r, ocr = redactor(analyzer, [("visible", Box(10, 10, 60, 24))])
    result = r.redact_image(frame(), context=ctx)
    assert result.status is Status.BLANKED and result.error_code == code
    assert (np.asarray(result.image) == 0).all()  # fill colour (0, 0, 0) everywhere
    assert ocr.calls == 0 and result.findings == ()
    assert result.context is not None and result.context.denied == code.split(":")[1]
    assert result.context.title == WITHHELD
    manifest = result.to_json()
    assert json.loads(manifest)["context"]["denied"] == code.split(":")[1]
    for value in (ctx.title, ctx.url):
        assert value is None or value not in manifest


def test_the_deny_list_is_editable_through_the_policy(analyzer: TextAnalyzer) -> None:
    ctx = FrameContext(app="Firefox", title="Mozilla Firefox Private Browsing")
    skip = Policy(style="fill", context=ContextPolicy(skip_deny=frozenset({"private_window"})))
    assert redactor(analyzer, policy=skip)[0].redact_image(frame(), context=ctx).status is Status.OK
    custom = Policy.from_dict({"style": "fill", "context": {"deny": [{"app": "^Signal$", "kind": "messaging"}]}})
    out = redactor(analyzer, policy=custom)[0].redact_image(frame(), context=FrameContext(app="Signal"))
    assert (out.status, out.error_code) == (Status.BLANKED, "deny:messaging")
    off = Policy(style="fill", context=ContextPolicy(default_deny=False))
    assert redactor(analyzer, policy=off)[0].redact_image(frame(), context=FrameContext(app="1Password")).status is Status.OK


@pytest.mark.parametrize(
    "ctx",
    [
        FrameContext(app="Firefox", title="Sign in", focus=UiElement("password", FIELD, "Password")),
        FrameContext(app="Safari", focus=UiElement("AXSecureTextField", FIELD)),
        FrameContext(app="Firefox", elements=(UiElement("textbox", FIELD, "Password"),)),  # "show password" on
        FrameContext(app="Terminal", focus=UiElement("textbox", FIELD), secure_input=True),
    ],
)
def test_a_secure_field_is_redacted_though_ocr_reads_nothing(analyzer: TextAnalyzer, ctx: FrameContext) -> None:
    r, _ = redactor(analyzer)  # OCR reads nothing at all
    original = frame()
    result = r.redact_image(original, context=ctx)
    out = np.asarray(result.image)
    assert result.status is Status.OK
    assert [(f.entity_type, f.detector, f.boxes) for f in result.findings] == [("PASSWORD", "secure_field", (FIELD,))]
    inside = (slice(FIELD.y0, FIELD.y1), slice(FIELD.x0, FIELD.x1))
    assert (out[inside] == 0).all() and not (original[inside] == 0).all()
    untouched = np.ones((H, W), bool)
    untouched[inside] = False
    assert (out[untouched] == original[untouched]).all()
    assert result.context is not None and result.context.secure_fields == 1


def test_secure_field_redaction_can_be_turned_off_and_bounds_are_clipped(analyzer: TextAnalyzer) -> None:
    ctx = FrameContext(focus=UiElement("password", FIELD))
    off = Policy(style="fill", context=ContextPolicy(secure_fields=False))
    assert redactor(analyzer, policy=off)[0].redact_image(frame(), context=ctx).findings == ()
    wide = FrameContext(focus=UiElement("password", Box(W - 20, H - 20, W + 500, H + 500)))
    (finding,) = redactor(analyzer)[0].redact_image(frame(), context=wide).findings
    assert finding.boxes == (Box(W - 20, H - 20, W, H),)


def test_a_password_shown_in_a_secure_field_is_remembered_for_the_session(analyzer: TextAnalyzer) -> None:
    memory = SecretMemory()
    word = Box(FIELD.x0 + 10, FIELD.y0 + 5, FIELD.x0 + 110, FIELD.y1 - 5)
    r, _ = redactor(analyzer, [(SHOWN, word), ("Password", Box(10, 45, 90, 65))])
    r.redact_image(frame(), memory=memory, context=FrameContext(focus=UiElement("textbox", FIELD, "Password")))
    assert len(memory) == 1  # the shown password, not the "Password" label
    later = redactor(analyzer)[0].redact_image(
        frame(), memory=memory, context=FrameContext(title=f"Notes - {SHOWN} - Editor")
    )
    assert later.context is not None and later.context.title == "Notes - <PASSWORD> - Editor"


def test_title_url_and_clipboard_are_scrubbed_and_returned(analyzer: TextAnalyzer) -> None:
    r, _ = redactor(analyzer)
    ctx = FrameContext(
        app="Firefox",
        title=f"Inbox - {EMAIL}",
        url="https://mail.example/inbox?session=Zx81kQ",
        clipboard=f"key {TOKEN}",
    )
    result = r.redact_image(frame(), context=ctx)
    scrubbed = result.context
    assert scrubbed is not None and scrubbed.denied is None
    assert scrubbed.title == "Inbox - <EMAIL_ADDRESS>"
    assert scrubbed.url == "https://mail.example/inbox?session=<QUERY_VALUE>"
    assert scrubbed.clipboard == "key <GITHUB_TOKEN>"
    blob = result.to_json() + repr(result) + repr(scrubbed)
    for value in (EMAIL, TOKEN, "Zx81kQ", "Inbox"):
        assert value not in blob


def test_context_and_frame_teach_each_other(analyzer: TextAnalyzer) -> None:
    """A password shown on the frame is redacted in the same frame's title; a secret remembered from
    the key log is redacted on the frame and in the clipboard."""
    memory = SecretMemory()
    pw = "Zq8!mLx2pWv"
    r, _ = redactor(analyzer, [("Password:", Box(10, 10, 80, 24)), (pw, Box(90, 10, 200, 24))])
    first = r.redact_image(frame(), memory=memory, context=FrameContext(title=f"{pw} - Notes"))
    assert [f.entity_type for f in first.findings] == ["PASSWORD"]
    assert first.context is not None and first.context.title == "<PASSWORD> - Notes"
    typed = "zQ9-private-Passphrase-77!"
    memory.remember(typed, "PASSWORD")  # as if typed in a password field earlier
    r2, _ = redactor(analyzer, [("typed:", Box(10, 10, 60, 24)), (typed, Box(70, 10, 300, 24))])
    second = r2.redact_image(frame(), memory=memory, context=FrameContext(clipboard=typed, title=f"x {TOKEN}"))
    assert [(f.entity_type, f.detector) for f in second.findings] == [("PASSWORD", "session_memory")]
    assert second.context is not None
    assert (second.context.clipboard, second.context.title) == ("<PASSWORD>", "x <GITHUB_TOKEN>")


def test_a_context_that_is_not_a_frame_context_is_an_input_error(analyzer: TextAnalyzer) -> None:
    with pytest.raises(InputError) as info:
        redactor(analyzer)[0].redact_image(frame(), context={"app": "x"})  # type: ignore[arg-type]
    assert info.value.code == "R143"


def test_without_context_results_are_unchanged(analyzer: TextAnalyzer) -> None:
    result = redactor(analyzer)[0].redact_image(frame())
    assert result.context is None and "context" not in result.to_dict()


def test_analysis_failure_blanks_and_withholds_the_context() -> None:
    class Broken:
        def analyze(self, text: str) -> list[object]:
            raise RuntimeError("boom")

    from redact import Redactor
    from redact.image._ocr import FakeOcrEngine

    r = Redactor(Policy(style="fill"), ocr=FakeOcrEngine(), analyzer=Broken())  # type: ignore[arg-type]
    result = r.redact_image(frame(), context=FrameContext(title=f"Inbox - {EMAIL}"))
    assert result.status is Status.BLANKED and result.error_code == "R322"
    assert result.context is not None and result.context.title == WITHHELD
