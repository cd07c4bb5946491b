"""Parsing the recorder's context: the JSON form, secure elements, errors that never quote values."""

from __future__ import annotations

import pytest

from redact import Box, FrameContext, InputError, UiElement

SECRET = "hunter2-Tr0ub4dor"


def test_the_json_form_parses_into_typed_objects() -> None:
    ctx = FrameContext.from_dict(
        {
            "file": "frame-1.png",
            "t": 3.5,
            "app": "Firefox",
            "title": "Sign in",
            "url": "https://x.example/login",
            "focus": {"role": "password", "bounds": [10.4, 20, 110.2, 40.9], "label": "Password"},
            "elements": [{"role": "button", "bounds": [120, 20, 160, 40], "label": "Go"}, {"role": "text"}],
            "clipboard": "copied",
            "secure_input": True,
            "recorder_field": {"anything": 1},
        }
    )
    assert ctx.app == "Firefox" and ctx.secure_input
    assert ctx.focus == UiElement("password", Box(10, 20, 111, 41), "Password")  # rounded outwards
    assert [e.role for e in ctx.elements] == ["button", "text"] and ctx.elements[1].bounds is None


@pytest.mark.parametrize(
    ("element", "secure"),
    [
        (UiElement("password"), True),
        (UiElement("AXSecureTextField"), True),
        (UiElement("textbox", label="Password"), True),  # after a "show password" toggle
        (UiElement("textbox", secure=True), True),
        (UiElement("textbox", label="Forgot password?"), False),
        (UiElement("textbox", label="Email"), False),
        (UiElement("button"), False),
    ],
)
def test_secure_elements_by_role_label_or_flag(element: UiElement, secure: bool) -> None:
    assert element.is_secure is secure


def test_secure_input_makes_the_focused_element_secure() -> None:
    focus = UiElement("textbox", Box(0, 0, 10, 10))
    assert FrameContext(focus=focus).secure_elements == ()
    assert FrameContext(focus=focus, secure_input=True).secure_elements == (focus,)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"title": 5}, "R141"),
        ({"url": ["x"]}, "R141"),
        ({"clipboard": {"v": SECRET}}, "R141"),
        ({"focus": SECRET}, "R140"),
        ({"focus": {"role": 3}}, "R141"),
        ({"focus": {"role": "password", "label": 7}}, "R141"),
        ({"elements": SECRET}, "R141"),
        ({"elements": [{"role": "x", "bounds": [1, 2, 3]}]}, "R142"),
        ({"elements": [{"role": "x", "bounds": [5, 5, 1, 1]}]}, "R142"),
        ({"elements": [{"role": "x", "bounds": ["a", 0, 1, 1]}]}, "R142"),
        ({"secure_input": "yes"}, "R141"),
        (SECRET, "R140"),
    ],
)
def test_malformed_context_raises_input_error_without_the_value(data: object, code: str) -> None:
    with pytest.raises(InputError) as info:
        FrameContext.from_dict(data)  # type: ignore[arg-type]
    assert info.value.code == code
    assert SECRET not in str(info.value)


def test_reprs_hold_no_title_url_label_or_clipboard() -> None:
    ctx = FrameContext(
        app="Firefox",
        title=f"t {SECRET}",
        url=f"https://x/{SECRET}",
        focus=UiElement("textbox", Box(0, 0, 1, 1), label=SECRET),
        elements=(UiElement("text", label=SECRET),),
        clipboard=SECRET,
    )
    assert SECRET not in repr(ctx)
