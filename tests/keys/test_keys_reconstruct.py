from redact.keys import parse_event, reconstruct
from redact.keys._context import ContextKind

from ._helpers import Log


def runs_of(log):
    return reconstruct([parse_event(e) for e in log.events])


def texts(log):
    return [r.text for r in runs_of(log)]


def test_shift_and_caps_lock():
    log = Log().add("key_down", key="Key.shift").press("a").press("1").add("key_up", key="Key.shift").press("b")
    log.press("Key.caps_lock").type("cd").press("Key.caps_lock").type("e").press("Key.enter")
    assert texts(log) == ["A!bCDe"]


def test_already_shifted_characters_are_kept():
    log = Log().add("key_down", key="Key.shift").press("A").press("@").add("key_up", key="Key.shift").press("Key.enter")
    assert texts(log) == ["A@"]


def test_backspace_delete_arrows_home_end():
    log = Log().type("helo").press("Key.left").type("l").press("Key.end").type("!")
    log.press("Key.home").press("Key.delete").type("H").press("Key.backspace").type("h").press("Key.enter")
    assert texts(log) == ["hello!"]


def test_ctrl_a_then_typing_replaces_everything():
    log = Log().type("wrong").combo("Key.ctrl_l", "a").type("right").press("Key.enter")
    run = runs_of(log)[0]
    assert run.text == "right"
    assert len(run.deleted) == 5


def test_ctrl_backspace_deletes_a_word():
    log = Log().type("one two").combo("Key.ctrl_l", "Key.backspace").type("three").press("Key.enter")
    assert texts(log) == ["one three"]


def test_terminal_ctrl_u_clears_the_line():
    log = Log(app="gnome-terminal-server").type("oops").combo("Key.ctrl", "u").type("ls").press("Key.enter")
    assert texts(log) == ["ls"]


def test_paste_is_inserted_and_mapped_to_its_event():
    log = Log().type("a").add("paste", text="XYZ").type("b").press("Key.enter")
    run = runs_of(log)[0]
    assert run.text == "aXYZb"
    paste_id = 2
    assert run.sources[1:4] == (paste_id,) * 3 and run.offsets[1:4] == (0, 1, 2)


def test_enter_and_tab_are_boundaries_and_clicks_start_a_new_context():
    log = Log(app="Firefox", title="Sign in").line("bob", "Key.tab").line("pw").type("x").add("click", x=1, y=2).type("y")
    runs = runs_of(log)
    assert [(r.text, r.boundary) for r in runs] == [("bob", "tab"), ("pw", "enter"), ("x", "click"), ("y", "end")]
    assert runs[0].context.kind is ContextKind.SIGN_IN


def test_every_char_maps_to_its_key_down():
    log = Log().type("ab")
    run = runs_of(log)[0]
    assert run.sources == (0, 2)
    assert set(run.events) == {0, 2}


def test_empty_enter_closes_an_empty_run():
    log = Log(app="Terminal").press("Key.enter")
    assert [(r.text, r.boundary) for r in runs_of(log)] == [("", "enter")]
